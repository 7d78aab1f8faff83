"""What a guest carries: the taxi cards (page, offline copy, PDF) name only places still to go to."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from delegations.models import Delegation
from tests import factories
from visits import services
from visits.enums import ItemStatus
from visits.exports.itinerary import build_itinerary

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<li class="taxi-card" lang="de">\s*<h3 class="taxi-name">([^<]*)</h3>')


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def taxi_cards(html: str) -> list[str]:
    return CARD.findall(html[html.index('id="taxi-title"') :])


@pytest.fixture
def visit():
    delegation = factories.DelegationFactory()
    member = factories.MemberFactory(delegation=delegation, hotel=factories.HotelFactory(name="Hotel Cleve"))
    place = {
        name: factories.VenueFactory(name=name)
        for name in ("Kreishaus Kleve", "Rheinhafen Emmerich", "Berufskolleg Kleve", "Rathaus Kalkar")
    }
    for hour, (venue, status) in enumerate(
        (
            ("Kreishaus Kleve", ItemStatus.CONFIRMED),
            ("Rheinhafen Emmerich", ItemStatus.CANCELLED),  # cancelled, and the only item there
            ("Berufskolleg Kleve", ItemStatus.CANCELLED),  # cancelled, but another item goes there too
            ("Berufskolleg Kleve", ItemStatus.PLANNED),
            ("Rathaus Kalkar", ItemStatus.CANCELLED),
        ),
        start=9,
    ):
        # Times of their own, in this order: the factory's shared sequence wraps after 100 items.
        factories.ProgrammeItemFactory(
            delegation=delegation,
            venue=place[venue],
            status=status,
            starts_at=factories.berlin(2025, 11, 17, hour),
            ends_at=factories.berlin(2025, 11, 17, hour, 45),
        )
    factories.release(delegation)
    return delegation, member


def test_cancelled_items_give_no_taxi_card_unless_their_venue_is_still_used(client, visit):
    delegation, member = visit
    _access, token = services.issue_guest_access(delegation=delegation, member=member)
    html = client.get(f"/g/{token}/uk/").content.decode()

    assert taxi_cards(html) == ["Hotel Cleve", "Kreishaus Kleve", "Berufskolleg Kleve"]
    # The cancelled items themselves are still on the programme, marked as such.
    assert "Rheinhafen Emmerich" in html[: html.index('id="taxi-title"')]


def test_the_whole_delegations_link_and_the_pdf_carry_the_same_cards(client, visit):
    delegation, _member = visit
    access, token = services.issue_guest_access(delegation=delegation)
    html = client.get(f"/g/{token}/de/").content.decode()
    assert taxi_cards(html) == ["Hotel Cleve", "Kreishaus Kleve", "Berufskolleg Kleve"]

    # The PDF prints the cards of the same itinerary.
    itinerary = build_itinerary(access, now=timezone.now())
    assert [venue.name for venue in itinerary.venues] == [
        "Hotel Cleve",
        "Kreishaus Kleve",
        "Berufskolleg Kleve",
    ]


def test_the_demo_guests_carry_no_card_for_the_cancelled_harbour_visit(client):
    call_command("seed_demo", stdout=io.StringIO())
    delegation = Delegation.objects.get(slug="podilsk-2025")
    member = delegation.members.get(is_head=True)
    _access, token = services.issue_guest_access(delegation=delegation, member=member)
    html = client.get(f"/g/{token}/de/").content.decode()

    cards = taxi_cards(html)
    assert cards[0] == member.hotel.name_de
    assert "Rheinpromenade Emmerich" in cards  # what replaced the harbour visit
    assert not [card for card in cards if "Rheinhafen" in card]
    assert "Hafenstraße 30" not in html[html.index('id="taxi-title"') :]
