"""The guest link in Chromium: phone and desktop, three languages, axe-core, keyboard, offline, size."""

import datetime as dt
import gzip
import os
import re
import shutil
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from delegations.enums import Language, PhotoConsent
from delegations.models import Member
from tests import factories
from tests.browser.conftest import describe
from visits import services
from visits.enums import ItemKind, ItemStatus, Visibility

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.django_db(transaction=True)


def make_visit(*, arrival: dt.date):
    """A delegation like the seed's, with the days placed from `arrival`, and a member's link."""
    host = factories.ContactFactory(
        first_name="Anna", last_name="Verhoeven", function_de="Partnerschaftsbüro", phone="+49 2821 85-123"
    )
    delegation = factories.DelegationFactory(
        title_de="Delegation aus dem Rajon Podilsk",
        title_uk="Делегація Подільського району",
        title_en="Delegation from Podilsk Raion",
        arrival_date=arrival,
        departure_date=arrival + dt.timedelta(days=6),
        host_contact=host,
    )
    hotel = factories.HotelFactory(
        name="Hotel am Schwanenturm",
        street="Große Straße 12",
        postcode="47533",
        city="Kleve",
        phone="+49 2821 7170",
    )
    member = factories.MemberFactory(
        delegation=delegation,
        first_name="Oksana",
        last_name="Melnyk",
        first_name_original="Оксана",
        last_name_original="Мельник",
        hotel=hotel,
        room="214",
        preferred_language=Language.UKRAINIAN,
        phone="",
    )
    school = factories.VenueFactory(
        name="Berufskolleg Kleve",
        name_uk="Професійний коледж Клеве",
        name_en="Berufskolleg Kleve (vocational college)",
        street="Felix-Roeloffs-Straße 7",
        postcode="47533",
        city="Kleve",
    )
    county = factories.VenueFactory(
        name="Kreishaus Kleve",
        name_uk="Адміністрація округу Клеве",
        street="Nassauerallee 15-23",
        city="Kleve",
    )
    interpreter = factories.InterpreterFactory(
        first_name="Iryna", last_name="Schulz", phone="+49 170 1234567"
    )

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        local = dt.datetime.combine(arrival + dt.timedelta(days=day), dt.time(hour, minute))
        return local.replace(tzinfo=factories.BERLIN)

    item = factories.ProgrammeItemFactory
    item(
        delegation=delegation,
        kind=ItemKind.TRANSFER,
        title_de="Abholung am Flughafen Düsseldorf",
        title_uk="Зустріч в аеропорту Дюссельдорф",
        title_en="Pick-up at Düsseldorf airport",
        starts_at=at(0, 14),
        ends_at=at(0, 16),
        venue=None,
        transport_note_de="Kleinbus des Kreises",
        transport_note_uk="Мікроавтобус округу",
        transport_note_en="County minibus",
    )
    item(
        delegation=delegation,
        kind=ItemKind.MEETING,
        title_de="Begrüßung durch den Landrat",
        title_uk="Привітання ландрата",
        title_en="Welcome by the County Commissioner",
        description_de="Kennenlernen und Austausch über die Partnerschaft.",
        description_uk="Знайомство та обмін думками про партнерство.",
        description_en="Getting to know each other and talking about the partnership.",
        starts_at=at(1, 9),
        ends_at=at(1, 11),
        venue=county,
        hosts=[host],
        interpreter=interpreter,
        dress_code_de="Geschäftskleidung",
        dress_code_uk="Діловий одяг",
        dress_code_en="Business attire",
        visibility=Visibility.PUBLIC,
    )
    item(
        delegation=delegation,
        kind=ItemKind.CEREMONY,
        title_de="Festakt „50 Jahre Kreis Kleve“",
        title_uk="Урочистості «50 років округу Клеве»",
        title_en="Ceremony “50 years of Kreis Kleve”",
        starts_at=at(2, 18),
        ends_at=at(2, 21),
        venue=school,
        hosts=[host],
    )
    item(
        delegation=delegation,
        kind=ItemKind.FREE_TIME,
        title_de="Stadtführung",
        title_uk="Екскурсія містом",
        title_en="City tour",
        status=ItemStatus.CANCELLED,
        starts_at=at(3, 15),
        ends_at=at(3, 17),
        venue=county,
    )
    factories.release(delegation)
    _, token = services.issue_guest_access(delegation=delegation, member=member)
    return member, token


@pytest.fixture
def past_visit(transactional_db):
    return make_visit(arrival=dt.date(2025, 11, 16))


@pytest.fixture
def coming_visit(transactional_db):
    return make_visit(arrival=timezone.localdate() + dt.timedelta(days=30))


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


