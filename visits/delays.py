"""A delay on the day: an item runs late (or ends early) and the items that depend on it move with it.

The rules, and why they are drawn where they are:

- The delayed item keeps its start (it is running already) and its end moves by the minutes; a negative
  number means it ended early. It must still end after it starts.
- Only the rest of the same day moves, the day counted in the visit's time zone (`copying.source_time_zone`):
  the next morning absorbs any delay. Of that day, the items starting at or after the delayed item's old end
  are looked at in programme order; cancelled items never move.
- An item depends on a moved item when they share people (members; nobody chosen stands for the whole
  delegation, an internal item with nobody chosen for nobody, as in `conflicts.entries`), or when it is the
  transfer that follows a moved item: the transfer leaves from the moved item's venue. What depends moves by
  the same minutes, and what depends on that moves too (transitively, in time order).
- A ceremony does not move: others fix its time. Its clash with a moved item is a conflict, reported by the
  ordinary conflict check, and its people's day goes on from it: what follows it does not move on their
  account.
- The preview changes nothing, and what a planner saw is what gets applied: `DelayPlan.fingerprint()` names
  the items the plan moves and keeps with their versions and times, and `apply_delay(expected=...)` refuses
  (`PlanChanged`) when the plan made under the lock has another one. `told_of` says who the release would
  tell, from the same comparison the release makes (`visits.releases`, `visits.notices`).
- Applying saves the moved items through their versioned save (history,
  change stamp), records their previous times (`DelayRecord`), and releases the programme, which tells the
  members and staff contacts of the moved items (`visits.releases`, `visits.notices`). Undo restores the
  times before the delegation's last applied delay, unless one of its items was changed since, and releases
  again.
"""

import dataclasses
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from delegations.models import Contact, Delegation, Member

from . import notices, releases, staff
from .conflicts import Conflict, conflicts_of_planned_items
from .copying import source_time_zone
from .enums import ItemKind, ItemStatus, Visibility
from .models import DelayRecord, ProgrammeItem, ProgrammeRelease, StaffAccess
from .releases import release_programme

# Items whose time others fix: a delay does not move them, a clash with them is reported.
FIXED_KINDS = frozenset({ItemKind.CEREMONY})
MAX_MINUTES = 12 * 60
# The reason recorded when the readiness check would block the delay's release: the day is under way.
ACCEPT_REASON = "Verspätung am Besuchstag"


class DelayError(ValidationError):
    """A delay or its undo was refused; nothing was changed."""


class PlanChanged(DelayError):
    """The programme changed between the preview and applying it; nothing was changed."""


@dataclass
class Move:
    item: ProgrammeItem
    old_starts_at: dt.datetime
    old_ends_at: dt.datetime
    new_starts_at: dt.datetime
    new_ends_at: dt.datetime


