"""The planner's desk in Chromium: a planner signs in, reads what needs attention on the start page, follows
a line with the keyboard to the page where it is done and comes back; axe-core finds nothing on it."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from delegations import roles
from tests import factories
from tests.browser.conftest import describe
from tests.desk_visits import visit_with_everything

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
LAPTOP = {"width": 1366, "height": 768}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def desk(transactional_db):
    # A transactional test empties the tables after each test, the groups of the data migration too.
    roles.apply_role_permissions(apps)
    call_command("seed_demo", stdout=io.StringIO())
    planning = visit_with_everything("Arbeitsbesuch zur Wasserversorgung", starts_in=12)
    planner = factories.UserFactory(username="desk-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    return planning


def _signed_in(browser, live_server, **options):
    context = browser.new_context(viewport=LAPTOP, locale="de-DE", **options)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "desk-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_a_planner_follows_a_line_of_the_desk_to_its_page_and_back(live_server, browser, desk, tmp_path):
    page = _signed_in(browser, live_server)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.reload()

    heading = page.get_by_role("heading", name="Was ansteht")
    assert heading.is_visible()
    visit = page.locator(".kleve-desk-visit", has=page.get_by_role("heading", name="Wasserversorgung"))
    line = visit.get_by_role("link", name="Förderantrag bei „SKEW Delegationsreisen“ nicht gestellt")
    assert visit.locator(".kleve-desk-line").first.inner_text().startswith("DRINGEND")

    page.screenshot(path=tmp_path / "admin-start-page.png", full_page=False)
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "admin-start-page.png", SCREENSHOTS / "admin-start-page.png")

    # With the keyboard: the line takes the focus, Enter opens the funding page of that visit.
    line.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("funding:delegation", args=[desk.pk]))
    assert "Förderung" in page.locator("h1").inner_text()

    page.go_back()
    page.wait_for_url(live_server.url + reverse("admin:index"))
    assert heading.is_visible()
    # The app list is still the index's, one link away.
    page.get_by_role("link", name="Zu allen Bereichen der Verwaltung").click()
    assert page.locator("#kleve-apps-heading").is_visible()
    assert page.get_by_role("link", name="Delegationen", exact=True).first.is_visible()
    assert errors == []  # among them: any Content-Security-Policy violation


def test_axe_finds_no_wcag_violation_on_the_start_page(live_server, browser, desk):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.conftest import WCAG_21_AA

    page = _signed_in(browser, live_server, bypass_csp=True)
    violations = (
        Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response["violations"]
    )
    assert describe(violations) == ""
