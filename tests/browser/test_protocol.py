"""The protocol pages in Chromium: axe-core (WCAG 2.1 AA), the Content-Security-Policy, reordering the
precedence with the keyboard, and the printed seating plan without admin chrome, its round table drawn."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from delegations import roles
from delegations.models import Delegation
from protocol.models import PrecedenceEntry, SeatingPlan
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(transactional_db):
    roles.apply_role_permissions(apps)
    call_command("seed_demo", stdout=io.StringIO())
    planner = factories.UserFactory(username="browser-protocol")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    return Delegation.objects.get(slug="podilsk-2025")


def _logged_in_page(browser, live_server, **context_options):
    context = browser.new_context(viewport=DESKTOP, **context_options)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "browser-protocol")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def _order(delegation) -> list[int]:
    return list(PrecedenceEntry.objects.filter(delegation=delegation).values_list("pk", flat=True))


def test_the_protocol_pages_pass_axe_and_keep_the_policy(live_server, browser, demo):
    plan = SeatingPlan.objects.get(programme_item__delegation=demo)
    paths = [
        reverse("protocol:overview", kwargs={"pk": demo.pk}),
        reverse("protocol:running-order", kwargs={"item_pk": plan.programme_item_id}),
        reverse("protocol:gifts", kwargs={"pk": demo.pk}),
    ]
    audit = _logged_in_page(browser, live_server, bypass_csp=True)
    for path in paths:
        audit.goto(live_server.url + path)
        result = Axe().run(audit, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert describe(result.response["violations"]) == "", path

    page = _logged_in_page(browser, live_server)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    for path in paths:
        assert page.goto(live_server.url + path, wait_until="networkidle").status == 200
    assert [problem for problem in problems if "Content Security Policy" in problem] == []


def test_the_precedence_is_reordered_with_the_keyboard(live_server, browser, demo):
    before = _order(demo)
    page = _logged_in_page(browser, live_server)
    page.goto(live_server.url + reverse("protocol:overview", kwargs={"pk": demo.pk}))
    button = page.get_by_role("button", name="Andrii Zrazkovyi nach unten")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Andrii Zrazkovyi (Андрій Зразковий) wurde verschoben.").is_visible()
    after = _order(demo)
    assert after == [before[1], before[0], *before[2:]]


def test_the_printed_seating_plan_draws_the_round_table_without_admin_chrome(live_server, browser, demo):
    plan = SeatingPlan.objects.get(programme_item__delegation=demo)
    page = _logged_in_page(browser, live_server)
    page.goto(live_server.url + reverse("protocol:running-order", kwargs={"item_pk": plan.programme_item_id}))
    page.emulate_media(media="print")
    assert page.locator("#header").is_hidden()
    assert page.locator(".breadcrumbs").is_hidden()
    seats = page.locator(".table-round.seats-8").first.locator(".seat")
    assert seats.count() == 8
    boxes = [seats.nth(index).bounding_box() for index in range(8)]
    # Seat 1 at the top, seat 5 at the bottom, seats 3 and 7 at the sides: a circle, not a list.
    assert boxes[0]["y"] < boxes[2]["y"] < boxes[4]["y"]
    assert boxes[6]["x"] < boxes[0]["x"] < boxes[2]["x"]
    for first in range(8):
        for second in range(first + 1, 8):
            a, b = boxes[first], boxes[second]
            overlap = (
                a["x"] < b["x"] + b["width"]
                and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"]
                and b["y"] < a["y"] + a["height"]
            )
            assert not overlap, (first + 1, second + 1)
