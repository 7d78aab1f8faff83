"""Is a delegation's working programme ready to release? What would reach guests wrongly, before it does.

`check(delegation)` lists findings, each blocking or a warning, with a German text naming the item or member
and the admin page where it is fixed. `visits.releases.release_programme` refuses while blocking findings
exist, unless a planner accepts them with a reason; the release keeps what was accepted and why.

Blocking (a guest would be told something wrong, or nothing):
- a hard conflict (an error of `visits.conflicts`): a member or host in two places, an item outside the stay,
  an interpreter without the language;
- a text a member will read that is not in their language (`visits.content_language`, the rule the pages
  use to mark it): title, description, transport note or dress code of a guest-visible item, cancelled ones
  included since guests see them struck through; one finding per item and language;
- an active member no channel reaches (`visits.notices.channels_for` is empty);
- a held-back item (a public item of a visit that withholds times and places until the item is over) whose
  free text names its own venue or address, or the venue of another held-back item.

Warnings (may be intended): soft conflicts; guest-visible items without a venue (free time needs none); a
member whose chosen channel does not work, so another is used; a member who never opened their link.

The check reads a fixed number of queries, whatever the size of the visit; `check_visits` checks several
visits in that same number (the planner's start page).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from delegations.enums import Language
from delegations.models import Delegation, Member

from . import notices
from .conflicts import ConflictSeverity, find_conflicts_of_visits
from .content_language import gaps
from .enums import ItemKind, ItemStatus, Visibility
from .models import GuestAccess, ProgrammeItem
from .models.releases import NoticeChannel

# The translated fields guests read of an item, in the order findings name them.
GUEST_TEXT_FIELDS = ("title", "description", "transport_note", "dress_code")
# The free text of an item that might give a held-back place away.
FREE_TEXT_FIELDS = ("title", "description", "transport_note")
LANGUAGES = ("de", "uk", "en")
# Kinds of items that need no venue: free time is the absence of programme.
KINDS_WITHOUT_VENUE = frozenset({ItemKind.FREE_TIME})
# Names and streets shorter than this are not looked for in texts: they would match ordinary words.
SHORTEST_PLACE_TERM = 4
# "Nassauerallee 3" is written "an der Nassauerallee" too: the street without its number.
HOUSE_NUMBER = re.compile(r"\s+\d+\s*[a-zA-Z]?(\s*[-–/]\s*\d+\s*[a-zA-Z]?)?$")


class Severity(models.TextChoices):
    BLOCKING = "blocking", _("blockiert die Freigabe")
    WARNING = "warning", _("Warnung")


BLOCKING, WARNING = Severity.BLOCKING, Severity.WARNING


class Code(models.TextChoices):
    """What a finding is about; stable, for scripts (`manage.py release_readiness`) and the release record."""

    HARD_CONFLICT = "hard_conflict", _("Konflikt im Programm")
    MISSING_TRANSLATION = "missing_translation", _("Text fehlt in der Sprache der Leser")
    UNREACHABLE_MEMBER = "unreachable_member", _("Mitglied nicht erreichbar")
    HELD_BACK_PLACE_NAMED = "held_back_place_named", _("zurückgehaltener Ort im Text genannt")
    SOFT_CONFLICT = "soft_conflict", _("Hinweis im Programm")
    NO_VENUE = "no_venue", _("Programmpunkt ohne Ort")
    CHANNEL_FALLBACK = "channel_fallback", _("gewählter Kanal funktioniert nicht")
    LINK_NEVER_OPENED = "link_never_opened", _("persönlichen Link nie geöffnet")


CODE_ORDER = {code: index for index, code in enumerate(Code)}


@dataclass(frozen=True)
class Finding:
    """One thing that would reach guests wrongly: how bad, what kind, in words, and where it is fixed."""

    kind: Severity
    code: str
    text: str
    url: str
    # What the finding is about ("item:12:uk", "member:5"): with the code, a key that stays the same while
    # the finding does, so a planner's acceptance can be matched against the findings at release time.
    subject: str = ""
    # The readers' language of a missing translation, for the count per language.
    language: str = ""

    @property
    def key(self) -> str:
        return f"{self.code}:{self.subject}"

    @property
    def is_blocking(self) -> bool:
        return self.kind == BLOCKING

    @property
    def kind_label(self) -> str:
        return str(Severity(self.kind).label)

    @property
    def code_label(self) -> str:
        return str(Code(self.code).label)

    def as_line(self, site_url: str = "") -> str:
        """One line for a terminal: BLOCKING or WARNING, the code, the text and where it is fixed."""
        label = "BLOCKING" if self.is_blocking else "WARNING"
        return f"{label} {self.code} {self.text} <{site_url}{self.url}>"

    def as_record(self) -> dict:
        """As a release keeps an accepted finding (`ProgrammeRelease.accepted_findings`)."""
        return {"code": self.code, "text": self.text, "url": self.url}


def blocking(findings) -> list[Finding]:
    return [finding for finding in findings if finding.is_blocking]


def warnings(findings) -> list[Finding]:
    return [finding for finding in findings if not finding.is_blocking]


def translation_gaps_by_language(findings) -> list[tuple[str, int]]:
    """How many texts are missing in each readers' language: [(language name, count)], in Language order."""
    counts = Counter(f.language for f in findings if f.code == Code.MISSING_TRANSLATION)
    return [(str(language.label), counts[language.value]) for language in Language if counts[language.value]]


