"""The on-the-day screen on a phone (390x844) in Chromium: a planner reports a 25-minute delay with the
keyboard only, sees the preview, applies it, sees the new times and undoes it; the day and the preview pass
axe-core, fit the screen, and keep the Content-Security-Policy. The preview of the ceremony's afternoon,
with its clash, is the README's picture."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from delegations import roles
from demo.loader import seed_demo
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from visits.models import DelayRecord, ProgrammeItem
from visits.staff import issue_staff_access, staff_contacts

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BERLIN = ZoneInfo("Europe/Berlin")
# Day 3 of the demo visit, at ten: the Schwanenland company visit (09:00-11:30) is running.
NOW = dt.datetime.combine(timezone.localdate(timezone.now(), BERLIN), dt.time(10), tzinfo=BERLIN)


@pytest.fixture
def demo(transactional_db, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    # A transactional test empties the tables after each test, the groups of the data migration too.
    roles.apply_role_permissions(apps)
    delegation = seed_demo(now=NOW, make_logins=False).delegation
    for contact in staff_contacts(delegation):  # hosts, interpreters and drivers have their links
        issue_staff_access(delegation=delegation, contact=contact)
    planner = factories.UserFactory(username="day-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    return delegation


def logged_in(browser, live_server, **context_options):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, **context_options)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "day-planner")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def tab_to(page, locator, limit: int = 120) -> None:
    """Press Tab until `locator` has the focus: what a keyboard user does, and proof that it can."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reached with the Tab key")


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_planner_reports_a_delay_with_the_keyboard_only_and_undoes_it(live_server, browser, demo):
    visit = ProgrammeItem.objects.get(title_de__startswith="Unternehmensbesuch Schwanenland")
    page = logged_in(browser, live_server)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(live_server.url + reverse("visit_day:day"))
    assert fits_the_phone(page)
    row = page.locator(f"#item-{visit.pk}")
    assert "läuft gerade" in row.inner_text()

    tab_to(page, row.get_by_role("button", name="+25 Min."))
    page.keyboard.press("Enter")

    page.wait_for_url("**/verspaetung/**")
    assert "läuft 25 Minuten länger" in page.get_by_role("heading", level=1).inner_text()
    moves = page.locator(".day-moves").first.inner_text()
    assert "09:00–11:30" in moves and "09:00–11:55" in moves
    assert fits_the_phone(page)
    apply = page.get_by_role("button", name="Verschieben und benachrichtigen")
    box = apply.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 200  # a thumb's target, in reach at the foot of the screen
    assert box["y"] + box["height"] <= PHONE["height"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "day-screen-phone-delay.png", full_page=False)
    preview_url = page.url

    tab_to(page, apply)
    page.keyboard.press("Enter")

    page.wait_for_url("**/admin/tag/?delegation=*")
    assert "Mitteilungen vorgemerkt" in page.locator(".day-messages").inner_text()
    assert "09:00–11:55" in page.locator(f"#item-{visit.pk} .day-clock").inner_text()
    assert DelayRecord.objects.filter(undone_at=None).count() > 1

    tab_to(page, page.get_by_role("link", name="Rückgängig machen …"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/rueckgaengig/")
    tab_to(page, page.get_by_role("button", name="Zurücknehmen und benachrichtigen"))
    page.keyboard.press("Enter")

    page.wait_for_url("**/admin/tag/?delegation=*")
    assert "Verschiebung zurückgenommen" in page.locator(".day-messages").inner_text()
    assert "09:00–11:30" in page.locator(f"#item-{visit.pk} .day-clock").inner_text()
    assert not DelayRecord.objects.filter(undone_at=None).exists()
    assert problems == []  # no script or style the policy blocked, no failed request

    # axe-core on the day and on the preview, in a context of its own that may inject it.
    audit = logged_in(browser, live_server, bypass_csp=True)
    for url in (live_server.url + reverse("visit_day:day"), preview_url):
        audit.goto(url)
        violations = Axe().run(audit, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
        assert describe(violations["violations"]) == "", url


def test_the_preview_of_the_ceremony_afternoon_shows_the_clash_before_anything_moves(
    live_server, browser, demo
):
    # Day 5: Hof Niersaue 13:40-14:40, then the hotel, the drive at 15:20, the ceremony at 16:00 (fixed).
    visit = ProgrammeItem.objects.get(title_de__startswith="Unternehmensbesuch Hof Niersaue")
    ceremony = ProgrammeItem.objects.get(title_de__startswith="Festakt")
    before = dict(ProgrammeItem.objects.values_list("pk", "starts_at"))
    day = timezone.localdate(visit.starts_at, BERLIN)
    page = logged_in(browser, live_server)
    page.goto(
        live_server.url + reverse("visit_day:delay", args=[visit.pk]) + f"?date={day.isoformat()}&quick=25"
    )

    assert "läuft 25 Minuten länger" in page.get_by_role("heading", level=1).inner_text()
    moves = page.locator(".day-moves").first.inner_text()
    assert "15:20–15:40" in moves and "15:45–16:05" in moves  # the drive to the Berufskolleg
    text = page.locator("main").inner_text()
    assert ceremony.title_de in text and "Konflikt" in text
    assert fits_the_phone(page)
    page.screenshot(path=SCREENSHOTS / "day-screen-phone-ceremony.png", full_page=False)
    assert dict(ProgrammeItem.objects.values_list("pk", "starts_at")) == before  # a preview changes nothing
