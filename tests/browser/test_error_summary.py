"""Forms lead to the error, with the keyboard alone, in Chromium: after a submission with errors the focus is
on the error summary at the top of the page, Tab reaches its first link, Enter puts the focus on that field,
and what was typed is still there; in German, Ukrainian and English, on the guest's own form and the public
feedback form, and on a staff page; without JavaScript too. The pages with their errors pass axe-core."""

import contextlib
import datetime as dt
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from delegations import roles
from delegations.enums import Language
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from tests.factories_funding import BudgetLineFactory, DelegationFundingFactory
from visits import services

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HEADINGS = {"de": "Es gibt ein Problem", "uk": "Виникла проблема", "en": "There is a problem"}


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                id: el.id,
                tag: el.tagName,
                summary: el.hasAttribute("data-error-summary"),
                href: el.getAttribute("href"),
                text: el.textContent.trim(),
            };
        }"""
    )


def tab_to(page, element_id: str, *, limit: int = 40) -> None:
    """Press Tab until the element with `element_id` has the focus."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def submit_with_enter(page) -> None:
    """From the last field, Tab to the form's submit button and press Enter."""
    for _ in range(15):
        if page.evaluate("document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def wait_for_the_summarys_focus(page) -> None:
    """The browser moves the focus (autofocus, or the script) once the page has loaded: wait for it a little.

    Should it not come, the assertion after this says where the focus is instead.
    """
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')", timeout=5000)


def assert_led_to_the_error(page, language: str, first_field: str) -> None:
    """Focus is on the summary; Tab reaches its first link, Enter takes the focus to that link's field."""
    wait_for_the_summarys_focus(page)
    now = focused(page)
    assert now["summary"], f"the focus is on {now}, not on the error summary"
    assert now["text"].startswith(HEADINGS[language])
    page.keyboard.press("Tab")
    link = focused(page)
    assert (link["tag"], link["href"]) == ("A", f"#{first_field}")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == first_field


# -- The guest's own details ------------------------------------------------------------------------------


@pytest.fixture
def guest(transactional_db):
    arrival = timezone.localdate() + dt.timedelta(days=30)
    delegation = factories.DelegationFactory(
        arrival_date=arrival, departure_date=arrival + dt.timedelta(days=6)
    )
    member = factories.MemberFactory(delegation=delegation, phone="", preferred_language=Language.UKRAINIAN)
    _, token = services.issue_guest_access(delegation=delegation, member=member)
    return member, token


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_guests_form_leads_to_its_errors_by_keyboard(browser, live_server, guest, language):
    member, token = guest
    page = browser.new_context(viewport=PHONE).new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"{live_server.url}/g/{token}/{language}/angaben/")

    page.keyboard.press("Tab")  # the skip link first
    tab_to(page, "id_arrival_date")
    arrival = member.delegation.arrival_date
    page.keyboard.type(arrival.strftime("%m%d%Y"))  # a day without its time
    tab_to(page, "id_arrival_reference")
    page.keyboard.type("LH 2371")
    tab_to(page, "id_phone")
    page.keyboard.type("12")  # no telephone number
    submit_with_enter(page)

    assert_led_to_the_error(page, language, "id_arrival_time")
    assert page.locator("#id_arrival_date").input_value() == arrival.isoformat()
    assert page.locator("#id_arrival_reference").input_value() == "LH 2371"
    assert page.locator("#id_phone").input_value() == "12"
    assert page.locator("#id_arrival_time").get_attribute("aria-invalid") == "true"
    assert problems == []  # the script is the app's own file: no Content-Security-Policy violation


