"""Benchmark of the conflict check: a visit of 500 programme items, timed over several runs.

Run with `make bench-conflicts` (or `.venv/bin/python benchmarks/conflicts.py`). It builds its own throwaway
database (SQLite in memory, migrated from scratch), so it touches no data of yours, prints the median and the
slowest run and writes `benchmarks/conflicts.json`. Not a test: the figure is recorded, not asserted.

Two visits of 500 items each, in different weeks, each beside three other visits of 200 items that share the
county's venues, hosts and interpreters:
- planned: a week as staff build it (parallel groups with their own interpreter, meals together, transfers
  between venues, a few slips), so a few hundred conflicts;
- crowded: items thrown at random into the week, every one overlapping several others: the worst case, with
  thousands of conflicts to word.
"""

import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from delegations.enums import Language, LanguagePair  # noqa: E402
from delegations.models import Delegation  # noqa: E402
from tests import factories  # noqa: E402
from visits.conflicts import conflicts_for_item, find_conflicts  # noqa: E402
from visits.enums import AppointmentStatus, ItemKind, ItemStatus, VenueKind  # noqa: E402
from visits.models import CompanyAppointment, ProgrammeItem  # noqa: E402

ITEMS = 500
NEIGHBOUR_DELEGATIONS = 3
NEIGHBOUR_ITEMS = 200
DAYS = 7
TRACKS = 7  # groups of two members who go their own ways during the day
RUNS = 15
WARM_UP_RUNS = 2
RESULT_FILE = ROOT / "benchmarks" / "conflicts.json"
SESSION_KINDS = [ItemKind.MEETING] * 3 + [ItemKind.COMPANY_VISIT, ItemKind.PRESS]


class County:
    """The county's venues, hosts and interpreters, shared by every visit."""

    def __init__(self, rng: random.Random) -> None:
        # About 40 km across, so travel times matter.
        self.venues = [
            factories.VenueFactory(latitude=51.55 + rng.random() * 0.35, longitude=5.95 + rng.random() * 0.45)
            for _ in range(4 * TRACKS)
        ]
        self.hotel = factories.HotelFactory(latitude=51.79, longitude=6.14)
        self.restaurant = factories.VenueFactory(kind=VenueKind.RESTAURANT, latitude=51.788, longitude=6.138)
        self.hosts = [factories.ContactFactory() for _ in range(TRACKS + 2)]
        # The staff of the other visits: mostly their own people, a few shared with ours.
        self.other_hosts = [*(factories.ContactFactory() for _ in range(6)), *self.hosts[-2:]]
        self.interpreters = [
            factories.InterpreterFactory(
                interpreting_languages=[LanguagePair.GERMAN_UKRAINIAN, LanguagePair.GERMAN_ENGLISH]
            )
            for _ in range(TRACKS)
        ] + [factories.InterpreterFactory(interpreting_languages=[LanguagePair.GERMAN_UKRAINIAN])]
        self.other_interpreters = [*(factories.InterpreterFactory() for _ in range(3)), self.interpreters[-1]]


