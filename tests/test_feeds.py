"""What the world outside reads: Atom and RSS feeds, sitemap.xml, robots.txt, a visit's .ics and frab."""

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from press.enums import PageStatus
from tests import factories
from tests.public_data import NOW, public_item, public_visit, published_page
from visits import enums

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def url(name, language="de", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def pages():
    visit = public_visit()
    older = published_page(
        visit, slug="empfang", title_de="Empfang", title_uk="Прийом", publish_at=NOW - dt.timedelta(days=2)
    )
    newer = published_page(
        visit,
        slug="festakt",
        title_de="Festakt",
        title_uk="Урочистості",
        publish_at=NOW - dt.timedelta(days=1),
    )
    factories.EventPageFactory(delegation=visit, slug="entwurf", title_de="Entwurf", status=PageStatus.DRAFT)
    published_page(
        visit, slug="sperrfrist", title_de="Sperrfrist", embargo_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    return older, newer


@pytest.mark.parametrize(
    ("language", "titles"), [("de", ["Festakt", "Empfang"]), ("uk", ["Урочистості", "Прийом"])]
)
def test_atom_feed_per_language(anonymous_client, pages, language, titles):
    response = anonymous_client.get(url("public:feed_atom", language))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == titles
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [
        f"http://127.0.0.1:8000/{language}/veranstaltungen/festakt/",
        f"http://127.0.0.1:8000/{language}/veranstaltungen/empfang/",
    ]
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert all(entry_id.startswith("urn:uuid:") for entry_id in ids) and len(set(ids)) == 2
    published = dt.datetime.fromisoformat(entries[0].findtext(f"{ATOM}published"))
    assert published == NOW - dt.timedelta(days=1)


def test_rss_feed_lists_only_published_pages(anonymous_client, pages):
    response = anonymous_client.get(url("public:feed_rss", "en"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "http://127.0.0.1:8000/en/veranstaltungen/festakt/",
        "http://127.0.0.1:8000/en/veranstaltungen/empfang/",
    ]
    assert b"Entwurf" not in response.content and b"Sperrfrist" not in response.content


def test_sitemap_lists_public_urls_with_language_alternates(anonymous_client, pages):
    hidden = factories.DelegationFactory(is_public=False, slug="geheim")
    response = anonymous_client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in root.findall(f"{SITEMAP}url")]
    visit = pages[0].delegation
    for code in ("de", "uk", "en"):
        for path in (
            "/",
            f"/besuche/{visit.slug}/",
            "/veranstaltungen/festakt/",
            "/veranstaltungen/empfang/",
            "/impressum/",
            "/barrierefreiheit/",
        ):
            assert f"http://127.0.0.1:8000/{code}{path}" in locations
    assert not [loc for loc in locations if "entwurf" in loc or "sperrfrist" in loc or hidden.slug in loc]
    festakt_de = next(
        e
        for e in root.findall(f"{SITEMAP}url")
        if e.findtext(f"{SITEMAP}loc").endswith("/de/veranstaltungen/festakt/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in festakt_de.findall(f"{XHTML}link")}
    assert alternates == {
        "de": "http://127.0.0.1:8000/de/veranstaltungen/festakt/",
        "uk": "http://127.0.0.1:8000/uk/veranstaltungen/festakt/",
        "en": "http://127.0.0.1:8000/en/veranstaltungen/festakt/",
        "x-default": "http://127.0.0.1:8000/veranstaltungen/festakt/",
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(anonymous_client):
    response = anonymous_client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /g/" in lines
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines


def _programme():
    visit = public_visit(slug="podilsk", withhold_public_details=True)
    over = public_item(
        visit,
        title_de="Empfang",
        starts_at=factories.berlin(2025, 11, 17, 10),
        ends_at=factories.berlin(2025, 11, 17, 11),
    )
    coming = public_item(
        visit,
        title_de="Festakt",
        starts_at=factories.berlin(2099, 11, 18, 17),
        ends_at=factories.berlin(2099, 11, 18, 19),
    )
    factories.ProgrammeItemFactory(delegation=visit, title_de="Intern", visibility=enums.Visibility.INTERNAL)
    factories.release(visit, accept_reason="Ein Punkt nach dem Besuch: noch zurückgehalten.")
    return visit, over, coming


def test_visit_calendar_holds_back_what_is_not_over(anonymous_client):
    visit, over, _coming = _programme()
    response = anonymous_client.get(url("public:visit_calendar", slug=visit.slug))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert sorted(events) == ["Empfang", "Festakt"]
    assert events["Empfang"].decoded("DTSTART") == factories.berlin(2025, 11, 17, 10)
    assert str(events["Empfang"]["LOCATION"]).startswith(over.venue.name)
    assert events["Festakt"].decoded("DTSTART") == dt.date(2099, 11, 18)
    assert "LOCATION" not in events["Festakt"]


def test_frab_xml_is_a_schedule_of_what_may_be_shown(anonymous_client):
    visit, over, _coming = _programme()
    response = anonymous_client.get(url("public:visit_schedule_xml", slug=visit.slug))
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "schedule"
    assert root.findtext("conference/acronym") == "podilsk"
    assert root.findtext("conference/time_zone_name") == "Europe/Berlin"
    events = root.findall("day/room/event")
    assert [
        (e.findtext("title"), e.findtext("start"), e.findtext("duration"), e.findtext("room")) for e in events
    ] == [("Empfang", "10:00", "01:00", over.venue.name)]
    day = root.find("day[@date='2025-11-17']")
    assert day.get("index") == "2" and day.find("room").get("name") == over.venue.name
    assert events[0].get("id") == str(over.pk)


def test_frab_json_follows_the_schedule_schema(anonymous_client):
    visit, over, _coming = _programme()
    response = anonymous_client.get(url("public:visit_schedule_json", "uk", slug=visit.slug))
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    conference = data["schedule"]["conference"]
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2025-11-16",
        "2025-11-22",
        7,
    )
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    assert [(e["title"], e["date"], e["language"]) for e in events] == [
        (over.title_uk, "2025-11-17T10:00:00+01:00", "uk")
    ]
    assert events[0]["url"] == f"http://127.0.0.1:8000/uk/besuche/podilsk/#item-{over.pk}"
    assert [room["name"] for room in conference["rooms"]] == [over.venue.name]
    assert events[0]["room"] == over.venue.name and events[0]["duration"] == "01:00"


def test_files_of_an_unpublished_visit_are_not_found(anonymous_client):
    visit = factories.DelegationFactory(is_public=False)
    for name in ("public:visit_calendar", "public:visit_schedule_xml", "public:visit_schedule_json"):
        assert anonymous_client.get(url(name, slug=visit.slug)).status_code == 404


# Each read outside the request's transaction (kept answers take no savepoint).
FEED_QUERIES = 2
SITEMAP_QUERIES = 3
FRAB_QUERIES = 5


@pytest.mark.parametrize("size", [10, 200])
def test_feed_and_sitemap_query_counts_are_constant(anonymous_client, django_assert_num_queries, size):
    for _ in range(size):
        published_page(public_visit())
    with django_assert_num_queries(FEED_QUERIES):
        assert anonymous_client.get(url("public:feed_atom")).status_code == 200
    with django_assert_num_queries(SITEMAP_QUERIES):
        body = anonymous_client.get("/sitemap.xml").content.decode()
    assert body.count("<loc>") == 3 * (5 + 2 * size)


@pytest.mark.parametrize("size", [10, 200])
def test_frab_and_calendar_query_counts_are_constant(anonymous_client, django_assert_num_queries, size):
    visit = public_visit()
    host = factories.ContactFactory(is_public_figure=True)
    for _ in range(size):
        published_page(visit, programme_item=public_item(visit, hosts=[host]))
    factories.release(visit, accept_reason="Die Größe zählt hier, nicht die Überschneidungen.")
    with django_assert_num_queries(FRAB_QUERIES):
        data = json.loads(anonymous_client.get(url("public:visit_schedule_json", slug=visit.slug)).content)
    events = [
        e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room
    ]
    assert len(events) == size and all(e["persons"][0]["public_name"] == host.full_name for e in events)
    with django_assert_num_queries(FRAB_QUERIES):
        body = anonymous_client.get(url("public:visit_calendar", slug=visit.slug)).content
    assert body.count(b"BEGIN:VEVENT") == size


def test_favicon_ico_leads_to_the_county_icon(anonymous_client):
    response = anonymous_client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, "/static/public/favicon.svg")
