"""The planners' calendar at /admin/calendar/: month, week and day across every visit and per resource,
double bookings marked in words, parameters that are wrong explained in the user's language, the private
`.ics` per resource, the links to it, and a constant number of queries."""

import datetime as dt
import html
import re

import pytest
from django.conf import settings
from icalendar import Calendar

from delegations.enums import Direction
from tests.factories import (
    ContactFactory,
    DelegationFactory,
    DriverFactory,
    HotelFactory,
    InterpreterFactory,
    ProgrammeItemFactory,
    UserFactory,
    VehicleFactory,
    VenueFactory,
    berlin,
)
from visits.enums import ItemKind, ItemStatus, Visibility

pytestmark = pytest.mark.django_db

URL = "/admin/calendar/"
ICS = "/admin/calendar/resource.ics"


def text(response) -> str:
    """The page as a reader sees it: tags gone, entities read, white space as one space."""
    page = response.content.decode()
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def two_visits():
    """Two visits in November 2025 sharing an interpreter, a driver, a vehicle and a venue."""
    podilsk = DelegationFactory(title="Rajon Podilsk 2025")
    zgierz = DelegationFactory(
        title="Zgierz 2025",
        direction=Direction.OUTGOING,
        arrival_date=dt.date(2025, 11, 17),
        departure_date=dt.date(2025, 11, 19),
    )
    interpreter = InterpreterFactory(first_name="Iryna", last_name="Sprach")
    driver = DriverFactory(first_name="Dieter", last_name="Lenkrad")
    bus = VehicleFactory(name="Kleinbus 1", registration="KLE-KK 101")
    hall = VenueFactory(name="Kreishaus Kleve")
    host = ContactFactory(first_name="Greta", last_name="Hüsgen")
    items = {
        "empfang": ProgrammeItemFactory(
            delegation=podilsk,
            title="Empfang im Kreishaus",
            starts_at=berlin(2025, 11, 17, 10),
            ends_at=berlin(2025, 11, 17, 11),
            venue=hall,
            interpreter=interpreter,
            hosts=[host],
        ),
        "fahrt": ProgrammeItemFactory(
            delegation=podilsk,
            title="Fahrt nach Emmerich",
            kind=ItemKind.TRANSFER,
            starts_at=berlin(2025, 11, 18, 8),
            ends_at=berlin(2025, 11, 18, 9),
            venue=None,
            driver=driver,
            vehicle=bus,
        ),
        "sitzung": ProgrammeItemFactory(
            delegation=zgierz,
            title="Sitzung zur Städtepartnerschaft",
            starts_at=berlin(2025, 11, 17, 10, 30),
            ends_at=berlin(2025, 11, 17, 12),
            venue=VenueFactory(name="Rathaus Zgierz"),
            interpreter=interpreter,
        ),
        "abholung": ProgrammeItemFactory(
            delegation=zgierz,
            title="Abholung am Flughafen",
            kind=ItemKind.TRANSFER,
            starts_at=berlin(2025, 11, 25, 14),
            ends_at=berlin(2025, 11, 25, 15),
            venue=None,
            driver=driver,
            vehicle=bus,
        ),
    }
    return {
        "podilsk": podilsk,
        "zgierz": zgierz,
        "interpreter": interpreter,
        "driver": driver,
        "vehicle": bus,
        "venue": hall,
        "host": host,
        **items,
    }


# -- The three views -------------------------------------------------------------------------------------


