"""Per-diem ("Tagegeld") and lodging allowances ("Übernachtungsgeld") of a delegation, per person and day.

The rates come from the table of daily rates (`DailyRate`): for an outgoing delegation (the county's staff
travel to the partner region) the travel-expense law's rates of the partner country, for an incoming one
(guests in the county) the rates the funding programme accepts for Germany. The rules, as the
Bundesreisekostengesetz states them (§ 6) and the Auslandsreisekostenverordnung takes over for trips abroad:

- a trip of several days: the day of arrival and the day of departure get the partial rate, every day
  between the full rate; a trip of one day gets the partial rate when it lasts more than 8 hours (or when
  its hours are not known), else nothing;
- each meal provided shortens that day's per-diem by a share of the full-day rate: breakfast 20 %, lunch and
  dinner 40 % each, never below zero;
- the lodging allowance is paid for each night, at the rate of the day the night begins.

The meals provided are read from the programme: every item of kind "meal" that is not cancelled and concerns
the member (nobody chosen, or the member among the participants), on the day it starts in the delegation's
time zone; it is a breakfast before 10:30, a lunch before 15:00, a dinner after. So the programme the
planners keep is the one record of meals; a second, per-day record would drift from it. With
`breakfast_included` on the funding (hotel with breakfast), every day after a night counts a breakfast too.
One meal of a kind counts once a day.

Simplifications, stated here and on the proof: abroad, every day of the trip gets the partner country's rate
(the ordinance would use the rate of the country reached before midnight on the outbound day); a person's
days are their own arrival and departure when entered, else the delegation's.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from delegations.enums import Direction
from delegations.models import Member
from visits.enums import ItemKind
from visits.models import ProgrammeItem

from .enums import Meal
from .models import ZERO, DailyRate, DelegationFunding

HOME_COUNTRY = "DE"
CENT = Decimal("0.01")
MEAL_SHARES = {Meal.BREAKFAST: Decimal("0.20"), Meal.LUNCH: Decimal("0.40"), Meal.DINNER: Decimal("0.40")}
MEAL_ORDER = (Meal.BREAKFAST, Meal.LUNCH, Meal.DINNER)
LUNCH_FROM = dt.time(10, 30)
DINNER_FROM = dt.time(15, 0)
MIN_HOURS_ONE_DAY = dt.timedelta(hours=8)


def meal_at(start: dt.time) -> Meal:
    """Which meal an item of kind meal is, by the local time it starts."""
    if start < LUNCH_FROM:
        return Meal.BREAKFAST
    return Meal.LUNCH if start < DINNER_FROM else Meal.DINNER


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AllowanceDay:
    date: dt.date
    rate: DailyRate | None  # None: no rate in the table for this day
    partial: bool
    meals: tuple[Meal, ...]
    lodging: Decimal  # the night that begins on this day; zero on the last day
    with_allowance: bool = True  # False: the funding claims only the lodging allowance

    @property
    def base(self) -> Decimal:
        if self.rate is None or not self.with_allowance:
            return ZERO
        return self.rate.partial_day if self.partial else self.rate.full_day

    @property
    def deduction(self) -> Decimal:
        if self.rate is None or not self.with_allowance:
            return ZERO
        share = sum((MEAL_SHARES[meal] for meal in self.meals), ZERO)
        return min(_cents(self.rate.full_day * share), self.base)

    @property
    def allowance(self) -> Decimal:
        return self.base - self.deduction


@dataclass(frozen=True)
class MemberAllowance:
    member: Member
    days: list[AllowanceDay]

    @property
    def full_days(self) -> int:
        return sum(1 for day in self.days if not day.partial)

    @property
    def partial_days(self) -> int:
        return sum(1 for day in self.days if day.partial)

    @property
    def nights(self) -> int:
        return max(len(self.days) - 1, 0)

    @property
    def meals(self) -> int:
        return sum(len(day.meals) for day in self.days)

    @property
    def deduction(self) -> Decimal:
        return sum((day.deduction for day in self.days), ZERO)

    @property
    def daily_total(self) -> Decimal:
        return sum((day.allowance for day in self.days), ZERO)

    @property
    def lodging_total(self) -> Decimal:
        return sum((day.lodging for day in self.days), ZERO)

    @property
    def total(self) -> Decimal:
        return self.daily_total + self.lodging_total


@dataclass(frozen=True)
class Allowances:
    """A delegation's allowances: a row per member, the rates used, the days the table has no rate for."""

    country: str
    incoming: bool
    with_lodging: bool
    members: list[MemberAllowance]
    missing_days: list[dt.date] = field(default_factory=list)

    @property
    def rates(self) -> list[DailyRate]:
        seen = {day.rate.pk: day.rate for row in self.members for day in row.days if day.rate is not None}
        return sorted(seen.values(), key=lambda rate: rate.valid_from)

    @property
    def daily_total(self) -> Decimal:
        return sum((row.daily_total for row in self.members), ZERO)

    @property
    def lodging_total(self) -> Decimal:
        return sum((row.lodging_total for row in self.members), ZERO)

    @property
    def total(self) -> Decimal:
        return self.daily_total + self.lodging_total