def planned_week(county: County, members, first_day: dt.datetime, rng: random.Random):
    """(item, participants, hosts) of a week as staff plan it, in time order."""
    planned = []

    def add(starts_at, minutes, kind, venue, *, participants=(), hosts=(), interpreter=None):
        item = ProgrammeItem(
            title=f"Programmpunkt {len(planned)}",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=minutes),
            kind=kind,
            venue=venue,
            interpreter=interpreter,
            status=ItemStatus.CONFIRMED,
        )
        planned.append((item, list(participants), list(hosts)))

    for day in range(DAYS):
        morning = first_day + dt.timedelta(days=day)
        add(morning.replace(hour=8), 45, ItemKind.MEAL, county.hotel)
        add(
            morning.replace(hour=12, minute=30),
            60,
            ItemKind.MEAL,
            county.restaurant,
            interpreter=county.interpreters[-1],
        )
        add(
            morning.replace(hour=19),
            120,
            ItemKind.MEAL,
            county.restaurant,
            interpreter=county.interpreters[-1],
        )
        groups = rng.sample(members, len(members))
        for track in range(TRACKS):
            participants = groups[2 * track : 2 * track + 2]
            host = county.hosts[track] if rng.random() > 0.05 else rng.choice(county.hosts)
            interpreter = county.interpreters[track]
            venues = county.venues[4 * track : 4 * track + 4]
            venue = venues[0]
            for session_start, session_end in ((9, 12.5), (13.5, 19)):
                clock = morning + dt.timedelta(hours=session_start)
                end = morning + dt.timedelta(hours=session_end)
                while True:
                    minutes = rng.choice([30, 45, 60])
                    if rng.random() < 0.4:
                        next_venue = rng.choice(venues)
                        if next_venue != venue and rng.random() < 0.7:
                            if clock + dt.timedelta(minutes=20 + minutes) > end:
                                break
                            add(clock, 20, ItemKind.TRANSFER, venue, participants=participants)
                            clock += dt.timedelta(minutes=20)
                        venue = next_venue
                    if clock + dt.timedelta(minutes=minutes) > end:
                        break
                    # A few slips: an item planned half an hour late runs into the next one.
                    slip = dt.timedelta(minutes=30) if rng.random() < 0.03 else dt.timedelta()
                    add(
                        clock + slip,
                        minutes,
                        rng.choice(SESSION_KINDS),
                        venue,
                        participants=participants,
                        hosts=[host],
                        interpreter=interpreter,
                    )
                    clock += dt.timedelta(minutes=minutes + rng.choice([0, 5, 10, 15, 20]))
    planned.sort(key=lambda entry: entry[0].starts_at)
    return planned[:ITEMS]


def crowded_week(
    county: County, members, first_day: dt.datetime, rng: random.Random, count: int, *, ours=True
):
    """(item, participants, hosts) thrown at random into the week, 7:00 to 23:00."""
    hosts = county.hosts if ours else county.other_hosts
    interpreters = county.interpreters if ours else county.other_interpreters
    crowded = []
    venues = [*county.venues, county.hotel, county.restaurant]
    for number in range(count):
        starts_at = first_day + dt.timedelta(
            days=rng.randrange(DAYS), hours=-1, minutes=15 * rng.randrange(64)
        )
        item = ProgrammeItem(
            title=f"Programmpunkt {number}",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=15 * rng.randint(2, 8)),
            kind=rng.choice([*SESSION_KINDS, ItemKind.MEAL, ItemKind.TRANSFER]),
            venue=rng.choice(venues),
            interpreter=rng.choice(interpreters) if rng.random() < 0.8 else None,
            status=ItemStatus.CANCELLED if rng.random() < 0.05 else ItemStatus.CONFIRMED,
        )
        # One item in five is for the whole delegation (no participants chosen).
        participants = rng.sample(members, rng.randint(1, 4)) if members and rng.random() < 0.8 else []
        crowded.append((item, participants, rng.sample(hosts, rng.randint(0, 2))))
    return crowded


def save(delegation: Delegation, programme, rng: random.Random) -> None:
    for item, _, _ in programme:
        item.delegation = delegation
    ProgrammeItem.objects.bulk_create([item for item, _, _ in programme])
    participants, hosted = ProgrammeItem.participants.through, ProgrammeItem.hosts.through
    participants.objects.bulk_create(
        participants(programmeitem=item, member=member)
        for item, members, _ in programme
        for member in members
    )
    hosted.objects.bulk_create(
        hosted(programmeitem=item, contact=host) for item, _, hosts in programme for host in hosts
    )
    if delegation.members.exists():
        CompanyAppointment.objects.bulk_create(
            CompanyAppointment(
                delegation=delegation,
                company=factories.OrganisationFactory(),
                topic=factories.TopicFactory(),
                status=AppointmentStatus.CONFIRMED if rng.random() < 0.8 else AppointmentStatus.REQUESTED,
                programme_item=item,
            )
            for item, _, _ in programme
            if item.kind == ItemKind.COMPANY_VISIT and rng.random() < 0.95
        )


