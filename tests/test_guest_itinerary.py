"""The guests' itinerary page: who sees what, languages, times and zones, markings, the practical block."""

import datetime as dt
import gzip
import html as htmllib
import re

import pytest
from django.test import Client
from django.utils import timezone

from delegations.enums import Language
from tests import factories
from visits import services
from visits.enums import ItemStatus, Visibility
from visits.models import GuestAccess, ProgrammeItem

pytestmark = pytest.mark.django_db

berlin = factories.berlin


def titles(response) -> list[str]:
    html = response.content.decode()
    return [
        htmllib.unescape(title)
        for title in re.findall(r'<h4 class="entry-title" id="item-\d+-title">([^<]*)</h4>', html)
    ]


def link(token: str, suffix: str = "") -> str:
    return f"/g/{token}/{suffix}"


@pytest.fixture
def visit(db):
    """The seed's shape: a delegation with two members, shared, personal, internal and cancelled items."""
    host = factories.ContactFactory(first_name="Anna", last_name="Gastgeber", phone="+49 2821 85-123")
    delegation = factories.DelegationFactory(
        title_de="Besuch aus Podilsk",
        title_uk="Візит з Подільська",
        title_en="Visit from Podilsk",
        host_contact=host,
    )
    hotel = factories.HotelFactory(
        name="Hotel Cleve", street="Tiergartenstraße 1", postcode="47533", city="Kleve", phone="+49 2821 7170"
    )
    olena = factories.MemberFactory(
        delegation=delegation,
        first_name="Olena",
        last_name="Koval",
        first_name_original="Олена",
        last_name_original="Коваль",
        hotel=hotel,
        room="Z-204",
    )
    petro = factories.MemberFactory(
        delegation=delegation, first_name="Petro", last_name="Bondar", preferred_language=Language.ENGLISH
    )
    school = factories.VenueFactory(
        name="Berufskolleg Kleve",
        name_uk="Професійний коледж Клеве",
        street="Felix-Roeloffs-Straße 7",
        postcode="47533",
        city="Kleve",
    )
    item = factories.ProgrammeItemFactory
    items = {
        "shared": item(
            delegation=delegation,
            title_de="Festakt 50 Jahre Kreis Kleve",
            title_uk="Урочистості 50 років",
            title_en="Ceremony 50 years",
            starts_at=berlin(2025, 11, 18, 10),
            ends_at=berlin(2025, 11, 18, 12),
            venue=school,
            hosts=[host],
            dress_code="Festlich",
            dress_code_uk="Святковий одяг",
            dress_code_en="Formal",
            transport_note="Bus ab Hotel 9:30",
            transport_note_uk="Автобус від готелю о 9:30",
            transport_note_en="Bus from the hotel at 9:30",
        ),
        "olena": item(
            delegation=delegation,
            title_de="Olenas Termin",
            title_uk="Зустріч Олени",
            title_en="Olena's meeting",
            participants=[olena],
            starts_at=berlin(2025, 11, 19, 9),
            ends_at=berlin(2025, 11, 19, 10),
        ),
        "petro": item(
            delegation=delegation,
            title_de="Petros Termin",
            title_uk="Зустріч Петра",
            title_en="Petro's meeting",
            participants=[petro],
            starts_at=berlin(2025, 11, 19, 11),
            ends_at=berlin(2025, 11, 19, 12),
        ),
        "internal": item(
            delegation=delegation,
            title_de="Interne Vorbesprechung",
            title_uk="Внутрішня нарада",
            title_en="Internal briefing",
            visibility=Visibility.INTERNAL,
            starts_at=berlin(2025, 11, 17, 8),
            ends_at=berlin(2025, 11, 17, 9),
        ),
        "cancelled": item(
            delegation=delegation,
            title_de="Stadtführung",
            title_uk="Екскурсія містом",
            title_en="City tour",
            status=ItemStatus.CANCELLED,
            starts_at=berlin(2025, 11, 20, 15),
            ends_at=berlin(2025, 11, 20, 17),
        ),
        "public": item(
            delegation=delegation,
            title_de="Empfang im Kreishaus",
            title_uk="Прийом у Крайсхаусі",
            title_en="Reception",
            visibility=Visibility.PUBLIC,
            starts_at=berlin(2025, 11, 17, 18),
            ends_at=berlin(2025, 11, 17, 20),
        ),
    }
    other = factories.ProgrammeItemFactory(title_de="Andere Delegation", title_uk="Інша делегація")
    factories.release(delegation)
    factories.release(other.delegation)
    _, olena_token = services.issue_guest_access(delegation=delegation, member=olena)
    _, petro_token = services.issue_guest_access(delegation=delegation, member=petro)
    _, group_token = services.issue_guest_access(delegation=delegation)
    return {
        "delegation": delegation,
        "olena": olena,
        "petro": petro,
        "items": items,
        "other": other,
        "hotel": hotel,
        "host": host,
        "school": school,
        "olena_token": olena_token,
        "petro_token": petro_token,
        "group_token": group_token,
    }


