"""Per visit and language, every text guests read that is missing or older than its German source.

Guests read (`templates/guest/`, the notices): the delegation's title and summary; title, description,
transport note and dress code of every item meant for guests (cancelled ones too, they see them struck
through); the names of the items' venues and of the members' hotels; the function of the items' hosts and
of the guests' contact person; the members' own functions; the note of the latest release. Each such text
is a `Text` in one target language, its state one of:

- missing: there is German, but no translation;
- outdated: the translation was made from another German text than the one now (`core.translation_sources`);
- done: translated from the German text now, or from one nothing is known against.

`work_lists(delegations, languages)` reads all of it for several visits in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translation_sources import SOURCE_LANGUAGE, TARGET_LANGUAGES, column, sources_of
from delegations.models import Contact, Delegation, Member

from ..enums import Visibility
from ..models import ProgrammeItem, ProgrammeRelease, Venue

LANGUAGES = TARGET_LANGUAGES  # ("uk", "en")


class State(models.TextChoices):
    MISSING = "missing", _("fehlt")
    OUTDATED = "outdated", _("veraltet")
    DONE = "done", _("übersetzt")


# What guests read of each kind of object, in the order the page shows them.
FIELDS: dict[type, tuple[str, ...]] = {
    Delegation: ("title", "summary"),
    ProgrammeItem: ("title", "description", "transport_note", "dress_code"),
    Venue: ("name",),
    Contact: ("function",),
    Member: ("function",),
    ProgrammeRelease: ("note",),
}
# Models whose translations an editor may change, by the permission it takes.
CHANGE_PERMISSIONS = {model: f"{model._meta.app_label}.change_{model._meta.model_name}" for model in FIELDS}


def unit_id(obj, field: str) -> str:
    """A text's stable name, in XLIFF files and forms: `visits.programmeitem.12.title`."""
    return f"{obj._meta.label_lower}.{obj.pk}.{field}"


@dataclass
class Text:
    """One text guests read, in one target language."""

    obj: models.Model
    field: str
    language: str
    subject: str  # which object, in words: "Programmpunkt „Begrüßung“ (17.11.2025 10:00)"
    recorded_source: str | None  # the German text the translation was made from, if recorded

    @property
    def id(self) -> str:
        return unit_id(self.obj, self.field)

    @property
    def german(self) -> str:
        return getattr(self.obj, column(self.field, SOURCE_LANGUAGE)) or ""

    @property
    def translation(self) -> str:
        return getattr(self.obj, column(self.field, self.language)) or ""

    @property
    def state(self) -> str:
        if not self.translation:
            return State.MISSING
        if self.recorded_source is not None and self.recorded_source != self.german:
            return State.OUTDATED
        return State.DONE

    @property
    def old_german(self) -> str:
        """The German the outdated translation was made from ("" unless outdated)."""
        return (self.recorded_source or "") if self.state == State.OUTDATED else ""

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)

    @property
    def field_label(self) -> str:
        return str(type(self.obj)._meta.get_field(self.field).verbose_name)

    @property
    def multiline(self) -> bool:
        return isinstance(type(self.obj)._meta.get_field(self.field), models.TextField)

    @property
    def max_length(self) -> int | None:
        return type(self.obj)._meta.get_field(self.field).max_length

    @property
    def change_permission(self) -> str:
        return CHANGE_PERMISSIONS[type(self.obj)]


@dataclass
class WorkList:
    """One visit's texts in one language."""

    delegation: Delegation
    language: str
    texts: list[Text]
    readers: int = 0  # active members who read this language

    @property
    def open(self) -> list[Text]:
        """Missing and outdated texts, the work to do."""
        return [text for text in self.texts if text.state != State.DONE]

    def count(self, state: str) -> int:
        return sum(1 for text in self.texts if text.state == state)

    @property
    def missing(self) -> int:
        return self.count(State.MISSING)

    @property
    def outdated(self) -> int:
        return self.count(State.OUTDATED)

    @property
    def done(self) -> int:
        return self.count(State.DONE)

    def by_id(self) -> dict[str, Text]:
        return {text.id: text for text in self.texts}


def _when(item) -> str:
    return formats.date_format(timezone.localtime(item.starts_at), "SHORT_DATETIME_FORMAT")


