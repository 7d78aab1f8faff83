"""factory_boy factories of the protocol app (precedence, seating, speeches, gifts)."""

import datetime as dt
from decimal import Decimal

import factory

from protocol.enums import GiftDirection, TableShape
from protocol.models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table
from tests import factories
from visits.enums import ItemKind


class CeremonyFactory(factories.ProgrammeItemFactory):
    kind = ItemKind.CEREMONY
    title = factory.Sequence(lambda n: f"Festakt {n}")
    title_de = factory.SelfAttribute("title")


class PrecedenceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrecedenceEntry

    member = factory.SubFactory(factories.MemberFactory)
    delegation = factory.SelfAttribute("member.delegation")
    position = factory.Sequence(lambda n: n + 1)


class SeatingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeatingPlan

    programme_item = factory.SubFactory(CeremonyFactory)


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    plan = factory.SubFactory(SeatingPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    shape = TableShape.ROUND
    seats = 8


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    table = factory.SubFactory(TableFactory)
    plan = factory.SelfAttribute("table.plan")
    number = 1
    member = factory.SubFactory(
        factories.MemberFactory, delegation=factory.SelfAttribute("..table.plan.programme_item.delegation")
    )


class SpeechFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speech

    programme_item = factory.SubFactory(CeremonyFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Landrat des Kreises Kleve"
    planned_minutes = 5
    topic = "Begrüßung"


class GiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gift

    delegation = factory.SubFactory(factories.DelegationFactory)
    direction = GiftDirection.GIVEN
    description = factory.Sequence(lambda n: f"Bildband {n}")
    giver = "Landrat des Kreises Kleve"
    recipient = "Andrii Zrazkovyi"
    value_eur = Decimal("25.00")
    date = dt.date(2025, 11, 20)