def test_member_sees_shared_and_own_items_only(client, visit):
    response = client.get(link(visit["olena_token"]))

    assert response.status_code == 200
    assert titles(response) == [
        "Прийом у Крайсхаусі",
        "Урочистості 50 років",
        "Зустріч Олени",
        "Екскурсія містом",
    ]
    html = response.content.decode()
    for hidden in ("Зустріч Петра", "Внутрішня нарада", "Інша делегація", "Petros Termin"):
        assert hidden not in html


def test_other_member_sees_their_own_items_in_their_language(client, visit):
    response = client.get(link(visit["petro_token"]))

    assert response["Content-Language"] == "en"
    assert titles(response) == ["Reception", "Ceremony 50 years", "Petro's meeting", "City tour"]


def test_whole_delegation_link_shows_every_guest_item_in_ukrainian(client, visit):
    response = client.get(link(visit["group_token"]))

    assert response["Content-Language"] == "uk"
    assert titles(response) == [
        "Прийом у Крайсхаусі",
        "Урочистості 50 років",
        "Зустріч Олени",
        "Зустріч Петра",
        "Екскурсія містом",
    ]
    assert "Внутрішня нарада" not in response.content.decode()


def test_language_switch_keeps_the_link_and_is_remembered(client, visit):
    token = visit["olena_token"]
    page = client.get(link(token)).content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', switch) == [
        link(token, "uk/"),
        link(token, "en/"),
        link(token, "de/"),
    ]
    assert 'aria-current="page">Українська' in switch

    english = client.get(link(token, "en/"))
    assert english["Content-Language"] == "en"
    assert titles(english)[1] == "Ceremony 50 years"
    assert '<html lang="en">' in english.content.decode()

    again = client.get(link(token))
    assert again["Content-Language"] == "en"
    assert titles(again)[1] == "Ceremony 50 years"
    assert english.cookies["guest_language"]["path"] == link(token)

    german = client.get(link(token, "de/"))
    assert titles(german)[1] == "Festakt 50 Jahre Kreis Kleve"


def test_times_are_berlin_times_with_the_zone_named_and_kyiv_alongside(client, visit, settings):
    # Whatever zone the server process runs in, guests read Berlin time and are told so.
    settings.TIME_ZONE = "America/New_York"
    with timezone.override("Asia/Tokyo"):
        html = client.get(link(visit["olena_token"], "de/")).content.decode()

    ceremony = html[html.index(f'id="item-{visit["items"]["shared"].pk}"') :]
    ceremony = ceremony[: ceremony.index("</article>")]
    assert re.search(
        r"<time datetime=\"2025-11-18T10:00:00\+01:00\"[^>]*>10:00</time>–<time[^>]*>12:00</time>", ceremony
    )
    assert "Kyjiw: 11:00–13:00" in ceremony
    assert "Alle Zeiten in deutscher Ortszeit (Europe/Berlin, UTC+01:00)." in html
    assert "In Kyjiw ist es 1 Stunde später." in html


def test_kyiv_difference_is_computed_for_the_date():
    # Both zones keep summer time on the same days, so the difference stays one hour; computed, not assumed.
    from zoneinfo import ZoneInfo

    for day in (dt.date(2025, 3, 29), dt.date(2025, 3, 30), dt.date(2025, 7, 1), dt.date(2025, 10, 26)):
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo("Europe/Berlin"))
        assert noon.astimezone(ZoneInfo("Europe/Kyiv")).hour - noon.hour == 1


def test_item_details_for_guests(client, visit):
    html = client.get(link(visit["olena_token"], "de/")).content.decode()
    item = visit["items"]["shared"]
    item.venue.refresh_from_db()
    article = html[html.index(f'id="item-{item.pk}"') :]
    article = article[: article.index("</article>")]

    assert "Berufskolleg Kleve<br>Felix-Roeloffs-Straße 7, 47533 Kleve" in article
    assert f'href="{item.venue.osm_url}"' in article.replace("&amp;", "&")
    assert f'href="{item.venue.geo_uri}"' in article
    assert 'href="tel:+49282185123"' in article
    assert "Anna Gastgeber" in article
    assert "Festlich" in article and "Bus ab Hotel 9:30" in article


