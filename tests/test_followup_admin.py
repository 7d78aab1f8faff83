"""The followup admin per role: planners change everything, read-only only looks, press sees nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from delegations import roles
from followup.models import Action, Outcome
from tests.factories import DelegationFactory, ProgrammeItemFactory
from tests.factories_followup import ActionFactory, CommitmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def group_perms(name: str) -> set[str]:
    return {
        perm.codename
        for perm in Group.objects.get(name=name).permissions.filter(content_type__app_label="followup")
    }


def test_role_table_is_applied_by_the_migrations():
    assert group_perms(roles.PLANNERS) == {
        f"{action}_{model}"
        for model in ("outcome", "action")
        for action in ("add", "change", "delete", "view")
    }
    assert group_perms(roles.READ_ONLY) == {"view_outcome", "view_action"}
    assert group_perms(roles.PRESS_OFFICE) == set()


def test_planner_records_a_commitment_and_an_action_following_from_it(planner_client):
    item = ProgrammeItemFactory()
    response = planner_client.post(
        reverse("admin:followup_outcome_add"),
        {
            "programme_item": item.pk,
            "kind": "commitment",
            "text": "Gegenbesuch im Mai",
            "committed_by": "guest",
        },
    )
    assert response.status_code == 302
    commitment = Outcome.objects.get()
    assert (commitment.programme_item, commitment.committed_by) == (item, "guest")

    response = planner_client.post(
        reverse("admin:followup_action_add"),
        {
            "delegation": item.delegation_id,
            "follows_from": commitment.pk,
            "title": "Gegenbesuch vorbereiten",
            "description": "",
            "owner": planner_client.user.pk,
            "external_owner": "",
            "due_on": "2026-04-01",
            "state": "open",
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().follows_from == commitment


def test_admin_refuses_an_action_of_another_delegation_with_words(planner_client):
    commitment = CommitmentFactory()
    response = planner_client.post(
        reverse("admin:followup_action_add"),
        {
            "delegation": DelegationFactory().pk,
            "follows_from": commitment.pk,
            "title": "Falsch zugeordnet",
            "state": "open",
        },
    )
    assert response.status_code == 200
    assert "Dieses Ergebnis gehört zu einer anderen Delegation." in response.content.decode()
    assert not Action.objects.exists()


def test_changelists_with_filters_render_for_planners(planner_client):
    action = ActionFactory(owner=planner_client.user)
    OutcomeFactory(programme_item=ProgrammeItemFactory(delegation=action.delegation), text="Gefiltert")
    OutcomeFactory(text="Andere Delegation")
    response = planner_client.get(
        reverse("admin:followup_outcome_changelist"), {"delegation": action.delegation_id}
    )
    assert response.status_code == 200
    assert [o.text for o in response.context["cl"].result_list] == ["Gefiltert"]
    response = planner_client.get(
        reverse("admin:followup_action_changelist"),
        {"owner__id__exact": planner_client.user.pk, "state": "open"},
    )
    assert [a.pk for a in response.context["cl"].result_list] == [action.pk]


def test_reader_views_but_cannot_add_or_change(reader_client):
    action = ActionFactory()
    assert reader_client.get(reverse("admin:followup_action_changelist")).status_code == 200
    assert reader_client.get(reverse("admin:followup_action_add")).status_code == 403
    url = reverse("admin:followup_action_change", args=[action.pk])
    assert reader_client.get(url).status_code == 200
    reader_client.post(url, {"delegation": action.delegation_id, "title": "Geändert", "state": "done"})
    action.refresh_from_db()
    assert action.title != "Geändert"


def test_press_office_sees_nothing_of_the_follow_up(press_client):
    ActionFactory()
    assert press_client.get(reverse("admin:followup_action_changelist")).status_code == 403
    assert press_client.get(reverse("admin:followup_outcome_changelist")).status_code == 403