def test_the_month_grid_shows_every_visits_items_on_their_days_with_links(planner_client, two_visits):
    response = planner_client.get(URL, {"date": "2025-11-17"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>November 2025</caption>" in page
    assert page.count('<th scope="col"><abbr title=') == 7
    for key in ("empfang", "fahrt", "sitzung", "abholung"):
        item = two_visits[key]
        assert f'href="/admin/visits/programmeitem/{item.pk}/change/"' in page
    # The grid runs Monday to Sunday: 27 October to 30 November, five weeks.
    assert page.count("<tr>") == 1 + 5
    assert 'href="/admin/calendar/?date=2025-11-17&amp;view=day"' in page
    reader = text(response)
    assert "4 Programmpunkte in diesem Zeitraum." in reader
    assert "Rajon Podilsk 2025" in reader and "Zgierz 2025" in reader


def test_previous_and_next_lead_to_the_neighbouring_month_week_and_day(planner_client, two_visits):
    month = planner_client.get(URL, {"date": "2025-11-17", "view": "month"}).content.decode()
    week = planner_client.get(URL, {"date": "2025-11-19", "view": "week"}).content.decode()
    day = planner_client.get(URL, {"date": "2025-11-30", "view": "day"}).content.decode()

    assert 'href="/admin/calendar/?date=2025-10-01&amp;view=month" rel="prev"' in month
    assert 'href="/admin/calendar/?date=2025-12-01&amp;view=month" rel="next"' in month
    assert 'href="/admin/calendar/?date=2025-11-10&amp;view=week" rel="prev"' in week
    assert 'href="/admin/calendar/?date=2025-11-24&amp;view=week" rel="next"' in week
    assert 'href="/admin/calendar/?date=2025-11-29&amp;view=day" rel="prev"' in day
    assert 'href="/admin/calendar/?date=2025-12-01&amp;view=day" rel="next"' in day


def test_the_week_is_an_agenda_of_its_seven_days(planner_client, two_visits):
    response = planner_client.get(URL, {"date": "2025-11-19", "view": "week"})

    reader = text(response)
    assert '<h2 class="kleve-calendar-period">47. Kalenderwoche: 17. November bis 23. November 2025</h2>' in (
        response.content.decode()
    )
    headings = re.findall(r'<h3 id="day-(\d{4}-\d\d-\d\d)"', response.content.decode())
    assert headings == [f"2025-11-{day}" for day in range(17, 24)]
    assert "10:00 – 11:00 Empfang im Kreishaus" in reader
    assert "08:00 – 09:00 Fahrt nach Emmerich Transfer Rajon Podilsk 2025" in reader
    assert "Dieter Lenkrad, Kleinbus 1 (KLE-KK 101)" in reader
    assert "Abholung am Flughafen" not in reader  # the week after
    assert reader.count("Keine Programmpunkte an diesem Tag.") == 5


def test_the_day_is_a_table_with_headers_and_a_caption(planner_client, two_visits):
    response = planner_client.get(URL, {"date": "2025-11-17", "view": "day"})

    page = response.content.decode()
    assert '<caption class="visually-hidden">Programmpunkte am Montag, 17. November 2025</caption>' in page
    assert page.count('<th scope="row"') == 2
    for header in ("Zeit", "Programmpunkt", "Delegation", "Ort", "Dolmetschung", "Konflikte"):
        assert f'<th scope="col">{header}</th>' in page
    reader = text(response)
    assert reader.index("Empfang im Kreishaus") < reader.index("Sitzung zur Städtepartnerschaft")
    assert "Fahrt nach Emmerich" not in reader


def test_an_item_over_midnight_shows_on_both_days(planner_client):
    ProgrammeItemFactory(
        title="Nachtzug", starts_at=berlin(2025, 11, 20, 22), ends_at=berlin(2025, 11, 21, 6)
    )

    first = text(planner_client.get(URL, {"date": "2025-11-20", "view": "day"}))
    second = text(planner_client.get(URL, {"date": "2025-11-21", "view": "day"}))

    assert "Do, 20.11., 22:00 – Fr, 21.11., 06:00 Nachtzug" in first
    assert "Nachtzug" in second


def test_a_cancelled_item_is_struck_through_and_says_so(planner_client):
    ProgrammeItemFactory(title="Werksbesuch", starts_at=berlin(2025, 11, 20, 9), status=ItemStatus.CANCELLED)

    response = planner_client.get(URL, {"date": "2025-11-20", "view": "day"})

    assert re.search(
        r"<del><a [^>]+>Werksbesuch</a></del> <span[^>]*>\(abgesagt\)</span>", response.content.decode()
    )


# -- One resource ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("interpreter", {"empfang", "sitzung"}, {"fahrt", "abholung"}),
        ("driver", {"fahrt", "abholung"}, {"empfang", "sitzung"}),
        ("vehicle", {"fahrt", "abholung"}, {"empfang", "sitzung"}),
        ("venue", {"empfang"}, {"fahrt", "sitzung", "abholung"}),
        ("host", {"empfang"}, {"fahrt", "sitzung", "abholung"}),
    ],
)
def test_one_resource_shows_only_its_items(planner_client, two_visits, kind, shown, hidden):
    resource = two_visits[kind]

    response = planner_client.get(URL, {"date": "2025-11-01", "resource": f"{kind}:{resource.pk}"})

    assert response.status_code == 200
    page = response.content.decode()
    for key in shown:
        assert two_visits[key].title in page, key
    for key in hidden:
        assert two_visits[key].title not in page, key
    assert f'<option value="{kind}:{resource.pk}" selected>' in page
    # Moving on keeps the resource; the page offers its calendar file.
    assert f"date=2025-12-01&amp;view=month&amp;resource={kind}%3A{resource.pk}" in page
    assert f'href="/admin/calendar/resource.ics?resource={kind}%3A{resource.pk}"' in page


