"""The planners' calendar in Chromium: moved through with the keyboard alone (next month, then a day), free of
axe-core findings (WCAG 2.1 AA) in its three views, and photographed for the docs at 1366x768."""

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from delegations import roles
from delegations.enums import ContactRole
from delegations.models import Contact, Delegation
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from visits.enums import ItemKind, ItemStatus

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
SCREEN = {"width": 1366, "height": 768}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def busy_month(transactional_db):
    """The demo visit (under way today) and a second visit sharing its interpreter, driver and minibus."""
    roles.apply_role_permissions(apps)
    call_command("seed_demo", stdout=io.StringIO())
    planner = factories.UserFactory(username="browser-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    demo = Delegation.objects.order_by("pk").first()
    interpreter = Contact.objects.filter(role=ContactRole.INTERPRETER).first()
    driver = Contact.objects.filter(role=ContactRole.DRIVER).first()
    bus = factories.VehicleFactory(name="Kleinbus 1", registration="KLE-KK 101", seats=8)
    transfer = (
        demo.programme_items.filter(kind=ItemKind.TRANSFER)
        .exclude(status=ItemStatus.CANCELLED)
        .order_by("starts_at")
        .last()
    )
    transfer.driver, transfer.vehicle = driver, bus
    transfer.save()
    interpreted = (
        demo.programme_items.filter(interpreter=interpreter, starts_at__gt=timezone.now())
        .exclude(status=ItemStatus.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    today = timezone.localdate()
    other = factories.DelegationFactory(
        title="Jugendaustausch Zgierz",
        arrival_date=today - dt.timedelta(days=1),
        departure_date=today + dt.timedelta(days=4),
    )
    factories.ProgrammeItemFactory(
        delegation=other,
        title="Gespräch im Jugendamt",
        starts_at=interpreted.starts_at + dt.timedelta(minutes=30),
        ends_at=interpreted.ends_at + dt.timedelta(minutes=30),
        interpreter=interpreter,
    )
    factories.ProgrammeItemFactory(
        delegation=other,
        title="Fahrt zur Schwanenburg",
        kind=ItemKind.TRANSFER,
        starts_at=transfer.starts_at,
        ends_at=transfer.ends_at,
        venue=None,
        driver=driver,
        vehicle=bus,
    )
    return {"demo": demo, "interpreted": interpreted, "transfer": transfer, "interpreter": interpreter}


def _logged_in_page(browser, live_server, **context_options):
    context = browser.new_context(viewport=SCREEN, **context_options)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "browser-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def _tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_keyboard_moves_to_the_next_month_and_opens_a_day(live_server, browser, busy_month):
    page = _logged_in_page(browser, live_server)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    # From the admin's start page, the header's link.
    _tab_to(page, "a[href='/admin/calendar/']")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/admin/calendar/")
    today = timezone.localdate()
    assert page.locator("caption").inner_text() == date_format(today, "F Y")
    assert page.get_by_text("Konflikt", exact=True).first.is_visible()

    _tab_to(page, "a[data-calendar-next]")
    page.keyboard.press("Enter")
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    page.wait_for_url(f"**/admin/calendar/?date={following.isoformat()}&view=month")
    assert page.locator("caption").inner_text() == date_format(following, "F Y")

    # The first day of that month, by the keyboard: its link in the grid.
    _tab_to(page, f"a.kleve-calendar-day[href*='date={following.isoformat()}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/calendar/?date={following.isoformat()}&view=day")
    assert page.locator("h2").first.inner_text().startswith(date_format(following, "l, j. F Y"))
    assert errors == []  # among them: any Content-Security-Policy violation


def test_the_calendar_passes_axe_in_its_three_views(live_server, browser, busy_month):
    page = _logged_in_page(browser, live_server, bypass_csp=True)
    day = timezone.localtime(busy_month["interpreted"].starts_at).date().isoformat()
    resource = f"interpreter:{busy_month['interpreter'].pk}"
    for query in (
        f"date={day}&view=month",
        f"date={day}&view=week",
        f"date={day}&view=day&resource={resource}",
        "date=2025-13-40&view=year&resource=nothing",
    ):
        page.goto(f"{live_server.url}/admin/calendar/?{query}")
        violations = (
            Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response["violations"]
        )
        assert describe(violations) == "", query


def test_the_calendar_works_without_javascript(live_server, browser, busy_month):
    page = _logged_in_page(browser, live_server, java_script_enabled=False)
    page.goto(f"{live_server.url}/admin/calendar/")
    page.select_option("#id_view", "week")
    page.click(".kleve-calendar-chooser button[type=submit]")
    assert "view=week" in page.url
    assert page.locator("h2.kleve-calendar-period").is_visible()
    assert page.locator("table.kleve-calendar-agenda").first.is_visible()


def test_a_picture_of_the_month_for_the_docs(live_server, browser, busy_month, tmp_path):
    page = _logged_in_page(browser, live_server)
    page.goto(f"{live_server.url}/admin/calendar/")
    assert page.locator(".kleve-calendar-conflict-badge").first.is_visible()
    page.screenshot(path=tmp_path / "admin-calendar.png", full_page=False)
    # SAVE_SCREENSHOTS=1 refreshes the picture of the docs; otherwise a run leaves the tree alone.
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "admin-calendar.png", SCREENSHOTS / "admin-calendar.png")
