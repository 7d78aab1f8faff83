"""Visits for the release readiness tests (tests/test_readiness_*.py): one with nothing to find, one that a
missing Ukrainian title blocks, the admin pages' addresses, and short ways to read the findings."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from visits import readiness
from visits.models import GuestAccess

RELEASE_URL = reverse("admin:visits_programmerelease_release")
READINESS_URL = reverse("admin:visits_programmerelease_readiness")
# Before the visit, so that its public items are not over yet (held-back places count until then).
BEFORE = berlin(2025, 11, 1, 12)


def opened_link(member):
    """A personal link the member has opened."""
    return GuestAccess.objects.create(
        delegation=member.delegation,
        member=member,
        token_hash=GuestAccess.hash_token(GuestAccess.new_token()),
        expires_at=timezone.now() + dt.timedelta(days=30),
        last_used_at=timezone.now(),
    )


def ready_visit(*, members: int = 2, items: int = 2, slug: str = "bereit"):
    """A visit with nothing to find: translated texts, one venue, time between items, members reachable
    who have opened their links and need no interpretation."""
    delegation = factories.DelegationFactory(slug=slug, title="Besuch aus Podilsk")
    people = []
    for n in range(members):
        member = factories.MemberFactory(
            delegation=delegation,
            first_name=f"Oksana{n}",
            last_name="Koval",
            preferred_language=d.Language.ENGLISH if n % 2 else d.Language.UKRAINIAN,
            needs_interpreter=False,
        )
        opened_link(member)
        people.append(member)
    town_hall = factories.VenueFactory(
        name="Kreishaus Kleve", name_uk="Будинок округу Клеве", street="Nassauerallee 15-23"
    )
    programme = [
        factories.ProgrammeItemFactory(
            delegation=delegation,
            title=f"Gespräch {n}",
            title_uk=f"Розмова {n}",
            title_en=f"Talk {n}",
            description=f"Über Zusammenarbeit {n}",
            description_uk=f"Про співпрацю {n}",
            description_en=f"On cooperation {n}",
            starts_at=berlin(2025, 11, 16, 8) + dt.timedelta(minutes=40 * n),
            ends_at=berlin(2025, 11, 16, 8, 30) + dt.timedelta(minutes=40 * n),
            venue=town_hall,
        )
        for n in range(items)
    ]
    return delegation, people, programme


def found(delegation, **kwargs) -> list[tuple[str, str]]:
    return [(finding.kind, finding.code) for finding in readiness.check(delegation, **kwargs)]


def only(delegation, code, **kwargs) -> list[readiness.Finding]:
    return [finding for finding in readiness.check(delegation, **kwargs) if finding.code == code]


def _blocked_visit():
    """The ready visit with one blocking finding: its first item has no Ukrainian title."""
    delegation, members, (talk, _other) = ready_visit()
    talk.title_uk = ""
    talk.save()
    return delegation, members, talk
