"""Rules of outcomes, commitments and actions: database constraints and the friendly words for them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from followup.enums import ActionState, CommittedBy, OutcomeKind
from followup.models import Action, Outcome
from tests.factories import CompanyAppointmentFactory, DelegationFactory, MemberFactory, ProgrammeItemFactory
from tests.factories_followup import ActionFactory, CommitmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def test_an_outcome_needs_exactly_one_of_item_and_appointment():
    item = ProgrammeItemFactory()
    appointment = CompanyAppointmentFactory(delegation=item.delegation)
    for fields in ({}, {"programme_item": item, "appointment": appointment}):
        outcome = Outcome(kind=OutcomeKind.OUTCOME, text="Ergebnis", **fields)
        with pytest.raises(ValidationError) as raised:
            outcome.full_clean()
        assert messages_of(raised.value) == [
            "Bitte genau einen Programmpunkt oder einen Unternehmenstermin angeben, nicht beides."
        ]
        with pytest.raises(IntegrityError), transaction.atomic():
            outcome.save()
    assert Outcome.objects.count() == 0


def test_a_commitment_says_who_committed():
    outcome = Outcome(programme_item=ProgrammeItemFactory(), kind=OutcomeKind.COMMITMENT, text="Besuch")
    with pytest.raises(ValidationError) as raised:
        outcome.full_clean()
    assert messages_of(raised.value) == ["Bei einer Zusage bitte angeben, wer sie gegeben hat."]
    with pytest.raises(IntegrityError), transaction.atomic():
        outcome.save()
    outcome.committed_by = CommittedBy.BOTH
    outcome.full_clean()
    outcome.save()
    assert Outcome.objects.get().committed_by == "both"


def test_a_member_of_another_delegation_is_refused():
    item = ProgrammeItemFactory()
    stranger = MemberFactory()
    outcome = Outcome(programme_item=item, kind=OutcomeKind.OUTCOME, text="x", member=stranger)
    with pytest.raises(ValidationError) as raised:
        outcome.full_clean()
    assert raised.value.message_dict == {"member": ["Das Mitglied gehört zu einer anderen Delegation."]}
    outcome.member = MemberFactory(delegation=item.delegation)
    outcome.full_clean()


def test_an_action_follows_only_from_a_record_of_its_own_delegation():
    commitment = CommitmentFactory(appointment=CompanyAppointmentFactory(), programme_item=None)
    action = Action(delegation=DelegationFactory(), follows_from=commitment, title="Unterlagen senden")
    with pytest.raises(ValidationError) as raised:
        action.full_clean()
    assert raised.value.message_dict == {
        "follows_from": ["Dieses Ergebnis gehört zu einer anderen Delegation."]
    }
    action.delegation = commitment.appointment.delegation
    action.full_clean()


def test_overdue_means_unfinished_and_due_before_today():
    today = dt.date(2026, 1, 10)
    late = ActionFactory(due_on=dt.date(2026, 1, 9))
    ActionFactory(due_on=dt.date(2026, 1, 9), state=ActionState.DONE)
    ActionFactory(due_on=dt.date(2026, 1, 10))
    ActionFactory(due_on=None)
    assert list(Action.objects.overdue(today)) == [late]
    assert late.is_overdue(today)


def test_owner_display_names_staff_and_outside_owners():
    from tests.factories import UserFactory

    user = UserFactory(username="mueller", first_name="Anna", last_name="Müller")
    action = ActionFactory(owner=user, external_owner="Wirtschaftsförderung Kleve")
    assert action.owner_display == "Anna Müller / Wirtschaftsförderung Kleve"
    assert ActionFactory().owner_display == ""


def test_outcome_delegation_is_read_through_item_or_appointment():
    item_outcome = OutcomeFactory()
    appointment_outcome = OutcomeFactory(programme_item=None, appointment=CompanyAppointmentFactory())
    assert item_outcome.delegation_id == item_outcome.programme_item.delegation_id
    assert appointment_outcome.delegation_id == appointment_outcome.appointment.delegation_id


def test_the_database_refuses_an_action_of_another_delegation_than_its_outcome():
    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(delegation=DelegationFactory(), follows_from=commitment, title="Falsch")
    action = Action.objects.create(
        delegation=commitment.programme_item.delegation, follows_from=commitment, title="Richtig"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(delegation=DelegationFactory())
    # Moving the commitment to another delegation's appointment would leave its action behind: refused too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.filter(pk=commitment.pk).update(
            programme_item=None, appointment=CompanyAppointmentFactory()
        )
    # Within the same delegation it may move.
    Outcome.objects.filter(pk=commitment.pk).update(
        programme_item=None, appointment=CompanyAppointmentFactory(delegation=action.delegation)
    )
    assert Action.objects.get().title == "Richtig"