def test_the_chooser_is_a_get_form_grouping_resources_by_kind(planner_client, two_visits):
    page = planner_client.get(URL).content.decode()

    form = page[page.index('<form class="kleve-calendar-chooser"') :]
    form = form[: form.index("</form>")]
    assert 'method="get" action="/admin/calendar/"' in form
    groups = re.findall(r'<optgroup label="([^"]+)">', form)
    assert groups == ["Orte", "Dolmetscher/innen", "Fahrer/innen", "Fahrzeuge", "Gastgeber/innen"]
    assert f'value="driver:{two_visits["driver"].pk}">Lenkrad, Dieter</option>' in form
    assert '<label for="id_resource">Zeigen für</label>' in form
    assert '<input type="date" name="date"' in form


# -- Double bookings -------------------------------------------------------------------------------------


def test_double_bookings_across_visits_are_marked_with_the_word_and_explained(planner_client, two_visits):
    month = planner_client.get(URL, {"date": "2025-11-17"})
    day = planner_client.get(URL, {"date": "2025-11-17", "view": "day"})

    assert "2 davon doppelt gebucht (markiert mit „Konflikt“)." in text(month)
    assert month.content.decode().count('<span class="kleve-calendar-conflict-badge">Konflikt</span>') == 2
    assert (
        text(day).count(
            "Konflikt Iryna Sprach ist gleichzeitig bei „Empfang im Kreishaus“ (17.11.2025 10:00–11:00, "
            "Delegation „Rajon Podilsk 2025“) und „Sitzung zur Städtepartnerschaft“ (17.11.2025 10:30–12:00, "
            "Delegation „Zgierz 2025“) eingeplant."
        )
        == 2
    )


def test_a_vehicle_and_its_driver_in_two_visits_at_once_are_two_conflicts(planner_client, two_visits):
    ProgrammeItemFactory(
        delegation=two_visits["zgierz"],
        title="Stadtrundfahrt",
        starts_at=berlin(2025, 11, 18, 8, 30),
        ends_at=berlin(2025, 11, 18, 10),
        venue=None,
        driver=two_visits["driver"],
        vehicle=two_visits["vehicle"],
    )

    reader = text(planner_client.get(URL, {"date": "2025-11-18", "view": "day"}))

    assert reader.count("Dieter Lenkrad ist gleichzeitig bei „Fahrt nach Emmerich“") == 2
    assert reader.count("Kleinbus 1 (KLE-KK 101) ist gleichzeitig bei „Fahrt nach Emmerich“") == 2


