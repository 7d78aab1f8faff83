"""A delay on the day (visits.delays, `manage.py delay`): what moves, what it breaks, apply, release, undo."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo.loader import seed_demo
from visits.delays import DelayError, plan_delay
from visits.enums import ItemKind, Visibility
from visits.models import DelayRecord, ProgrammeItem, ProgrammeRelease, ReleaseNotification

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("delay", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def times():
    return dict(ProgrammeItem.objects.values_list("pk", "starts_at"))


def spans():
    return {
        pk: (start, end) for pk, start, end in ProgrammeItem.objects.values_list("pk", "starts_at", "ends_at")
    }


def hhmm(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


@pytest.fixture
def demo():
    seed_demo(now=timezone.now(), make_logins=False)


def item(title: str) -> ProgrammeItem:
    return ProgrammeItem.objects.get(title_de__startswith=title)


def test_a_late_company_visit_runs_the_afternoon_into_the_ceremony_and_undo_restores_it(demo):
    # Day 5: Hof Niersaue until 14:40, back to the hotel to change, the drive to the Berufskolleg at 15:20,
    # the ceremony at 16:00. Twenty-five minutes late, the drive ends at 16:05.
    visit = item("Unternehmensbesuch Hof Niersaue")
    assert visit.kind == ItemKind.COMPANY_VISIT and visit.status != "cancelled"
    ceremony = item("Festakt „50 Jahre Kreis Kleve“")
    before = spans()
    releases = ProgrammeRelease.objects.count()

    preview = run(visit.pk, 25)

    moved_titles = [
        "Unternehmensbesuch Hof Niersaue",
        "Rückfahrt zum Hotel und Zeit zum Umziehen",
        "Fahrt zum Berufskolleg Kleve",
    ]
    lines = preview.splitlines()
    moves = [line for line in lines if line.startswith("MOVE ")]
    assert len(moves) == len(moved_titles)
    for line, title in zip(moves, moved_titles, strict=True):
        assert title in line
    assert moves[0] == f"MOVE {visit.pk} 13:40-14:40 -> 13:40-15:05 {visit.title}"
    assert " 14:45-15:05 -> 15:10-15:30 " in moves[1]
    assert " 15:20-15:40 -> 15:45-16:05 " in moves[2]
    # The ceremony keeps its time; the clash with it is reported.
    assert ceremony.pk not in {int(line.split()[1]) for line in moves}
    conflicts = [line for line in lines if line.startswith("CONFLICT ")]
    assert any("Festakt" in line and "Fahrt zum Berufskolleg" in line for line in conflicts), preview
    # The preview changes nothing.
    assert spans() == before
    assert ProgrammeRelease.objects.count() == releases and not DelayRecord.objects.exists()

    # Every staff contact of the visit has a link, so each of them can be told.
    from visits.staff import issue_staff_access, staff_contacts

    for contact in staff_contacts(visit.delegation):
        issue_staff_access(delegation=visit.delegation, contact=contact)

    applied = run(visit.pk, 25, "--apply")
    assert applied.splitlines()[: len(moves)] == moves
    moved = ProgrammeItem.objects.filter(title_de__in=[item(t).title_de for t in moved_titles])
    for moved_item in moved:
        _old_start, old_end = before[moved_item.pk]
        assert moved_item.ends_at - old_end == dt.timedelta(minutes=25)
    assert item("Unternehmensbesuch Hof Niersaue").starts_at == before[visit.pk][0]
    others = ProgrammeItem.objects.exclude(pk__in=moved.values("pk"))
    assert all((o.starts_at, o.ends_at) == before[o.pk] for o in others)
    assert DelayRecord.objects.filter(undone_at=None).count() == len(moved_titles)

    release = ProgrammeRelease.objects.order_by("-version").first()
    assert ProgrammeRelease.objects.count() == releases + 1
    assert "25 Minuten" in release.note_de
    assert release.note_en.startswith("Delay:") and release.note_uk.startswith("Затримка:")
    # Exactly the members of the moved guest-visible items are told: all four, as the day is the whole
    # delegation's; each notice lists the moved items only.
    visible = moved.filter(visibility__in=[Visibility.GUESTS, Visibility.PUBLIC])
    concerned = set()
    everyone = set(visit.delegation.members.active().values_list("pk", flat=True))
    for moved_item in visible.prefetch_related("participants"):
        concerned |= {m.pk for m in moved_item.participants.all()} or everyone
    notices = ReleaseNotification.objects.filter(release=release)
    notified = set(notices.filter(member__isnull=False).values_list("member", flat=True))
    assert notified == concerned
    assert {entry["item"] for entry in release.changes} == set(visible.values_list("pk", flat=True))
    assert {entry["change"] for entry in release.changes} == {"time"}
    staff_told = set(notices.filter(contact__isnull=False).values_list("contact", flat=True))
    staff_of_moved = set()
    for moved_item in visible.prefetch_related("hosts").select_related("interpreter", "driver"):
        staff_of_moved |= {c.pk for c in moved_item.busy_contacts(moved_item.hosts.all()) if c.email}
    assert staff_told and staff_told == staff_of_moved

    undone = run(visit.pk, "--undo")
    assert undone.count("RESTORE ") == len(moved_titles)
    assert spans() == before
    assert ProgrammeRelease.objects.count() == releases + 2
    assert not DelayRecord.objects.filter(undone_at=None).exists()
    # Nothing left to undo.
    with pytest.raises(CommandError, match="keine Verschiebung") as refused:
        run(visit.pk, "--undo")
    assert refused.value.returncode == 1


def test_a_delay_running_into_the_ceremony_is_a_conflict_and_the_ceremony_stays(demo):
    lunch = item("Mittagessen in Emmerich")
    ceremony = item("Festakt „50 Jahre Kreis Kleve“")
    assert ceremony.kind == ItemKind.CEREMONY
    to_ceremony = item("Fahrt zum Berufskolleg Kleve")

    output = run(lunch.pk, 30)

    moved = {int(line.split()[1]) for line in output.splitlines() if line.startswith("MOVE ")}
    assert {lunch.pk, to_ceremony.pk, item("Rückfahrt zum Hotel und Zeit").pk} <= moved
    assert ceremony.pk not in moved
    # What follows the ceremony goes on from it.
    assert item("Empfang mit Imbiss").pk not in moved
    conflicts = [line for line in output.splitlines() if line.startswith("CONFLICT ")]
    assert any("Festakt" in line and "Fahrt zum Berufskolleg" in line for line in conflicts), output
    assert all(line.split()[1].islower() for line in conflicts)  # the kind's code, not its label


def test_a_late_morning_visit_ripples_through_the_rest_of_its_day(demo):
    # Day 3 has no fixed slot: everything after the morning's company visit moves, the drive home included.
    visit = item("Unternehmensbesuch Schwanenland")
    output = run(visit.pk, 25)
    moves = [line for line in output.splitlines() if line.startswith("MOVE ")]
    moved_titles = [
        "Unternehmensbesuch Schwanenland",
        "Im Rathaus Goch",
        "Fahrt nach Kalkar",
        "Unternehmensbesuch: Windkraft",
        "Abendessen mit Unternehmerinnen",
        "Rückfahrt nach Kleve",
    ]
    assert len(moves) == len(moved_titles)
    for line, title in zip(moves, moved_titles, strict=True):
        assert title in line
    assert moves[0] == f"MOVE {visit.pk} 09:00-11:30 -> 09:00-11:55 {visit.title}"
    assert f"-> 12:25-14:25 {item('Im Rathaus Goch').title}" in moves[1]
    assert not [line for line in output.splitlines() if line.startswith("CONFLICT ")]


def test_a_shared_person_is_what_makes_an_item_depend(demo):
    # Day 4: the talk with the treasury (two members) and the shadowing (one other member) run side by side.
    treasury = item("Gespräch mit der Kämmerei")
    plan = plan_delay(treasury, 20)
    titles = [move.item.title_de for move in plan.moves]
    assert titles[0] == treasury.title_de
    assert "Grußwort für den Festakt vorbereiten" in titles  # shares a member with the treasury talk
    assert all(not t.startswith("Hospitation") for t in titles)  # nobody in common, started before anyway
    # "Freier Abend" is the whole delegation's: it shares the moved members.
    assert "Freier Abend" in titles


def test_ended_early_moves_the_rest_earlier(demo):
    visit = item("Unternehmensbesuch Schwanenland")
    output = run(visit.pk, -15)
    assert output.splitlines()[0] == f"MOVE {visit.pk} 09:00-11:30 -> 09:00-11:15 {visit.title}"
    assert "-> 11:45-13:45" in output.splitlines()[1]


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(0, "0 Minuten"), (-150, "enden, bevor er beginnt"), (800, "mehr als 720 Minuten")],
)
def test_a_delay_that_makes_no_sense_is_refused_and_changes_nothing(demo, minutes, message):
    visit = item("Unternehmensbesuch Schwanenland")
    before = times()
    with pytest.raises(CommandError, match=message) as refused:
        run(visit.pk, minutes, "--apply")
    assert refused.value.returncode == 1
    assert times() == before and not DelayRecord.objects.exists()


def test_a_cancelled_item_is_not_delayed(demo):
    with pytest.raises(DelayError):
        plan_delay(item("Unternehmensbesuch Rheinhafen"), 10)


def test_an_unknown_item_is_refused():
    with pytest.raises(CommandError, match="Kein Programmpunkt") as refused:
        run(999999, 10)
    assert refused.value.returncode == 1


def test_undo_is_refused_when_a_moved_item_was_changed_since(demo):
    visit = item("Unternehmensbesuch Schwanenland")
    run(visit.pk, 25, "--apply")
    meal = item("Abendessen mit Unternehmerinnen")
    meal.starts_at += dt.timedelta(minutes=5)
    meal.save()
    moved_times = times()
    releases = ProgrammeRelease.objects.count()
    with pytest.raises(CommandError, match="nach der Verschiebung geändert") as refused:
        run(visit.pk, "--undo")
    assert refused.value.returncode == 1
    assert times() == moved_times and ProgrammeRelease.objects.count() == releases
    assert not DelayRecord.objects.exclude(undone_at=None).exists()


def test_only_what_shares_people_or_is_the_next_transfer_moves_and_only_on_that_day():
    from tests import factories

    delegation = factories.DelegationFactory()
    anna, boris, clara = factories.MemberFactory.create_batch(3, delegation=delegation)

    def at(hour, minute=0, *, day=17, **kwargs):
        start = factories.berlin(2025, 11, day, hour, minute)
        return factories.ProgrammeItemFactory(
            delegation=delegation, starts_at=start, ends_at=start + dt.timedelta(minutes=45), **kwargs
        )

    late = at(9, participants=[anna])
    anna_next = at(10, participants=[anna, boris])  # shares Anna
    boris_next = at(11, participants=[boris])  # shares Boris with the moved item before: transitively
    clara_only = at(12, participants=[clara])  # nobody moved is in it
    staff_run = at(
        13, kind=ItemKind.TRANSFER, visibility=Visibility.INTERNAL
    )  # nobody: but the next transfer
    staff_prep = at(14, visibility=Visibility.INTERNAL)  # the staff's own, nobody of the delegation
    tomorrow = at(9, day=18, participants=[anna])  # the next morning absorbs the delay
    cancelled = at(15, participants=[anna], status="cancelled")

    plan = plan_delay(late, 10)

    moved = [move.item.pk for move in plan.moves]
    assert moved == [late.pk, anna_next.pk, boris_next.pk, staff_run.pk]
    for other in (clara_only, staff_prep, tomorrow, cancelled):
        assert other.pk not in moved
    # The plan changed nothing stored.
    late.refresh_from_db()
    assert late.ends_at == factories.berlin(2025, 11, 17, 9, 45)
