"""factory_boy factories for the followup app's outcomes, commitments and actions."""

import datetime as dt

import factory

from followup.enums import ActionState, CommittedBy, OutcomeKind
from followup.models import Action, Outcome
from tests.factories import DelegationFactory, ProgrammeItemFactory


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    programme_item = factory.SubFactory(ProgrammeItemFactory)
    kind = OutcomeKind.OUTCOME
    text = factory.Sequence(lambda n: f"Ergebnis {n}")


class CommitmentFactory(OutcomeFactory):
    kind = OutcomeKind.COMMITMENT
    committed_by = CommittedBy.HOST
    text = factory.Sequence(lambda n: f"Zusage {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    delegation = factory.SubFactory(DelegationFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
    due_on = dt.date(2025, 12, 15)
    state = ActionState.OPEN