def test_an_item_at_the_edge_of_the_day_meets_what_it_clashes_with_the_day_after(planner_client, two_visits):
    ProgrammeItemFactory(
        title="Spätschicht",
        starts_at=berlin(2025, 11, 16, 23),
        ends_at=berlin(2025, 11, 17, 10, 30),
        venue=None,
        interpreter=two_visits["interpreter"],
    )

    reader = text(planner_client.get(URL, {"date": "2025-11-16", "view": "day"}))

    assert "Iryna Sprach ist gleichzeitig bei „Spätschicht“" in reader


def test_no_mark_where_nothing_is_shared_or_an_item_is_cancelled(planner_client, two_visits):
    two_visits["sitzung"].status = ItemStatus.CANCELLED
    two_visits["sitzung"].save()

    response = planner_client.get(URL, {"date": "2025-11-17", "view": "day"})

    assert "Keine Doppelbuchungen." in text(response)
    assert "kleve-calendar-conflict-badge" not in response.content.decode()


# -- Who sees what ---------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_for_page_and_file(anonymous_client, two_visits):
    for url in (URL, f"{ICS}?resource=interpreter:{two_visits['interpreter'].pk}"):
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_staff_without_the_permission_to_see_items_get_403(client, two_visits):
    client.force_login(UserFactory(username="ohne-rechte"))

    assert client.get(URL).status_code == 403
    assert client.get(ICS, {"resource": f"interpreter:{two_visits['interpreter'].pk}"}).status_code == 403


def test_the_press_office_sees_public_items_only_no_conflicts_and_no_hotels(press_client, two_visits):
    hotel = HotelFactory(name="Hotel Cleve")
    ProgrammeItemFactory(
        title="Pressetermin am Hotel",
        starts_at=berlin(2025, 11, 17, 15),
        venue=hotel,
        visibility=Visibility.PUBLIC,
    )
    two_visits["empfang"].visibility = Visibility.PUBLIC
    two_visits["empfang"].save()

    response = press_client.get(URL, {"date": "2025-11-17", "view": "day"})

    reader = text(response)
    assert "Empfang im Kreishaus" in reader and "Pressetermin am Hotel" in reader
    assert "Sitzung zur Städtepartnerschaft" not in reader
    assert "Hotel Cleve" not in reader
    assert "Konflikt" not in reader
    assert "Angezeigt werden nur die öffentlichen Programmpunkte." in reader
    refused = press_client.get(URL, {"resource": f"venue:{hotel.pk}"})
    assert f"Die Auswahl „venue:{hotel.pk}“ gibt es nicht (mehr)." in text(refused)


# -- Wrong parameters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"date": "2025-13-01"},
            "Datum: Bitte ein Datum in der Form JJJJ-MM-TT angeben, zum Beispiel 2025-11-17.",
        ),
        ({"date": "17.11.2025"}, "Datum: Bitte ein Datum in der Form JJJJ-MM-TT angeben"),
        ({"date": "0001-01-01"}, "Datum: Der Kalender reicht vom 01.01.1900 bis zum 31.12.2199."),
        ({"date": "9999-12-31", "view": "week"}, "Datum: Der Kalender reicht vom 01.01.1900"),
        ({"view": "year"}, "Ansicht: Die Ansicht „year“ gibt es nicht; möglich sind month, week und day."),
        ({"resource": "room:3"}, "Zeigen für: „room:3“ ist keine gültige Auswahl. Erwartet wird ART:NUMMER"),
        ({"resource": "venue:abc"}, "„venue:abc“ ist keine gültige Auswahl."),
        ({"resource": "venue:²"}, "„venue:²“ ist keine gültige Auswahl."),
        ({"resource": "venue:99999999999999999999999"}, "ist keine gültige Auswahl."),
        ({"resource": "driver:999999"}, "Zeigen für: Die Auswahl „driver:999999“ gibt es nicht (mehr)."),
        ({"resource": "x" * 200}, "Zeigen für:"),
    ],
)
def test_a_wrong_parameter_is_explained_and_the_default_shown(planner_client, two_visits, query, message):
    response = planner_client.get(URL, query)

    assert response.status_code == 200
    reader = text(response)
    assert "Es gibt ein Problem" in reader
    assert message in reader
    assert "zeigt der Kalender seine Voreinstellung" in reader
    assert response.content.decode().count("<caption>") + reader.count("Kalenderwoche") >= 1
    assert "<title>Fehler:" in response.content.decode()