def _subjects(delegation, items, venues, hosts, members, release) -> list[tuple[models.Model, str]]:
    """Each object guests read texts of, once, with its name in words, in the page's order."""
    subjects: list[tuple[models.Model, str]] = [
        (delegation, gettext("Delegation „%(title)s“") % {"title": delegation.title_de or delegation.title})
    ]
    for item in items:
        subjects.append(
            (
                item,
                gettext("Programmpunkt „%(title)s“ (%(when)s)")
                % {"title": item.title_de or item.title, "when": _when(item)},
            )
        )
    for venue in venues:
        subjects.append((venue, gettext("Ort „%(name)s“") % {"name": venue.name_de or venue.name}))
    for contact in hosts:
        subjects.append((contact, gettext("Ansprechperson %(name)s") % {"name": contact.full_name}))
    for member in members:
        subjects.append((member, gettext("Mitglied %(name)s") % {"name": member.full_name}))
    if release is not None:
        subjects.append(
            (release, gettext("Notiz der Freigabe, Version %(version)d") % {"version": release.version})
        )
    return subjects


def work_lists(delegations, languages=LANGUAGES) -> dict[int, dict[str, WorkList]]:
    """{delegation pk: {language: WorkList}} for `delegations`, in a fixed number of queries."""
    delegations = list(delegations)
    keys = [delegation.pk for delegation in delegations]
    items_of: dict[int, list] = defaultdict(list)
    items = (
        ProgrammeItem.objects.filter(
            delegation__in=keys, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC]
        )
        .select_related("venue")
        .in_order()
    )
    for item in items:
        items_of[item.delegation_id].append(item)
    delegation_of = {item.pk: item.delegation_id for items in items_of.values() for item in items}
    hosts_of: dict[int, dict[int, Contact]] = defaultdict(dict)
    rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=list(delegation_of))
    for row in rows.select_related("contact").order_by(
        "contact__last_name", "contact__first_name", "contact"
    ):
        hosts_of[delegation_of[row.programmeitem_id]][row.contact_id] = row.contact
    members_of: dict[int, list] = defaultdict(list)
    members = Member.objects.filter(delegation__in=keys).active().select_related("hotel")
    for member in members.order_by("last_name", "first_name", "pk"):
        members_of[member.delegation_id].append(member)
    releases: dict[int, ProgrammeRelease] = {}
    for release in ProgrammeRelease.objects.filter(delegation__in=keys).order_by("delegation", "-version"):
        releases.setdefault(release.delegation_id, release)
    contacts = Contact.objects.in_bulk(
        {delegation.host_contact_id for delegation in delegations if delegation.host_contact_id}
    )

    subjects_of = {}
    for delegation in delegations:
        items = items_of[delegation.pk]
        venues = {item.venue_id: item.venue for item in items if item.venue_id}
        for member in members_of[delegation.pk]:
            if member.hotel_id:
                venues.setdefault(member.hotel_id, member.hotel)
        hosts = dict(hosts_of[delegation.pk])
        if delegation.host_contact_id in contacts:
            hosts.setdefault(delegation.host_contact_id, contacts[delegation.host_contact_id])
        subjects_of[delegation.pk] = _subjects(
            delegation,
            items,
            sorted(venues.values(), key=lambda venue: (venue.name_de or venue.name, venue.pk)),
            hosts.values(),
            members_of[delegation.pk],
            releases.get(delegation.pk),
        )
    sources = sources_of(obj for subjects in subjects_of.values() for obj, _subject in subjects)

    result: dict[int, dict[str, WorkList]] = {}
    for delegation in delegations:
        result[delegation.pk] = {}
        for language in languages:
            texts = []
            for obj, subject in subjects_of[delegation.pk]:
                ct = ContentType.objects.get_for_model(type(obj)).pk
                for field in FIELDS[type(obj)]:
                    if not getattr(obj, column(field, SOURCE_LANGUAGE)):
                        continue  # nothing in German, nothing to translate
                    texts.append(
                        Text(obj, field, language, subject, sources.get((ct, obj.pk, field, language)))
                    )
            readers = sum(1 for member in members_of[delegation.pk] if member.preferred_language == language)
            result[delegation.pk][language] = WorkList(delegation, language, texts, readers)
    return result


def work_list(delegation: Delegation, language: str) -> WorkList:
    return work_lists([delegation], [language])[delegation.pk][language]
