"""The public check page of an invitation letter in Chromium: no axe-core (WCAG 2.1 AA) violations at phone
and desktop size, for a genuine letter and for an unknown code, and no Content-Security-Policy complaints."""

import pytest

from tests import factories
from tests.browser.conftest import describe
from tests.factories_letters import LetterheadFactory, letter_for

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def check_paths():
    LetterheadFactory()
    member = factories.MemberFactory(
        first_name="Oksana", last_name="Melnyk", first_name_original="Оксана", last_name_original="Мельник"
    )
    letter = letter_for(member)
    return {"genuine": f"/brief/{letter.code}/", "unknown": "/brief/" + "x" * 32 + "/"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_check_page_passes_axe(live_server, axe, check_paths, viewport):
    failures = {}
    for name, path in check_paths.items():
        violations = axe(live_server.url + path, viewport=viewport)
        if violations:
            failures[name] = describe(violations)
    assert failures == {}


def test_check_page_loads_under_the_content_security_policy(live_server, browser, check_paths):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    response = page.goto(live_server.url + check_paths["genuine"], wait_until="networkidle")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert "Оксана Мельник" in page.locator(".check-name").inner_text()
    context.close()
    assert problems == []
