"""Conflicts where staff work: on the programme page (summed up and per item), and warned about on saving."""

import datetime as dt
import html
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from delegations.models import Contact, Delegation
from tests import factories
from tests.admin_samples import admin_form_data
from visits import enums as v
from visits.conflicts import find_conflicts
from visits.models import Venue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def transfer_rules(settings):
    settings.CONFLICT_TRANSFER_SPEED_KMH = 60
    settings.CONFLICT_TRANSFER_BUFFER_MINUTES = 10


def programme_url(delegation) -> str:
    return reverse("admin:delegations_delegation_programme", args=[delegation.pk])


def text(fragment: str) -> str:
    """As read: inline tags (links) gone without a trace, other tags as spaces, entities decoded."""
    fragment = re.sub(r"</?a\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def summary_of(page: str) -> str:
    match = re.search(r'<section class="kleve-conflicts".*?</section>', page, re.S)
    return text(match.group(0)) if match else ""


def conflicts_at(page: str, item) -> list[str]:
    """The conflicts listed under an item's row, as read."""
    row = re.search(
        rf'id="item-{item.pk}">.*?</tr>\s*(<tr class="kleve-conflicts-row">.*?</tr>)?', page, re.S
    )
    if row.group(1) is None:
        return []
    return [text(li) for li in re.findall(r"<li>(.*?)</li>", row.group(1), re.S)]


@pytest.fixture
def visit():
    """Olena in two items at once, at two venues 11 km apart with too little time to the third."""
    delegation = factories.DelegationFactory(
        title="Besuch aus Podilsk", arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 18)
    )
    olena = factories.MemberFactory(
        delegation=delegation, first_name="Olena", last_name="Testenko", needs_interpreter=False
    )
    kreishaus = factories.VenueFactory(name="Kreishaus Kleve", latitude=51.7890, longitude=6.1380)
    hochschule = factories.VenueFactory(name="Hochschule Rhein-Waal", latitude=51.8000, longitude=6.2980)

    def item(title, start, end, **fields):
        return factories.ProgrammeItemFactory(
            delegation=delegation, title=title, starts_at=start, ends_at=end, **fields
        )

    items = {
        "reception": item(
            "Empfang", factories.berlin(2025, 11, 17, 9), factories.berlin(2025, 11, 17, 10), venue=kreishaus
        ),
        "interview": item(
            "Interview",
            factories.berlin(2025, 11, 17, 9, 30),
            factories.berlin(2025, 11, 17, 10),
            venue=kreishaus,
            participants=[olena],
        ),
        "lecture": item(
            "Vortrag",
            factories.berlin(2025, 11, 17, 10, 15),
            factories.berlin(2025, 11, 17, 11),
            venue=hochschule,
        ),
        "lunch": item(
            "Mittagessen", factories.berlin(2025, 11, 17, 13), factories.berlin(2025, 11, 17, 14), venue=None
        ),
    }
    return delegation, items


def test_the_programme_page_sums_up_the_conflicts_by_kind_with_links_to_the_items(planner_client, visit):
    delegation, items = visit
    page = planner_client.get(programme_url(delegation)).content.decode()

    assert summary_of(page) == (
        "Konflikte 3 Konflikte gefunden; Speichern bleibt möglich. "
        "Fehler Mitglied doppelt eingeplant: 1 – Empfang (Mo, 17.11., 09:00), Interview (Mo, 17.11., 09:30) "
        "Warnung Ort doppelt belegt: 1 – Empfang (Mo, 17.11., 09:00), Interview (Mo, 17.11., 09:30) "
        "Warnung Zu wenig Zeit für den Weg: 1 – Empfang (Mo, 17.11., 09:00), Vortrag (Mo, 17.11., 10:15)"
    )
    assert f'<a href="#item-{items["interview"].pk}">Interview (Mo, 17.11., 09:30)</a>' in page
    assert f'<td class="kleve-col-time" id="item-{items["interview"].pk}">' in page


def test_each_item_lists_its_conflicts_with_the_severity_as_a_word(planner_client, visit):
    delegation, items = visit
    page = planner_client.get(programme_url(delegation)).content.decode()

    assert conflicts_at(page, items["interview"]) == [
        "Fehler Olena Testenko ist gleichzeitig bei „Empfang“ (17.11.2025 09:00–10:00) und „Interview“ "
        "(17.11.2025 09:30–10:00) eingeplant.",
        "Warnung Kreishaus Kleve ist doppelt belegt: „Empfang“ (17.11.2025 09:00–10:00) und „Interview“ "
        "(17.11.2025 09:30–10:00).",
    ]
    # Coming from the reception (it ends as late as the interview), Olena has too little time to the lecture.
    assert conflicts_at(page, items["lecture"]) == [
        "Warnung Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,0 km "
        "Luftlinie, bei 60 km/h "
        "geschätzt): zwischen „Empfang“ (17.11.2025 09:00–10:00) und „Vortrag“ (17.11.2025 10:15–11:00) "
        "liegen 15 Minuten, nötig sind mindestens 22 (Olena Testenko).",
    ]
    assert conflicts_at(page, items["lunch"]) == []
    assert '<span class="kleve-conflict-badge kleve-conflict-error">Fehler</span>' in page
    assert '<span class="kleve-conflict-badge kleve-conflict-warning">Warnung</span>' in page


