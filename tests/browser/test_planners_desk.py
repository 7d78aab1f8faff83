"""The planner's desk in Chromium: what only a browser shows. The delegation page's members table fits a
1366 px screen, the programme's print button, the appointment picker narrowed to the appointment's
delegation, and the time-zone note only under fields with a time of day, in German."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from delegations import roles
from tests import factories
from tests.factories import berlin

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def planner(transactional_db):
    # A transactional test empties the tables after each test, the groups of the data migration too.
    roles.apply_role_permissions(apps)
    user = factories.UserFactory(username="desk-planner")
    user.groups.add(Group.objects.get(name=roles.PLANNERS))
    return user


def logged_in(browser, live_server, **context_options):
    context = browser.new_context(viewport=LAPTOP, **context_options)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "desk-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_the_members_table_fits_a_1366_pixel_screen(live_server, browser, planner):
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk")
    for n in range(4):
        factories.MemberFactory(
            delegation=delegation,
            first_name=f"Oleksandra-Maryna{n}",
            last_name="Vyhadana-Kovalenko",
            first_name_original=f"Олександра-Марина{n}",
            last_name_original="Вигадана-Коваленко",
        )
    page = logged_in(browser, live_server)
    page.goto(live_server.url + reverse("admin:delegations_delegation_change", args=[delegation.pk]))

    last_header = page.locator("#members-group table thead th").last
    assert last_header.text_content().strip() == "Löschen?"
    box = last_header.bounding_box()
    checkbox = page.locator("#members-group tbody tr.form-row td.delete input").first.bounding_box()
    viewport_width = page.evaluate("document.documentElement.clientWidth")
    assert box["x"] + box["width"] <= viewport_width, (box, viewport_width)
    assert checkbox["x"] + checkbox["width"] <= viewport_width
    # Nothing to scroll sideways for: the page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport_width


def test_the_programme_page_prints_from_its_own_button(live_server, browser, planner):
    delegation = factories.DelegationFactory()
    page = logged_in(browser, live_server)
    page.goto(live_server.url + reverse("admin:delegations_delegation_programme", args=[delegation.pk]))
    page.evaluate("window.print = () => { window.printed = true; }")

    button = page.get_by_role("button", name="Drucken")
    button.focus()
    page.keyboard.press("Enter")

    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert button.is_hidden()  # the tools are not printed


def test_the_appointment_picker_offers_only_its_delegations_items(live_server, browser, planner):
    ours = factories.DelegationFactory(title="Besuch aus Podilsk")
    theirs = factories.DelegationFactory(title="Besuch aus Rivne")
    factories.ProgrammeItemFactory(
        delegation=ours,
        title="Stadtwerke Kleve",
        title_de="Stadtwerke Kleve",
        starts_at=berlin(2025, 11, 17, 9),
    )
    factories.ProgrammeItemFactory(
        delegation=theirs,
        title="Stadtwerke Goch",
        title_de="Stadtwerke Goch",
        starts_at=berlin(2025, 11, 17, 9),
    )
    appointment = factories.CompanyAppointmentFactory(delegation=ours)
    page = logged_in(browser, live_server)
    page.goto(live_server.url + reverse("admin:visits_companyappointment_change", args=[appointment.pk]))

    page.locator(".field-programme_item .select2-selection").click()
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()

    assert options.all_text_contents() == ["17.11.2025 09:00 Stadtwerke Kleve"]


def test_the_time_zone_note_is_german_and_only_under_fields_with_a_time(live_server, browser, planner):
    delegation = factories.DelegationFactory(arrival_date=dt.date(2025, 11, 16))
    item = factories.ProgrammeItemFactory(delegation=delegation)
    # A browser in Kyiv, an hour ahead of the county.
    page = logged_in(browser, live_server, timezone_id="Europe/Kyiv")

    page.goto(live_server.url + reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    page.wait_for_load_state("load")
    page.locator("#id_arrival_date ~ .datetimeshortcuts").wait_for()  # Django's date widget has started
    assert page.locator(".timezonewarning").count() == 0

    page.goto(live_server.url + reverse("admin:visits_programmeitem_change", args=[item.pk]))
    page.wait_for_load_state("load")
    notes = page.locator(".timezonewarning")
    notes.first.wait_for()
    assert notes.first.text_content() == (
        "Hinweis: Uhrzeiten bitte in der Zeitzone Europe/Berlin eingeben. Ihr Gerät geht 1 Stunde vor."
    )
