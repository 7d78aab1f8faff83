"""The follow-up staff pages: open actions across visits, one delegation's follow-up, and who may see them."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup.enums import ActionState
from tests.factories import CompanyAppointmentFactory, DelegationFactory, ProgrammeItemFactory
from tests.factories_followup import ActionFactory, CommitmentFactory, OutcomeFactory
from visits.enums import ItemStatus

pytestmark = pytest.mark.django_db

OPEN_ACTIONS = reverse("followup:open-actions")
OWN_TABLES = re.compile(r'FROM "(followup|visits|delegations)_')


def state_url(action) -> str:
    return reverse("followup:action-state", kwargs={"pk": action.pk})


def delegation_url(delegation) -> str:
    return reverse("followup:delegation", kwargs={"pk": delegation.pk})


def test_open_actions_lists_unfinished_actions_by_due_date_and_marks_overdue(planner_client):
    today = timezone.localdate()
    later = ActionFactory(title="Musterverträge übersetzen", due_on=today + dt.timedelta(days=10))
    late = ActionFactory(title="Unterlagen nachreichen", due_on=today - dt.timedelta(days=3))
    ActionFactory(title="Dankesbrief", state=ActionState.DONE, due_on=today - dt.timedelta(days=30))
    ActionFactory(title="Verworfene Idee", state=ActionState.DROPPED)

    response = planner_client.get(OPEN_ACTIONS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dankesbrief" not in html
    assert "Verworfene Idee" not in html
    assert html.index("Unterlagen nachreichen") < html.index("Musterverträge übersetzen")
    # Marked in words, not by colour alone, and only the late one.
    assert html.count('<span class="overdue-label">überfällig</span>') == 1
    assert f'action="{state_url(late)}"' in html
    rows = [row["action"] for row in response.context["rows"]]
    assert rows == [late, later]
    assert [row["overdue"] for row in response.context["rows"]] == [True, False]


def test_mine_shows_only_the_users_own_actions(planner_client):
    ActionFactory(title="Meine Aufgabe", owner=planner_client.user)
    ActionFactory(title="Fremde Aufgabe", external_owner="Wirtschaftsförderung Kleve")

    html = planner_client.get(OPEN_ACTIONS, {"mine": "1"}).content.decode()

    assert "Meine Aufgabe" in html
    assert "Fremde Aufgabe" not in html
    assert "Fremde Aufgabe" in planner_client.get(OPEN_ACTIONS).content.decode()


def test_state_changes_by_post_and_redirects_back(planner_client):
    action = ActionFactory()
    response = planner_client.post(
        state_url(action), {"state": "in_progress", "next": OPEN_ACTIONS + "?mine=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == OPEN_ACTIONS + "?mine=1"
    action.refresh_from_db()
    assert action.state == ActionState.IN_PROGRESS

    # Done: the action leaves the list of open ones.
    planner_client.post(state_url(action), {"state": "done"})
    assert "Aufgabe" not in [row["action"].title for row in planner_client.get(OPEN_ACTIONS).context["rows"]]


def test_state_change_refuses_get_unknown_states_and_foreign_redirects(planner_client):
    action = ActionFactory()
    assert planner_client.get(state_url(action), {"state": "done"}).status_code == 405
    response = planner_client.post(state_url(action), {"state": "erledigt-ish"}, follow=True)
    assert "Diesen Stand gibt es nicht; die Aufgabe bleibt unverändert." in response.content.decode()
    response = planner_client.post(state_url(action), {"state": "done", "next": "https://evil.example/"})
    assert response["Location"] == OPEN_ACTIONS
    action.refresh_from_db()
    assert action.state == ActionState.DONE


def test_reader_sees_the_list_without_forms_and_may_not_change(reader_client):
    action = ActionFactory(title="Lesbare Aufgabe")
    response = reader_client.get(OPEN_ACTIONS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lesbare Aufgabe" in html
    assert state_url(action) not in html
    assert reader_client.post(state_url(action), {"state": "done"}).status_code == 403
    action.refresh_from_db()
    assert action.state == ActionState.OPEN


@pytest.mark.parametrize("url_of", [lambda d: OPEN_ACTIONS, delegation_url])
def test_press_office_is_refused_and_anonymous_sent_to_login(press_client, anonymous_client, url_of):
    delegation = DelegationFactory()
    url = url_of(delegation)
    assert press_client.get(url).status_code == 403
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_press_and_anonymous_may_not_change_a_state(press_client, anonymous_client):
    action = ActionFactory()
    assert press_client.post(state_url(action), {"state": "done"}).status_code == 403
    assert anonymous_client.post(state_url(action), {"state": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.state == ActionState.OPEN


def test_delegation_page_shows_items_held_appointments_records_actions_and_add_links(planner_client):
    delegation = DelegationFactory()
    held = ProgrammeItemFactory(delegation=delegation, title="Empfang im Kreishaus")
    ProgrammeItemFactory(delegation=delegation, title="Abgesagte Hafenrundfahrt", status=ItemStatus.CANCELLED)
    visit_item = ProgrammeItemFactory(delegation=delegation, title="Besuch Spedition")
    appointment = CompanyAppointmentFactory(
        delegation=delegation, programme_item=visit_item, outcome="Freitext-Ergebnis"
    )
    OutcomeFactory(programme_item=held, text="Grußworte ausgetauscht")
    commitment = CommitmentFactory(programme_item=None, appointment=appointment, text="Zwei Praktikumsplätze")
    ActionFactory(delegation=delegation, follows_from=commitment, title="Praktikumsplätze ausschreiben")
    ActionFactory(delegation=delegation, title="Fotos an die Gäste senden")

    response = planner_client.get(delegation_url(delegation))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Empfang im Kreishaus" in html
    assert "Abgesagte Hafenrundfahrt" not in html
    assert "Grußworte ausgetauscht" in html
    assert "Zwei Praktikumsplätze" in html
    assert "Freitext-Ergebnis" in html
    # Linked under its commitment and among the open actions.
    assert html.count(">Praktikumsplätze ausschreiben</a>") == 2
    assert "Fotos an die Gäste senden" in html
    add_outcome = reverse("admin:followup_outcome_add")
    assert f"{add_outcome}?programme_item={held.pk}&amp;return_to=followup" in html
    assert f"{add_outcome}?appointment={appointment.pk}&amp;return_to=followup" in html
    assert (
        f"{reverse('admin:followup_action_add')}?delegation={delegation.pk}&amp;follows_from={commitment.pk}"
        in html
    )
    assert reverse("followup:report", kwargs={"pk": delegation.pk}) in html


def test_reader_sees_the_delegation_page_without_add_links(reader_client):
    item = ProgrammeItemFactory()
    OutcomeFactory(programme_item=item, text="Sichtbares Ergebnis")
    html = reader_client.get(delegation_url(item.delegation)).content.decode()
    assert "Sichtbares Ergebnis" in html
    assert reverse("admin:followup_outcome_add") not in html
    assert reverse("admin:followup_action_add") not in html


def test_admin_add_view_takes_the_item_from_the_query(planner_client):
    item = ProgrammeItemFactory(title="Kreistagssitzung")
    response = planner_client.get(reverse("admin:followup_outcome_add"), {"programme_item": item.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.initial["programme_item"] == str(item.pk)
    assert "Kreistagssitzung" in response.content.decode()


def test_saving_an_add_form_opened_from_the_follow_up_page_returns_there(planner_client):
    appointment = CompanyAppointmentFactory()
    url = f"{reverse('admin:followup_outcome_add')}?appointment={appointment.pk}&return_to=followup"
    response = planner_client.post(
        url, {"appointment": appointment.pk, "kind": "outcome", "text": "Gut besucht"}
    )
    assert response.status_code == 302
    assert response["Location"] == delegation_url(appointment.delegation)
    assert appointment.outcomes.get().text == "Gut besucht"
    # "Save and add another" keeps the admin's own way.
    response = planner_client.post(
        url, {"appointment": appointment.pk, "kind": "outcome", "text": "Noch eins", "_addanother": "1"}
    )
    assert response["Location"].startswith(reverse("admin:followup_outcome_add"))


def test_admin_add_view_shows_the_constraint_message(planner_client):
    item = ProgrammeItemFactory()
    response = planner_client.post(
        reverse("admin:followup_outcome_add"),
        {"programme_item": item.pk, "kind": "commitment", "text": "Gegenbesuch im Mai", "committed_by": ""},
    )
    assert response.status_code == 200
    assert "Bei einer Zusage bitte angeben, wer sie gegeben hat." in response.content.decode()
    assert not item.outcomes.exists()


def test_admin_action_list_filters_overdue(planner_client):
    today = timezone.localdate()
    ActionFactory(title="Spät dran", due_on=today - dt.timedelta(days=1))
    ActionFactory(title="Noch Zeit", due_on=today + dt.timedelta(days=1))
    response = planner_client.get(reverse("admin:followup_action_changelist"), {"overdue": "yes"})
    assert response.status_code == 200
    assert [action.title for action in response.context["cl"].result_list] == ["Spät dran"]


def _page_queries(client, url) -> list[str]:
    """The SQL a page runs, after a first request has warmed the session and the permission caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _own(queries: list[str]) -> list[str]:
    """The queries of the page itself, not those of login, two-factor, session and admin context."""
    return [sql for sql in queries if OWN_TABLES.search(sql)]