def test_a_programme_without_conflicts_says_so(planner_client):
    delegation = factories.DelegationFactory()
    factories.ProgrammeItemFactory(delegation=delegation)
    page = planner_client.get(programme_url(delegation)).content.decode()

    assert summary_of(page) == "Konflikte Keine Konflikte gefunden."
    assert "kleve-conflicts-row" not in page


def test_the_press_office_sees_no_conflicts_they_name_members(press_client, visit):
    delegation, items = visit
    for item in items.values():
        item.visibility = v.Visibility.PUBLIC
        item.save()
    page = press_client.get(programme_url(delegation)).content.decode()

    assert "Empfang" in page
    assert summary_of(page) == ""
    assert "Olena" not in page
    assert "kleve-conflict" not in page


# Warnings when an item is saved, and the item's conflicts above its form.


def save_item(client, url: str, **changes):
    """Open the item's add or change form, change some fields and save, following the redirect."""
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, admin_form_data(page, **changes), follow=True)


def warnings_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"] if message.level_tag == "warning"]


def at(day: int, time: str) -> dict:
    return {"starts_at_0": f"2025-11-{day:02d}", "starts_at_1": time}


def test_saving_an_item_that_clashes_warns_and_still_saves_it(planner_client, visit):
    delegation, _items = visit
    olena = delegation.members.get()
    url = reverse("admin:visits_programmeitem_add") + f"?delegation={delegation.pk}"

    response = save_item(
        planner_client,
        url,
        kind="meeting",
        title_de="Pressegespräch",
        participants=str(olena.pk),
        **at(17, "13:30"),
        ends_at_0="2025-11-17",
        ends_at_1="14:30",
    )

    saved = delegation.programme_items.get(title_de="Pressegespräch")
    assert response.redirect_chain[-1][1] == 302
    assert warnings_of(response) == [
        "Olena Testenko ist gleichzeitig bei „Mittagessen“ (17.11.2025 13:00–14:00) und „Pressegespräch“ "
        "(17.11.2025 13:30–14:30) eingeplant."
    ]
    assert list(saved.participants.all()) == [olena]


def test_saving_an_item_without_conflicts_warns_about_nothing(planner_client, visit):
    _delegation, items = visit
    url = reverse("admin:visits_programmeitem_change", args=[items["lunch"].pk])

    response = save_item(planner_client, url, title_de="Mittagessen im Kreishaus")

    assert warnings_of(response) == []
    assert [str(message) for message in response.context["messages"]] != []


def test_moving_an_item_out_of_a_clash_is_checked_at_its_new_time(planner_client, visit):
    _delegation, items = visit
    url = reverse("admin:visits_programmeitem_change", args=[items["interview"].pk])

    response = save_item(planner_client, url, **at(17, "11:15"), ends_at_0="2025-11-17", ends_at_1="11:45")

    assert warnings_of(response) == [
        "Zu wenig Zeit für den Weg von Hochschule Rhein-Waal nach Kreishaus Kleve (11,0 km "
        "Luftlinie, bei 60 km/h "
        "geschätzt): "
        "zwischen „Vortrag“ (17.11.2025 10:15–11:00) und „Interview“ (17.11.2025 11:15–11:45) liegen 15 "
        "Minuten, nötig sind mindestens 22 (Olena Testenko)."
    ]


def test_the_change_form_shows_the_items_conflicts_above_the_form(planner_client, visit):
    _delegation, items = visit
    page = planner_client.get(reverse("admin:visits_programmeitem_change", args=[items["interview"].pk]))
    body = page.content.decode()

    box = re.search(r'<section class="kleve-conflicts".*?</section>', body, re.S).group(0)
    assert body.index(box) < body.index('<fieldset class="module aligned')
    assert [text(li) for li in re.findall(r"<li>(.*?)</li>", box, re.S)] == [
        "Fehler Olena Testenko ist gleichzeitig bei „Empfang“ (17.11.2025 09:00–10:00) und „Interview“ "
        "(17.11.2025 09:30–10:00) eingeplant.",
        "Warnung Kreishaus Kleve ist doppelt belegt: „Empfang“ (17.11.2025 09:00–10:00) und „Interview“ "
        "(17.11.2025 09:30–10:00).",
    ]
    lunch = planner_client.get(reverse("admin:visits_programmeitem_change", args=[items["lunch"].pk]))
    assert "kleve-conflicts" not in lunch.content.decode()


# The demo visit: only the warnings meant, and the planner's last day of the "Done when". The visit as
# it was held, 16 to 22 November 2025: the planner below adds items to its last day.


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--as-held", stdout=io.StringIO())
    return Delegation.objects.get(slug="podilsk-2025")


def test_the_demo_visit_as_seeded_has_no_conflict(demo):
    # Staff preparation before the guests arrive and the internal debriefing involve no guest.
    assert [conflict.message for conflict in find_conflicts(demo)] == []