@dataclass
class DelayPlan:
    item: ProgrammeItem
    minutes: int
    moves: list[Move]
    fixed: list[ProgrammeItem] = field(default_factory=list)  # depending items a delay does not move
    conflicts: list[Conflict] = field(default_factory=list)

    def fingerprint(self) -> str:
        """The plan as a planner saw it: the minutes, and each moved and kept item with its version and its
        times before the delay. Another save of one of them, or another item that now depends, changes it."""
        parts = [str(self.minutes)]
        parts += [
            f"m{move.item.pk}:{move.item.version}:{move.old_starts_at.isoformat()}:{move.old_ends_at.isoformat()}"
            for move in self.moves
        ]
        parts += [
            f"f{i.pk}:{i.version}:{i.starts_at.isoformat()}:{i.ends_at.isoformat()}" for i in self.fixed
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _people(item: ProgrammeItem, everyone: frozenset[int]) -> frozenset[int]:
    chosen = frozenset(member.pk for member in item.participants.all())
    if chosen:
        return chosen
    return frozenset() if item.visibility == Visibility.INTERNAL else everyone


def plan_delay(item: ProgrammeItem, minutes: int) -> DelayPlan:
    """What delaying `item` by `minutes` would move, and what the moved items would clash with.

    Changes nothing; the moved items in the plan are the loaded objects with their new times, unsaved.
    """
    if item.status == ItemStatus.CANCELLED:
        raise DelayError(_("Ein abgesagter Programmpunkt kann nicht verschoben werden."))
    if minutes == 0:
        raise DelayError(_("Eine Verschiebung um 0 Minuten ändert nichts."))
    if abs(minutes) > MAX_MINUTES:
        raise DelayError(
            _("Eine Verschiebung um mehr als %(max)d Minuten ist keine Verspätung am Tag mehr.")
            % {"max": MAX_MINUTES}
        )
    shift = dt.timedelta(minutes=minutes)
    if item.ends_at + shift <= item.starts_at:
        raise DelayError(_("Der Programmpunkt würde enden, bevor er beginnt."))
    delegation = item.delegation
    zone = source_time_zone(delegation)
    day = item.starts_at.astimezone(zone).date()
    day_ends = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    items = list(
        ProgrammeItem.objects.filter(
            delegation=delegation, starts_at__gte=item.ends_at, starts_at__lt=day_ends
        )
        .exclude(pk=item.pk)
        .not_cancelled()
        .select_related("venue")
        .prefetch_related("participants", "hosts")
        .in_order()
    )
    item = (
        ProgrammeItem.objects.select_related("venue")
        .prefetch_related("participants", "hosts")
        .get(pk=item.pk)
    )
    everyone = frozenset(delegation.members.values_list("pk", flat=True))

    moves = [Move(item, item.starts_at, item.ends_at, item.starts_at, item.ends_at + shift)]
    fixed = []
    moved_people = set(_people(item, everyone))
    transfer_pending = True  # the next transfer leaves from the moved item's venue
    for other in items:
        people = _people(other, everyone)
        depends = bool(people & moved_people) or (other.kind == ItemKind.TRANSFER and transfer_pending)
        if not depends:
            continue
        if other.kind in FIXED_KINDS:
            fixed.append(other)
            moved_people -= people  # their day goes on from the fixed item
            transfer_pending = False
            continue
        moves.append(
            Move(other, other.starts_at, other.ends_at, other.starts_at + shift, other.ends_at + shift)
        )
        moved_people |= people
        transfer_pending = other.kind != ItemKind.TRANSFER

    for move in moves:
        move.item.starts_at, move.item.ends_at = move.new_starts_at, move.new_ends_at
    conflicts = conflicts_of_planned_items(
        delegation,
        [(move.item, move.item.hosts.all(), move.item.participants.all()) for move in moves],
    )
    return DelayPlan(item=item, minutes=minutes, moves=moves, fixed=fixed, conflicts=conflicts)


def _notes(text_of) -> dict[str, str]:
    """The release note in German, Ukrainian and English, `text_of()` called in each language."""
    notes = {}
    for language, name in (("de", "note"), ("uk", "note_uk"), ("en", "note_en")):
        with translation.override(language):
            notes[name] = text_of()[:300]
    return notes


def _release(delegation: Delegation, *, user, text_of) -> ProgrammeRelease:
    return release_programme(
        delegation=delegation, released_by=user, accept_reason=ACCEPT_REASON, notify=True, **_notes(text_of)
    )


def apply_delay(
    *, item: ProgrammeItem, minutes: int, applied_by=None, expected: str | None = None
) -> tuple[DelayPlan, ProgrammeRelease]:
    """Move the items as `plan_delay` says, record their times before, and release the programme.

    With `expected` (the `fingerprint()` of the plan a planner previewed), refuse with `PlanChanged` when the
    plan made now differs from it.
    """
    with transaction.atomic():
        # One change of a visit's programme at a time: the same lock a release takes.
        delegation = Delegation.objects.select_for_update().get(pk=item.delegation_id)
        item = ProgrammeItem.objects.select_related("delegation").get(pk=item.pk)
        plan = plan_delay(item, minutes)
        if expected is not None and plan.fingerprint() != expected:
            raise PlanChanged(
                _(
                    "Das Programm wurde seit der Vorschau geändert; es wurde nichts verschoben. Bitte prüfen "
                    "Sie die neue Vorschau."
                )
            )
        batch = uuid.uuid4()
        for move in plan.moves:
            move.item._history_user = applied_by
            move.item.save()
        moved = ProgrammeItem.objects.filter(pk__in=[move.item.pk for move in plan.moves])
        versions = dict(moved.values_list("pk", "version"))
        DelayRecord.objects.bulk_create(
            DelayRecord(
                batch=batch,
                delegation=delegation,
                item=move.item,
                delayed_item=move.item.pk == plan.item.pk,
                minutes=minutes,
                old_starts_at=move.old_starts_at,
                old_ends_at=move.old_ends_at,
                new_starts_at=move.new_starts_at,
                new_ends_at=move.new_ends_at,
                version_after=versions[move.item.pk],
                applied_by=applied_by,
            )
            for move in plan.moves
        )
        title, count = plan.item.title, len(plan.moves)

        def note():
            return ngettext(
                "Verspätung: „%(title)s“, %(count)d Programmpunkt um %(minutes)d Minuten verschoben",
                "Verspätung: „%(title)s“, %(count)d Programmpunkte um %(minutes)d Minuten verschoben",
                count,
            ) % {"title": title, "count": count, "minutes": minutes}

        release = _release(delegation, user=applied_by, text_of=note)
    return plan, release


def undo_last_delay(*, item: ProgrammeItem, undone_by=None) -> tuple[list[DelayRecord], ProgrammeRelease]:
    """Restore the times before the last applied delay of the item's delegation, and release again.

    Refused (`DelayError`, nothing changed) when there is none, or when one of its items was changed since.
    """
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=item.delegation_id)
        pending = DelayRecord.objects.filter(delegation=delegation, undone_at=None)
        last = pending.order_by("-applied_at", "-pk").first()
        if last is None:
            raise DelayError(
                _("Für „%(delegation)s“ gibt es keine Verschiebung, die rückgängig gemacht werden kann.")
                % {"delegation": delegation.title}
            )
        records = list(DelayRecord.objects.filter(batch=last.batch).select_related("item").order_by("pk"))
        for record in records:
            moved = record.item
            if (moved.version, moved.starts_at, moved.ends_at) != (
                record.version_after,
                record.new_starts_at,
                record.new_ends_at,
            ):
                raise DelayError(
                    _(
                        "Nicht rückgängig gemacht: „%(title)s“ wurde nach der Verschiebung geändert. "
                        "Bitte passen Sie die Zeiten von Hand an."
                    )
                    % {"title": moved.title}
                )
        for record in records:
            record.item.starts_at, record.item.ends_at = record.old_starts_at, record.old_ends_at
            record.item._history_user = undone_by
            record.item.save()
        DelayRecord.objects.filter(batch=last.batch).update(undone_at=timezone.now())
        delayed = next((record for record in records if record.delayed_item), records[0])
        title, minutes = delayed.item.title, delayed.minutes

        def note():
            text = _(
                "Verspätung zurückgenommen: „%(title)s“ (%(minutes)d Minuten), alte Zeiten gelten wieder"
            )
            return text % {"title": title, "minutes": minutes}

        release = _release(delegation, user=undone_by, text_of=note)
    return records, release