def build_visit(county: County, scenario: str, first_date: dt.date, rng: random.Random) -> Delegation:
    visit = factories.DelegationFactory(
        title=f"Benchmark {scenario}",
        arrival_date=first_date,
        departure_date=first_date + dt.timedelta(days=DAYS - 1),
    )
    first_day = factories.berlin(first_date.year, first_date.month, first_date.day)
    members = [
        factories.MemberFactory(
            delegation=visit,
            needs_interpreter=rng.random() < 0.8,
            preferred_language=rng.choice([Language.UKRAINIAN, Language.UKRAINIAN, Language.ENGLISH]),
            arrival_at=first_day + dt.timedelta(hours=rng.randint(8, 14)),
            departure_at=first_day + dt.timedelta(days=DAYS - 1, hours=rng.randint(12, 20)),
        )
        for _ in range(2 * TRACKS)
    ]
    if scenario == "planned":
        save(visit, planned_week(county, members, first_day, rng), rng)
    else:
        save(visit, crowded_week(county, members, first_day, rng, ITEMS), rng)
    # Other visits the same week share the county's venues and staff.
    for _ in range(NEIGHBOUR_DELEGATIONS):
        neighbour = factories.DelegationFactory(arrival_date=first_date, departure_date=visit.departure_date)
        save(neighbour, crowded_week(county, [], first_day, rng, NEIGHBOUR_ITEMS, ours=False), rng)
    return visit


def timed(function, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run. The database is in this process, so CPU time is the whole
    cost; unlike the wall clock it does not grow when other processes share the machine."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def milliseconds(durations: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(durations) * 1000, 1),
        "max_ms": round(max(durations) * 1000, 1),
    }


def measure(visit: Delegation) -> dict:
    def check_visit():
        return find_conflicts(Delegation.objects.get(pk=visit.pk))

    sample = ProgrammeItem.objects.filter(delegation=visit, kind=ItemKind.MEETING).order_by("starts_at")[10]
    unsaved = ProgrammeItem(
        delegation=visit,
        title="Neuer Punkt",
        kind=ItemKind.MEETING,
        starts_at=sample.starts_at,
        ends_at=sample.ends_at,
        venue=sample.venue,
    )
    two_members = list(visit.members.all()[:2])

    def check_form_item():
        return conflicts_for_item(unsaved, participants=two_members, hosts=[])

    timed(check_visit, WARM_UP_RUNS)
    with CaptureQueriesContext(connection) as queries:
        conflicts = check_visit()
    visit_wall, visit_cpu = timed(check_visit, RUNS)
    item_wall, item_cpu = timed(check_form_item, RUNS)
    by_kind: dict[str, int] = {}
    for conflict in conflicts:
        by_kind[conflict.kind.value] = by_kind.get(conflict.kind.value, 0) + 1
    return {
        "items": visit.programme_items.count(),
        "find_conflicts": {"wall": milliseconds(visit_wall), "cpu": milliseconds(visit_cpu)},
        "conflicts_for_item": {"wall": milliseconds(item_wall), "cpu": milliseconds(item_cpu)},
        "queries": len(queries) - 1,  # without the benchmark's own fetch of the delegation
        "conflicts": len(conflicts),
        "conflicts_by_kind": dict(sorted(by_kind.items())),
    }


def main() -> None:
    # History records are not what is measured, and building them would only slow the set-up.
    settings.SIMPLE_HISTORY_ENABLED = False
    call_command("migrate", verbosity=0)
    rng = random.Random(20251116)
    county = County(rng)
    visits = {
        "planned": build_visit(county, "planned", dt.date(2025, 11, 16), rng),
        "crowded": build_visit(county, "crowded", dt.date(2025, 12, 7), rng),
    }
    result = {
        "benchmark": "conflict check of one visit (visits/conflicts/)",
        "database": "sqlite in memory",
        "other_delegations_items": NEIGHBOUR_DELEGATIONS * NEIGHBOUR_ITEMS,
        "runs": RUNS,
        "scenarios": {name: measure(visit) for name, visit in visits.items()},
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    RESULT_FILE.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, figures in result["scenarios"].items():
        counts = f"{figures['items']} items, {figures['conflicts']} conflicts, {figures['queries']} queries"
        print(f"{name}: {counts}")
        for function in ("find_conflicts", "conflicts_for_item"):
            wall, cpu = figures[function]["wall"], figures[function]["cpu"]
            print(
                f"  {function}: median {wall['median_ms']} ms, max {wall['max_ms']} ms "
                f"(CPU median {cpu['median_ms']} ms, max {cpu['max_ms']} ms) over {RUNS} runs"
            )
    print(f"load average {result['load_average_1min']}; written to {RESULT_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