def test_a_planner_planning_the_demos_last_day_is_warned_of_a_double_booking_and_a_too_short_way(
    planner_client, demo
):
    venues = {venue.name_de: venue for venue in Venue.objects.all()}
    interpreter = Contact.objects.get(last_name="Perekladach")
    add_url = reverse("admin:visits_programmeitem_add") + f"?delegation={demo.pk}"

    farewell = save_item(
        planner_client,
        add_url,
        kind="meeting",
        title_de="Abschlussgespräch mit dem Landrat",
        venue=str(venues["Kreishaus Kleve"].pk),
        interpreter=str(interpreter.pk),
        **at(22, "07:30"),
        ends_at_0="2025-11-22",
        ends_at_1="08:15",
    )
    assert warnings_of(farewell) == []

    photo = save_item(
        planner_client,
        add_url,
        kind="meeting",
        title_de="Abschiedsfoto am Rathaus Goch",
        venue=str(venues["Rathaus Goch"].pk),
        interpreter=str(interpreter.pk),
        **at(22, "08:30"),
        ends_at_0="2025-11-22",
        ends_at_1="08:50",
    )
    too_short = (
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Rathaus Goch (11,4 km "
        "Luftlinie, bei 60 km/h "
        "geschätzt): zwischen "
        "„Abschlussgespräch mit dem Landrat“ (22.11.2025 07:30–08:15) und „Abschiedsfoto am Rathaus Goch“ "
        "(22.11.2025 08:30–08:50) liegen 15 Minuten, nötig sind mindestens 22 (Andrii Zrazkovyi, Iryna "
        "Perekladach, Nataliia Uiavna, Oksana Prykladenko, Serhii Vyhadko)."
    )
    double_booked = (
        "Oksana Prykladenko ist gleichzeitig bei „Abschiedsfoto am Rathaus Goch“ (22.11.2025 08:30–08:50) "
        "und „Fahrt zum Bahnhof Kleve“ (22.11.2025 08:40–09:00) eingeplant."
    )
    assert warnings_of(photo) == [too_short, double_booked]
    saved = demo.programme_items.get(title_de="Abschiedsfoto am Rathaus Goch")

    page = planner_client.get(programme_url(demo)).content.decode()
    assert summary_of(page) == (
        "Konflikte 2 Konflikte gefunden; Speichern bleibt möglich. "
        "Fehler Mitglied doppelt eingeplant: 1 – Abschiedsfoto am Rathaus Goch (Sa, 22.11., 08:30), "
        "Fahrt zum Bahnhof Kleve (Sa, 22.11., 08:40) "
        "Warnung Zu wenig Zeit für den Weg: 1 – Abschlussgespräch mit dem Landrat (Sa, 22.11., 07:30), "
        "Abschiedsfoto am Rathaus Goch (Sa, 22.11., 08:30)"
    )
    assert conflicts_at(page, saved) == [f"Warnung {too_short}", f"Fehler {double_booked}"]


# Where staff find the programme and the documents, and the interpreters' fields.


def test_the_delegation_page_links_the_programme_and_the_documents(planner_client):
    delegation = factories.DelegationFactory()
    page = planner_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    links = {
        text(label): href
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', page.content.decode(), re.S)
    }

    documents = f"/admin/delegation/{delegation.pk}/documents/"
    assert links["Programm ansehen und drucken"] == programme_url(delegation)
    assert links["Besuchermappe und Listen"] == documents
    assert (
        links["Dokumente: Besuchermappe, Verpflegungs-, Transport-, Hotel- und Dolmetschlisten"] == documents
    )
    assert planner_client.get(documents).status_code == 200
    release = f"/admin/visits/programmerelease/freigeben/?delegation={delegation.pk}"
    assert links["Programm freigeben"] == release
    assert links["Programm freigeben: Änderungen ansehen und die Gäste benachrichtigen"] == release
    assert planner_client.get(release).status_code == 200


def test_only_planners_get_the_link_to_release_the_programme(reader_client):
    delegation = factories.DelegationFactory()
    page = reader_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk])).content
    assert "Programm freigeben" not in page.decode()
    assert "Freigegebene Versionen und Benachrichtigungen" in page.decode()


def test_staff_who_may_open_no_document_get_no_link_to_them(db):
    delegation = factories.DelegationFactory()
    user = factories.UserFactory(username="nur-delegationen")
    user.user_permissions.add(Permission.objects.get(codename="view_delegation"))
    client = Client()
    client.force_login(user)

    page = client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk])).content.decode()

    assert "Besuchermappe und Listen" not in page
    assert client.get(f"/admin/delegation/{delegation.pk}/documents/").status_code == 403


def test_the_contact_form_has_a_fieldset_for_interpreters(planner_client):
    interpreter = factories.InterpreterFactory()
    page = planner_client.get(reverse("admin:delegations_contact_change", args=[interpreter.pk]))
    fieldsets = page.context["adminform"]

    assert [(fieldset.name, list(fieldset.fields)) for fieldset in fieldsets][2] == (
        "Dolmetschen",
        ["interpreting_languages", "interpreting_mode"],
    )