def check(delegation: Delegation, *, now=None) -> list[Finding]:
    """Everything in the working programme that would reach guests wrongly: blocking findings first."""
    return check_visits([delegation], now=now)[delegation.pk]


def check_visits(delegations, *, now=None) -> dict[int, list[Finding]]:
    """`check` of several visits, by delegation key, in the same fixed number of queries as one."""
    delegations = list(delegations)
    now = now or timezone.now()
    keys = [delegation.pk for delegation in delegations]
    members: dict[int, list] = defaultdict(list)
    for member in (
        Member.objects.filter(delegation__in=keys).active().order_by("last_name", "first_name", "pk")
    ):
        members[member.delegation_id].append(member)
    items = ProgrammeItem.objects.filter(
        delegation__in=keys, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC]
    )
    items_of: dict[int, list] = defaultdict(list)
    for item in items.select_related("venue").in_order():
        items_of[item.delegation_id].append(item)
    rows = ProgrammeItem.participants.through.objects.filter(programmeitem__in=items.values("pk"))
    chosen: dict[int, set[int]] = defaultdict(set)
    for item_id, member_id in rows.values_list("programmeitem_id", "member_id"):
        chosen[item_id].add(member_id)
    links: dict[int, list] = defaultdict(list)
    rows = GuestAccess.objects.filter(delegation__in=keys, member__isnull=False)
    for member_id, last_used_at in rows.values_list("member_id", "last_used_at"):
        links[member_id].append(last_used_at)
    conflicts = find_conflicts_of_visits(delegations)
    return {
        delegation.pk: _Check(
            delegation,
            now=now,
            members=members[delegation.pk],
            items=items_of[delegation.pk],
            chosen=chosen,
            links=links,
            conflicts=conflicts[delegation.pk],
        ).run()
        for delegation in delegations
    }