def test_cancelled_item_is_marked_in_word_and_style(client, visit):
    html = client.get(link(visit["olena_token"], "de/")).content.decode()
    pk = visit["items"]["cancelled"].pk

    article = html[html.index(f'id="item-{pk}"') - 200 :]
    article = article[: article.index("</article>")]
    assert "is-cancelled" in article
    assert '<strong class="badge badge-cancelled">Abgesagt</strong>' in article


def test_the_page_lets_the_device_mark_changes_since_its_last_look_and_the_look_is_recorded(client, visit):
    """The page is the same for every look (kept per link): each entry says when it changed and the page which
    release it shows, and guest.js marks what changed since this device's last look (tests/browser)."""
    token = visit["olena_token"]
    access = GuestAccess.objects.get(member=visit["olena"], revoked_at__isnull=True)
    assert access.last_seen_at is None

    html = client.get(link(token, "de/")).content.decode()
    access.refresh_from_db()
    assert access.last_seen_at is not None and access.last_used_at == access.last_seen_at
    release = visit["delegation"].programme_releases.order_by("-version").first()
    as_of = re.search(r'data-as-of="([^"]+)"', html)[1]
    assert dt.datetime.fromisoformat(as_of) == release.released_at
    item = visit["items"]["shared"]
    copy = release.items.get(item=item)
    article = html[html.index(f'id="item-{item.pk}"') - 300 :].split("</article>")[0]
    changed_at = re.search(r'data-changed-at="([^"]+)"', article)[1]
    assert dt.datetime.fromisoformat(changed_at) == copy.changed_at
    assert re.search(r'class="badge badge-changed" data-changed-badge hidden', article)
    assert re.search(r'class="notice notice-changed" data-changed-notice hidden', html)


def test_opening_a_link_writes_at_most_one_update_an_hour(client, visit, django_assert_num_queries):
    token = visit["olena_token"]
    client.get(link(token))  # warm up: template loading, translations
    # A look an hour after the last noted one: the look is noted, with one UPDATE.
    GuestAccess.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=61))
    # access, update, latest release, items, hosts, documents (outside the request's transaction)
    with django_assert_num_queries(6) as queries:
        client.get(link(token))
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("UPDATE")
    # Within the hour, a look (or a calendar's poll) writes nothing.
    GuestAccess.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=59))
    for path, count in ((link(token), 5), (link(token, "uk/programm.ics"), 4)):
        with django_assert_num_queries(count) as queries:
            client.get(path)
        assert all(
            q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
            for q in queries.captured_queries
        ), path


def test_during_the_visit_today_comes_first_and_the_next_item_is_marked(client, visit, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: berlin(2025, 11, 19, 8))

    html = client.get(link(visit["olena_token"], "de/")).content.decode()

    days = re.findall(r'<h3 class="day-title" id="day-(\d+)">', html)
    assert days == ["20251119", "20251120", "20251117", "20251118"]
    next_pk = visit["items"]["olena"].pk
    assert f'<a href="#item-{next_pk}">' in html
    article = html[html.index(f'id="item-{next_pk}"') - 120 :].split("</article>")[0]
    assert "is-next" in article and "data-next-badge>" in article
    # The other entries' "next" badges are there for the device to show later, hidden.
    assert html.count("data-next-badge>") == 1


def test_practical_block_hotel_contact_emergency_and_taxi_cards(client, visit):
    html = client.get(link(visit["olena_token"], "uk/")).content.decode()

    practical = html[html.index('id="practical-title"') : html.index('id="taxi-title"')]
    assert "Hotel Cleve" in practical and "Tiergartenstraße 1, 47533 Kleve" in practical
    assert 'href="tel:+4928217170"' in practical
    assert 'href="tel:112"' in practical
    assert "Anna Gastgeber" in practical and 'href="tel:+49282185123"' in practical
    assert "Z-204" in practical

    taxi = html[html.index('id="taxi-title"') :]
    cards = re.findall(r'<li class="taxi-card" lang="de">\s*<h3 class="taxi-name">([^<]*)</h3>', taxi)
    # German names even on the Ukrainian page: the driver reads them.
    assert cards[0] == "Hotel Cleve"
    assert "Berufskolleg Kleve" in cards
    assert "Професійний коледж Клеве" not in taxi


