"""The protocol's rules: each with its friendly message (full_clean) and refused by the database itself."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from protocol.enums import GiftDirection
from protocol.models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table
from tests import factories
from tests import factories_protocol as pf
from visits.enums import ItemKind

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def refused_by_database(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


# -- Order of precedence --------------------------------------------------------------------------------


def test_precedence_needs_exactly_one_of_member_and_contact():
    member = factories.MemberFactory()
    contact = factories.ContactFactory()
    both = PrecedenceEntry(delegation=member.delegation, member=member, contact=contact, position=1)
    neither = PrecedenceEntry(delegation=member.delegation, position=2)
    for entry in (both, neither):
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert messages_of(error.value) == ["Bitte genau eines wählen: einen Gast oder eine/n Gastgeber/in."]
    refused_by_database(both.save)
    refused_by_database(neither.save)
    assert PrecedenceEntry.objects.count() == 0


def test_precedence_position_is_unique_per_delegation_but_not_across():
    entry = pf.PrecedenceEntryFactory(position=1)
    other = factories.MemberFactory(delegation=entry.delegation)
    duplicate = PrecedenceEntry(delegation=entry.delegation, member=other, position=1)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Diesen Rang hat in der Delegation schon jemand." in messages_of(error.value)
    refused_by_database(duplicate.save)
    pf.PrecedenceEntryFactory(position=1)  # another delegation may use rank 1
    assert PrecedenceEntry.objects.filter(position=1).count() == 2


def test_a_person_stands_once_in_the_order_and_only_in_their_own_delegation():
    entry = pf.PrecedenceEntryFactory(position=1)
    again = PrecedenceEntry(delegation=entry.delegation, member=entry.member, position=2)
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "Dieser Gast steht schon in der Rangfolge." in messages_of(error.value)
    refused_by_database(again.save)

    stranger = factories.MemberFactory()
    with pytest.raises(ValidationError) as error:
        PrecedenceEntry(delegation=entry.delegation, member=stranger, position=3).full_clean()
    assert error.value.message_dict == {"member": ["Dieser Gast gehört nicht zu dieser Delegation."]}


# -- Seating plans --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [ItemKind.CEREMONY, ItemKind.MEAL, ItemKind.GOLDEN_BOOK])
def test_seating_plans_are_for_ceremonies_meals_and_the_golden_book(kind):
    SeatingPlan(programme_item=factories.ProgrammeItemFactory(kind=kind)).full_clean()


@pytest.mark.parametrize("kind", [ItemKind.MEETING, ItemKind.TRANSFER, ItemKind.COMPANY_VISIT])
def test_a_seating_plan_refuses_a_programme_item_of_another_kind(kind):
    plan = SeatingPlan(programme_item=factories.ProgrammeItemFactory(kind=kind))
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert error.value.message_dict == {
        "programme_item": ["Eine Sitzordnung gibt es nur für Festakte, Mahlzeiten und das Goldene Buch."]
    }


def test_a_seat_cannot_hold_the_same_person_twice_in_a_plan():
    seat = pf.SeatFactory(number=1)
    other_table = pf.TableFactory(plan=seat.plan)
    twice = Seat(table=other_table, number=2, member=seat.member)
    with pytest.raises(ValidationError) as error:
        twice.full_clean()
    assert "Dieser Gast hat in der Sitzordnung schon einen Platz." in messages_of(error.value)
    refused_by_database(twice.save)

    contact = factories.ContactFactory()
    Seat.objects.create(table=other_table, number=3, contact=contact)
    refused_by_database(lambda: Seat.objects.create(table=seat.table, number=4, contact=contact))
    assert Seat.objects.filter(plan=seat.plan).count() == 2

    # The same guest may sit at another event.
    pf.SeatFactory(member=seat.member, table__plan__programme_item__delegation=seat.member.delegation)
    assert Seat.objects.filter(member=seat.member).count() == 2


def test_a_seat_is_taken_once_and_lies_within_its_table():
    seat = pf.SeatFactory(number=1, table__seats=4)
    delegation = seat.plan.programme_item.delegation
    same_place = Seat(table=seat.table, number=1, name="Ehrengast")
    with pytest.raises(ValidationError) as error:
        same_place.full_clean()
    assert "Dieser Platz ist schon vergeben." in messages_of(error.value)
    refused_by_database(same_place.save)

    outside = Seat(table=seat.table, number=5, member=factories.MemberFactory(delegation=delegation))
    with pytest.raises(ValidationError) as error:
        outside.full_clean()
    assert error.value.message_dict == {"number": [f"Tisch {seat.table.number} hat nur 4 Plätze."]}


def test_a_seat_holds_exactly_one_of_guest_host_and_name_and_only_guests_of_the_visit():
    table = pf.TableFactory()
    delegation = table.plan.programme_item.delegation
    both = Seat(table=table, number=1, member=factories.MemberFactory(delegation=delegation), name="X")
    empty = Seat(table=table, number=2)
    for seat in (both, empty):
        with pytest.raises(ValidationError) as error:
            seat.full_clean()
        assert messages_of(error.value) == [
            "Bitte genau eines angeben: einen Gast, eine/n Gastgeber/in oder einen Namen."
        ]
        refused_by_database(seat.save)
    with pytest.raises(ValidationError) as error:
        Seat(table=table, number=3, member=factories.MemberFactory()).full_clean()
    assert error.value.message_dict == {
        "member": ["Dieser Gast gehört nicht zur Delegation dieses Programmpunkts."]
    }
    Seat(table=table, number=4, name="Ehrengast der Stadt").full_clean()


def test_table_numbers_and_seat_counts():
    table = pf.TableFactory(number=1)
    refused_by_database(lambda: Table.objects.create(plan=table.plan, number=1, seats=4))
    refused_by_database(lambda: Table.objects.create(plan=table.plan, number=2, seats=0))
    refused_by_database(lambda: Table.objects.create(plan=table.plan, number=3, seats=41))
    with pytest.raises(ValidationError) as error:
        Table(plan=table.plan, number=4, seats=41).full_clean()
    assert "seats" in error.value.message_dict


# -- Speeches and gifts ---------------------------------------------------------------------------------


def test_speeches_need_one_speaker_a_free_position_sensible_minutes_and_a_real_interpreter():
    speech = pf.SpeechFactory(position=1)
    refused_by_database(
        lambda: Speech.objects.create(
            programme_item=speech.programme_item, position=1, name="B", planned_minutes=3
        )
    )
    refused_by_database(
        lambda: Speech.objects.create(programme_item=speech.programme_item, position=2, planned_minutes=3)
    )
    refused_by_database(
        lambda: Speech.objects.create(
            programme_item=speech.programme_item, position=3, name="C", planned_minutes=0
        )
    )
    driver = factories.ContactFactory()
    with pytest.raises(ValidationError) as error:
        Speech(
            programme_item=speech.programme_item, position=4, name="D", planned_minutes=3, interpreter=driver
        ).full_clean()
    assert list(error.value.message_dict) == ["interpreter"]
    Speech(
        programme_item=speech.programme_item,
        position=4,
        name="D",
        planned_minutes=3,
        interpreter=factories.InterpreterFactory(),
    ).full_clean()


def test_a_gift_has_no_negative_value_and_links_one_person_per_side():
    gift = pf.GiftFactory.build(delegation=factories.DelegationFactory(), value_eur=Decimal("-1.00"))
    with pytest.raises(ValidationError) as error:
        gift.full_clean()
    assert "value_eur" in error.value.message_dict
    refused_by_database(gift.save)

    member = factories.MemberFactory()
    two_links = pf.GiftFactory.build(
        delegation=member.delegation, giver_member=member, giver_contact=factories.ContactFactory()
    )
    with pytest.raises(ValidationError) as error:
        two_links.full_clean()
    assert messages_of(error.value) == [
        "Schenkende/r: bitte einen Gast oder einen Kontakt verknüpfen, nicht beides."
    ]
    refused_by_database(two_links.save)

    elsewhere = pf.GiftFactory.build(delegation=factories.DelegationFactory(), recipient_member=member)
    with pytest.raises(ValidationError) as error:
        elsewhere.full_clean()
    assert error.value.message_dict == {
        "recipient_member": ["Dieser Gast gehört nicht zu dieser Delegation."]
    }
    assert Gift.objects.count() == 0
    pf.GiftFactory.build(
        delegation=member.delegation, direction=GiftDirection.RECEIVED, value_eur=0
    ).full_clean()
