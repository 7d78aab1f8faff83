"""The protocol's part of the demo visit: made by `seed_demo`, unchanged by a second run, and printable."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from delegations.models import Delegation
from protocol.enums import GiftDirection
from protocol.models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (PrecedenceEntry, SeatingPlan, Table, Seat, Speech, Gift)
    }


def test_the_demo_has_precedence_a_seated_ceremony_speeches_and_two_gifts(planner_client):
    seed()
    assert counts() == {"PrecedenceEntry": 6, "SeatingPlan": 1, "Table": 3, "Seat": 9, "Speech": 3, "Gift": 2}
    delegation = Delegation.objects.get(slug="podilsk-2025")
    first = PrecedenceEntry.objects.get(delegation=delegation, position=1)
    assert first.member.is_head
    plan = SeatingPlan.objects.get()
    assert plan.programme_item.delegation == delegation and "Berufskolleg" in plan.programme_item.venue.name
    assert sorted(Gift.objects.values_list("direction", flat=True)) == [
        GiftDirection.GIVEN,
        GiftDirection.RECEIVED,
    ]

    # Staff reorder; a second run keeps their order and adds nothing.
    planner_client.post(
        reverse("protocol:move", kwargs={"pk": delegation.pk, "entry_pk": first.pk, "direction": "down"})
    )
    before = list(PrecedenceEntry.objects.values_list("pk", "position"))
    seed()
    assert counts()["PrecedenceEntry"] == 6 and counts()["Seat"] == 9
    assert list(PrecedenceEntry.objects.values_list("pk", "position")) == before

    response = planner_client.get(
        reverse("protocol:running-order-pdf", kwargs={"item_pk": plan.programme_item_id})
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