def _fill_visits(count: int, owner) -> None:
    today = timezone.localdate()
    for index in range(count):
        delegation = DelegationFactory()
        item = ProgrammeItemFactory(delegation=delegation)
        appointment = CompanyAppointmentFactory(delegation=delegation, programme_item=item)
        outcome = OutcomeFactory(programme_item=item)
        commitment = CommitmentFactory(programme_item=None, appointment=appointment)
        ActionFactory(delegation=delegation, follows_from=outcome, owner=owner, due_on=today)
        ActionFactory(delegation=delegation, follows_from=commitment, due_on=today - dt.timedelta(days=index))


def _fill_delegation(delegation, count: int, owner) -> None:
    for _ in range(count):
        item = ProgrammeItemFactory(delegation=delegation)
        appointment = CompanyAppointmentFactory(delegation=delegation, programme_item=item)
        outcome = OutcomeFactory(programme_item=item)
        commitment = CommitmentFactory(programme_item=None, appointment=appointment)
        ActionFactory(delegation=delegation, follows_from=outcome, owner=owner)
        ActionFactory(delegation=delegation, follows_from=commitment)
        ActionFactory(delegation=delegation)


def test_open_actions_query_count_does_not_grow(planner_client):
    _fill_visits(1, planner_client.user)
    small = _page_queries(planner_client, OPEN_ACTIONS)
    _fill_visits(6, planner_client.user)
    large = _page_queries(planner_client, OPEN_ACTIONS)
    assert len(large) == len(small)
    # One query for the actions with their delegations, owners and outcomes.
    assert len(_own(large)) == 1


def test_delegation_page_query_count_does_not_grow(planner_client):
    delegation = DelegationFactory()
    url = delegation_url(delegation)
    _fill_delegation(delegation, 1, planner_client.user)
    small = _page_queries(planner_client, url)
    _fill_delegation(delegation, 6, planner_client.user)
    large = _page_queries(planner_client, url)
    assert len(large) == len(small)
    # The delegation, its open actions, the items, their records and those records' actions, the
    # appointments, their records and those records' actions.
    assert len(_own(large)) == 8
