"""The programme page of a delegation in the admin: days, times in Berlin, who and where, printable, cheap."""

import datetime as dt
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests import factories
from visits import enums as v

pytestmark = pytest.mark.django_db


def programme_url(delegation) -> str:
    return reverse("admin:delegations_delegation_programme", args=[delegation.pk])


def text_of(response) -> str:
    """The page as a reader sees it: tags gone, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = body[body.index('<div id="content-main"') :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def sections(response) -> list[str]:
    return re.findall(r'<h2 id="day-[0-9-]+">([^<]+)</h2>', response.content.decode())


@pytest.fixture
def visit():
    """Three days in Kleve: a cancelled item, a public one, one late at night, one for some members only."""
    delegation = factories.DelegationFactory(
        title="Besuch aus Podilsk", arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 18)
    )
    head = factories.MemberFactory(
        delegation=delegation, first_name="Oksana", last_name="Vyhadana", is_head=True
    )
    factories.MemberFactory(delegation=delegation, first_name="Petro", last_name="Vyhadanyi")
    county_head = factories.ContactFactory(
        first_name="Christa",
        last_name="Landrätin",
        organisation=factories.OrganisationFactory(name="Kreis Kleve"),
    )
    interpreter = factories.InterpreterFactory(first_name="Iryna", last_name="Dolmetsch")
    kreishaus = factories.VenueFactory(name="Kreishaus Kleve", street="Nassauerallee 15-23", postcode="47533")
    items = {
        "dinner": factories.ProgrammeItemFactory(
            delegation=delegation,
            title="Abendessen im Hotel",
            kind=v.ItemKind.MEAL,
            starts_at=factories.berlin(2025, 11, 17, 19, 0),
            ends_at=factories.berlin(2025, 11, 17, 21, 0),
            venue=kreishaus,
        ),
        "reception": factories.ProgrammeItemFactory(
            delegation=delegation,
            title="Empfang durch die Landrätin",
            kind=v.ItemKind.CEREMONY,
            starts_at=factories.berlin(2025, 11, 17, 10, 0),
            ends_at=factories.berlin(2025, 11, 17, 11, 30),
            venue=kreishaus,
            hosts=[county_head],
            interpreter=interpreter,
            visibility=v.Visibility.PUBLIC,
        ),
        "visit": factories.ProgrammeItemFactory(
            delegation=delegation,
            title="Besuch der Stadtwerke",
            kind=v.ItemKind.COMPANY_VISIT,
            starts_at=factories.berlin(2025, 11, 17, 14, 0),
            ends_at=factories.berlin(2025, 11, 17, 16, 0),
            status=v.ItemStatus.CANCELLED,
            participants=[head],
        ),
        # 23:30 in Berlin is 22:30 UTC: it belongs to the 17th, and ends on the 18th.
        "late": factories.ProgrammeItemFactory(
            delegation=delegation,
            title="Nachtwächterführung",
            kind=v.ItemKind.FREE_TIME,
            starts_at=factories.berlin(2025, 11, 17, 23, 30),
            ends_at=factories.berlin(2025, 11, 18, 0, 30),
            visibility=v.Visibility.INTERNAL,
        ),
    }
    return delegation, items


def test_one_section_per_day_of_the_visit_with_weekday_and_date(planner_client, visit):
    delegation, _ = visit
    response = planner_client.get(programme_url(delegation))
    assert response.status_code == 200
    assert sections(response) == [
        "Sonntag, 16. November 2025",
        "Montag, 17. November 2025",
        "Dienstag, 18. November 2025",
    ]
    assert "Keine Programmpunkte an diesem Tag." in text_of(response)


def test_items_in_time_order_with_berlin_times_and_the_zone_named(planner_client, visit):
    delegation, _ = visit
    text = text_of(planner_client.get(programme_url(delegation)))
    monday = text[text.index("Montag, 17. November 2025") : text.index("Dienstag, 18. November 2025")]
    # Not the titles quoted in conflict messages („…“), only those of the rows.
    titles = re.findall(
        r"(?<!„)(?:Empfang durch die Landrätin|Besuch der Stadtwerke|Abendessen im Hotel|Nachtwächter)",
        monday,
    )
    assert titles == [
        "Empfang durch die Landrätin",
        "Besuch der Stadtwerke",
        "Abendessen im Hotel",
        "Nachtwächter",
    ]
    assert "10:00 – 11:30 Empfang durch die Landrätin Festakt / Zeremonie" in monday
    assert "23:30 – Di, 18.11., 00:30 Nachtwächterführung" in monday
    assert "Alle Zeiten in Ortszeit Europe/Berlin." in text


def test_each_item_says_where_who_hosts_who_interprets_and_its_state(planner_client, visit):
    delegation, _ = visit
    text = text_of(planner_client.get(programme_url(delegation)))
    assert (
        "Empfang durch die Landrätin Festakt / Zeremonie Kreishaus Kleve Nassauerallee 15-23, 47533 Kleve "
        "ganze Delegation Christa Landrätin (Kreis Kleve) Iryna Dolmetsch bestätigt öffentlich"
    ) in text
    assert "Besuch der Stadtwerke Unternehmensbesuch" in text
    assert "Oksana Vyhadana – – abgesagt für Gäste" in text
    assert "intern (nur Mitarbeitende)" in text


def test_cancelled_items_are_struck_through_and_say_so(planner_client, visit):
    delegation, _ = visit
    page = planner_client.get(programme_url(delegation)).content.decode()
    row = re.search(r'<tr class="kleve-item[^"]*kleve-item-cancelled">(.*?)</tr>', page, re.S).group(1)
    assert re.search(r"<del><a [^>]+>Besuch der Stadtwerke</a></del>", row)
    assert ">abgesagt<" in row
    assert page.count("kleve-item-cancelled") == 1
    assert "4 Programmpunkte, davon 1 abgesagt." in text_of(planner_client.get(programme_url(delegation)))


def test_the_page_prints_through_its_own_stylesheet_and_carries_no_inline_style(planner_client, visit):
    delegation, _ = visit
    page = planner_client.get(programme_url(delegation)).content.decode()
    assert '<link rel="stylesheet" href="/static/admin/kleve/programme-print.css" media="print">' in page
    assert "style=" not in page
    assert "<style" not in page
    assert "<script>" not in page


def test_the_press_office_sees_the_public_items_only_and_no_participants(press_client, visit):
    delegation, _ = visit
    text = text_of(press_client.get(programme_url(delegation)))
    assert "Empfang durch die Landrätin" in text
    for hidden in ("Besuch der Stadtwerke", "Abendessen im Hotel", "Nachtwächterführung", "Vyhadana"):
        assert hidden not in text
    assert "Teilnehmende" not in text
    assert "Angezeigt werden nur die öffentlichen Programmpunkte." in text


def test_read_only_staff_see_the_whole_programme_without_links_to_change_it(reader_client, visit):
    delegation, items = visit
    response = reader_client.get(programme_url(delegation))
    assert "Nachtwächterführung" in text_of(response)
    assert (
        reverse("admin:visits_programmeitem_change", args=[items["late"].pk]) not in response.content.decode()
    )


def test_an_outgoing_trip_shows_the_time_at_its_destination(planner_client):
    trip = factories.DelegationFactory(
        time_zone="Europe/Kyiv", arrival_date=dt.date(2026, 5, 4), departure_date=dt.date(2026, 5, 4)
    )
    factories.ProgrammeItemFactory(
        delegation=trip,
        title="Treffen im Rajonrat",
        starts_at=factories.berlin(2026, 5, 4, 9, 0),
        ends_at=factories.berlin(2026, 5, 4, 10, 0),
    )
    text = text_of(planner_client.get(programme_url(trip)))
    assert "10:00 – 11:00 Berlin: 09:00–10:00 Treffen im Rajonrat" in text
    assert (
        "Alle Zeiten in Ortszeit am Reiseziel Europe/Kyiv, daneben in deutscher Zeit Europe/Berlin." in text
    )


def test_only_staff_who_may_see_programme_items_get_the_page(db, visit):
    delegation, _ = visit
    user = factories.UserFactory(username="nur-delegationen")
    user.user_permissions.add(Permission.objects.get(codename="view_delegation"))
    client = Client()
    client.force_login(user)
    assert client.get(programme_url(delegation)).status_code == 403


def test_an_unknown_delegation_is_not_found(planner_client):
    assert (
        planner_client.get(reverse("admin:delegations_delegation_programme", args=[999999])).status_code
        == 404
    )


@pytest.mark.parametrize("size", [10, 200])
def test_the_programme_page_runs_the_same_queries_for_10_and_200_items(
    planner_client, django_assert_num_queries, size
):
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(3, delegation=delegation)
    hosts = factories.ContactFactory.create_batch(2)
    interpreter = factories.InterpreterFactory()
    for index in range(size):
        factories.ProgrammeItemFactory(
            delegation=delegation,
            starts_at=factories.berlin(2025, 11, 16, 7) + dt.timedelta(days=index % 7, minutes=5 * index),
            participants=members[: index % 4],
            hosts=hosts[: index % 3],
            interpreter=interpreter if index % 2 else None,
            venue=factories.VenueFactory() if index < 20 else None,
        )
    url = programme_url(delegation)
    planner_client.get(url)

    # 6 for the page (user and permissions among them), 7 for its conflict check, and the savepoint around
    # the request and its release (ATOMIC_REQUESTS, counted inside the test's transaction).
    with django_assert_num_queries(15):
        response = planner_client.get(url)

    assert response.content.decode().count('<tr class="kleve-item') == size
