"""The working programme: a delegation's items, when, where, with whom, and who may read them.

What an item books is said here once, for one item (`ProgrammeItem.books_venue`, `.books_vehicle`,
`.books_people`, `.busy_contacts()`) and for the database (`ProgrammeItemQuerySet.booking()`); the conflict
check and the planners' calendar use both.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import Versioned, version_field
from delegations.models import Contact, Delegation, Member

from ..enums import ItemKind, ItemStatus, PressAccess, VenueKind, Visibility
from .vehicles import Vehicle
from .venues import Venue

# Venues several groups use at once without booking them: several groups stay or pass there.
UNBOOKED_VENUE_KINDS = frozenset({VenueKind.HOTEL, VenueKind.STATION})
# Items that book no venue (a transfer only meets at a place; free time is the absence of programme), and
# items without interpretation.
NON_BOOKING_ITEM_KINDS = frozenset({ItemKind.TRANSFER, ItemKind.FREE_TIME})


def concerning(items: models.QuerySet, member: Member) -> models.QuerySet:
    """The `items` (working or released) that concern `member`: nobody chosen, the whole delegation, or the
    member among their participants."""
    model = items.model
    participants = model.participants.through.objects.filter(**{model._meta.model_name: OuterRef("pk")})
    return items.annotate(
        has_participants=Exists(participants),
        includes_member=Exists(participants.filter(member=member)),
    ).filter(Q(has_participants=False) | Q(includes_member=True))


class ProgrammeItemQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("starts_at", "ends_at", "pk")

    def not_cancelled(self):
        """Every item but the cancelled ones, which book nobody and nothing."""
        return self.exclude(status=ItemStatus.CANCELLED)

    def overlapping(self, starts_at: datetime, ends_at: datetime):
        """Items running at some moment between the two; an item that only touches them (ends as they start)
        does not."""
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)

    def booking(
        self, *, venues: Iterable[int] = (), contacts: Iterable[int] = (), vehicles: Iterable[int] = ()
    ):
        """Items that book one of the `venues` or `vehicles` (keys) or keep one of the `contacts` (keys) busy.

        The database's side of `ProgrammeItem.books_venue`, `.books_vehicle` and `.busy_contacts()`.
        """
        books_venue = (
            Q(venue__in=venues)
            & ~Q(venue__kind__in=UNBOOKED_VENUE_KINDS)
            & ~Q(kind__in=NON_BOOKING_ITEM_KINDS)
        )
        books_vehicle = Q(vehicle__in=vehicles) & ~Q(kind=ItemKind.FREE_TIME)
        hosted_by = Exists(
            ProgrammeItem.hosts.through.objects.filter(programmeitem=OuterRef("pk"), contact__in=contacts)
        )
        return self.filter(
            books_venue | books_vehicle | Q(interpreter__in=contacts) | Q(driver__in=contacts) | hosted_by
        )

    def for_staff(self, user):
        """Items a staff member may see: all for those who may see members, else only items marked public.

        The press office prepares event pages before a visit is published, so the visit's own publication
        does not matter here (unlike `public()`).
        """
        if user.has_perm("delegations.view_member"):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def for_programme_of(self, delegation: Delegation, user):
        """The delegation's working programme as `user` may read it (`for_staff`), in order, with each item's
        venue, interpreter and hosts (with their organisations) and, for those who may see members, its
        participants: the programme page and its downloads."""
        items = (
            self.for_staff(user)
            .filter(delegation=delegation)
            .in_order()
            .select_related("venue", "interpreter")
            .prefetch_related(Prefetch("hosts", queryset=Contact.objects.select_related("organisation")))
        )
        if user.has_perm("delegations.view_member"):
            items = items.prefetch_related("participants")
        return items

    def public(self):
        """Items anyone may see: marked public, of a visit that is published."""
        return self.filter(
            visibility=Visibility.PUBLIC,
            delegation__is_public=True,
        ).exclude(delegation__status="cancelled")

    def for_delegation(self, delegation: Delegation):
        """What a link for the whole delegation shows: every item meant for guests."""
        return self.filter(delegation=delegation, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC])

    def for_guest(self, member: Member):
        """A member's itinerary: the delegation-wide items and the member's own, never internal ones."""
        return concerning(self.for_delegation(member.delegation_id), member)


class ItemFacts:
    """What an item says of itself the same way as a working item (`ProgrammeItem`) and as a released copy
    (`ReleasedItem`): whether it is cancelled or over, and its venue as the public may see it."""

    @property
    def is_cancelled(self) -> bool:
        return self.status == ItemStatus.CANCELLED

    @property
    def public_venue(self) -> "Venue | None":
        """The venue as the public may see it: never a hotel, where the guests sleep."""
        if self.venue is None or self.venue.kind == VenueKind.HOTEL:
            return None
        return self.venue

    def is_over(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class ProgrammeItem(ItemFacts, Versioned, models.Model):
    """One entry of a delegation's itinerary."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="programme_items"
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    kind = models.CharField(_("Art"), max_length=20, choices=ItemKind)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("Ort"), on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    participants = models.ManyToManyField(
        Member,
        verbose_name=_("Teilnehmende"),
        blank=True,
        related_name="programme_items",
        help_text=_("Niemand ausgewählt heißt: die ganze Delegation."),
    )
    hosts = models.ManyToManyField(
        Contact, verbose_name=_("Gastgeber/innen"), blank=True, related_name="hosted_items"
    )
    interpreter = models.ForeignKey(
        Contact,
        verbose_name=_("Dolmetscher/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreted_items",
        limit_choices_to={"role": "interpreter"},
    )
    driver = models.ForeignKey(
        Contact,
        verbose_name=_("Fahrer/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="driven_items",
        limit_choices_to={"role": "driver"},
    )
    vehicle = models.ForeignKey(
        Vehicle,
        verbose_name=_("Fahrzeug"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    transport_note = models.CharField(_("Transport"), max_length=300, blank=True)
    dress_code = models.CharField(_("Kleiderordnung"), max_length=200, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=ItemStatus, default=ItemStatus.PLANNED)
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Visibility, default=Visibility.GUESTS
    )
    press_access = models.CharField(
        _("Presse"), max_length=20, choices=PressAccess, default=PressAccess.CLOSED
    )
    internal_notes = models.TextField(_("interne Notizen"), blank=True)
    sequence = models.PositiveIntegerField(
        _("Änderungszähler"),
        default=0,
        editable=False,
        help_text=_("Steigt bei jeder Änderung (Kalender-SEQUENCE)."),
    )
    changed_at = models.DateTimeField(_("zuletzt geändert"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    # Lost-update guard (core/concurrency.py); `sequence` stays the calendars' change counter.
    version = version_field()
    # The spreadsheet import that created the item (visits/programme_import), so that import can be undone.
    import_batch = models.UUIDField(
        _("Import"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Kennung des Tabellen-Imports, der den Programmpunkt angelegt hat."),
    )

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["starts_at", "ends_at", "pk"]
        indexes = [models.Index(fields=["delegation", "starts_at"], name="item_delegation_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="item_ends_after_start",
                violation_error_message=_("Ein Programmpunkt muss nach seinem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} {self.title}"

    def save(self, *args, **kwargs) -> None:
        # The change stamp guests and calendars rely on: every full save of an existing item is a change.
        if self.pk is not None and kwargs.get("update_fields") is None:
            self.sequence += 1
            self.changed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def books_venue(self) -> bool:
        """Whether the item keeps its venue from other groups at the same time."""
        return (
            self.venue is not None
            and self.venue.kind not in UNBOOKED_VENUE_KINDS
            and self.kind not in NON_BOOKING_ITEM_KINDS
        )

    @property
    def books_vehicle(self) -> bool:
        """Whether the item keeps its vehicle from carrying anyone else at the same time."""
        return self.vehicle_id is not None and self.kind != ItemKind.FREE_TIME

    @property
    def books_people(self) -> bool:
        """Whether the item keeps its people from being elsewhere: free time books nobody."""
        return self.kind != ItemKind.FREE_TIME

    def busy_contacts(self, hosts: Iterable[Contact]) -> list[Contact]:
        """The county's people the item keeps busy, each once: its `hosts` (as the caller read them), its
        interpreter and its driver."""
        people = list(hosts)
        for pk, field in ((self.interpreter_id, "interpreter"), (self.driver_id, "driver")):
            if pk is not None and all(person.pk != pk for person in people):
                people.append(getattr(self, field))
        return people
