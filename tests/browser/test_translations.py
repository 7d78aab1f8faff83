"""The translations page in Chromium: a planner edits one translation with the keyboard and saves it; the
page passes axe-core's WCAG 2.1 AA audit; and its picture for the docs at laptop size."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from delegations import roles
from tests import factories
from tests.browser.conftest import WCAG_21_AA, describe
from tests.factories import berlin
from visits.models import ProgrammeItem
from visits.translating.worklist import State, work_list

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
LAPTOP = {"width": 1366, "height": 768}
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "admin-translations.png"


@pytest.fixture
def planner(transactional_db):
    roles.apply_role_permissions(apps)
    user = factories.UserFactory(username="translation-planner")
    user.groups.add(Group.objects.get(name=roles.PLANNERS))
    return user


def _visit():
    delegation = factories.DelegationFactory(
        title="Besuch aus Rajon Podilsk",
        title_uk="Візит з Подільського району",
        summary_de="Vier Mitglieder des Rajonrats besuchen den Kreis Kleve.",
    )
    factories.MemberFactory(delegation=delegation, function="Vorsitzende des Rajonrats")
    town_hall = factories.VenueFactory(name="Kreishaus Kleve", name_uk="Будинок району Клеве")
    reception = factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 17, 10),
        title="Empfang durch den Landrat",
        title_uk="Прийом у ландрата",
        title_en="Reception by the county head",
        venue=town_hall,
    )
    reception.title_de = "Empfang durch den Landrat im Kreishaus"
    reception.save()
    works = factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 17, 14),
        title="Besuch der Stadtwerke Kleve",
        title_uk="",
        description_de="Rundgang durch die Leitwarte, Gespräch über Fernwärme und Wasserstoff.",
        dress_code_de="Festes Schuhwerk",
        venue=town_hall,
    )
    return delegation, reception, works


def _logged_in(browser, live_server, **options):
    page = browser.new_context(viewport=LAPTOP, **options).new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "translation-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_a_planner_edits_one_translation_with_the_keyboard(live_server, browser, planner):
    delegation, _reception, works = _visit()
    page = _logged_in(browser, live_server)

    # From the delegation's page, by its link.
    page.goto(live_server.url + reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    page.get_by_role("link", name="Übersetzungen für die Gäste").click()
    assert page.get_by_role("heading", name="Ukrainisch: 6 Texte zu übersetzen").is_visible()
    assert page.get_by_text("veraltet", exact=True).first.is_visible()
    page.screenshot(path=str(SCREENSHOT))

    # Tab from the language switch to the first text field of the list, type, and save with Enter.
    field = page.get_by_label("Titel (Ukrainisch): Programmpunkt „Besuch der Stadtwerke Kleve“", exact=False)
    page.get_by_role("link", name="Englisch").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    assert field.evaluate("element => element === document.activeElement")
    page.keyboard.type("Відвідування комунального підприємства Клеве")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("1 Übersetzung gespeichert.").is_visible()

    assert ProgrammeItem.objects.get(pk=works.pk).title_uk == "Відвідування комунального підприємства Клеве"
    text = work_list(delegation, "uk").by_id()[f"visits.programmeitem.{works.pk}.title"]
    assert text.state == State.DONE
    page.context.close()


def test_the_translations_page_passes_axe(live_server, browser, planner):
    delegation, _reception, _works = _visit()
    # Only this audit's context bypasses the policy, to inject axe-core.
    page = _logged_in(browser, live_server, bypass_csp=True)
    page.goto(live_server.url + reverse("translations:index", args=[delegation.pk]) + "?language=uk")
    violations = (
        Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response["violations"]
    )
    assert describe(violations) == ""
    page.context.close()
