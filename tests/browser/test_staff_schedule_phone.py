"""The driver's staff schedule on a phone: readable at 390x844, and it passes axe."""

from pathlib import Path

import pytest

from tests.test_staff_schedule import visit  # noqa: F401  (the fixture)
from visits import staff

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_driver_schedule_on_a_phone(browser, live_server, visit, axe):  # noqa: F811
    _access, token = staff.issue_staff_access(delegation=visit["delegation"], contact=visit["driver"])
    url = live_server.url + staff.staff_link_path(token)
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(url)
    assert page.get_by_role("heading", name="Fahrt zur Firma").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing wider than the phone
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "staff-driver-phone.png", full_page=False)
    assert axe(url, viewport=PHONE) == []
