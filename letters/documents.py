"""The printed letters and badges: what each shows, read from the current data, and their PDFs.

    letters_pdf(letters, request=...) -> bytes   one or many invitation letters, each starting on a new page
    badges_pdf(delegation, who=..., item=...) -> bytes   A6 name badges, four to an A4 sheet

Both render through the documents' one PDF renderer (`visits.documents.pdf.render_pdf`), so nothing in a
document can make WeasyPrint fetch from the network or the disk; the logo and QR codes are data URIs.
"""

from dataclasses import dataclass, field

from django.utils import timezone, translation

from delegations.enums import Language
from delegations.models import Delegation, Member
from visits.documents.pdf import render_pdf
from visits.exports.pdf import qr_code_data_uri
from visits.models import ProgrammeItem

from .logo import logo_data_uri
from .models import InvitationLetter, Letterhead, check_url

LETTER_STYLESHEETS = ("letters/letter.css",)
BADGE_STYLESHEETS = ("letters/badges.css",)
BADGES_PER_SHEET = 4


def letter_languages(member: Member) -> list[str]:
    """German, and the member's preferred language beside it unless that is German."""
    if member.preferred_language == Language.GERMAN or member.preferred_language not in Language.values:
        return [Language.GERMAN]
    return [Language.GERMAN, member.preferred_language]


@dataclass
class LetterVersion:
    """The letter's text in one language: the values that differ between the columns."""

    code: str
    name: str
    function: str
    delegation_title: str
    partnership_name: str
    purpose: str


@dataclass
class PrintedLetter:
    letter: InvitationLetter
    member: Member
    delegation: Delegation
    check_url: str
    qr_code: str
    versions: list[LetterVersion] = field(default_factory=list)


def _purpose(letter: InvitationLetter, language: str) -> str:
    given = letter.purpose_de if language == Language.GERMAN else letter.purpose_translated
    return given.strip() or letter.member.delegation.title


def _version(letter: InvitationLetter, language: str) -> LetterVersion:
    member = letter.member
    with translation.override(language):
        # Translated fields answer in the active language, with the project's fallbacks.
        return LetterVersion(
            code=language,
            name=member.name_in(language),
            function=member.function,
            delegation_title=member.delegation.title,
            partnership_name=member.delegation.partnership.name,
            purpose=_purpose(letter, language),
        )


def printed_letter(letter: InvitationLetter, request=None) -> PrintedLetter:
    url = check_url(letter.code, request)
    return PrintedLetter(
        letter=letter,
        member=letter.member,
        delegation=letter.member.delegation,
        check_url=url,
        qr_code=qr_code_data_uri(url),
        versions=[_version(letter, language) for language in letter_languages(letter.member)],
    )


def letters_pdf(
    letters: list[InvitationLetter], *, letterhead: Letterhead | None = None, request=None
) -> bytes:
    """The letters as one PDF, each on its own pages (select_related member, delegation, partnership).

    The request, where there is one, decides the check pages' address in debug mode (`core.links`).
    """
    letterhead = letterhead or Letterhead.current()
    with translation.override(Language.GERMAN):
        return render_pdf(
            "letters/letters_pdf.html",
            {
                "letterhead": letterhead,
                "logo": logo_data_uri(letterhead),
                "letters": [printed_letter(letter, request) for letter in letters],
            },
            stylesheets=LETTER_STYLESHEETS,
        )


@dataclass
class Badge:
    name: str
    original_name: str
    functions: list[str]
    organisation: str


def _distinct(*texts: str) -> list[str]:
    return [text for text in dict.fromkeys(text.strip() for text in texts) if text]


def member_badge(member: Member, partner_region: str) -> Badge:
    organisation = member.organisation.name if member.organisation else ""
    return Badge(
        name=member.full_name,
        original_name=member.original_name if member.original_name != member.full_name else "",
        functions=_distinct(
            member.function_de or "", getattr(member, f"function_{member.preferred_language}", "") or ""
        ),
        organisation=", ".join(_distinct(organisation, partner_region)),
    )


def host_badge(contact) -> Badge:
    return Badge(
        name=contact.full_name,
        original_name="",
        functions=_distinct(contact.function_de or "", contact.function_uk or ""),
        organisation=contact.organisation.name if contact.organisation else "",
    )


BADGE_MEMBERS = "members"
BADGE_HOSTS = "hosts"


def badge_people(delegation: Delegation, *, who: str, item: ProgrammeItem | None) -> list[Badge]:
    """Badges of the delegation's members (of `item`'s participants, if it names any), or of the hosts of
    the delegation's programme (of `item` alone, if given)."""
    from delegations.models import Contact

    if who == BADGE_HOSTS:
        items = ProgrammeItem.objects.filter(pk=item.pk) if item else delegation.programme_items.all()
        hosts = (
            Contact.objects.filter(hosted_items__in=items)
            .distinct()
            .select_related("organisation")
            .order_by("last_name", "first_name", "pk")
        )
        return [host_badge(contact) for contact in hosts]
    members = delegation.members.active().select_related("organisation")
    if item is not None:
        chosen = members.filter(programme_items=item)
        if chosen.exists():
            members = chosen
    region = delegation.partnership.partner_region
    return [
        member_badge(member, region) for member in members.order_by("-is_head", "last_name", "first_name")
    ]


def event_titles(delegation: Delegation, item: ProgrammeItem | None) -> list[str]:
    """The event's name in German and Ukrainian (once, when both read the same)."""
    source = item or delegation
    return _distinct(source.title_de or source.title or "", source.title_uk or "")


def badges_pdf(delegation: Delegation, *, who: str, item: ProgrammeItem | None = None) -> bytes:
    badges = badge_people(delegation, who=who, item=item)
    sheets = [badges[start : start + BADGES_PER_SHEET] for start in range(0, len(badges), BADGES_PER_SHEET)]
    letterhead = Letterhead.current()
    with translation.override(Language.GERMAN):
        return render_pdf(
            "letters/badges_pdf.html",
            {
                "sheets": sheets,
                "event_titles": event_titles(delegation, item),
                "letterhead": letterhead,
                "logo": logo_data_uri(letterhead),
                "delegation": delegation,
                "printed_at": timezone.now(),
            },
            stylesheets=BADGE_STYLESHEETS,
        )
