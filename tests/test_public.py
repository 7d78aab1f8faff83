"""The public site: home, visit, event pages, languages with fallback, held-back details, query counts."""

import datetime as dt
import json
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from press.enums import PageStatus
from press.models import Photo
from tests import factories
from tests.public_data import NOW, photo_with_renditions, public_item, public_visit, published_page
from visits import enums

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    # A request leaves its language active in the thread; each test starts from German, the source language.
    with translation.override("de"):
        yield


def url(name, language="de", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def text(response) -> str:
    return response.content.decode()


def test_home_lists_current_upcoming_and_past_visits_and_latest_pages(anonymous_client):
    upcoming = public_visit(
        title_de="Kommender Besuch", arrival_date=dt.date(2099, 5, 1), departure_date=dt.date(2099, 5, 3)
    )
    past = public_visit(title_de="Vergangener Besuch")
    hidden = factories.DelegationFactory(title_de="Nicht öffentlicher Besuch", is_public=False)
    cancelled = public_visit(title_de="Abgesagter Besuch", status="cancelled")
    published_page(past, title_de="Ein Bericht")
    response = anonymous_client.get(url("public:home"))
    assert response.status_code == 200
    body = text(response)
    assert upcoming.title_de in body and past.title_de in body and "Ein Bericht" in body
    assert hidden.title_de not in body and cancelled.title_de not in body
    assert body.index("Kommender Besuch") < body.index("Ein Bericht") < body.index("Vergangener Besuch")


def test_visit_shows_public_programme_in_time_order_with_press_access(anonymous_client):
    visit = public_visit()
    later = public_item(
        visit,
        title_de="Festakt",
        starts_at=factories.berlin(2025, 11, 18, 17),
        ends_at=factories.berlin(2025, 11, 18, 19),
        press_access=enums.PressAccess.PHOTO_ONLY,
    )
    earlier = public_item(
        visit,
        title_de="Empfang",
        starts_at=factories.berlin(2025, 11, 17, 10),
        ends_at=factories.berlin(2025, 11, 17, 11),
        press_access=enums.PressAccess.OPEN,
    )
    # Times of their own: the factory's running times clashed with the ceremony in some orders of tests.
    public_item(
        visit,
        title_de="Geschlossenes Gespräch",
        starts_at=factories.berlin(2025, 11, 19, 10),
        ends_at=factories.berlin(2025, 11, 19, 11),
        press_access=enums.PressAccess.CLOSED,
    )
    factories.ProgrammeItemFactory(
        delegation=visit, title_de="Internes", visibility=enums.Visibility.INTERNAL
    )
    factories.ProgrammeItemFactory(
        delegation=visit,
        title_de="Nur Gäste",
        starts_at=factories.berlin(2025, 11, 19, 12),
        ends_at=factories.berlin(2025, 11, 19, 13),
        visibility=enums.Visibility.GUESTS,
    )
    factories.release(visit)
    body = text(anonymous_client.get(visit.get_absolute_url()))
    assert body.index("Empfang") < body.index("Festakt")
    assert "Internes" not in body and "Nur Gäste" not in body
    item_html = re.search(rf'id="item-{earlier.pk}".*?</li>', body, re.S).group(0)
    assert (
        "Presse: presseöffentlich" in item_html and "10:00" in item_html and earlier.venue.name in item_html
    )
    assert "Presse: nur Fototermin" in re.search(rf'id="item-{later.pk}".*?</li>', body, re.S).group(0)
    assert "Presse: nicht presseöffentlich" in body


def test_unpublished_visit_is_not_found(anonymous_client):
    visit = factories.DelegationFactory(is_public=False)
    assert anonymous_client.get(url("public:visit", slug=visit.slug)).status_code == 404


def test_withheld_details_show_the_day_only_until_the_item_is_over(anonymous_client):
    visit = public_visit(withhold_public_details=True)
    over = public_item(visit, title_de="Vorbei", starts_at=factories.berlin(2025, 11, 17, 9))
    coming = public_item(
        visit,
        title_de="Kommt noch",
        starts_at=factories.berlin(2025, 11, 17, 15),
        ends_at=factories.berlin(2025, 11, 17, 16),
    )
    factories.release(visit)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        body = text(anonymous_client.get(visit.get_absolute_url()))
    over_html = re.search(rf'id="item-{over.pk}".*?</li>', body, re.S).group(0)
    coming_html = re.search(rf'id="item-{coming.pk}".*?</li>', body, re.S).group(0)
    assert "09:00" in over_html and over.venue.name in over_html
    assert "15:00" not in coming_html and coming.venue.name not in coming_html
    assert "Uhrzeit folgt" in coming_html
    assert "Montag, 17. November 2025" in body


def test_hotel_venue_never_shows_on_public_programme(anonymous_client):
    visit = public_visit()
    hotel = factories.HotelFactory(name_de="Hotel Verborgen")
    public_item(visit, title_de="Abendessen", venue=hotel)
    factories.release(visit)
    body = text(anonymous_client.get(visit.get_absolute_url()))
    assert "Abendessen" in body and "Hotel Verborgen" not in body


def test_only_public_figures_are_named(anonymous_client):
    visit = public_visit()
    factories.MemberFactory(delegation=visit, first_name="Mykola", last_name="Offen", is_public_figure=True)
    factories.MemberFactory(delegation=visit, first_name="Ivan", last_name="Privat")
    host = factories.ContactFactory(first_name="Christa", last_name="Landrätin", is_public_figure=True)
    staff = factories.ContactFactory(first_name="Sabine", last_name="Intern")
    public_item(visit, hosts=[host, staff])
    factories.release(visit)
    body = text(anonymous_client.get(visit.get_absolute_url()))
    assert "Mykola Offen" in body and "Christa Landrätin" in body
    assert "Privat" not in body and "Sabine Intern" not in body


def test_event_page_links_its_item_and_shows_picture_with_srcset(anonymous_client):
    visit = public_visit()
    item = public_item(visit, title_de="Festakt im Berufskolleg", press_access=enums.PressAccess.OPEN)
    hero = photo_with_renditions(2000, 1000, alt_text_de="Bühne mit Banner")
    page = published_page(visit, programme_item=item, title_de="Gäste sprechen beim Festakt", hero=hero)
    factories.release(visit)
    body = text(anonymous_client.get(page.get_absolute_url()))
    assert f'href="{visit.get_absolute_url()}#item-{item.pk}"' in body
    assert "Festakt im Berufskolleg" in body
    assert 'type="image/webp"' in body and 'type="image/jpeg"' in body
    img = re.search(r"<img [^>]*>", body.split("event-hero")[1]).group(0)
    assert 'alt="Bühne mit Banner"' in img and 'width="960"' in img and 'height="480"' in img
    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+"', body).group(1)
    assert [part.split()[-1] for part in srcset.split(", ")] == ["480w", "960w", "1600w"]
    assert '<meta property="og:image" content="http://127.0.0.1:8000/bilder/' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body


def test_event_page_carries_schema_org_event(anonymous_client):
    visit = public_visit()
    item = public_item(
        visit, starts_at=factories.berlin(2025, 11, 18, 17), ends_at=factories.berlin(2025, 11, 18, 19)
    )
    page = published_page(visit, programme_item=item, title_de="Festakt")
    factories.release(visit)
    body = text(anonymous_client.get(page.get_absolute_url()))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Event"
    assert data["name"] == "Festakt"
    assert data["startDate"] == "2025-11-18T17:00:00+01:00"
    assert data["location"]["name"] == item.venue.name


def test_event_json_ld_cannot_be_broken_out_of(anonymous_client):
    page = published_page(public_visit(), title_de="</script><script>alert(1)</script>")
    body = text(anonymous_client.get(page.get_absolute_url()))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in body


def test_event_page_withheld_item_shows_no_time_or_place(anonymous_client):
    visit = public_visit(
        withhold_public_details=True, arrival_date=dt.date(2099, 1, 4), departure_date=dt.date(2099, 1, 6)
    )
    item = public_item(
        visit, starts_at=factories.berlin(2099, 1, 5, 10), ends_at=factories.berlin(2099, 1, 5, 11)
    )
    page = published_page(visit, programme_item=item)
    factories.release(visit)
    body = text(anonymous_client.get(page.get_absolute_url()))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["startDate"] == "2099-01-05"
    assert item.venue.name not in body and "10:00" not in body


def test_draft_scheduled_and_embargoed_pages_are_not_found(anonymous_client):
    visit = public_visit()
    draft = factories.EventPageFactory(delegation=visit, status=PageStatus.DRAFT)
    future = published_page(
        visit, status=PageStatus.SCHEDULED, publish_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    embargoed = published_page(visit, embargo_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    for page in (draft, future, embargoed):
        assert anonymous_client.get(page.get_absolute_url()).status_code == 404


def test_event_list_pages_through_all_published_pages(anonymous_client):
    visit = public_visit()
    for number in range(15):
        published_page(
            visit, title_de=f"Bericht Nummer {number:02d}", publish_at=NOW - dt.timedelta(hours=number)
        )
    first = text(anonymous_client.get(url("public:event_list")))
    second = text(anonymous_client.get(url("public:event_list") + "?page=2"))
    assert first.count("Bericht Nummer") == 12 and second.count("Bericht Nummer") == 3
    assert "Bericht Nummer 00" in first and "Bericht Nummer 14" in second
    assert 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_language_prefix_switch_and_hreflang(anonymous_client, language):
    page = published_page(
        public_visit(),
        title_de="Festakt",
        title_uk="Урочистості",
        title_en="Ceremony",
        body_uk="<p>Текст</p>",
        summary_uk="Коротко",
        summary_en="In short",
        body_en="<p>Text</p>",
    )
    with translation.override(language):
        path = page.get_absolute_url()
    response = anonymous_client.get(path)
    body = text(response)
    assert f'<html lang="{language}">' in body
    assert {"de": "Festakt", "uk": "Урочистості", "en": "Ceremony"}[language] in body
    for code in ("de", "uk", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://127.0.0.1:8000/{code}/veranstaltungen/{page.slug}/">'
            in body
        )
        assert f'href="/{code}/veranstaltungen/{page.slug}/" hreflang="{code}" lang="{code}"' in body
    current = f'href="/{language}/veranstaltungen/{page.slug}/" hreflang="{language}" lang="{language}"'
    assert f'{current} aria-current="page"' in body
    assert "Dieser Text liegt in Ihrer Sprache noch nicht vor" not in body


def test_missing_translation_falls_back_with_a_note(anonymous_client):
    page = published_page(
        public_visit(), title_de="Festakt", body="<p>Deutscher Text</p>", title_uk=None, body_uk=None
    )
    with translation.override("uk"):
        body = text(anonymous_client.get(page.get_absolute_url()))
    assert "Deutscher Text" in body
    assert 'class="translation-note"' in body
    assert '<div class="event-body" lang="de"><p>Deutscher Text</p></div>' in body


def test_every_public_page_links_the_legal_pages(anonymous_client):
    visit = public_visit()
    page = published_page(visit)
    for path in (
        url("public:home"),
        visit.get_absolute_url(),
        page.get_absolute_url(),
        url("public:event_list"),
        url("pages:imprint"),
    ):
        body = text(anonymous_client.get(path))
        for name in ("pages:imprint", "pages:privacy", "pages:accessibility"):
            assert f'href="{url(name)}"' in body, (path, name)


def test_public_pages_send_a_strict_content_security_policy(anonymous_client):
    page = published_page(public_visit())
    response = anonymous_client.get(page.get_absolute_url())
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert ' style="' not in text(response)


def test_public_changes_are_refused_by_get_only_views(anonymous_client):
    assert anonymous_client.post(url("public:home")).status_code == 405


# Each page's queries; kept pages read outside the request's transaction (no savepoint around them).
HOME_QUERIES = 4
VISIT_QUERIES = 7
LIST_QUERIES = 3


@pytest.mark.parametrize("size", [10, 200])
def test_home_query_count_is_constant(anonymous_client, django_assert_num_queries, size):
    for number in range(size):
        visit = public_visit(
            arrival_date=dt.date(2099, 1, 1) + dt.timedelta(days=number % 20),
            departure_date=dt.date(2099, 3, 1),
        )
        published_page(visit, hero=None)
    with django_assert_num_queries(HOME_QUERIES):
        response = anonymous_client.get(url("public:home"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 200])
def test_visit_query_count_is_constant(anonymous_client, django_assert_num_queries, size):
    visit = public_visit()
    host = factories.ContactFactory(is_public_figure=True)
    factories.MemberFactory(delegation=visit, is_public_figure=True)
    for _ in range(size):
        item = public_item(visit, hosts=[host])
        published_page(visit, programme_item=item)
    factories.release(visit, accept_reason="Die Größe zählt hier, nicht die Überschneidungen.")
    with django_assert_num_queries(VISIT_QUERIES):
        body = text(anonymous_client.get(visit.get_absolute_url()))
    assert body.count('class="programme-item') == size


@pytest.mark.parametrize("size", [10, 200])
def test_event_list_query_count_is_constant(anonymous_client, django_assert_num_queries, size):
    visit = public_visit()
    hero = photo_with_renditions(600, 400)
    for _ in range(size):
        published_page(visit, hero=hero)
    with django_assert_num_queries(LIST_QUERIES):
        body = text(anonymous_client.get(url("public:event_list")))
    assert body.count('class="event-card"') == min(size, 12)


EVENT_QUERIES = 4  # without a savepoint, as above


@pytest.mark.parametrize("size", [10, 200])
def test_event_page_query_count_is_constant_with_its_gallery(
    anonymous_client, django_assert_num_queries, size
):
    visit = public_visit()
    photos = factories.PhotoFactory.create_batch(size, consent_confirmed=True)
    renditions = [
        {"width": 480, "height": 320, "format": fmt, "name": f"renditions/x/480.{fmt}"}
        for fmt in ("webp", "jpeg")
    ]
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).update(
        rendition_key="x", renditions=renditions
    )
    page = published_page(visit, programme_item=public_item(visit))
    page.gallery.set(photos)
    factories.release(visit)
    with django_assert_num_queries(EVENT_QUERIES):
        body = text(anonymous_client.get(page.get_absolute_url()))
    assert body.count("<picture>") == size


def test_untranslated_titles_are_marked_with_their_language(anonymous_client):
    visit = public_visit()
    public_item(visit, title_de="Nur deutsch", title_uk=None, title_en=None)
    factories.release(visit, accept_reason="Der fehlende Titel ist, was hier geprüft wird.")
    published_page(visit, title="Bericht nur deutsch", title_uk=None, title_en=None)
    with translation.override("uk"):
        body = text(anonymous_client.get(visit.get_absolute_url()))
    assert '<h4 class="programme-title" lang="de">Nur deutsch' in body
    assert 'class="event-card-title" lang="de"><a href="/uk/veranstaltungen/' in body


def _released_view(client, visit, item) -> dict:
    """What the visit page, its calendar and its frab JSON tell the public about one item."""
    page = text(client.get(visit.get_absolute_url()))
    item_html = re.search(rf'id="item-{item.pk}".*?</li>', page, re.S).group(0)
    calendar = Calendar.from_ical(client.get(url("public:visit_calendar", slug=visit.slug)).content)
    schedule = json.loads(client.get(url("public:visit_schedule_json", slug=visit.slug)).content)
    days = schedule["schedule"]["conference"]["days"]
    return {
        "page": (
            re.search(r'<h4 class="programme-title"[^>]*>([^<]*)', item_html).group(1).strip(),
            re.search(r"<time [^>]*>([^<]*)</time>", item_html).group(1),
        ),
        "ics": [
            (str(event["SUMMARY"]), event.decoded("DTSTART"), str(event["UID"]).split("@")[0])
            for event in calendar.walk("VEVENT")
        ],
        "frab": [
            (event["title"], event["start"], event["id"])
            for day in days
            for room in day["rooms"].values()
            for event in room
        ],
    }


def test_unreleased_edits_reach_the_public_only_with_the_next_release(anonymous_client):
    visit = public_visit()
    item = public_item(
        visit,
        title_de="Empfang",
        starts_at=factories.berlin(2025, 11, 17, 10),
        ends_at=factories.berlin(2025, 11, 17, 11),
    )
    page = published_page(visit, programme_item=item)
    factories.release(visit)
    item.title_de = "Festempfang"
    item.starts_at = factories.berlin(2025, 11, 17, 14)
    item.ends_at = factories.berlin(2025, 11, 17, 15)
    item.save()

    released = {
        "page": ("Empfang", "10:00"),
        "ics": [("Empfang", factories.berlin(2025, 11, 17, 10), f"item-{item.pk}")],
        "frab": [("Empfang", "10:00", item.pk)],
    }
    assert _released_view(anonymous_client, visit, item) == released
    assert "Festempfang" not in text(anonymous_client.get(page.get_absolute_url()))

    factories.release(visit)
    assert _released_view(anonymous_client, visit, item) == {
        "page": ("Festempfang", "14:00"),
        "ics": [("Festempfang", factories.berlin(2025, 11, 17, 14), f"item-{item.pk}")],
        "frab": [("Festempfang", "14:00", item.pk)],
    }
    assert "Festempfang" in text(anonymous_client.get(page.get_absolute_url()))


def test_before_the_first_release_the_public_programme_is_being_prepared(anonymous_client):
    visit = public_visit()
    item = public_item(visit, title_de="Empfang")
    page = published_page(visit, programme_item=item)
    body = text(anonymous_client.get(visit.get_absolute_url()))
    assert body.count('class="programme-item') == 0
    assert "Das Programm wird gerade vorbereitet. Schauen Sie später wieder vorbei." in body
    calendar = anonymous_client.get(url("public:visit_calendar", slug=visit.slug)).content
    assert calendar.count(b"BEGIN:VEVENT") == 0
    event_page = text(anonymous_client.get(page.get_absolute_url()))
    assert 'class="event-facts"' not in event_page and "Empfang" not in event_page


def test_event_page_shows_no_programme_details_of_an_item_no_longer_public_in_the_release(anonymous_client):
    visit = public_visit()
    item = public_item(visit, title_de="Empfang")
    page = published_page(visit, programme_item=item)
    factories.release(visit)
    assert 'class="event-facts"' in text(anonymous_client.get(page.get_absolute_url()))
    item.visibility = enums.Visibility.GUESTS
    item.save()
    assert 'class="event-facts"' in text(anonymous_client.get(page.get_absolute_url()))
    factories.release(visit)
    body = text(anonymous_client.get(page.get_absolute_url()))
    assert 'class="event-facts"' not in body and "Empfang" not in body
