"""The public site in Chromium: home, a visit and an event page in three languages at phone and desktop sizes,
checked by axe-core for WCAG 2.1 AA, without Content-Security-Policy violations, and the language switch by
keyboard."""

import io

import pytest
from django.core.management import call_command

from delegations.models import Delegation
from press.models import EventPage
from tests.browser.conftest import describe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = ("de", "uk", "en")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    # As held: its event pages are published by then, whatever the hour of the test.
    call_command("seed_demo", "--as-held", stdout=io.StringIO())
    visit = Delegation.objects.published().order_by("pk").first()
    page = EventPage.objects.published().filter(hero__isnull=False).order_by("pk").first()
    assert visit is not None and page is not None
    return {
        "home": "/{language}/",
        "visit": f"/{{language}}/besuche/{visit.slug}/",
        "event": f"/{{language}}/veranstaltungen/{page.slug}/",
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_pass_axe_in_every_language(live_server, axe, browser, demo, viewport):
    failures = {}
    for language in LANGUAGES:
        for name, pattern in demo.items():
            url = live_server.url + pattern.format(language=language)
            violations = axe(url, viewport=viewport)
            if violations:
                failures[(name, language)] = describe(violations)
    assert failures == {}


def test_public_pages_load_under_the_content_security_policy(live_server, browser, demo):
    """With the policy on (no bypass), no page reports a violation, JSON-LD block and pictures included."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("requestfailed", lambda request: problems.append(f"{request.failure}: {request.url}"))
    for language in LANGUAGES:
        for pattern in demo.values():
            response = page.goto(
                live_server.url + pattern.format(language=language), wait_until="networkidle"
            )
            assert response.status == 200
    images = page.locator(".event-hero img")
    assert images.count() == 1
    assert images.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    context.close()
    assert problems == []


def test_language_switch_works_by_keyboard(live_server, page, demo):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + demo["visit"].format(language="de"))
    assert page.locator("html").get_attribute("lang") == "de"
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
        if focused == "uk":
            break
    else:
        pytest.fail("Tab never reached the Ukrainian link of the language switch")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/uk/besuche/**")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator('.language-switch a[aria-current="page"]').get_attribute("hreflang") == "uk"


def test_skip_link_leads_to_the_main_content(live_server, page, demo):
    page.goto(live_server.url + demo["event"].format(language="en"))
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
