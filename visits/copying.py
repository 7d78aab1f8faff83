"""Copying a delegation's programme to another delegation, shifted by whole days, for a return visit.

Times keep their wall-clock time in the source's zone (Europe/Berlin unless the visit is abroad): the local
date moves by whole days and the time is made aware again, so 10:00 stays 10:00 across the change between
summer and winter time. A timedelta added to UTC times would move it by an hour.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from delegations.models import Delegation

from .conflicts import conflicts_of_planned_items
from .enums import ItemStatus
from .models import ProgrammeItem

# Translated texts travel in every language; the plain fields are what modeltranslation keeps per language.
TRANSLATED_FIELDS = ("title", "description", "transport_note", "dress_code")
COPIED_FIELDS = (
    "kind",
    "visibility",
    "press_access",
    "venue_id",
    "interpreter_id",
    "driver_id",
    "vehicle_id",
)


def source_time_zone(delegation: Delegation) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(delegation.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def shift_wall_clock(moment: dt.datetime, *, days: int, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """`moment` moved by `days` local days, at the same wall-clock time in `zone`."""
    local = moment.astimezone(zone)
    shifted = dt.datetime.combine(
        local.date() + dt.timedelta(days=days), local.time().replace(fold=0), tzinfo=zone
    )
    # Going through UTC normalises a time that does not exist on the new day (the hour skipped in March).
    return shifted.astimezone(dt.UTC).astimezone(zone)


def day_offset(*, source: Delegation, first_day: dt.date) -> int:
    """Whole days between the source's arrival and the new first day."""
    return (first_day - source.arrival_date).days


def items_to_copy(source: Delegation):
    """The source's working programme as copied: every item but the cancelled ones, in time order."""
    return ProgrammeItem.objects.filter(delegation=source).not_cancelled().in_order()


@dataclass
class PlannedCopy:
    item: ProgrammeItem
    starts_at: dt.datetime
    ends_at: dt.datetime
    new: ProgrammeItem | None = None  # the unsaved copy, for the preview's conflict check
    conflicts: list = field(default_factory=list)


def plan_copy(items, *, source: Delegation, first_day: dt.date) -> list[PlannedCopy]:
    """Old and new start and end of each item, for the preview and the copy itself."""
    zone = source_time_zone(source)
    days = day_offset(source=source, first_day=first_day)
    return [
        PlannedCopy(
            item=item,
            starts_at=shift_wall_clock(item.starts_at, days=days, zone=zone),
            ends_at=shift_wall_clock(item.ends_at, days=days, zone=zone),
        )
        for item in items
    ]


def check_copy(*, source: Delegation, target: Delegation) -> None:
    """Refuse a copy onto the source itself; a target with items of its own keeps them, the copies join."""
    if target.pk == source.pk:
        raise ValidationError(_("Ein Programm kann nicht in dieselbe Delegation kopiert werden."))


def new_item(planned: PlannedCopy, *, target: Delegation, languages) -> ProgrammeItem:
    """The copy of a planned item in the target, unsaved: planned, without participants or notes."""
    old = planned.item
    text_fields = [f"{text}_{code}" for text in TRANSLATED_FIELDS for code in languages]
    return ProgrammeItem(
        delegation=target,
        starts_at=planned.starts_at,
        ends_at=planned.ends_at,
        status=ItemStatus.PLANNED,
        **{name: getattr(old, name) for name in (*COPIED_FIELDS, *text_fields)},
    )


@dataclass
class CopyPreview:
    """What a copy adds to the target, each item with what it would clash with there."""

    rows: list[PlannedCopy]
    existing_count: int  # the target's own items, which stay as they are
    conflicts: list = field(default_factory=list)

    @property
    def clash_count(self) -> int:
        return sum(bool(row.conflicts) for row in self.rows)


def preview_copy(*, source: Delegation, target: Delegation, first_day: dt.date) -> CopyPreview:
    """The planned copies with the conflicts each would have in the target (a fixed number of queries)."""
    rows = plan_copy(
        items_to_copy(source).select_related("venue").prefetch_related("hosts"),
        source=source,
        first_day=first_day,
    )
    languages = [code for code, _name in settings.LANGUAGES]
    for row in rows:
        row.new = new_item(row, target=target, languages=languages)
        row.new.venue = row.item.venue  # already read: the check and the page need no query for it
    conflicts = conflicts_of_planned_items(target, [(row.new, row.item.hosts.all()) for row in rows])
    for row in rows:
        row.conflicts = [conflict for conflict in conflicts if conflict.involves(row.new)]
    return CopyPreview(
        rows=rows,
        existing_count=ProgrammeItem.objects.filter(delegation=target).count(),
        conflicts=conflicts,
    )


def copy_programme(
    *, source: Delegation, target: Delegation, first_day: dt.date, copied_by
) -> list[ProgrammeItem]:
    """Copy the source's items to the target, starting on `first_day`; the new items are planned.

    The target's own items stay as they are: the copies join them. What would clash is shown beforehand
    (`preview_copy`); as when saving an item, a clash warns and does not refuse.

    Copied: texts in every language, venue, hosts, interpreter, driver, vehicle, kind, visibility, press
    access, transport and dress code. Not copied: participants (other people travel), status, internal
    notes, company appointments.
    """
    with transaction.atomic():
        # Lock the target so two planners copying at once do not interleave their items.
        target = Delegation.objects.select_for_update().get(pk=target.pk)
        check_copy(source=source, target=target)
        languages = [code for code, _name in settings.LANGUAGES]
        created = []
        for planned in plan_copy(
            items_to_copy(source).prefetch_related("hosts"), source=source, first_day=first_day
        ):
            new = new_item(planned, target=target, languages=languages)
            new._history_user = copied_by
            new.save()
            new.hosts.set(planned.item.hosts.all())
            created.append(new)
        return created
