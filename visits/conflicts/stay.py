"""Items outside the delegation's stay, and items before a member arrives or after they leave."""

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from delegations.models import Delegation

from .entries import Entry, names
from .kinds import Conflict, ConflictKind

if TYPE_CHECKING:
    from .check import ProgrammeCheck


def stay_of(delegation: Delegation) -> tuple[dt.datetime, dt.datetime]:
    """The stay in whole days at the destination: start of arrival day to end of departure day."""
    zone = _zone_of(delegation)
    starts = dt.datetime.combine(delegation.arrival_date, dt.time.min, tzinfo=zone)
    ends = dt.datetime.combine(delegation.departure_date + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return starts, ends


def stay_conflicts(check: "ProgrammeCheck", entry: Entry) -> list[Conflict]:
    item, delegation = entry.item, check.delegation
    found = []
    if item.starts_at < check.stay_starts:
        message = gettext("%(item)s beginnt vor der Anreise der Delegation am %(date)s.") % {
            "item": check.describe(entry),
            "date": date_format(delegation.arrival_date, "SHORT_DATE_FORMAT"),
        }
        found.append(check.conflict(ConflictKind.OUTSIDE_STAY, message, (item,)))
    if item.ends_at > check.stay_ends:
        message = gettext("%(item)s endet nach dem Abreisetag der Delegation, dem %(date)s.") % {
            "item": check.describe(entry),
            "date": date_format(delegation.departure_date, "SHORT_DATE_FORMAT"),
        }
        found.append(check.conflict(ConflictKind.OUTSIDE_STAY, message, (item,)))
    if not item.books_people:
        return found
    not_yet = [m for m in entry.members if m.arrival_at is not None and item.starts_at < m.arrival_at]
    gone = [m for m in entry.members if m.departure_at is not None and item.ends_at > m.departure_at]
    if not_yet:
        message = ngettext(
            "%(people)s ist bei Beginn von %(item)s noch nicht angereist.",
            "%(people)s sind bei Beginn von %(item)s noch nicht angereist.",
            len(not_yet),
        ) % {"item": check.describe(entry), "people": names(not_yet)}
        found.append(check.conflict(ConflictKind.MEMBER_ABSENT, message, (item,), members=tuple(not_yet)))
    if gone:
        message = ngettext(
            "%(people)s ist vor dem Ende von %(item)s schon abgereist.",
            "%(people)s sind vor dem Ende von %(item)s schon abgereist.",
            len(gone),
        ) % {"item": check.describe(entry), "people": names(gone)}
        found.append(check.conflict(ConflictKind.MEMBER_ABSENT, message, (item,), members=tuple(gone)))
    return found


def _zone_of(delegation: Delegation) -> ZoneInfo:
    try:
        return ZoneInfo(delegation.time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)
