"""The contract the funding app relies on: outcomes_for_delegation rows, their order, and one query."""

import datetime as dt

import pytest

from followup.queries import outcomes_for_delegation
from tests.factories import CompanyAppointmentFactory, DelegationFactory, ProgrammeItemFactory, berlin
from tests.factories_followup import CommitmentFactory, OutcomeFactory
from visits.enums import ItemStatus

pytestmark = pytest.mark.django_db


def test_rows_in_programme_order_with_item_titles_and_kinds(django_assert_num_queries):
    delegation = DelegationFactory()
    late = ProgrammeItemFactory(delegation=delegation, starts_at=berlin(2025, 11, 18, 14), title="Kreistag")
    early = ProgrammeItemFactory(delegation=delegation, starts_at=berlin(2025, 11, 17, 9), title="Empfang")
    visit_item = ProgrammeItemFactory(
        delegation=delegation, starts_at=berlin(2025, 11, 17, 15), title="Besuch Spedition"
    )
    appointment = CompanyAppointmentFactory(delegation=delegation, programme_item=visit_item)
    unscheduled = CompanyAppointmentFactory(delegation=delegation)
    OutcomeFactory(programme_item=late, text="Resolution verabschiedet")
    CommitmentFactory(appointment=appointment, programme_item=None, text="Praktikumsplätze für zwei Azubis")
    OutcomeFactory(programme_item=early, text="Grußworte ausgetauscht")
    OutcomeFactory(appointment=unscheduled, programme_item=None, text="Telefonat vereinbart")
    OutcomeFactory(text="fremde Delegation")

    with django_assert_num_queries(1):
        rows = outcomes_for_delegation(delegation)

    assert rows == [
        {
            "starts_at": berlin(2025, 11, 17, 9),
            "item_title": "Empfang",
            "kind": "outcome",
            "text": "Grußworte ausgetauscht",
        },
        {
            "starts_at": berlin(2025, 11, 17, 15),
            "item_title": "Besuch Spedition",
            "kind": "commitment",
            "text": "Praktikumsplätze für zwei Azubis",
        },
        {
            "starts_at": berlin(2025, 11, 18, 14),
            "item_title": "Kreistag",
            "kind": "outcome",
            "text": "Resolution verabschiedet",
        },
        {
            "starts_at": None,
            "item_title": str(unscheduled),
            "kind": "outcome",
            "text": "Telefonat vereinbart",
        },
    ]
    assert rows[0]["starts_at"].tzinfo is not None


def test_query_count_does_not_grow_and_cancelled_items_are_left_out(django_assert_num_queries):
    delegation = DelegationFactory()
    for hour in range(6):
        item = ProgrammeItemFactory(delegation=delegation, starts_at=berlin(2025, 11, 17, 8 + hour))
        appointment = CompanyAppointmentFactory(delegation=delegation, programme_item=item)
        OutcomeFactory(programme_item=item)
        CommitmentFactory(appointment=appointment, programme_item=None)
    cancelled = ProgrammeItemFactory(delegation=delegation, status=ItemStatus.CANCELLED)
    OutcomeFactory(programme_item=cancelled, text="fiel aus")

    with django_assert_num_queries(1):
        rows = outcomes_for_delegation(delegation)

    assert len(rows) == 12
    assert "fiel aus" not in {row["text"] for row in rows}
    assert [row["starts_at"] for row in rows] == sorted(row["starts_at"] for row in rows)
    assert rows[0]["starts_at"] - rows[-1]["starts_at"] == -dt.timedelta(hours=5)


def test_item_title_in_the_active_language():
    from django.utils import translation

    item = ProgrammeItemFactory(title_de="Empfang", title_uk="Прийом", title_en="")
    OutcomeFactory(programme_item=item)
    with translation.override("uk"):
        assert outcomes_for_delegation(item.delegation)[0]["item_title"] == "Прийом"
    with translation.override("en"):
        assert outcomes_for_delegation(item.delegation)[0]["item_title"] == "Empfang"
