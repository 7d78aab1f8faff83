"""A venue's place in Chromium: a map link typed and saved with the keyboard alone (Enter saves, it does not
ask the geocoder), the map sketch free of axe-core findings (WCAG 2.1 AA) and of Content-Security-Policy
errors."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group

from delegations import roles
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from tests.geo_server import GeoServer
from visits.models import Venue

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def venues(transactional_db):
    roles.apply_role_permissions(apps)
    planner = factories.UserFactory(username="browser-planner")
    planner.groups.add(Group.objects.get(name=roles.PLANNERS))
    kreishaus = factories.VenueFactory(
        name="Kreishaus Kleve", name_de="Kreishaus Kleve", latitude=Decimal("51.5"), longitude=Decimal("6.0")
    )
    factories.VenueFactory(name_de="Rathaus Goch", latitude=Decimal("51.678"), longitude=Decimal("6.162"))
    factories.VenueFactory(
        name_de="Hochschule Rhein-Waal", latitude=Decimal("51.796"), longitude=Decimal("6.134")
    )
    return kreishaus


def _logged_in_page(browser, live_server, **context_options):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, **context_options)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "browser-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_a_map_link_is_pasted_and_saved_with_the_keyboard(live_server, browser, venues, settings):
    with GeoServer() as geocoder:
        settings.GEOCODER_URL = geocoder.url
        page = _logged_in_page(browser, live_server)
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{live_server.url}/admin/visits/venue/{venues.pk}/change/")
        assert page.locator("button[name=_geocode]").is_visible()
        page.focus("#id_longitude")
        page.keyboard.press("Tab")  # the link comes right after the coordinates it fills
        assert page.evaluate("document.activeElement.id") == "id_map_link"
        page.keyboard.type("https://www.openstreetmap.org/#map=18/51.7890/6.1380")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/admin/visits/venue/")

        assert geocoder.requests == []
    venues.refresh_from_db()
    assert (venues.latitude, venues.longitude) == (Decimal("51.789000"), Decimal("6.138000"))
    assert errors == []


def test_the_venue_page_with_its_sketch_passes_axe(live_server, browser, venues):
    page = _logged_in_page(browser, live_server, bypass_csp=True)
    page.goto(f"{live_server.url}/admin/visits/venue/{venues.pk}/change/")
    assert page.locator("figure.kleve-map svg circle").count() == 3

    # The sketch and the link field; the organisation's Select2 box above them is not this test's.
    violations = Axe().run(
        page,
        context={"include": [".kleve-place-map", ".field-map_link"]},
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}},
    )

    assert describe(violations.response["violations"]) == ""
    assert Venue.objects.count() == 3
