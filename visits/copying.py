"""Copying a delegation's programme to another delegation, shifted by whole days, for a return visit.

Times keep their wall-clock time in the source's zone (Europe/Berlin unless the visit is abroad): the local
date moves by whole days and the time is made aware again, so 10:00 stays 10:00 across the change between
summer and winter time. A timedelta added to UTC times would move it by an hour.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from delegations.models import Delegation

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
    """Refuse a copy onto the source itself or onto a delegation that already has items."""
    if target.pk == source.pk:
        raise ValidationError(_("Ein Programm kann nicht in dieselbe Delegation kopiert werden."))
    if ProgrammeItem.objects.filter(delegation=target).exists():
        raise ValidationError(
            _("„%(target)s“ hat schon Programmpunkte: kopiert wird nur in ein leeres Programm.")
            % {"target": target}
        )


def copy_programme(
    *, source: Delegation, target: Delegation, first_day: dt.date, copied_by
) -> list[ProgrammeItem]:
    """Copy the source's items to the target, starting on `first_day`; the new items are planned.

    Copied: texts in every language, venue, hosts, interpreter, driver, vehicle, kind, visibility, press
    access, transport and dress code. Not copied: participants (other people travel), status, internal
    notes, company appointments.
    """
    with transaction.atomic():
        # Lock the target so two planners copying at once cannot both find it empty.
        target = Delegation.objects.select_for_update().get(pk=target.pk)
        check_copy(source=source, target=target)
        languages = [code for code, _name in settings.LANGUAGES]
        text_fields = [f"{field}_{code}" for field in TRANSLATED_FIELDS for code in languages]
        created = []
        for planned in plan_copy(
            items_to_copy(source).prefetch_related("hosts"), source=source, first_day=first_day
        ):
            old = planned.item
            new = ProgrammeItem(
                delegation=target,
                starts_at=planned.starts_at,
                ends_at=planned.ends_at,
                status=ItemStatus.PLANNED,
                **{name: getattr(old, name) for name in (*COPIED_FIELDS, *text_fields)},
            )
            new._history_user = copied_by
            new.save()
            new.hosts.set(old.hosts.all())
            created.append(new)
        return created