class _Check:
    """One visit's findings from what `check_visits` read for it (`chosen` and `links` may hold others')."""

    def __init__(self, delegation: Delegation, *, now, members, items, chosen, links, conflicts) -> None:
        self.delegation = delegation
        self.now = now
        self.findings: list[Finding] = []
        self.programme_url = reverse("admin:delegations_delegation_programme", args=[delegation.pk])
        self.members, self.items, self.chosen = members, items, chosen
        self.links, self.conflicts = links, conflicts

    def run(self) -> list[Finding]:
        self._conflicts()
        self._translations()
        self._channels()
        self._held_back_places()
        self._venues()
        self._links()
        self.findings.sort(key=lambda finding: (not finding.is_blocking, CODE_ORDER[finding.code]))
        return self.findings

    def _add(self, kind, code, text, url, subject="", language="") -> None:
        self.findings.append(Finding(kind, code, text, url, subject=subject, language=language))

    # -- Words and places ------------------------------------------------------------------------------------

    def _when(self, item: ProgrammeItem) -> str:
        return formats.date_format(timezone.localtime(item.starts_at), "SHORT_DATETIME_FORMAT")

    def _item_name(self, item: ProgrammeItem) -> str:
        return gettext("„%(title)s“ (%(when)s)") % {"title": item.title, "when": self._when(item)}

    @staticmethod
    def _item_url(item: ProgrammeItem) -> str:
        return reverse("admin:visits_programmeitem_change", args=[item.pk])

    @staticmethod
    def _member_url(member) -> str:
        return reverse("admin:delegations_member_change", args=[member.pk])

    def _readers(self, item: ProgrammeItem) -> list:
        """The active members who will see the item: its participants, or everyone when none are chosen."""
        chosen = self.chosen.get(item.pk)
        return [member for member in self.members if not chosen or member.pk in chosen]

    # -- The checks ------------------------------------------------------------------------------------------

    def _conflicts(self) -> None:
        for conflict in self.conflicts:
            hard = conflict.severity == ConflictSeverity.ERROR
            subject = ":".join(
                [
                    conflict.kind,
                    "-".join(str(item.pk) for item in conflict.items),
                    "-".join(str(person.pk) for person in (*conflict.members, *conflict.contacts)),
                ]
            )
            self._add(
                BLOCKING if hard else WARNING,
                Code.HARD_CONFLICT if hard else Code.SOFT_CONFLICT,
                conflict.message,
                self.programme_url,
                subject=subject,
            )

    def _translations(self) -> None:
        labels = {name: ProgrammeItem._meta.get_field(name).verbose_name for name in GUEST_TEXT_FIELDS}
        for item in self.items:
            readers = Counter(member.preferred_language for member in self._readers(item))
            for language in Language:
                count = readers[language.value]
                missing = gaps(item, GUEST_TEXT_FIELDS, language.value) if count else []
                if not missing:
                    continue
                text = ngettext(
                    "%(item)s: kein Text auf %(language)s für %(fields)s; "
                    "%(count)d Mitglied liest %(language)s.",
                    "%(item)s: kein Text auf %(language)s für %(fields)s; "
                    "%(count)d Mitglieder lesen %(language)s.",
                    count,
                ) % {
                    "item": self._item_name(item),
                    "fields": ", ".join(str(labels[name]) for name in missing),
                    "language": language.label,
                    "count": count,
                }
                self._add(
                    BLOCKING,
                    Code.MISSING_TRANSLATION,
                    text,
                    self._item_url(item),
                    subject=f"item:{item.pk}:{language.value}",
                    language=language.value,
                )

    def _channels(self) -> None:
        for member in self.members:
            used = notices.channels_for(member)
            if not used:
                text = gettext(
                    "%(name)s erfährt von keiner Freigabe: weder eine E-Mail-Adresse noch ein nutzbarer "
                    "Messenger ist eingetragen."
                ) % {"name": member.full_name}
                self._add(
                    BLOCKING,
                    Code.UNREACHABLE_MEMBER,
                    text,
                    self._member_url(member),
                    subject=f"member:{member.pk}",
                )
                continue
            failing = [c for c in notices.chosen_channels(member) if c not in notices.usable_channels(member)]
            if failing:
                text = gettext(
                    "%(name)s möchte über %(chosen)s benachrichtigt werden, das geht nicht; die Mitteilung "
                    "geht über %(used)s."
                ) % {
                    "name": member.full_name,
                    "chosen": ", ".join(str(NoticeChannel(c).label) for c in failing),
                    "used": ", ".join(str(NoticeChannel(c).label) for c in used),
                }
                self._add(
                    WARNING,
                    Code.CHANNEL_FALLBACK,
                    text,
                    self._member_url(member),
                    subject=f"member:{member.pk}",
                )

    def _held_back_places(self) -> None:
        if not self.delegation.withhold_public_details:
            return
        held_back = [
            item
            for item in self.items
            if item.visibility == Visibility.PUBLIC
            and item.status != ItemStatus.CANCELLED
            and not item.is_over(self.now)
        ]
        venue_names = {item.venue_id: _names(item.venue) for item in held_back if item.venue is not None}
        for item in held_back:
            own = item.venue
            terms = {*venue_names.get(item.venue_id, ()), *(_streets(own) if own else ())}
            for venue_id, names in venue_names.items():
                if venue_id != item.venue_id:
                    terms |= names
            named, where = _terms_in(item, terms)
            if not named:
                continue
            text = gettext(
                "%(item)s ist öffentlich, Zeit und Ort bleiben bis zum Ende zurückgehalten, aber der Text "
                "(%(fields)s) nennt %(terms)s."
            ) % {
                "item": self._item_name(item),
                "fields": ", ".join(where),
                "terms": ", ".join(f"„{term}“" for term in named),
            }
            self._add(
                BLOCKING,
                Code.HELD_BACK_PLACE_NAMED,
                text,
                self._item_url(item),
                subject=f"item:{item.pk}",
            )

    def _venues(self) -> None:
        for item in self.items:
            if item.venue_id is None and item.kind not in KINDS_WITHOUT_VENUE and not item.is_cancelled:
                text = gettext("%(item)s hat keinen Ort: die Gäste sehen nicht, wohin sie gehen.") % {
                    "item": self._item_name(item)
                }
                self._add(WARNING, Code.NO_VENUE, text, self._item_url(item), subject=f"item:{item.pk}")

    def _links(self) -> None:
        for member in self.members:
            used = self.links.get(member.pk)
            if used and any(used):
                continue
            if used:
                text = gettext("%(name)s hat den persönlichen Link noch nie geöffnet.")
            else:
                text = gettext(
                    "%(name)s hat noch keinen persönlichen Link (die Mitteilung der Freigabe bringt einen)."
                )
            self._add(
                WARNING,
                Code.LINK_NEVER_OPENED,
                text % {"name": member.full_name},
                self._member_url(member),
                subject=f"member:{member.pk}",
            )