def test_the_default_is_this_month_for_all_visits(planner_client, two_visits):
    from django.utils import timezone
    from django.utils.formats import date_format

    response = planner_client.get(URL)

    assert f"<caption>{date_format(timezone.localdate(), 'F Y')}</caption>" in response.content.decode()
    assert "Es gibt ein Problem" not in text(response)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("uk", "Подання «year» не існує; можливі month, week і day."),
        ("en", "There is no view “year”; possible are month, week and day."),
    ],
)
def test_the_explanation_is_in_the_users_language(planner_client, language, message):
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = planner_client.get(URL, {"view": "year"})

    assert response.status_code == 200
    assert message in text(response)


# -- The private calendar file ---------------------------------------------------------------------------


def test_the_ics_of_a_driver_holds_their_items_in_any_visit(planner_client, two_visits):
    response = planner_client.get(ICS, {"resource": f"driver:{two_visits['driver'].pk}"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Kalender: Fahrer/in: Dieter Lenkrad"
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))
    assert [str(event["SUMMARY"]) for event in events] == ["Fahrt nach Emmerich", "Abholung am Flughafen"]
    first = events[0]
    assert first.decoded("DTSTART") == berlin(2025, 11, 18, 8)
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(first["URL"]).endswith(f"/admin/visits/programmeitem/{two_visits['fahrt'].pk}/change/")
    description = str(first["DESCRIPTION"])
    assert "Delegation: Rajon Podilsk 2025" in description
    assert "Fahrzeug: Kleinbus 1 (KLE-KK 101)" in description


