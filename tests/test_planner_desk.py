"""The planner's desk on the admin's index: per visit what needs attention, most urgent first, each line
linking to where it is done; what each role sees; the same queries for 2 and 20 visits; the batched checks
finding what the single ones find."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations import attention
from delegations.enums import DelegationStatus
from followup.models import Outcome
from tests import factories
from tests.desk_visits import (
    at,
    local_today,
    visit_under_way_with_a_company_visit_held,
    visit_with_everything,
)
from visits import readiness
from visits.conflicts import find_conflicts, find_conflicts_of_visits

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def _lines(delegation, user) -> list[tuple[str, str, str]]:
    [visit] = [v for v in attention.desk(user, local_today()) if v.delegation.pk == delegation.pk]
    return [(line.urgency.name, line.text, line.url) for line in visit.lines]


def test_the_desk_lists_what_needs_attention_most_urgent_first_with_where_it_is_done(planner_client):
    delegation = visit_with_everything()
    pk = delegation.pk
    release = delegation.programme_releases.get()
    deadline = (delegation.arrival_date - dt.timedelta(days=42)).strftime("%d.%m.%Y")
    overdue = (local_today() - dt.timedelta(days=3)).strftime("%d.%m.%Y")
    soon = (local_today() + dt.timedelta(days=5)).strftime("%d.%m.%Y")
    asked_on = timezone.localdate().strftime("%d.%m.%Y")
    readiness_url = reverse("admin:visits_programmerelease_readiness") + f"?delegation={pk}"
    translations_url = reverse("translations:index", args=[pk]) + "?language=uk"
    appointments_url = reverse("admin:visits_companyappointment_changelist")

    followup_url = f"/admin/delegation/{pk}/nachbereitung/"
    assert _lines(delegation, planner_client.user) == [
        (
            "NOW",
            f"Förderantrag bei „SKEW Delegationsreisen“ nicht gestellt, die Frist lief am {deadline} ab",
            f"/admin/delegation/{pk}/foerderung/",
        ),
        ("NOW", f"1 Aufgabe der Nachbereitung überfällig (seit {overdue})", followup_url),
        (
            "NOW",
            "1 Mitteilung einer Freigabe nicht angekommen",
            reverse("admin:visits_programmerelease_change", args=[release.pk]),
        ),
        ("SOON", f"1 Aufgabe der Nachbereitung bald fällig (am {soon})", followup_url),
        ("SOON", "1 blockierender Befund vor der Freigabe (Mitglied nicht erreichbar)", readiness_url),
        ("SOON", "1 Text fehlt in der Sprache der Gäste (Ukrainisch: 1)", translations_url),
        (
            "SOON",
            f"1 Anfrage an ein Unternehmen unbeantwortet (Stand vom {asked_on})",
            f"{appointments_url}?delegation__id__exact={pk}&status__exact=requested",
        ),
        (
            "SOON",
            "1 Unternehmen noch anzufragen",
            f"{appointments_url}?delegation__id__exact={pk}&status__exact=to_ask",
        ),
        (
            "SOON",
            "1 Mitglied hat den persönlichen Link nie geöffnet",
            reverse("admin:visits_guestaccess_changelist") + f"?delegation__id__exact={pk}&state=valid",
        ),
        # Everything guests read not yet in Ukrainian (the item's venue, the members' functions, …): the list.
        ("SOON", "Übersetzungen (Ukrainisch): 5 Texte fehlen", translations_url),
    ]

    page = planner_client.get(INDEX).content.decode()
    assert "Was ansteht" in page
    assert f'href="/admin/delegation/{pk}/foerderung/"' in page
    assert "Besuch aus Podilsk" in page
    # The app list is still the index's: below the desk, with a link from the desk to it.
    assert page.index("Was ansteht") < page.index('id="kleve-apps-heading"') < page.index("app-delegations")
    assert 'href="#kleve-apps-heading"' in page


def test_every_line_leads_to_a_page_the_planner_may_open(planner_client):
    visit_with_everything()
    visit_under_way_with_a_company_visit_held()
    lines = [line for visit in attention.desk(planner_client.user, local_today()) for line in visit.lines]
    assert len(lines) == 11
    for line in lines:
        assert planner_client.get(line.url).status_code == 200, line.url


def test_a_company_visit_held_without_an_outcome_is_on_the_desk_until_one_is_recorded(planner_client):
    delegation, appointment = visit_under_way_with_a_company_visit_held()
    line = (
        "SOON",
        "1 Unternehmensbesuch ohne festgehaltenes Ergebnis",
        f"/admin/delegation/{delegation.pk}/nachbereitung/",
    )
    assert line in _lines(delegation, planner_client.user)

    Outcome.objects.create(appointment=appointment, text="Praktikumsplätze für zwei Auszubildende")
    assert line not in _lines(delegation, planner_client.user)


def test_the_most_urgent_visit_comes_first_and_a_quiet_one_says_so(planner_client):
    today = local_today()
    quiet = factories.DelegationFactory(
        title="Ruhiger Besuch",
        arrival_date=today + dt.timedelta(days=3),
        departure_date=today + dt.timedelta(days=5),
    )
    busy = visit_with_everything("Dringender Besuch", starts_in=90)
    factories.DelegationFactory(title="Abgesagter Besuch", status=DelegationStatus.CANCELLED)
    factories.DelegationFactory(
        title="Längst vorbei",
        status=DelegationStatus.COMPLETED,
        arrival_date=today - dt.timedelta(days=200),
        departure_date=today - dt.timedelta(days=195),
    )

    desk = attention.desk(planner_client.user, today)
    assert [visit.delegation.pk for visit in desk] == [busy.pk, quiet.pk]
    page = planner_client.get(INDEX).content.decode()
    assert page.index("Dringender Besuch") < page.index("Ruhiger Besuch")
    assert "Nichts offen." in page
    assert "Abgesagter Besuch" not in page and "Längst vorbei" not in page


def test_each_role_sees_what_it_may_open(press_client, reader_client, superuser_client):
    delegation = visit_with_everything()

    # The press office may open none of it: no desk, the app list as before.
    page = press_client.get(INDEX).content.decode()
    assert "Was ansteht" not in page
    assert 'id="kleve-apps-heading"' in page

    # Read-only: no release (the readiness page is the planners'), no guest links.
    texts = [text for _urgency, text, _url in _lines(delegation, reader_client.user)]
    assert not any("Freigabe (" in text or "Sprache der Gäste" in text or "Link" in text for text in texts)
    assert any("Mitteilung" in text for text in texts)
    for line in next(v for v in attention.desk(reader_client.user, local_today())).lines:
        assert reader_client.get(line.url).status_code == 200, line.url

    assert len(_lines(delegation, superuser_client.user)) == 10


def _visits(count: int) -> None:
    for n in range(count):
        visit_with_everything(f"Besuch {n}", starts_in=5 + n)
    for _ in range(count // 2):
        visit_under_way_with_a_company_visit_held()


@pytest.mark.parametrize("count", [2, 20])
def test_the_start_page_runs_the_same_queries_for_2_and_20_visits(
    planner_client, django_assert_num_queries, count
):
    _visits(count)
    planner_client.get(INDEX)  # the session and the permissions are read once per request anyway
    with django_assert_num_queries(27):
        response = planner_client.get(INDEX)
    assert response.content.decode().count('class="kleve-desk-visit') == count + count // 2


def test_the_checks_of_several_visits_find_what_each_check_finds(planner_client):
    """Visits that share a venue and a host at the same time: conflicts across them are found either way."""
    host = factories.ContactFactory(first_name="Ulrike", last_name="Gastgeberin")
    hall = factories.VenueFactory(name="Kreishaus")
    today = local_today()
    visits = [visit_with_everything(f"Besuch {n}", starts_in=3) for n in range(3)]
    for visit in visits:
        factories.ProgrammeItemFactory(
            delegation=visit,
            starts_at=at(visit.arrival_date, 14),
            ends_at=at(visit.arrival_date, 15),
            venue=hall,
            hosts=[host],
        )
    # A visit not on the desk whose item clashes with all three.
    other = factories.DelegationFactory(arrival_date=today, departure_date=today + dt.timedelta(days=9))
    factories.ProgrammeItemFactory(
        delegation=other,
        starts_at=at(visits[0].arrival_date, 14),
        ends_at=at(visits[0].arrival_date, 16),
        venue=hall,
    )

    batched = find_conflicts_of_visits(visits)
    for visit in visits:
        single = [conflict.message for conflict in find_conflicts(visit)]
        assert [conflict.message for conflict in batched[visit.pk]] == single
        assert len(single) >= 3  # the host twice over, the hall over and over
    checked = readiness.check_visits(visits)
    for visit in visits:
        assert [(f.code, f.text, f.url) for f in checked[visit.pk]] == [
            (f.code, f.text, f.url) for f in readiness.check(visit)
        ]