def test_without_javascript_the_summary_still_comes_first_and_takes_the_focus(browser, live_server, guest):
    _member, token = guest
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/g/{token}/uk/angaben/")
    page.fill("#id_phone", "12")
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    first_in_main = page.evaluate(
        "document.querySelector('main [data-error-summary], main h1').hasAttribute('data-error-summary')"
    )
    assert first_in_main  # before the page's heading
    wait_for_the_summarys_focus(page)  # by its autofocus alone
    assert focused(page)["summary"]
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#id_phone"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_guests_form_with_errors_passes_axe(browser, live_server, guest, language):
    _member, token = guest
    context = browser.new_context(bypass_csp=True, viewport=PHONE)  # only to inject axe-core
    page = context.new_page()
    page.goto(f"{live_server.url}/g/{token}/{language}/angaben/")
    page.fill("#id_phone", "12")
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    assert page.locator("[data-error-summary]").is_visible()
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
    assert describe(violations["violations"]) == ""
    context.close()


# -- The public feedback form ------------------------------------------------------------------------------


@pytest.fixture
def statement(transactional_db):
    """The accessibility statement, as the data migration makes it (a transactional test may have flushed)."""
    from pages.models import LegalPage, LegalPageKind

    if not LegalPage.objects.filter(kind=LegalPageKind.ACCESSIBILITY).exists():
        importlib.import_module("pages.migrations.0002_default_pages").create_pages(apps, None)
    return "/{language}/barrierefreiheit/"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_feedback_form_leads_to_its_errors_by_keyboard(browser, live_server, statement, language):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(live_server.url + statement.format(language=language))
    page.locator("#id_message").focus()  # the form is at the end of the statement; the keyboard from here
    page.keyboard.type("kurz")
    tab_to(page, "id_email")
    page.keyboard.type("keine-adresse")
    submit_with_enter(page)

    assert_led_to_the_error(page, language, "id_message")
    assert page.locator("#id_message").input_value().strip() == "kurz"
    assert page.locator("#id_email").input_value() == "keine-adresse"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_feedback_form_with_errors_passes_axe(browser, live_server, statement, language):
    context = browser.new_context(bypass_csp=True, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + statement.format(language=language))
    page.fill("#id_message", "kurz")
    with page.expect_navigation():
        page.locator("form[action*=rueckmeldung] [type=submit], .feedback-form [type=submit]").first.click()
    assert page.locator("[data-error-summary]").is_visible()
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
    assert describe(violations["violations"]) == ""
    context.close()


# -- A staff page ------------------------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"


@pytest.fixture
def funding(transactional_db):
    roles.apply_role_permissions(apps)
    planner = factories.UserFactory(username="browser-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    funding = DelegationFundingFactory()
    BudgetLineFactory(funding=funding)
    return funding


def _staff_page(browser, live_server, **options):
    page = browser.new_context(viewport=DESKTOP, **options).new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "browser-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_booking_a_cost_leads_to_its_errors_by_keyboard(browser, live_server, funding):
    page = _staff_page(browser, live_server)
    page.goto(live_server.url + reverse("funding:delegation", kwargs={"pk": funding.delegation_id}))
    page.locator("#id_description").focus()
    page.keyboard.type("Taxi zum Kreishaus")
    submit_with_enter(page)

    wait_for_the_summarys_focus(page)
    assert focused(page)["summary"]
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["tag"] == "A" and link["href"].startswith("#id_")
    target = link["href"][1:]
    page.keyboard.press("Enter")
    assert focused(page)["id"] == target
    assert page.locator("#id_description").input_value() == "Taxi zum Kreishaus"
    assert page.title().startswith("Fehler:")


def test_the_staff_page_with_errors_passes_axe(browser, live_server, funding):
    page = _staff_page(browser, live_server, bypass_csp=True)
    page.goto(live_server.url + reverse("funding:delegation", kwargs={"pk": funding.delegation_id}))
    page.fill("#id_description", "Taxi zum Kreishaus")
    with page.expect_navigation():
        page.locator(".cost-form [type=submit]").click()
    assert page.locator("[data-error-summary]").is_visible()
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
    assert describe(violations["violations"]) == ""