@dataclass
class Told:
    """Who the release of a delay would tell: members with their channels, and staff contacts by email."""

    members: list[tuple[Member, list[str]]]
    contacts: list[Contact]
    unreached: list[Member]  # concerned, but no channel reaches them
    other_changes: int  # changes of the working programme not yet released, which go out with it


def told_of(plan: DelayPlan) -> Told:
    """Who applying `plan` would tell, changing nothing (a fixed number of queries).

    Members: the release's own comparison (`releases.compare`) of the latest release with the working
    programme at the plan's new times, and their channels as `notices.queue_release_notices` picks them.
    Contacts: the hosts, interpreters and drivers of the moved guest-visible items with an email address and a
    valid staff link of the visit, as `notices.queue_staff_notices` tells them.
    """
    delegation = plan.item.delegation
    previous = releases.latest_release(delegation)
    before = releases.released_snapshots(previous)
    working = releases.working_snapshots(delegation)
    everyone = frozenset(delegation.members.active().values_list("pk", flat=True))
    other_changes = len(releases.compare(before, working, everyone)) if previous else 0
    for move in plan.moves:
        if move.item.pk in working:
            working[move.item.pk] = dataclasses.replace(
                working[move.item.pk], starts_at=move.new_starts_at, ends_at=move.new_ends_at
            )
    if previous is None:
        concerned = set(everyone)
    else:
        concerned = {pk for entry in releases.compare(before, working, everyone) for pk in entry["members"]}
    members, unreached = [], []
    for member in Member.objects.filter(pk__in=concerned).order_by("last_name", "first_name", "pk"):
        channels = notices.channels_for(member)
        if channels:
            members.append((member, channels))
        else:
            unreached.append(member)

    visible = [move.item for move in plan.moves if move.item.visibility in releases.GUEST_VISIBLE]
    busy = {
        contact.pk: contact
        for moved in ProgrammeItem.objects.filter(pk__in=[moved.pk for moved in visible])
        .select_related("interpreter", "driver")
        .prefetch_related("hosts")
        for contact in moved.busy_contacts(moved.hosts.all())
    }
    linked = {
        access.contact_id
        for access in StaffAccess.objects.valid().filter(delegation=delegation, contact__in=list(busy))
        if staff.token_of(access) is not None
    }
    contacts = sorted(
        (contact for pk, contact in busy.items() if pk in linked and contact.email),
        key=lambda contact: (contact.last_name, contact.first_name, contact.pk),
    )
    return Told(members=members, contacts=contacts, unreached=unreached, other_changes=other_changes)
