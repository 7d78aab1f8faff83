"""The kinds of rows in the demo's data files: each one's model, the fields that find a row (its natural key),
and for the few that the domain makes through a service of its own, how (photos, receipts, letters, releases).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models

from delegations.enums import Language
from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from followup.models import Action, Outcome
from funding.models import BudgetLine, Cost, DailyRate, DelegationFunding, FundingProgramme
from funding.receipts import check_receipt, download_name
from letters.models import InvitationLetter, Letterhead
from letters.services import issue_letter
from press import images
from press.models import EventPage, Photo
from protocol.models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table
from visits.models import CompanyAppointment, ProgrammeItem, ProgrammeRelease, Venue
from visits.releases import release_programme

from . import drawings


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    key: tuple[str, ...]
    # Names the data uses for a field (`start` for `starts_at`).
    aliases: dict[str, str] = field(default_factory=dict)
    # Keys of a row that its `make` reads itself, rather than as model columns.
    made_from: tuple[str, ...] = ()
    # How a new row comes into being (given the unsaved instance), when not by `full_clean` and `save`.
    make: Callable | None = None
    # For a kind whose rows are handled together (releases).
    load_rows: Callable | None = None


def make_photo(loader, photo: Photo, row: dict) -> Photo:
    """Drawn, then checked, stored and prepared as a photo uploaded in the admin is."""
    upload = ContentFile(drawings.as_jpeg(drawings.draw(row["drawing"])), name=row["filename"])
    images.check_upload(upload)
    photo.image = upload
    photo.full_clean()
    photo.save()
    images.make_renditions(photo)  # pages show renditions only, never the original
    return photo


def make_cost(loader, cost: Cost, row: dict) -> Cost:
    """A cost with its receipt drawn (PDF or PNG, by the file's name) and checked as an upload is."""
    filename = row["receipt"]
    if filename.endswith(".pdf"):
        from visits.documents.pdf import render_pdf  # WeasyPrint: only when a receipt is drawn

        content = render_pdf("demo/receipt.html", {"cost": cost})
    else:
        content = drawings.receipt_png(
            payee=cost.payee, spent_on=cost.spent_on, description=cost.description, amount=cost.amount
        )
    upload = ContentFile(content, name=filename)
    upload.name = download_name(filename, check_receipt(upload))
    cost.receipt, cost.receipt_name = upload, upload.name
    cost.full_clean()
    cost.save()
    return cost


def make_letter(loader, letter: InvitationLetter, row: dict) -> InvitationLetter:
    """Issued by the letters' service (the next reference), with the purpose in the member's language."""
    letter = issue_letter(member=letter.member, now=loader.now)
    purpose = loader.text(row["purpose"])
    language = letter.member.preferred_language
    letter.purpose_de = purpose[Language.GERMAN]
    letter.purpose_translated = "" if language == Language.GERMAN else purpose[language]
    letter.full_clean()
    letter.save(update_fields=["purpose_de", "purpose_translated"])
    return letter


def load_releases(loader, kind: Kind, rows: list[dict]) -> None:
    """Release the programme as the data says, telling no one (the guests are fictional).

    Before each release come the rows it brings and the changes it shows (`new_in_release`,
    `changed_in_release`). A delegation that had a release before this seeding keeps its releases as they are.
    """
    had_releases: dict[int, bool] = {}
    for row in sorted(rows, key=lambda row: row["version"]):
        try:
            values, _relations = loader.columns(kind, row)
        except loader.Skipped as error:  # the delegation itself was skipped
            loader.skip(kind.model, row, str(error))
            continue
        delegation, version = values["delegation"], values["version"]
        if delegation.pk not in had_releases:
            had_releases[delegation.pk] = delegation.programme_releases.exists()
        loader.due_for_release(version)
        if had_releases[delegation.pk]:
            loader.report.existing[ProgrammeRelease] += 1
            release = delegation.programme_releases.filter(version=version).first()
        else:
            release = release_programme(
                delegation=delegation,
                note=values.get("note_de", ""),
                note_uk=values.get("note_uk", ""),
                note_en=values.get("note_en", ""),
                notify=False,
            )
            loader.report.created[ProgrammeRelease] += 1
        if release is not None:
            loader.report.rows[loader.file].append(release)


KINDS = {
    "topic": Kind(Topic, key=("name_de",)),
    "partnership": Kind(Partnership, key=("name_de",)),
    "organisation": Kind(Organisation, key=("name",)),
    "contact": Kind(Contact, key=("first_name", "last_name", "organisation")),
    "venue": Kind(Venue, key=("name_de", "city")),
    "delegation": Kind(Delegation, key=("slug",)),
    "member": Kind(Member, key=("delegation", "first_name", "last_name")),
    "item": Kind(
        ProgrammeItem, key=("delegation", "title_de"), aliases={"start": "starts_at", "end": "ends_at"}
    ),
    "appointment": Kind(CompanyAppointment, key=("delegation", "company", "topic")),
    "release": Kind(ProgrammeRelease, key=("delegation", "version"), load_rows=load_releases),
    "photo": Kind(Photo, key=("alt_text_de", "credit"), made_from=("drawing", "filename"), make=make_photo),
    "page": Kind(EventPage, key=("slug",)),
    "precedence": Kind(PrecedenceEntry, key=("delegation", "member", "contact")),
    "seating_plan": Kind(SeatingPlan, key=("programme_item",)),
    "table": Kind(Table, key=("plan", "number")),
    "seat": Kind(Seat, key=("plan", "member", "contact", "name")),
    "speech": Kind(Speech, key=("programme_item", "position")),
    "gift": Kind(Gift, key=("delegation", "description")),
    "funding_programme": Kind(FundingProgramme, key=("name",)),
    "daily_rate": Kind(DailyRate, key=("programme", "country", "valid_from")),
    "funding": Kind(DelegationFunding, key=("delegation",)),
    "budget_line": Kind(BudgetLine, key=("funding", "category")),
    "cost": Kind(Cost, key=("line", "spent_on", "description"), made_from=("receipt",), make=make_cost),
    "outcome": Kind(Outcome, key=("appointment", "programme_item", "text")),
    "action": Kind(Action, key=("delegation", "title")),
    "letterhead": Kind(Letterhead, key=("id",)),
    "letter": Kind(InvitationLetter, key=("member",), made_from=("purpose",), make=make_letter),
}
