"""A clean console in Chromium: no error or warning, no failed request and no reported issue on the public
site (de/uk/en), a guest's link (online and offline, with its service worker) and the main admin pages.

Everything the browser says is recorded on one page that walks all of them: console messages, uncaught
exceptions, failed requests, answers of 400 and above (the page's own and every file it loads), and the
form, policy and deprecation issues of DevTools' Issues panel (the Audits domain). The source maps named by
the loaded styles and scripts, the favicon, the manifest and the service worker must answer too.
"""

import io
import re
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from delegations import roles
from delegations.models import Delegation
from press.models import EventPage
from tests import factories
from visits import services
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
LANGUAGES = ("de", "uk", "en")
# A note, not a fault: a photo below the fold that Chromium fetches early anyway (it is near enough).
INFO_ISSUES = {"LazyLoadImageIssue"}
SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$", re.MULTILINE)


@pytest.fixture
def demo(transactional_db):
    roles.apply_role_permissions(apps)
    # As held: its event pages are published by then, whatever the hour of the test.
    call_command("seed_demo", "--as-held", stdout=io.StringIO())
    planner = factories.UserFactory(username="console-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    visit = Delegation.objects.published().order_by("pk").first()
    event = EventPage.objects.published().filter(delegation=visit, hero__isnull=False).order_by("pk").first()
    member = visit.members.filter(preferred_language="uk").order_by("pk").first()
    _access, token = services.issue_guest_access(delegation=visit, member=member)
    item = ProgrammeItem.objects.filter(delegation=visit, interpreter__isnull=True).order_by("pk").first()
    return {"visit": visit, "event": event, "member": member, "token": token, "item": item}


class Console:
    """Everything the browser reports about the pages of one tab, by the path that was open."""

    def __init__(self, context, page):
        self.context, self.page, self.path, self.problems, self.files = context, page, "", [], set()
        self.watch_issues()
        page.on("console", self._message)
        page.on("pageerror", lambda error: self._add("uncaught", str(error)))
        page.on("requestfailed", lambda request: self._add("failed", f"{request.failure} {request.url}"))
        page.on("response", self._response)

    def watch_issues(self) -> None:
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.on("Audits.issueAdded", self._issue)
        self.cdp.send("DOM.enable")
        self.cdp.send("Audits.enable")

    def unwatch_issues(self) -> None:
        # While a second DevTools session is attached, Playwright's offline mode leaves navigator.onLine true.
        self.cdp.detach()

    def _add(self, kind: str, text: str) -> None:
        self.problems.append((self.path, kind, text))

    def _message(self, message) -> None:
        if message.type in ("error", "warning"):
            self._add(f"console {message.type}", f"{message.text} ({message.location.get('url', '')})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self._add("status", f"{response.status} {response.url}")
        elif response.request.resource_type in ("stylesheet", "script"):
            self.files.add(response.url)

    def _issue(self, event) -> None:
        issue = event["issue"]
        if issue["code"] in INFO_ISSUES:
            return
        details = next(iter(issue["details"].values()), {})
        where = ""
        node = details.get("violatingNodeId") or details.get("nodeId")
        if node:
            try:
                where = self.cdp.send("DOM.getOuterHTML", {"backendNodeId": node})["outerHTML"][:200]
            except Exception:  # the page has moved on; the issue's own words still say what it was
                where = str(details)[:200]
        kind = details.get("errorType") or details.get("violationType") or issue["code"]
        self._add(f"issue {issue['code']}", f"{kind} {where}".strip())

    def visit(self, path: str, base: str, *, wait: str = "networkidle") -> None:
        self.path = path
        response = self.page.goto(base + path, wait_until=wait)
        if response is None or response.status != 200:
            self._add("page", f"{response.status if response else 'no answer'} {path}")
        # DevTools reports form issues a moment after the page has settled.
        self.page.wait_for_timeout(250)

    def check(self, path: str, base: str, content_type: str) -> None:
        """A file the browser fetches on its own (or a link's target): it answers 200 with its type."""
        response = self.page.request.get(base + path)
        if response.status != 200 or not response.headers["content-type"].startswith(content_type):
            self._add("file", f"{response.status} {response.headers.get('content-type')} {path}")

    def check_source_maps(self) -> None:
        """DevTools fetches the maps that styles and scripts name; every one of them must be there."""
        for url in sorted(self.files):
            body = self.page.request.get(url).text()
            for name in SOURCE_MAP.findall(body[-500:]):
                status = self.page.request.get(urljoin(url, name)).status
                if status != 200:
                    self.problems.append(("source map", "status", f"{status} {urljoin(url, name)} of {url}"))


def test_no_console_message_failed_request_or_issue_anywhere(live_server, browser, demo):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = Console(context, page)
    visit, event, token = demo["visit"], demo["event"], demo["token"]

    for language in LANGUAGES:
        for path in (
            f"/{language}/",
            f"/{language}/besuche/{visit.slug}/",
            f"/{language}/veranstaltungen/",
            f"/{language}/veranstaltungen/{event.slug}/",
        ):
            console.visit(path, base)
    console.check("/favicon.ico", base, "image/svg+xml")

    # The guest's link: the itinerary in each language, the own details, then offline from the worker's cache.
    console.visit(f"/g/{token}/", base)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
    for language in LANGUAGES:
        console.visit(f"/g/{token}/{language}/", base)
    console.visit(f"/g/{token}/uk/angaben/", base)
    console.visit(f"/g/{token}/uk/", base)
    # What the itinerary links to or the browser fetches for it.
    assert page.locator(f'a[href="/g/{token}/uk/programm.pdf"]').count() >= 1
    console.check(f"/g/{token}/uk/programm.pdf", base, "application/pdf")
    console.check(f"/g/{token}/uk/programm.ics", base, "text/calendar")
    console.check(f"/g/{token}/sw.js", base, "text/javascript")
    console.check(f"/g/{token}/manifest.webmanifest", base, "application/manifest+json")
    page.wait_for_function(
        """async () => {
            for (const name of await caches.keys()) {
                if (await (await caches.open(name)).match(location.pathname)) return true;
            }
            return false;
        }""",
        timeout=10_000,
    )
    console.unwatch_issues()
    context.set_offline(True)
    console.path = "offline"
    assert page.reload(wait_until="load").from_service_worker
    assert page.locator("[data-offline-note]").is_visible()
    page.wait_for_timeout(250)
    context.set_offline(False)
    console.watch_issues()

    # The admin: login, index, changelists, the change forms of a delegation, a member and a programme item.
    console.visit(reverse("admin:login"), base)
    page.fill("#id_username", "console-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + reverse("admin:index"))
    for path in (
        reverse("admin:index"),
        reverse("admin:delegations_delegation_changelist"),
        reverse("admin:visits_programmeitem_changelist") + f"?delegation__id__exact={visit.pk}",
        reverse("admin:delegations_delegation_change", args=[visit.pk]),
        reverse("admin:delegations_member_change", args=[demo["member"].pk]),
        reverse("admin:visits_programmeitem_change", args=[demo["item"].pk]),
    ):
        console.visit(path, base)
    # An autocomplete field's search box is made when its list opens.
    page.locator(".field-interpreter .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").wait_for()
    page.wait_for_timeout(250)
    page.keyboard.press("Escape")

    console.check_source_maps()
    context.close()
    problems = list(dict.fromkeys(console.problems))  # DevTools reports a form issue again on every change
    assert problems == [], "\n".join(" | ".join(problem) for problem in problems)