def test_the_ics_of_a_host_and_of_a_venue(planner_client, two_visits):
    for kind in ("host", "venue"):
        response = planner_client.get(ICS, {"resource": f"{kind}:{two_visits[kind].pk}"})
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert [str(event["SUMMARY"]) for event in events] == ["Empfang im Kreishaus"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Bitte eine Auswahl angeben: ?resource=ART:NUMMER, zum Beispiel venue:3."),
        ({"resource": "room:1"}, "„room:1“ ist keine gültige Auswahl."),
        ({"resource": "vehicle:999999"}, "Die Auswahl „vehicle:999999“ gibt es nicht (mehr)."),
    ],
)
def test_the_ics_refuses_a_missing_or_wrong_resource_with_a_reason(planner_client, query, message):
    response = planner_client.get(ICS, query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_ics_refusal_is_in_the_users_language(planner_client):
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = planner_client.get(ICS)

    assert response.status_code == 400
    assert "Please choose" in response.content.decode()


# -- Links to the calendar -------------------------------------------------------------------------------


def test_every_admin_page_links_the_calendar(planner_client):
    page = planner_client.get("/admin/").content.decode()

    assert '<a href="/admin/calendar/" class="kleve-calendar-link">Kalender aller Besuche</a>' in page


def test_venue_vehicle_and_contact_pages_link_their_calendar(planner_client, two_visits):
    pages = {
        f"/admin/visits/venue/{two_visits['venue'].pk}/change/": f"venue:{two_visits['venue'].pk}",
        f"/admin/visits/vehicle/{two_visits['vehicle'].pk}/change/": f"vehicle:{two_visits['vehicle'].pk}",
        f"/admin/delegations/contact/{two_visits['interpreter'].pk}/change/": (
            f"interpreter:{two_visits['interpreter'].pk}"
        ),
        f"/admin/delegations/contact/{two_visits['driver'].pk}/change/": f"driver:{two_visits['driver'].pk}",
        f"/admin/delegations/contact/{two_visits['host'].pk}/change/": f"host:{two_visits['host'].pk}",
    }
    for url, resource in pages.items():
        page = planner_client.get(url).content.decode()
        assert f'<a href="/admin/calendar/?resource={resource}">Im Kalender zeigen</a>' in page, url


def test_the_item_form_offers_driver_and_vehicle_by_autocomplete(planner_client, two_visits):
    page = planner_client.get(
        f"/admin/visits/programmeitem/{two_visits['fahrt'].pk}/change/"
    ).content.decode()

    for field in ("driver", "vehicle"):
        select = re.search(rf'<select name="{field}"[^>]*>', page).group(0)
        assert "admin-autocomplete" in select
    assert "Dieter Lenkrad" in page and "Kleinbus 1 (KLE-KK 101)" in page


# -- A constant number of queries ------------------------------------------------------------------------


def _busy_month(size: int) -> dict:
    """`size` items a visit in each of three visits across November 2025, sharing people, places and a bus."""
    interpreter, driver, bus = InterpreterFactory(), DriverFactory(), VehicleFactory()
    venues = VenueFactory.create_batch(3)
    hosts = ContactFactory.create_batch(3)
    for number in range(3):
        delegation = DelegationFactory()
        for index in range(size):
            starts_at = berlin(2025, 11, 1, 8) + dt.timedelta(hours=7 * index + number)
            ProgrammeItemFactory(
                delegation=delegation,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                venue=venues[index % 3],
                interpreter=interpreter,
                driver=driver if index % 2 else None,
                vehicle=bus if index % 3 == 0 else None,
                hosts=hosts[: index % 3],
            )
    return {
        "interpreter": interpreter,
        "driver": driver,
        "vehicle": bus,
        "venue": venues[0],
        "host": hosts[0],
    }


# User, permissions (one query), the request's savepoint and its release; the chooser's contacts, venues and
# vehicles; the items and their hosts; and, with a resource, its look-up. The session is read from the cache.
PAGE_QUERIES = 9


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize("view", ["month", "week", "day"])
def test_the_calendar_runs_the_same_queries_at_any_size(
    planner_client, django_assert_num_queries, size, view
):
    resources = _busy_month(size)
    query = {"date": "2025-11-01", "view": view}
    planner_client.get(URL, query)  # caches that fill once per process are warm now

    with django_assert_num_queries(PAGE_QUERIES):
        response = planner_client.get(URL, query)
    assert "kleve-calendar-conflict-badge" in response.content.decode()

    for kind, resource in resources.items():
        with django_assert_num_queries(PAGE_QUERIES + 1):
            response = planner_client.get(URL, {**query, "resource": f"{kind}:{resource.pk}"})
        assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 60])
def test_the_ics_runs_the_same_queries_at_any_size(planner_client, django_assert_num_queries, size):
    resources = _busy_month(size)
    for kind, resource in resources.items():
        url = f"{ICS}?resource={kind}:{resource.pk}"
        planner_client.get(url)
        # Session, user, permissions (two), two savepoints and their releases, the resource, the items,
        # their hosts.
        with django_assert_num_queries(7):
            response = planner_client.get(url)
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) >= size // 3


@pytest.mark.parametrize("view", ["month", "week", "day"])
def test_the_first_and_last_days_of_the_calendar_open_without_a_way_beyond(planner_client, view):
    first = planner_client.get(URL, {"date": "1900-01-01", "view": view})
    last = planner_client.get(URL, {"date": "2199-12-31", "view": view})

    assert (first.status_code, last.status_code) == (200, 200)
    assert 'rel="prev"' not in first.content.decode() and 'rel="next"' in first.content.decode()
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()
