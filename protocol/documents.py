"""What the protocol pages and PDFs show, built once for both: drawn tables, running order, place cards."""

import math
from dataclasses import dataclass, field

from delegations.models import Delegation
from visits.models import ProgrammeItem

from .models import PrecedenceEntry, Seat, SeatingPlan, Speech, Table
from .models.people import PersonName

# Round tables up to this many seats are drawn as a circle (the stylesheet places each seat); larger ones are
# drawn like a long table.
MAX_ROUND_SEATS = 12


@dataclass
class Slot:
    number: int
    person: PersonName | None


@dataclass
class DrawnTable:
    table: Table
    slots: list[Slot]

    @property
    def drawn_round(self) -> bool:
        return self.table.shape == "round" and self.table.seats <= MAX_ROUND_SEATS

    @property
    def top_side(self) -> list[Slot]:
        """A long table's first half of the seats, left to right."""
        return self.slots[: math.ceil(len(self.slots) / 2)]

    @property
    def bottom_side(self) -> list[Slot]:
        """The other half, drawn right to left so the numbers run clockwise around the table."""
        return list(reversed(self.slots[math.ceil(len(self.slots) / 2) :]))

    @property
    def taken(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.person is not None]


@dataclass
class RunningOrder:
    """A seated or spoken programme item: its speeches in order and, if it has one, its seating plan."""

    item: ProgrammeItem
    speeches: list[Speech]
    plan: SeatingPlan | None
    tables: list[DrawnTable] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(speech.planned_minutes for speech in self.speeches)

    @property
    def seated(self) -> list[PersonName]:
        return [slot.person for table in self.tables for slot in table.taken]


def item_queryset():
    return ProgrammeItem.objects.select_related("delegation", "venue", "interpreter")


def running_order(item: ProgrammeItem) -> RunningOrder:
    """The running order of `item` in a fixed number of queries, whatever the number of tables and seats."""
    speeches = list(
        Speech.objects.filter(programme_item=item)
        .select_related("member", "contact", "interpreter")
        .order_by("position")
    )
    plan = SeatingPlan.objects.filter(programme_item=item).first()
    if plan is None:
        return RunningOrder(item=item, speeches=speeches, plan=None)
    seats = Seat.objects.filter(plan=plan).select_related("member", "contact")
    by_table: dict[int, dict[int, PersonName]] = {}
    for seat in seats:
        by_table.setdefault(seat.table_id, {})[seat.number] = seat.person
    tables = [
        DrawnTable(
            table=table,
            slots=[
                Slot(number, by_table.get(table.pk, {}).get(number)) for number in range(1, table.seats + 1)
            ],
        )
        for table in plan.tables.order_by("number")
    ]
    return RunningOrder(item=item, speeches=speeches, plan=plan, tables=tables)


def place_cards_for_delegation(delegation: Delegation) -> list[PersonName]:
    """One card for everyone in the order of precedence, in its order, then for guests not yet in it."""
    entries = list(PrecedenceEntry.objects.for_delegation(delegation))
    listed = {entry.member_id for entry in entries if entry.member_id}
    others = delegation.members.active().exclude(pk__in=listed).order_by("-is_head", "last_name")
    return [entry.person for entry in entries] + [PersonName.of(member=member) for member in others]
