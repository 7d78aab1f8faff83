"""One run of every rule over a delegation's items and the other items that share people or places."""

from collections.abc import Iterable
from functools import cached_property
from operator import itemgetter

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

from delegations.models import Contact, Delegation, Member

from ..models import ProgrammeItem
from .appointments import appointment_conflicts
from .entries import Entry, Loaded, load
from .interpreters import interpreter_conflicts
from .kinds import SEVERITY, Conflict, ConflictKind
from .people import double_booked_people
from .stay import stay_conflicts, stay_of
from .timelines import people_timelines
from .travel import too_short_transfers
from .venues import double_booked_vehicles, double_booked_venues


class ProgrammeCheck:
    """The items under check with what every rule needs of them; `run()` applies the rules."""

    def __init__(
        self,
        delegation: Delegation,
        *,
        focus: ProgrammeItem | None = None,
        focus_participants: Iterable[Member] = (),
        focus_hosts: Iterable[Contact] = (),
        planned: Iterable[tuple] = (),
        loaded: Loaded | None = None,
    ) -> None:
        self.delegation = delegation
        self.shown_zone = timezone.get_current_timezone()  # where staff read times: Europe/Berlin
        self.stay_starts, self.stay_ends = stay_of(delegation)
        if loaded is None:  # else read already, with other visits' (entries.load_many)
            # (item, hosts) or (item, hosts, participants): see `conflicts_of_planned_items`.
            planned = [(item, list(hosts), *map(list, rest)) for item, hosts, *rest in planned]
            loaded = load(delegation, focus, list(focus_participants), list(focus_hosts), planned)
        self.entries, self.members, self.focus_entries = loaded.entries, loaded.members, loaded.focus_entries
        self._focused = {id(entry) for entry in self.focus_entries}

    def run(self) -> list[Conflict]:
        # Double bookings of people, venues and vehicles in the order of their pairs of items, then the ways,
        # then the rules of one item; the sort below is stable, so items at the same time keep this order.
        double_bookings = sorted(
            [*double_booked_people(self), *double_booked_venues(self), *double_booked_vehicles(self)],
            key=itemgetter(0),
        )
        conflicts = [conflict for _key, conflict in double_bookings]
        conflicts += too_short_transfers(self)
        for entry in self.entries:
            if entry.own and self.wanted(entry):
                conflicts += stay_conflicts(self, entry)
                conflicts += interpreter_conflicts(self, entry)
                conflicts += appointment_conflicts(self, entry)
        conflicts.sort(key=lambda conflict: (conflict.items[0].starts_at, conflict.items[0].ends_at))
        return conflicts

    @cached_property
    def people_timelines(self) -> list[tuple[object, list[Entry]]]:
        return people_timelines(self.entries)

    def wanted(self, *entries: Entry) -> bool:
        """Whether to keep a result: all of the delegation, or only what touches the items in focus."""
        if self.focus_entries:
            return any(id(entry) in self._focused for entry in entries)
        return any(entry.own for entry in entries)

    def conflict(self, kind: ConflictKind, message: str, items, **related) -> Conflict:
        return Conflict(kind, SEVERITY[kind], message, tuple(items), **related)

    def describe(self, entry: Entry) -> str:
        """The item as messages name it; formatting its dates is the slowest part of a check, so once."""
        if entry.description is None:
            entry.description = self._description(entry)
        return entry.description

    def _description(self, entry: Entry) -> str:
        return describe_item(entry.item, self.shown_zone, with_delegation=not entry.own)


def describe_item(item: ProgrammeItem, zone, *, with_delegation: bool) -> str:
    """An item as conflict messages name it: title and time in `zone`, and its visit where that is another."""
    start, end = timezone.localtime(item.starts_at, zone), timezone.localtime(item.ends_at, zone)
    end_text = (
        time_format(end, "TIME_FORMAT")
        if start.date() == end.date()
        else date_format(end, "SHORT_DATETIME_FORMAT")
    )
    when = f"{date_format(start, 'SHORT_DATETIME_FORMAT')}\N{EN DASH}{end_text}"
    if not with_delegation:
        return gettext("„%(title)s“ (%(when)s)") % {"title": item.title, "when": when}
    return gettext("„%(title)s“ (%(when)s, Delegation „%(delegation)s“)") % {
        "title": item.title,
        "when": when,
        "delegation": item.delegation.title,
    }