def _local_date(moment: dt.datetime | None, zone: ZoneInfo) -> dt.date | None:
    return moment.astimezone(zone).date() if moment is not None else None


def travel_days(member: Member, *, zone: ZoneInfo) -> list[tuple[dt.date, bool]]:
    """The member's days as (date, partial), from their own arrival and departure if entered, else the
    delegation's dates; a one-day trip of 8 hours or less has none."""
    delegation = member.delegation
    first = _local_date(member.arrival_at, zone) or delegation.arrival_date
    last = _local_date(member.departure_at, zone) or delegation.departure_date
    if last < first:
        return []
    if first == last:
        hours_known = member.arrival_at and member.departure_at
        if hours_known and member.departure_at - member.arrival_at <= MIN_HOURS_ONE_DAY:
            return []
        return [(first, True)]
    count = (last - first).days + 1
    return [(first + dt.timedelta(days=n), n in (0, count - 1)) for n in range(count)]


def _rate_on(rates: list[DailyRate], day: dt.date) -> DailyRate | None:
    return next((rate for rate in rates if rate.valid_from <= day <= rate.valid_until), None)


def _meals_by_member(delegation, members: list[Member], zone: ZoneInfo) -> dict[int, dict[dt.date, set]]:
    """For each member, the meals the programme provides them, by day (two queries)."""
    items = (
        ProgrammeItem.objects.filter(delegation=delegation, kind=ItemKind.MEAL)
        .not_cancelled()
        .only("pk", "starts_at")
        .prefetch_related("participants")
    )
    meals: dict[int, dict[dt.date, set]] = defaultdict(lambda: defaultdict(set))
    everyone = [member.pk for member in members]
    for item in items:
        local = item.starts_at.astimezone(zone)
        chosen = [participant.pk for participant in item.participants.all()]
        for member_pk in chosen or everyone:
            meals[member_pk][local.date()].add(meal_at(local.time()))
    return meals


def compute_allowances(funding: DelegationFunding, members: Iterable[Member]) -> Allowances | None:
    """The allowances of the funding's delegation for `members` (of that delegation), or None when the funding
    claims none. Three queries: the rates, the meal items and their participants."""
    if not funding.claims_daily_allowance and not funding.claims_lodging_allowance:
        return None
    delegation = funding.delegation
    zone = ZoneInfo(delegation.time_zone)
    incoming = delegation.direction != Direction.OUTGOING
    country = HOME_COUNTRY if incoming else delegation.partnership.partner_country
    members = list(members)
    for member in members:
        member.delegation = delegation  # the members' days read the delegation's dates: no query each
    plans = {member.pk: travel_days(member, zone=zone) for member in members}
    all_days = [day for plan in plans.values() for day, _partial in plan]
    if not all_days:
        return Allowances(country=country, incoming=incoming, with_lodging=False, members=[])
    rates = list(
        DailyRate.objects.for_scheme(programme=funding.programme_id if incoming else None, country=country)
        .covering(min(all_days), max(all_days))
        .select_related("programme")
        .order_by("valid_from")
    )
    meals = _meals_by_member(delegation, members, zone) if funding.claims_daily_allowance else {}
    rows, missing = [], set()
    for member in members:
        plan = plans[member.pk]
        days = []
        for index, (day, partial) in enumerate(plan):
            rate = _rate_on(rates, day)
            if rate is None:
                missing.add(day)
            provided = set(meals.get(member.pk, {}).get(day, ()))
            if funding.claims_daily_allowance and funding.breakfast_included and index > 0:
                provided.add(Meal.BREAKFAST)
            night = index < len(plan) - 1 and funding.claims_lodging_allowance and rate is not None
            days.append(
                AllowanceDay(
                    date=day,
                    rate=rate,
                    partial=partial,
                    meals=tuple(meal for meal in MEAL_ORDER if meal in provided),
                    lodging=rate.lodging if night else ZERO,
                    with_allowance=funding.claims_daily_allowance,
                )
            )
        rows.append(MemberAllowance(member=member, days=days))
    return Allowances(
        country=country,
        incoming=incoming,
        with_lodging=funding.claims_lodging_allowance,
        members=rows,
        missing_days=sorted(missing),
    )
