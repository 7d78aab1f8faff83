"""The benchmark's data: one large public visit with a released programme, and 10,000 items for the admin.

`make bench` runs this in its own database. A second run changes nothing but what it must: it finds the
visits by their slugs, and keeps the guest link whose token is in the token file (a new link, and file, only
when that one no longer works). It also writes a fresh staff session key for the load tool's cookie.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from delegations.models import Delegation, Member, Partnership
from press.enums import PageStatus
from press.models import EventPage
from visits.enums import VenueKind, Visibility
from visits.models import GuestAccess, ProgrammeItem, Venue
from visits.releases import release_programme
from visits.services import issue_guest_access

BERLIN = ZoneInfo("Europe/Berlin")
VISIT_SLUG = "bench-besuch"
ADMIN_SLUG = "bench-archiv"
DAYS, ITEMS, MEMBERS, PAGES, ADMIN_ITEMS = 7, 300, 40, 20, 10_000
STAFF_USERNAME = "bench-admin"


class Command(BaseCommand):
    help = "Seed the benchmark's large visit (idempotent) and write the guest token and a staff session key."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(settings.BASE_DIR / "benchmarks" / "run"), help="folder")

    def handle(self, *args, out, **options):
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        with transaction.atomic():
            partnership = self._partnership()
            visit = self._visit(partnership)
            archive = self._archive(partnership)
            user = self._staff_user()
        token = self._guest_token(visit, out / "guest-token")
        (out / "session-key").write_text(self._session(user) + "\n")
        (out / "visit-slug").write_text(VISIT_SLUG + "\n")
        (out / "admin-delegation").write_text(f"{archive.pk}\n")
        (out / "event-slug").write_text(f"{VISIT_SLUG}-bericht-1\n")
        self.stdout.write(
            f"bench data: visit {VISIT_SLUG} ({visit.programme_items.count()} items), "
            f"{ProgrammeItem.objects.filter(delegation__slug=ADMIN_SLUG).count()} admin items, "
            f"guest token in {out / 'guest-token'} ({len(token)} chars)"
        )

    def _partnership(self) -> Partnership:
        partnership, _ = Partnership.objects.get_or_create(
            name="Benchmark-Partnerschaft",
            defaults={"partner_region": "Rajon Podilsk", "partner_country": "UA", "kind": "solidarity"},
        )
        return partnership

    def _visit(self, partnership) -> Delegation:
        arrival = timezone.localdate() + dt.timedelta(days=30)
        visit, created = Delegation.objects.get_or_create(
            slug=VISIT_SLUG,
            defaults={
                "partnership": partnership,
                "title": "Benchmark: Delegation aus Podilsk",
                "title_uk": "Бенчмарк: делегація з Подільська",
                "title_en": "Benchmark: delegation from Podilsk",
                "summary": "Eine Woche Programm mit 300 Punkten.",
                "arrival_date": arrival,
                "departure_date": arrival + dt.timedelta(days=DAYS - 1),
                "status": "confirmed",
                "is_public": True,
            },
        )
        if not created:
            return visit
        venues = [
            Venue.objects.create(
                name=f"Bench-Ort {n}", kind=VenueKind.MEETING, street=f"Markt {n}", city="Kleve"
            )
            for n in range(10)
        ]
        hotel = Venue.objects.create(name="Bench-Hotel", kind=VenueKind.HOTEL, city="Kleve")
        Member.objects.bulk_create(
            Member(
                delegation=visit,
                first_name=f"Olena{n}",
                last_name=f"Bench{n:02}",
                preferred_language="uk",
                is_head=n == 0,
                is_public_figure=n < 5,
                email=f"gast{n}@example.org",
                hotel=hotel,
            )
            for n in range(MEMBERS)
        )
        per_day = ITEMS // DAYS + 1
        items = []
        for n in range(ITEMS):
            day, slot = divmod(n, per_day)
            starts = dt.datetime.combine(arrival + dt.timedelta(days=day), dt.time(7), BERLIN)
            starts += dt.timedelta(minutes=20 * slot)
            items.append(
                ProgrammeItem(
                    delegation=visit,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=20),
                    kind="meeting",
                    title=f"Programmpunkt {n + 1}",
                    title_uk=f"Пункт програми {n + 1}",
                    title_en=f"Programme item {n + 1}",
                    description="Gespräch mit den Gastgebern über die Zusammenarbeit.",
                    venue=venues[n % len(venues)],
                    visibility=Visibility.PUBLIC if n % 3 else Visibility.GUESTS,
                    status="confirmed",
                )
            )
        items = ProgrammeItem.objects.bulk_create(items)
        for n in range(PAGES):
            EventPage.objects.create(
                delegation=visit,
                programme_item=items[3 * n + 1],
                slug=f"{VISIT_SLUG}-bericht-{n + 1}",
                title=f"Bericht {n + 1}",
                summary="Was beim Termin besprochen wurde.",
                body="<p>Die Delegation besuchte den Kreis Kleve.</p>" * 5,
                status=PageStatus.PUBLISHED,
                publish_at=timezone.now() - dt.timedelta(days=1),
            )
        # Made-up texts in German only: the readiness check blocks on them, and they are what is measured.
        release_programme(
            delegation=visit,
            note="Benchmark",
            notify=False,
            accept_reason="Benchmark-Daten: erfundene Programmpunkte, niemand liest sie.",
        )
        return visit

    def _archive(self, partnership) -> Delegation:
        """A second delegation holding the admin changelist's 10,000 items (not public)."""
        arrival = dt.date(2024, 5, 6)
        archive, _ = Delegation.objects.get_or_create(
            slug=ADMIN_SLUG,
            defaults={
                "partnership": partnership,
                "title": "Benchmark: Archiv",
                "arrival_date": arrival,
                "departure_date": arrival + dt.timedelta(days=60),
            },
        )
        missing = ADMIN_ITEMS - archive.programme_items.count()
        start = dt.datetime.combine(arrival, dt.time(6), BERLIN)
        ProgrammeItem.objects.bulk_create(
            (
                ProgrammeItem(
                    delegation=archive,
                    starts_at=start + dt.timedelta(minutes=5 * n),
                    ends_at=start + dt.timedelta(minutes=5 * n + 4),
                    kind="meeting",
                    title=f"Archivpunkt {n + 1}",
                )
                for n in range(max(missing, 0))
            ),
            batch_size=1000,
        )
        return archive

    def _staff_user(self):
        user, _ = get_user_model().objects.get_or_create(
            username=STAFF_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        return user

    def _guest_token(self, visit, path: Path) -> str:
        if path.exists():
            token = path.read_text().strip()
            if GuestAccess.objects.valid().filter(token_hash=GuestAccess.hash_token(token)).exists():
                return token
        member = visit.members.get(is_head=True)
        _access, token = issue_guest_access(delegation=visit, member=member)
        path.write_text(token + "\n")
        return token

    def _session(self, user) -> str:
        from importlib import import_module

        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        backends = settings.AUTHENTICATION_BACKENDS
        store[BACKEND_SESSION_KEY] = next(
            (b for b in backends if b.endswith(".PermissionBackend")), backends[0]
        )
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key
