"""The "today" panel on a phone as the day goes on: the clock moves and the page follows without a reload;
times a delay moved are marked; axe-core finds nothing."""

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from delegations.models import Member
from demo.loader import seed_demo
from tests import factories
from tests.browser.conftest import describe
from visits import services
from visits.delays import apply_delay
from visits.models import ProgrammeItem

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENSHOT = "guest-phone-uk-now-next.png"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def late_day(transactional_db, monkeypatch):
    """The demo visit on its third day at 11:40, the company visit at Schwanenland 25 minutes late."""
    seed_demo(now=timezone.now(), make_logins=False)
    visit = ProgrammeItem.objects.get(title_de__startswith="Unternehmensbesuch Schwanenland")
    apply_delay(item=visit, minutes=25)
    third_day = timezone.localtime(visit.starts_at, factories.BERLIN).date()
    _, token = services.issue_guest_access(
        delegation=visit.delegation, member=Member.objects.get(first_name="Andrii")
    )
    moment = dt.datetime.combine(third_day, dt.time(11, 40), tzinfo=factories.BERLIN)
    monkeypatch.setattr(timezone, "now", lambda: moment)  # the server's clock
    items = {
        "visit": visit,
        "town_hall": ProgrammeItem.objects.get(title_de__startswith="Im Rathaus Goch"),
        "drive": ProgrammeItem.objects.get(title_de="Fahrt nach Kalkar"),
    }
    return token, moment, items


def test_the_panel_follows_the_clock_without_a_reload(browser, live_server, late_day, tmp_path):
    token, moment, items = late_day
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install(time=moment)  # the phone's clock, the same moment as the server's

    page.goto(f"{live_server.url}/g/{token}/uk/")

    today = page.locator("[data-today]")
    expect(today).to_be_visible()
    now_line = today.locator(f'[data-now-of="item-{items["visit"].pk}"]')
    next_line = today.locator(f'[data-next-of="item-{items["town_hall"].pk}"]')
    expect(now_line).to_be_visible()
    expect(now_line).to_contain_text("до 11:55")
    expect(now_line.locator("del")).to_have_text("раніше 09:00–11:30")
    expect(next_line).to_be_visible()
    expect(next_line).to_contain_text("12:25–14:25")
    expect(next_line.locator("del")).to_have_text("раніше 12:00–14:00")
    expect(next_line.locator(".badge")).to_have_text("Час змінено")
    expect(today.locator("[data-now-none]")).to_be_hidden()
    page.screenshot(path=tmp_path / SCREENSHOT, full_page=False)
    # SAVE_SCREENSHOTS=1 refreshes the picture of the docs; otherwise a run leaves the tree alone.
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / SCREENSHOT, SCREENSHOTS / SCREENSHOT)

    # Twenty minutes on, offline: the company visit is over, the town hall has not begun.
    context.set_offline(True)
    page.clock.fast_forward("20:00")
    expect(now_line).to_be_hidden()
    expect(today.locator("[data-now-none]")).to_be_visible()
    expect(next_line).to_be_visible()

    # At 12:30 the town hall runs and the drive to Kalkar comes next; the entries' badges follow.
    page.clock.fast_forward("30:00")
    town_hall_now = today.locator(f'[data-now-of="item-{items["town_hall"].pk}"]')
    expect(town_hall_now).to_be_visible()
    expect(today.locator(f'[data-next-of="item-{items["drive"].pk}"]')).to_be_visible()
    expect(next_line).to_be_hidden()
    entry = page.locator(f"#item-{items['town_hall'].pk}")
    expect(entry.locator("[data-now-badge]")).to_be_visible()
    expect(entry.locator("[data-next-badge]")).to_be_hidden()
    expect(entry).to_have_class(re.compile(r"\bis-now\b"))
    expect(page.locator(f"#item-{items['drive'].pk} [data-next-badge]")).to_be_visible()
    expect(page.locator(f"#item-{items['visit'].pk} [data-now-badge]")).to_be_hidden()
    assert page.locator("[data-now-badge]:visible").count() == 1
    assert page.locator("[data-next-badge]:visible").count() == 1

    # The link in the panel leads to the entry, with the keyboard too.
    town_hall_now.locator("a").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/g/{token}/uk/#item-{items['town_hall'].pk}")
    assert errors == []  # among them: any Content-Security-Policy violation
    context.close()


def test_axe_finds_nothing_on_the_page_with_the_panel_and_moved_times(axe, live_server, late_day):
    token, _moment, _items = late_day
    for language in ("uk", "en", "de"):
        violations = axe(f"{live_server.url}/g/{token}/{language}/", viewport=PHONE)
        assert violations == [], describe(violations)
