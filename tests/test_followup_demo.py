"""The follow-up part of the demo: outcomes and commitments of the company visits, actions, idempotent."""

import io

import pytest
from django.core.management import call_command

from followup.enums import ActionState, CommittedBy, OutcomeKind
from followup.models import Action, Outcome
from followup.queries import outcomes_for_delegation

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_follow_up_of_the_company_visits():
    first = seed()
    assert "Ergebnisse und Zusagen: 6 neu angelegt, 0 schon vorhanden" in first
    assert "Aufgaben: 4 neu angelegt, 0 schon vorhanden" in first

    commitments = Outcome.objects.filter(kind=OutcomeKind.COMMITMENT).select_related("appointment__company")
    by_company = {}
    for commitment in commitments:
        by_company.setdefault(commitment.appointment.company.name, []).append(commitment)
    assert max(len(records) for records in by_company.values()) >= 2
    assert {c.committed_by for c in commitments} == {CommittedBy.HOST, CommittedBy.GUEST, CommittedBy.BOTH}
    actions = list(Action.objects.select_related("follows_from"))
    assert [a.state for a in actions].count(ActionState.DONE) == 1
    assert all(a.owner_id is None and a.follows_from.kind == OutcomeKind.COMMITMENT for a in actions)
    for instance in [*Outcome.objects.all(), *actions]:
        instance.full_clean()

    delegation = actions[0].delegation
    rows = outcomes_for_delegation(delegation)
    assert len(rows) == 6
    assert all(row["starts_at"] is not None for row in rows)

    second = seed()
    assert "Ergebnisse und Zusagen: 0 neu angelegt, 6 schon vorhanden" in second
    assert "Aufgaben: 0 neu angelegt, 4 schon vorhanden" in second
    assert Outcome.objects.count() == 6 and Action.objects.count() == 4