EXPECTED = {
    "uk": ("Делегація Подільського району", "Урочистості «50 років округу Клеве»"),
    "en": ("Delegation from Podilsk Raion", "Ceremony “50 years of Kreis Kleve”"),
    "de": ("Delegation aus dem Rajon Podilsk", "Festakt „50 Jahre Kreis Kleve“"),
}


@pytest.mark.parametrize("language", ["uk", "en", "de"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_itinerary_reads_well_at_phone_and_desktop_size(
    browser, live_server, past_visit, language, viewport, tmp_path
):
    _member, token = past_visit
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(f"{live_server.url}/g/{token}/{language}/")

    heading, ceremony = EXPECTED[language]
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_role("heading", name=ceremony).is_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert no_horizontal_scroll(page)
    assert page.locator(".taxi-card h3").first.inner_text() == "Hotel am Schwanenturm"
    assert page.locator(".is-cancelled .badge-cancelled").is_visible()
    assert errors == []  # among them: any Content-Security-Policy violation

    name = f"guest-{'phone' if viewport is PHONE else 'desktop'}-{language}.png"
    page.screenshot(path=tmp_path / name, full_page=False)
    # SAVE_SCREENSHOTS=1 refreshes the two pictures of the docs; otherwise a run leaves the tree alone.
    wanted = (viewport is PHONE and language == "uk") or (viewport is DESKTOP and language == "en")
    if wanted and os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, SCREENSHOTS / name)
    context.close()


@pytest.mark.parametrize("language", ["uk", "en", "de"])
def test_axe_finds_no_wcag_violation_on_itinerary_and_form(axe, live_server, coming_visit, language):
    _member, token = coming_visit
    for path in (f"/g/{token}/{language}/", f"/g/{token}/{language}/angaben/"):
        for viewport in (PHONE, DESKTOP):
            violations = axe(live_server.url + path, viewport=viewport)
            assert violations == [], describe(violations)


def test_keyboard_reaches_language_switch_and_links_with_visible_focus(browser, live_server, past_visit):
    _member, token = past_visit
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/g/{token}/")

    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert (
        skip == "Zum Inhalt springen"
        or page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    )

    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {
                    tag: el.tagName,
                    href: el.getAttribute("href"),
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                };
            }"""
        )
        if focused["tag"] == "BODY":
            break  # past the last link
        reached.append(focused)
        assert focused["outline"], f"no visible focus on {focused}"
    hrefs = [entry["href"] for entry in reached]
    assert f"/g/{token}/en/" in hrefs and f"/g/{token}/de/" in hrefs
    assert any(href and href.startswith("tel:") for href in hrefs) or any(
        h and h.startswith("#") for h in hrefs
    )

    # Back to the English link and follow it with Enter: the page changes language, the link stays.
    page.goto(f"{live_server.url}/g/{token}/")
    english = page.locator(f'a[href="/g/{token}/en/"]')
    english.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/g/{token}/en/")
    assert page.locator("h1").inner_text() == "Delegation from Podilsk Raion"


def test_print_stylesheet_leaves_out_navigation_and_buttons(browser, live_server, past_visit):
    _member, token = past_visit
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/g/{token}/")
    assert page.locator(".language-switch").is_visible() and page.locator(".tools").is_visible()

    page.emulate_media(media="print")

    assert page.locator(".language-switch").is_hidden()
    assert page.locator(".tools").is_hidden()
    assert page.locator(".page-nav").is_hidden()
    assert page.get_by_role("heading", name="Урочистості «50 років округу Клеве»").is_visible()
    assert page.locator(".taxi-card").first.is_visible()


def test_offline_after_one_visit(browser, live_server, past_visit):
    _member, token = past_visit
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/g/{token}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
    page.wait_for_function(
        """async () => {
            const names = await caches.keys();
            for (const name of names) {
                if (await (await caches.open(name)).match(location.pathname)) return true;
            }
            return false;
        }""",
        timeout=10_000,
    )
    assert page.locator("[data-offline-note]").is_hidden()

    context.set_offline(True)
    page.reload()

    assert page.locator("h1").inner_text() == "Делегація Подільського району"
    assert page.get_by_role("heading", name="Урочистості «50 років округу Клеве»").is_visible()
    assert page.locator("[data-offline-note]").is_visible()
    updated = page.locator(".updated time").get_attribute("datetime")
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", updated)
    assert page.locator(".updated").is_visible()
    context.close()


def test_changes_since_this_devices_last_look_are_marked_once(browser, live_server, past_visit):
    """The page is kept per link and release, the same for every look: the device remembers which release it
    showed and marks, on the next look, what changed since; a reload has no marks any more."""
    member, token = past_visit
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/g/{token}/de/")
    assert page.locator("[data-changed-notice]").is_hidden()
    assert page.locator(".badge-changed:visible").count() == 0

    item = member.delegation.programme_items.get(title_de__startswith="Festakt")
    item.starts_at += dt.timedelta(minutes=30)
    item.ends_at += dt.timedelta(minutes=30)
    item.save()
    factories.release(member.delegation)

    page.reload()
    expect(page.locator("[data-changed-notice]")).to_be_visible()
    changed = page.locator("article.entry.is-changed")
    assert changed.count() == 1
    expect(changed.locator(".badge-changed")).to_have_text("Geändert seit Ihrem letzten Besuch")
    assert "Festakt" in changed.locator("h4").inner_text()

    page.reload()
    assert page.locator("[data-changed-notice]").is_hidden()
    assert page.locator("article.entry.is-changed").count() == 0
    context.close()


def test_first_load_stays_under_100_kb_compressed(browser, live_server, past_visit):
    _member, token = past_visit
    context = browser.new_context(viewport=PHONE)
    loaded = []

    def record(response):
        if response.url.startswith(live_server.url) and response.status == 200:
            loaded.append((response.url, len(gzip.compress(response.body(), 9))))

    # On the context, so that what the service worker fetches to keep offline counts too.
    context.on("response", record)
    page = context.new_page()
    page.goto(f"{live_server.url}/g/{token}/", wait_until="networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(500)
    context.close()

    urls = {url for url, _size in loaded}
    assert f"{live_server.url}/g/{token}/" in urls
    assert {url.rsplit("/", 1)[-1] for url in urls} >= {"guest.css", "guest.js", "sw.js"}
    assert sum(size for _url, size in loaded) < 100_000, loaded


def tab_to(page, element_id: str) -> None:
    """Press Tab until the field with `element_id` has the focus (date and time fields take several stops)."""
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_self_service_form_with_the_keyboard_alone(browser, live_server, coming_visit):
    member, token = coming_visit
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/g/{token}/uk/angaben/")
    arrival = member.delegation.arrival_date

    page.keyboard.press("Tab")  # the skip link first
    tab_to(page, "id_arrival_date")
    # Chromium's date field takes the digits in the order it shows them (here: month, day, year).
    page.keyboard.type(arrival.strftime("%m%d%Y"))
    tab_to(page, "id_arrival_time")
    page.keyboard.type("1435")
    assert page.locator("#id_arrival_date").input_value() == arrival.isoformat()
    assert page.locator("#id_arrival_time").input_value() == "14:35"
    tab_to(page, "id_arrival_mode")
    page.keyboard.press("ArrowDown")  # the first travel mode: flight
    tab_to(page, "id_arrival_reference")
    page.keyboard.type("LH 2371")
    tab_to(page, "id_dietary_needs")
    page.keyboard.type("вегетаріанка, без горіхів")
    tab_to(page, "id_phone")
    page.keyboard.type("+380 48 123 4567")
    # Tab lands on the checked radio button ("not decided yet"); the arrow keys choose "yes".
    tab_to(page, "id_photo_consent_2")
    for _ in range(3):
        if page.evaluate("document.activeElement.id") == "id_photo_consent_0":
            break
        page.keyboard.press("ArrowDown")
    for _ in range(10):
        if page.evaluate("document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Дякуємо! Ваші дані збережено.")
    member = Member.objects.get(pk=member.pk)
    assert member.arrival_at == dt.datetime.combine(arrival, dt.time(14, 35), tzinfo=factories.BERLIN)
    assert member.arrival_mode == "flight"
    assert member.arrival_reference == "LH 2371"
    assert member.dietary_needs == "вегетаріанка, без горіхів"
    assert str(member.phone) == "+380481234567"
    assert member.photo_consent == PhotoConsent.GIVEN
    assert member.history.first().history_change_reason == services.SELF_SERVICE_CHANGE_REASON


def test_calendar_and_pdf_downloads(browser, live_server, past_visit):
    _member, token = past_visit
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/g/{token}/uk/")

    with page.expect_download() as download:
        page.locator(f'a[href="/g/{token}/uk/programm.ics"]').click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert "Урочистості «50 років округу Клеве»".encode() in data.replace(b"\r\n ", b"")

    webcal = page.locator('a[href^="webcal:"]').get_attribute("href")
    assert webcal.endswith(f"/g/{token}/uk/programm.ics")

    pdf_href = page.locator(f'a[href="/g/{token}/uk/programm.pdf"]').get_attribute("href")
    response = context.request.get(live_server.url + pdf_href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    context.close()
