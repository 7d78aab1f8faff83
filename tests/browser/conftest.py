"""Browser tests in Debian's Chromium (Playwright): launch options, the skip-or-fail rule, an axe-core audit.

Tests in this folder are marked `browser`. They skip when /usr/bin/chromium is missing, unless
REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure. Nothing here ever downloads a browser.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Django's live server runs beside Playwright's event loop in this thread; the ORM must be allowed there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _chromium_present():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def axe(browser):
    """`axe(url, viewport=...)` returns axe-core's WCAG 2.1 AA violations of the page at `url`.

    Only this audit's own context bypasses the Content-Security-Policy, to inject axe-core; the pages under
    test run with the policy on everywhere else.
    """
    from axe_playwright_python.sync_playwright import Axe

    contexts = []

    def audit(url: str, *, viewport: dict | None = None) -> list[dict]:
        context = browser.new_context(bypass_csp=True, viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        return results.response["violations"]

    yield audit
    for context in contexts:
        context.close()


def describe(violations: list[dict]) -> str:
    """Violations in a form a failing assertion can show."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