def _names(venue) -> set[str]:
    names = {(getattr(venue, f"name_{code}", "") or "").strip() for code in LANGUAGES}
    return {name for name in names if len(name) >= SHORTEST_PLACE_TERM}


def _streets(venue) -> set[str]:
    street = (venue.street or "").strip()
    terms = {street, HOUSE_NUMBER.sub("", street).strip()}
    return {term for term in terms if len(term) >= SHORTEST_PLACE_TERM}


def _terms_in(item: ProgrammeItem, terms: set[str]) -> tuple[list[str], list[str]]:
    """Which terms the item's free text names (in any language, case-insensitive), and in which fields."""
    labels = {name: ProgrammeItem._meta.get_field(name).verbose_name for name in FREE_TEXT_FIELDS}
    named: set[str] = set()
    where: list[str] = []
    for name in FREE_TEXT_FIELDS:
        for code in LANGUAGES:
            text = (getattr(item, f"{name}_{code}", "") or "").casefold()
            found = {term for term in terms if term.casefold() in text}
            if found:
                named |= found
                where.append(f"{labels[name]} ({code})")
    # "Nassauerallee" found inside "Nassauerallee 3" is one mention.
    named = {t for t in named if not any(t != o and t.casefold() in o.casefold() for o in named)}
    return sorted(named, key=str.casefold), where
