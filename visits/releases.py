"""Releasing a delegation's programme as pretalx releases schedules: a version, a changelog, change notices.

Design:
- Staff edit `ProgrammeItem`s freely; nothing they do reaches guests until `release_programme` runs. It copies
  every guest-visible item (visibility guests or public) into `ReleasedItem`s of a new `ProgrammeRelease` with
  `bulk_create`, so the copies write no change history of their own.
- The changelog compares the new version with the previous one item by item (by the copies' origin item) and
  lists, per item: new, dropped, time changed, place changed, status changed. Each entry names the members it
  concerns: an item's participants, or every active member for a whole-delegation item. A member added to an
  item gets it as "new", a member taken off it as "dropped".
- One notice per member concerned and channel, in the member's preferred language, lists exactly that member's
  entries; `visits.notices` records it (the delivery record) and a worker sends it from the task queue.
- The first release has nothing to compare with: its changelog is empty and every active member gets one short
  notice saying the programme is ready, without a list of items.
- Two planners releasing at once are serialised by locking the delegation's row; versions are unique per
  delegation in the database too.
- Before anything is copied, the readiness check (`visits.readiness`) runs under that lock. Blocking findings
  refuse the release (`ReleaseBlocked`) unless a planner gives a reason for releasing all the same; the
  release then keeps the findings it was released with and the reason. Every path (admin, command, demo)
  goes through here, so none can skip the check.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from delegations.models import Delegation

from . import notices, readiness
from .enums import ItemStatus, Visibility
from .models import ProgrammeItem, ProgrammeRelease, ReleasedItem, Venue

NEW, DROPPED, TIME, VENUE, STATUS = "new", "dropped", "time", "venue", "status"
GUEST_VISIBLE = [Visibility.GUESTS, Visibility.PUBLIC]


@dataclass(frozen=True)
class Snapshot:
    """What the changelog compares of one item, be it a working item or a released copy."""

    origin: int | None  # the working item, None once it is deleted
    pk: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue_id: int | None
    status: str
    participants: frozenset[int] = field(default_factory=frozenset)


def _snapshot(item, origin: int | None) -> Snapshot:
    return Snapshot(
        origin=origin,
        pk=item.pk,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        venue_id=item.venue_id,
        status=item.status,
        participants=frozenset(member.pk for member in item.participants.all()),
    )


def latest_release(delegation: Delegation) -> ProgrammeRelease | None:
    return delegation.programme_releases.order_by("-version").first()


def working_snapshots(delegation: Delegation) -> dict[int, Snapshot]:
    items = ProgrammeItem.objects.filter(
        delegation=delegation, visibility__in=GUEST_VISIBLE
    ).prefetch_related("participants")
    return {item.pk: _snapshot(item, item.pk) for item in items}


def released_snapshots(release: ProgrammeRelease | None) -> dict[int, Snapshot]:
    if release is None:
        return {}
    # A copy whose working item was deleted since is keyed by its own pk (negative), so it shows as dropped.
    copies = release.items.prefetch_related("participants")
    return {copy.item_id or -copy.pk: _snapshot(copy, copy.item_id) for copy in copies}


def _time(value: dt.datetime) -> str:
    return value.isoformat()


def compare(before: dict[int, Snapshot], after: dict[int, Snapshot], everyone: frozenset[int]) -> list[dict]:
    """The changelog from one version to the next: a list of entries, each for the members it concerns.

    An entry is a dict with `item` (the origin item's pk), `copy` (the pk of the object that shows the item:
    the new version's, or the old one's for a dropped item), `change` (new, dropped, time, venue, status),
    `before` and `after` (times as ISO strings, a venue's pk, a status) and `members` (sorted pks).
    """
    entries = []

    def add(snapshot, change, members, old=None, new=None):
        if members:
            entries.append(
                {
                    "item": snapshot.origin,
                    "copy": snapshot.pk,
                    "change": change,
                    "before": old,
                    "after": new,
                    "members": sorted(members),
                }
            )

    def audience(snapshot):
        return snapshot.participants or everyone

    for key in sorted(
        before.keys() | after.keys(), key=lambda pk: _sort_key(before.get(pk) or after[pk], pk)
    ):
        old, new = before.get(key), after.get(key)
        if old is None:
            add(new, NEW, audience(new))
            continue
        if new is None:
            add(old, DROPPED, audience(old))
            continue
        add(new, NEW, audience(new) - audience(old))
        add(old, DROPPED, audience(old) - audience(new))
        both = audience(old) & audience(new)
        if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at):
            add(
                new,
                TIME,
                both,
                [_time(old.starts_at), _time(old.ends_at)],
                [_time(new.starts_at), _time(new.ends_at)],
            )
        if old.venue_id != new.venue_id:
            add(new, VENUE, both, old.venue_id, new.venue_id)
        if old.status != new.status:
            add(new, STATUS, both, old.status, new.status)
    return entries


def _sort_key(snapshot: Snapshot, key: int):
    return (snapshot.starts_at, key)


def _everyone(delegation: Delegation) -> frozenset[int]:
    return frozenset(delegation.members.active().values_list("pk", flat=True))


def preview_changes(*, delegation: Delegation) -> list[dict]:
    """What releasing the working programme now would list against the latest release (none for the first)."""
    previous = latest_release(delegation)
    if previous is None:
        return []
    return compare(released_snapshots(previous), working_snapshots(delegation), _everyone(delegation))


class ReleaseBlocked(Exception):
    """The release was refused: blocking findings of the readiness check, and no reason to release anyway.

    `findings` are all findings of the check (warnings too); `unseen` the blocking ones a planner's
    acceptance did not cover, because they came up after the planner looked.
    """

    def __init__(self, findings: list[readiness.Finding], unseen: list[readiness.Finding] | None = None):
        self.findings = findings
        self.unseen = unseen or []
        blocking = readiness.blocking(findings)
        super().__init__(
            ngettext(
                "Die Freigabe ist blockiert: %(count)d blockierender Befund.",
                "Die Freigabe ist blockiert: %(count)d blockierende Befunde.",
                len(blocking),
            )
            % {"count": len(blocking)}
            + "".join(f"\n- {finding.text}" for finding in blocking)
        )

    @property
    def blocking(self) -> list[readiness.Finding]:
        return readiness.blocking(self.findings)


def _copy_fields() -> tuple[list[str], list[str]]:
    """Attribute names copied from a working item: plain fields first, then the per-language columns."""
    skip = {"id", "release", "item"}
    names = [f.attname for f in ReleasedItem._meta.concrete_fields if f.name not in skip]
    languages = [name for name in names if name.rsplit("_", 1)[-1] in {"de", "uk", "en"}]
    return [name for name in names if name not in languages], languages


@transaction.atomic
def release_programme(
    *,
    delegation: Delegation,
    note: str = "",
    note_uk: str = "",
    note_en: str = "",
    released_by=None,
    notify: bool = True,
    accept_reason: str = "",
    accepted_keys=None,
) -> ProgrammeRelease:
    """Release the working programme of a delegation as its next version and tell the members concerned.

    Raises `ReleaseBlocked`, and writes nothing, when the readiness check finds something blocking and
    `accept_reason` is empty. With a reason the release goes ahead and records the blocking findings and the
    reason. `accepted_keys`, when given, are the keys of the blocking findings the planner saw and accepted:
    a blocking finding not among them refuses the release too, so nobody accepts what they did not see.
    `note` is the German note, `note_uk` and `note_en` its Ukrainian and English; a notice in a language
    without one shows the note in another language, marked as such (`visits.content_language`).
    `notify=False` tells nobody (the demo data releases its programme without mailing fictional guests).
    """
    Delegation.objects.select_for_update().filter(pk=delegation.pk).first()  # one release at a time
    findings = readiness.check(delegation)
    blocking = readiness.blocking(findings)
    accept_reason = accept_reason.strip()
    if blocking and not accept_reason:
        raise ReleaseBlocked(findings)
    if blocking and accepted_keys is not None:
        unseen = [finding for finding in blocking if finding.key not in set(accepted_keys)]
        if unseen:
            raise ReleaseBlocked(findings, unseen)
    previous = latest_release(delegation)
    release = ProgrammeRelease.objects.create(
        delegation=delegation,
        version=(previous.version + 1) if previous else 1,
        note_de=note.strip(),
        note_uk=note_uk.strip(),
        note_en=note_en.strip(),
        released_by=released_by,
        accepted_findings=[finding.as_record() for finding in blocking],
        accepted_reason=accept_reason if blocking else "",
    )
    items = list(
        ProgrammeItem.objects.filter(delegation=delegation, visibility__in=GUEST_VISIBLE).prefetch_related(
            "participants", "hosts"
        )
    )
    plain, languages = _copy_fields()
    copies = []
    for item in items:
        copy = ReleasedItem(release=release, item=item)
        for name in plain + languages:  # the language columns last, so the base field cannot overwrite one
            setattr(copy, name, getattr(item, name))
        copies.append(copy)
    ReleasedItem.objects.bulk_create(copies)
    through_participants = ReleasedItem.participants.through
    through_hosts = ReleasedItem.hosts.through
    through_participants.objects.bulk_create(
        through_participants(releaseditem=copy, member=member)
        for item, copy in zip(items, copies, strict=True)
        for member in item.participants.all()
    )
    through_hosts.objects.bulk_create(
        through_hosts(releaseditem=copy, contact=contact)
        for item, copy in zip(items, copies, strict=True)
        for contact in item.hosts.all()
    )

    everyone = _everyone(delegation)
    if previous is None:
        concerned = everyone
    else:
        new = {
            copy.item_id: Snapshot(
                origin=copy.item_id,
                pk=copy.pk,
                starts_at=copy.starts_at,
                ends_at=copy.ends_at,
                venue_id=copy.venue_id,
                status=copy.status,
                participants=frozenset(member.pk for member in item.participants.all()),
            )
            for item, copy in zip(items, copies, strict=True)
        }
        release.changes = compare(released_snapshots(previous), new, everyone)
        release.save(update_fields=["changes"])
        concerned = {pk for entry in release.changes for pk in entry["members"]}

    if notify:
        notices.queue_release_notices(release=release, member_ids=concerned)
        notices.queue_staff_notices(release=release, previous=previous)
    return release


# -- Telling the members (the notices themselves: visits.notices) --------------------------------------------


def _when(value: str, zone: ZoneInfo) -> str:
    moment = dt.datetime.fromisoformat(value).astimezone(zone)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def _shown_objects(entries: list[dict], *, working: bool):
    """The objects the entries' `copy` keys name: released copies, or working items for a preview."""
    from_working = {entry["copy"] for entry in entries if working and entry["change"] != DROPPED}
    from_copies = {entry["copy"] for entry in entries if not working or entry["change"] == DROPPED}
    copies = ReleasedItem.objects.filter(pk__in=from_copies).select_related("venue").in_bulk()
    items = ProgrammeItem.objects.filter(pk__in=from_working).select_related("venue").in_bulk()

    def shown(entry):
        if working and entry["change"] != DROPPED:
            return items.get(entry["copy"])
        return copies.get(entry["copy"])

    return shown


def describe_changes(entries: list[dict], *, time_zone: str, working: bool = False) -> list[str]:
    """One line per entry, in the active language: what a reader is told about each change.

    `working` says the entries come from a preview, where all but dropped items are working items.
    """
    zone = ZoneInfo(time_zone)
    shown = _shown_objects(entries, working=working)
    venue_pks = {entry[side] for entry in entries if entry["change"] == VENUE for side in ("before", "after")}
    venues = Venue.objects.in_bulk([pk for pk in venue_pks if pk])
    no_place = _("kein Ort")

    def place(pk):
        return venues[pk].name if pk in venues else no_place

    lines = []
    for entry in entries:
        copy = shown(entry)
        if copy is None:
            lines.append("–")
            continue
        title, when = copy.title, _when(_time(copy.starts_at), zone)
        match entry["change"]:
            case "new":
                where = copy.venue.name if copy.venue else no_place
                lines.append(
                    _("Neu: %(title)s, %(when)s, %(place)s") % {"title": title, "when": when, "place": where}
                )
            case "dropped":
                lines.append(_("Entfällt für Sie: %(title)s (%(when)s)") % {"title": title, "when": when})
            case "time":
                lines.append(
                    _("Neue Zeit: %(title)s, bisher %(before)s, jetzt %(after)s")
                    % {"title": title, "before": _when(entry["before"][0], zone), "after": when}
                )
            case "venue":
                lines.append(
                    _("Neuer Ort: %(title)s, bisher %(before)s, jetzt %(after)s")
                    % {"title": title, "before": place(entry["before"]), "after": place(entry["after"])}
                )
            case "status" if entry["after"] == ItemStatus.CANCELLED:
                lines.append(_("Abgesagt: %(title)s (%(when)s)") % {"title": title, "when": when})
            case "status":
                lines.append(
                    _("Neuer Status: %(title)s, jetzt %(status)s")
                    % {"title": title, "status": ItemStatus(entry["after"]).label}
                )
    return lines
