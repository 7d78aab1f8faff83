"""The staff admin in Chromium: the programme page passes axe-core (WCAG 2.1 AA), admin pages keep the
Content-Security-Policy, and the printed programme shows the programme only."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from delegations import roles
from delegations.models import Delegation
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(transactional_db):
    # A transactional test empties the tables after each test, the groups of the data migration too.
    roles.apply_role_permissions(apps)
    call_command("seed_demo", stdout=io.StringIO())
    planner = factories.UserFactory(username="browser-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    return Delegation.objects.order_by("pk").first()


def _logged_in_page(browser, live_server, **context_options):
    context = browser.new_context(viewport=DESKTOP, **context_options)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "browser-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_the_programme_page_passes_axe(live_server, browser, demo):
    # Only this audit's context bypasses the policy, to inject axe-core.
    page = _logged_in_page(browser, live_server, bypass_csp=True)
    page.goto(live_server.url + reverse("admin:delegations_delegation_programme", args=[demo.pk]))
    violations = (
        Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response["violations"]
    )
    assert describe(violations) == ""


def test_admin_pages_keep_the_content_security_policy(live_server, browser, demo):
    page = _logged_in_page(browser, live_server)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    item = ProgrammeItem.objects.filter(delegation=demo).order_by("pk").first()
    paths = [
        reverse("admin:delegations_delegation_programme", args=[demo.pk]),
        reverse("admin:delegations_delegation_change", args=[demo.pk]),
        reverse("admin:visits_programmeitem_changelist") + f"?delegation__id__exact={demo.pk}",
        reverse("admin:visits_programmeitem_change", args=[item.pk]),
        reverse("admin:visits_programmeitem_history", args=[item.pk]),
    ]
    for path in paths:
        response = page.goto(live_server.url + path, wait_until="networkidle")
        assert response.status == 200, path
    assert [problem for problem in problems if "Content Security Policy" in problem] == []


def test_the_printed_programme_shows_the_days_and_no_admin_chrome(live_server, browser, demo):
    page = _logged_in_page(browser, live_server)
    page.goto(live_server.url + reverse("admin:delegations_delegation_programme", args=[demo.pk]))
    page.emulate_media(media="print")
    assert page.locator("#header").is_hidden()
    assert page.locator(".breadcrumbs").is_hidden()
    assert page.locator(".object-tools").is_hidden()
    assert page.locator(".kleve-programme-day h2").first.is_visible()
    # Each day after the first starts a new sheet.
    breaks = page.locator(".kleve-programme-day").evaluate_all(
        "days => days.map(day => getComputedStyle(day).breakBefore)"
    )
    assert breaks[0] != "page"
    assert set(breaks[1:]) == {"page"}