def test_whole_delegation_link_lists_hotels_but_no_self_service(client, visit):
    html = client.get(link(visit["group_token"], "de/")).content.decode()
    assert "Hotel Cleve" in html
    assert "Z-204" not in html  # the room is the member's
    assert "/angaben/" not in html
    assert client.get(link(visit["group_token"], "de/angaben/")).status_code == 404


def test_page_works_without_javascript_and_loads_nothing_from_elsewhere(client, visit):
    html = client.get(link(visit["olena_token"])).content.decode()
    assert "Урочистості 50 років" in html  # rendered on the server
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    loaded = [s for s in sources if not s.startswith(("/", "#", "tel:", "geo:", "mailto:", "webcal:"))]
    assert {s.split("/")[2] for s in loaded} <= {"www.openstreetmap.org"}  # map links, not loads
    assert "<script>" not in html and "style=" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/guest/guest.js" defer>']


def test_private_headers_on_every_guest_answer(client, visit):
    token = visit["olena_token"]
    for path in (
        link(token),
        link(token, "en/"),
        link(token, "uk/programm.ics"),
        link(token, "sw.js"),
        link(token, "manifest.webmanifest"),
        link(token, "uk/angaben/"),
        link("wrong-token"),
    ):
        response = client.get(path)
        assert response["Referrer-Policy"] == "no-referrer", path
        assert response["X-Robots-Tag"].startswith("noindex"), path
        # Kept answers may stay in the guest's own browser, asked again each time (ETag, 304); the form
        # and a refusal are not stored at all.
        stored = "private, no-store" if "angaben" in path or "wrong" in path else "private, no-cache"
        assert response["Cache-Control"] == stored, path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path


@pytest.mark.parametrize("size", [10, 200])
def test_query_count_does_not_grow_with_the_programme(client, size, django_assert_num_queries):
    member = factories.MemberFactory(hotel=factories.HotelFactory())
    hosts = [factories.ContactFactory(), factories.ContactFactory()]
    for n in range(size):
        factories.ProgrammeItemFactory(
            delegation=member.delegation,
            starts_at=berlin(2025, 11, 16, 8) + dt.timedelta(hours=n),
            ends_at=berlin(2025, 11, 16, 9) + dt.timedelta(hours=n),
            hosts=hosts,
            interpreter=factories.InterpreterFactory() if n % 3 == 0 else None,
            participants=[member] if n % 2 else [],
        )
    factories.release(member.delegation, accept_reason="Die Größe zählt hier, nicht die Abreise.")
    _, token = services.issue_guest_access(delegation=member.delegation, member=member)
    _, group = services.issue_guest_access(delegation=member.delegation)

    factories.AttachmentFactory.create_batch(
        size // 10, delegation=member.delegation, shared_with=[member], sharing="chosen"
    )
    # access with its delegation, member and hotel; the update; the latest release; items; hosts; documents
    # (read outside the request's transaction)
    with django_assert_num_queries(6):
        response = client.get(link(token))
    assert len(titles(response)) == size
    assert response.content.decode().count("/unterlagen/") == size // 10
    # the whole delegation's link also reads the delegation's hotels
    with django_assert_num_queries(7):
        response = client.get(link(group))
    assert len(titles(response)) == size
    assert ProgrammeItem.objects.count() == size


def test_manifest_and_service_worker_cover_the_link(client, visit):
    token = visit["olena_token"]
    manifest = client.get(link(token, "manifest.webmanifest"))
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == data["scope"] == link(token)
    assert data["lang"] == "uk" and data["name"] == "Візит з Подільська"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512", "any"}

    worker = client.get(link(token, "sw.js"))
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == link(token)
    body = worker.content.decode()
    assert f'const START = "{link(token)}";' in body
    assert '"/static/guest/guest.css"' in body
    assert "&quot;" not in body

    page = client.get(link(token)).content.decode()
    assert f'<link rel="manifest" href="{link(token, "manifest.webmanifest")}">' in page
    assert f'content="{link(token, "sw.js")}" data-scope="{link(token)}"' in page
    assert "data-offline-note hidden" in page
    assert re.search(r'Stand:\s*<time datetime="[^"]+">', page) or re.search(r'<p class="updated">', page)


def test_the_itinerary_is_sent_compressed_to_phones_that_accept_it(member):
    """First load under 100 KB on a roaming phone: the page itself travels gzip-compressed."""
    factories.ProgrammeItemFactory.create_batch(30, delegation=member.delegation)
    factories.release(member.delegation)
    _access, token = services.issue_guest_access(delegation=member.delegation, member=member)
    response = Client().get(f"/g/{token}/uk/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert "<html" in html
    assert len(response.content) < len(html) / 3
