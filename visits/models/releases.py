"""Released versions of a delegation's programme: what guests and the public are told, and who was told what.

Staff edit the working programme (`ProgrammeItem`) freely. Releasing it (`visits.releases`) makes a
`ProgrammeRelease` with a frozen copy of every guest-visible item (`ReleasedItem`), a changelog against the
previous release (`ProgrammeRelease.changes`) and, once sent, one `ReleaseNotification` per member told.
A copy keeps its origin item (`ReleasedItem.item`), so two versions are compared item by item and calendars
keep the origin's UID across releases.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delegations.models import Contact, Delegation, Member

from ..enums import ItemKind, ItemStatus, PressAccess, Visibility
from .programme import ItemFacts, concerning


class ProgrammeRelease(models.Model):
    """One released version of a delegation's programme, numbered 1, 2, 3 … per delegation."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="programme_releases"
    )
    version = models.PositiveIntegerField(_("Version"))
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    released_at = models.DateTimeField(_("freigegeben am"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("freigegeben von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The changelog against the previous release, one entry per item and kind of change (see visits.releases).
    changes = models.JSONField(_("Änderungen"), default=list, blank=True, editable=False)
    # Blocking findings of the readiness check that a planner accepted knowingly (see visits.readiness),
    # each as {"code", "text", "url"}, and the reason they gave. Empty when the release had none.
    accepted_findings = models.JSONField(_("bewusst akzeptierte Befunde"), default=list, blank=True)
    accepted_reason = models.TextField(_("Begründung der Freigabe trotz Befunden"), blank=True)

    class Meta:
        verbose_name = _("Programmfreigabe")
        verbose_name_plural = _("Programmfreigaben")
        ordering = ["delegation", "-version"]
        permissions = [("release_programme", _("Programm freigeben"))]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "version"],
                name="release_unique_version",
                violation_error_message=_("Diese Version gibt es für die Delegation schon."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} – {_('Version')} {self.version}"

    @property
    def is_first(self) -> bool:
        return self.version == 1


class ReleasedItemQuerySet(models.QuerySet):
    """The same reading rules as `ProgrammeItemQuerySet`, applied to the latest release of each delegation."""

    def in_order(self):
        return self.order_by("starts_at", "ends_at", "pk")

    def latest(self):
        """Copies of the latest release of their delegation: what guests and the public read."""
        newer = ProgrammeRelease.objects.filter(
            delegation=OuterRef("release__delegation"), version__gt=OuterRef("release__version")
        )
        return self.filter(~Exists(newer))

    def public(self):
        return (
            self.latest()
            .filter(visibility=Visibility.PUBLIC, release__delegation__is_public=True)
            .exclude(release__delegation__status="cancelled")
        )

    def for_staff(self, user):
        """Copies a member of staff may see (the admin's preview), by `ProgrammeItemQuerySet.for_staff`."""
        if user.has_perm("delegations.view_member"):
            return self.latest()
        return self.latest().filter(visibility=Visibility.PUBLIC)

    def for_delegation(self, delegation):
        return self.latest().filter(
            release__delegation=delegation, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC]
        )

    def for_guest(self, member: Member):
        return concerning(self.for_delegation(member.delegation_id), member)

    def for_contact(self, contact: Contact, delegation):
        """A host's, interpreter's or driver's own items of the latest release of one visit (staff links)."""
        hosted = ReleasedItem.hosts.through.objects.filter(releaseditem=OuterRef("pk"), contact=contact)
        return self.latest().filter(
            Q(interpreter=contact) | Q(driver=contact) | Exists(hosted), release__delegation=delegation
        )


class ReleasedItem(ItemFacts, models.Model):
    """A programme item as it was released: a frozen copy of what guests and the public read."""

    release = models.ForeignKey(
        ProgrammeRelease, verbose_name=_("Freigabe"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        "visits.ProgrammeItem",
        verbose_name=_("Programmpunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="released_copies",
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    kind = models.CharField(_("Art"), max_length=20, choices=ItemKind)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    venue = models.ForeignKey(
        "visits.Venue",
        verbose_name=_("Ort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participants = models.ManyToManyField(
        Member, verbose_name=_("Teilnehmende"), blank=True, related_name="released_items"
    )
    hosts = models.ManyToManyField(Contact, verbose_name=_("Gastgeber/innen"), blank=True, related_name="+")
    interpreter = models.ForeignKey(
        Contact,
        verbose_name=_("Dolmetscher/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    driver = models.ForeignKey(
        Contact,
        verbose_name=_("Fahrer/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vehicle = models.ForeignKey(
        "visits.Vehicle",
        verbose_name=_("Fahrzeug"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
    sequence = models.PositiveIntegerField(_("Änderungszähler"), default=0)
    changed_at = models.DateTimeField(_("zuletzt geändert"))

    objects = ReleasedItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("freigegebener Programmpunkt")
        verbose_name_plural = _("freigegebene Programmpunkte")
        ordering = ["starts_at", "ends_at", "pk"]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} {self.title}"

    @property
    def origin_pk(self) -> int:
        """The working item's pk: calendars name an event by it, so a phone updates the same event."""
        return self.item_id or -self.pk


class NoticeState(models.TextChoices):
    QUEUED = "queued", _("wartet")
    SENT = "sent", _("gesendet")
    FAILED = "failed", _("fehlgeschlagen")
    RETRYING = "retrying", _("neuer Versuch geplant")
    GIVEN_UP = "given_up", _("aufgegeben")


# A notice in one of these states did not reach its member and will not on its own.
UNDELIVERED_STATES = (NoticeState.FAILED, NoticeState.GIVEN_UP)


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("E-Mail")
    MESSENGER = "messenger", _("Messenger")


class ReleaseNotificationQuerySet(models.QuerySet):
    def undelivered(self):
        """Notices that did not reach their member and will not on their own: failed or given up."""
        return self.filter(state__in=UNDELIVERED_STATES)

    def pending(self):
        return self.filter(state__in=[NoticeState.QUEUED, NoticeState.RETRYING])


class ReleaseNotification(models.Model):
    """One notice of a release to one member on one channel: the delivery record (see visits.notices).

    A row is made, state queued, when the release is committed; a worker claims it (`claimed_at`), sends it
    and marks it sent, or records the error and plans the next try. Its `message_id` is fixed from the row,
    so a notice sent again after a crash is recognised as the same message by the receiving side.
    """

    release = models.ForeignKey(
        ProgrammeRelease, verbose_name=_("Freigabe"), on_delete=models.CASCADE, related_name="notifications"
    )
    # Who is told: a member of the delegation, or one of the county's contacts on the visit (a host, an
    # interpreter, a driver, told of their own items with their staff link). Exactly one of the two.
    member = models.ForeignKey(
        Member,
        verbose_name=_("Mitglied"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="release_notifications",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Kontakt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="release_notifications",
    )
    channel = models.CharField(_("Kanal"), max_length=10, choices=NoticeChannel, default=NoticeChannel.EMAIL)
    language = models.CharField(_("Sprache"), max_length=5)
    changes = models.JSONField(_("mitgeteilte Änderungen"), default=list, blank=True)
    state = models.CharField(_("Zustand"), max_length=10, choices=NoticeState, default=NoticeState.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    queued_at = models.DateTimeField(_("eingereiht am"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), default=timezone.now)
    claimed_at = models.DateTimeField(_("in Arbeit seit"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    objects = ReleaseNotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitteilung")
        verbose_name_plural = _("Mitteilungen")
        ordering = ["release", "member__last_name", "member__first_name", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "member", "channel"], name="release_notification_once_per_channel"
            ),
            models.UniqueConstraint(
                fields=["release", "contact", "channel"],
                condition=Q(contact__isnull=False),
                name="release_notification_contact_once_per_channel",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False, contact__isnull=True)
                | Q(member__isnull=True, contact__isnull=False),
                name="release_notification_member_or_contact",
                violation_error_message=_(
                    "Eine Mitteilung geht entweder an ein Mitglied oder an einen Kontakt."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="release_notification_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notice_due_idx")]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.release} ({self.get_channel_display()})"

    @property
    def recipient(self) -> "Member | Contact":
        """Whoever is told: the member, or the contact."""
        return self.member if self.member_id is not None else self.contact

    @property
    def email(self) -> str:
        return self.recipient.email

    @property
    def idempotency_key(self) -> str:
        """The same for every try of this notice: receivers drop a second copy by it."""
        if self.contact_id is not None:
            return f"kleve-notice-{self.release_id}-c{self.contact_id}-{self.channel}-{self.pk}"
        return f"kleve-notice-{self.release_id}-{self.member_id}-{self.channel}-{self.pk}"
