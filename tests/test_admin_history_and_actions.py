"""The staff admin's history and actions: who changed what, cancelling items and declining appointments in
bulk, and the delegation's link to its programme."""

import pytest
from django.urls import reverse

from delegations.models import Delegation
from tests import factories
from tests.admin_pages import admin_url, page_text
from tests.admin_samples import submit_admin_form
from visits.models import CompanyAppointment, ProgrammeItem

pytestmark = pytest.mark.django_db


# -- History, actions --------------------------------------------------------------------------------------


def test_the_history_of_an_item_shows_who_changed_what(planner_client):
    item = factories.ProgrammeItemFactory(title="Besuch bei den Stadtwerken")
    url = admin_url(ProgrammeItem, "change", item.pk)
    response = submit_admin_form(planner_client, url, title_de="Besuch bei der Stadtwerke Kleve GmbH")
    assert response.status_code == 302

    history = planner_client.get(admin_url(ProgrammeItem, "history", item.pk))

    assert history.status_code == 200
    rows = history.context["page_obj"].object_list
    assert [(record.history_type, record.history_user) for record in rows] == [
        ("~", planner_client.user),
        ("+", None),
    ]
    assert [(str(c["field"]), c["old"], c["new"]) for c in rows[0].history_delta_changes] == [
        ("Titel [de]", "Besuch bei den Stadtwerken", "Besuch bei der Stadtwerke Kleve GmbH")
    ]
    text = " ".join(page_text(history).split())
    assert (
        "<strong>Titel [de]:</strong> Besuch bei den Stadtwerken → Besuch bei der Stadtwerke Kleve GmbH"
        in text
    )
    assert "<td>Geändert</td> <td>planner</td>" in text


def test_cancelling_items_by_action_marks_them_and_says_how_many(planner_client):
    items = factories.ProgrammeItemFactory.create_batch(2)
    response = planner_client.post(
        admin_url(ProgrammeItem, "changelist"),
        {"action": "cancel_items", "_selected_action": [str(item.pk) for item in items]},
        follow=True,
    )
    assert list(ProgrammeItem.objects.values_list("status", flat=True)) == ["cancelled", "cancelled"]
    assert [str(message) for message in response.context["messages"]] == [
        "2 Programmpunkte sind jetzt „abgesagt“."
    ]
    assert [item.sequence for item in ProgrammeItem.objects.all()] == [1, 1]


def test_declining_appointments_by_action_leaves_those_on_the_programme(planner_client):
    open_request = factories.CompanyAppointmentFactory()
    delegation = factories.DelegationFactory()
    on_programme = factories.CompanyAppointmentFactory(
        delegation=delegation, programme_item=factories.ProgrammeItemFactory(delegation=delegation)
    )
    response = planner_client.post(
        admin_url(CompanyAppointment, "changelist"),
        {"action": "mark_declined", "_selected_action": [str(open_request.pk), str(on_programme.pk)]},
        follow=True,
    )
    open_request.refresh_from_db()
    on_programme.refresh_from_db()
    assert (open_request.status, on_programme.status) == ("declined", "requested")
    assert [str(message) for message in response.context["messages"]] == [
        "1 Termin als abgesagt markiert.",
        "1 Termin steht schon im Programm: erst den Programmpunkt lösen oder absagen.",
    ]


def test_the_delegation_links_to_its_programme(planner_client):
    delegation = factories.DelegationFactory()
    factories.ProgrammeItemFactory.create_batch(3, delegation=delegation)
    programme_url = reverse("admin:delegations_delegation_programme", args=[delegation.pk])

    change = planner_client.get(admin_url(Delegation, "change", delegation.pk))
    changelist = planner_client.get(admin_url(Delegation, "changelist"))

    assert programme_url in change.content.decode()
    assert "3 Programmpunkte" in page_text(change)
    assert programme_url in changelist.content.decode()
