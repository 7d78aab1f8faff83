"""What came out of a visit: outcomes and commitments per item or company appointment, and actions."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from delegations.models import Contact, Delegation, Member, Organisation
from visits.models import CompanyAppointment, ProgrammeItem

from .enums import ActionState, CommittedBy, OutcomeKind


class OutcomeQuerySet(models.QuerySet):
    def for_delegation(self, delegation):
        """Records of one delegation, whether kept on a programme item or on a company appointment."""
        return self.filter(Q(programme_item__delegation=delegation) | Q(appointment__delegation=delegation))


class Outcome(models.Model):
    """An outcome or a commitment, recorded on exactly one programme item or one company appointment.

    The delegation is never stored here but read through the item or the appointment, so it cannot disagree.
    """

    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("Programmpunkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    appointment = models.ForeignKey(
        CompanyAppointment,
        verbose_name=_("Unternehmenstermin"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=OutcomeKind, default=OutcomeKind.OUTCOME)
    text = models.TextField(_("Text"))
    committed_by = models.CharField(
        _("zugesagt von"),
        max_length=10,
        choices=CommittedBy,
        blank=True,
        help_text=_("Bei Zusagen: wer sich verpflichtet hat."),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("Delegationsmitglied"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("Kontakt"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ergebnis oder Zusage")
        verbose_name_plural = _("Ergebnisse und Zusagen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme_item__isnull=False, appointment__isnull=True)
                | Q(programme_item__isnull=True, appointment__isnull=False),
                name="outcome_on_item_or_appointment",
                violation_error_message=_(
                    "Bitte genau einen Programmpunkt oder einen Unternehmenstermin angeben, nicht beides."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=OutcomeKind.COMMITMENT) | ~Q(committed_by=""),
                name="outcome_commitment_says_who",
                violation_error_message=_("Bei einer Zusage bitte angeben, wer sie gegeben hat."),
            ),
            models.CheckConstraint(condition=~Q(text=""), name="outcome_text_required"),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.get_kind_display()}: {text}"

    @property
    def delegation_id(self) -> int | None:
        if self.programme_item_id:
            return self.programme_item.delegation_id
        if self.appointment_id:
            return self.appointment.delegation_id
        return None

    def clean(self) -> None:
        super().clean()
        delegation_id = self.delegation_id
        if delegation_id and self.member_id and self.member.delegation_id != delegation_id:
            raise ValidationError({"member": _("Das Mitglied gehört zu einer anderen Delegation.")})


class ActionQuerySet(models.QuerySet):
    def unfinished(self):
        """Actions somebody still has to do: open or in progress."""
        return self.exclude(state__in=ActionState.finished())

    def overdue(self, today: date | None = None):
        return self.unfinished().filter(due_on__lt=today or timezone.localdate())


class Action(models.Model):
    """A task after a visit, with an owner and a due date, perhaps following from a commitment."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="followup_actions"
    )
    follows_from = models.ForeignKey(
        Outcome,
        verbose_name=_("folgt aus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        help_text=_("Das Ergebnis oder die Zusage, aus der die Aufgabe folgt."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig (Mitarbeiter/in)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_actions",
    )
    external_owner = models.CharField(
        _("zuständig (extern)"),
        max_length=200,
        blank=True,
        help_text=_("Jemand außerhalb der Verwaltung, z. B. „Wirtschaftsförderung Kleve“."),
    )
    due_on = models.DateField(_("fällig am"), null=True, blank=True)
    state = models.CharField(
        pgettext_lazy("action state", "Stand"), max_length=20, choices=ActionState, default=ActionState.OPEN
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["state", "due_on"], name="followup_action_state_due_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="action_title_required"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_display(self) -> str:
        """Who is responsible, staff and outside, as one line."""
        names = []
        if self.owner_id:
            names.append(self.owner.get_full_name() or self.owner.get_username())
        if self.external_owner:
            names.append(self.external_owner)
        return " / ".join(names)

    def is_overdue(self, today: date | None = None) -> bool:
        return (
            self.due_on is not None
            and self.state not in ActionState.finished()
            and self.due_on < (today or timezone.localdate())
        )

    def clean(self) -> None:
        super().clean()
        if (
            self.follows_from_id
            and self.delegation_id
            and self.follows_from.delegation_id != self.delegation_id
        ):
            raise ValidationError({"follows_from": _("Dieses Ergebnis gehört zu einer anderen Delegation.")})
