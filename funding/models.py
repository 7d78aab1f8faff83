"""Funding of delegation trips: programmes with their rules, a delegation's funding and budget, and costs."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.private_files import delete_after_commit
from core.storage import private_storage
from delegations.models import Delegation, country_code_constraint

from .enums import CostCategory, FundingState
from .receipts import CONTENT_TYPES, receipt_upload_to

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class FundingProgramme(models.Model):
    """A funder's programme and the rules a trip must keep, e.g. SKEW's for delegation trips."""

    name = models.CharField(_("Bezeichnung"), max_length=200, unique=True)
    funder = models.CharField(_("Fördermittelgeber"), max_length=200)
    description = models.TextField(_("Beschreibung und Förderregeln"), blank=True)
    url = models.URLField(_("Website"), blank=True)
    max_people = models.PositiveSmallIntegerField(
        _("höchstens Personen"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    min_days = models.PositiveSmallIntegerField(
        _("mindestens Tage"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    max_days = models.PositiveSmallIntegerField(
        _("höchstens Tage"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    min_notice_days = models.PositiveSmallIntegerField(
        _("Antrag spätestens (Tage vor Reisebeginn)"),
        null=True,
        blank=True,
        help_text=_("Der Antrag muss mindestens so viele Tage vor Beginn der Reise gestellt sein."),
    )
    max_grant = models.DecimalField(
        _("Höchstbetrag der Förderung (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_people__isnull=True) | Q(max_people__gte=1),
                name="fundingprogramme_max_people_positive",
                violation_error_message=_("Die Höchstzahl der Personen muss mindestens 1 sein."),
            ),
            not_before(
                "max_days",
                "min_days",
                may_be_empty=("min_days", "max_days"),
                name="fundingprogramme_days_in_order",
                message=_("Die Höchstdauer darf nicht kürzer sein als die Mindestdauer."),
            ),
            models.CheckConstraint(
                condition=Q(max_grant__isnull=True) | Q(max_grant__gte=0),
                name="fundingprogramme_max_grant_not_negative",
                violation_error_message=_("Der Höchstbetrag darf nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.min_days is not None and self.max_days is not None and self.max_days < self.min_days:
            raise ValidationError(
                {"max_days": _("Die Höchstdauer darf nicht kürzer sein als die Mindestdauer.")}
            )


class DelegationFunding(models.Model):
    """How one delegation's trip is funded: the application, the grant and the county's own share."""

    delegation = models.OneToOneField(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="funding"
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="fundings",
    )
    state = models.CharField(_("Stand"), max_length=20, choices=FundingState, default=FundingState.PLANNED)
    applied_on = models.DateField(_("beantragt am"), null=True, blank=True)
    reference = models.CharField(_("Aktenzeichen des Fördermittelgebers"), max_length=100, blank=True)
    amount_granted = models.DecimalField(
        _("bewilligter Betrag (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    co_financing_percent = models.DecimalField(
        _("Eigenanteil des Kreises (%)"),
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
    )
    note = models.TextField(_("Notiz"), blank=True)
    claims_daily_allowance = models.BooleanField(
        _("Tagegeld nach Tagessätzen abrechnen"),
        default=False,
        help_text=_(
            "Der Verwendungsnachweis rechnet je Person und Tag das Tagegeld aus der Tabelle der Tagessätze, "
            "gekürzt um die Mahlzeiten des Programms."
        ),
    )
    claims_lodging_allowance = models.BooleanField(
        _("Übernachtungsgeld pauschal abrechnen"),
        default=False,
        help_text=_("Nur wenn die Übernachtungen nicht schon als Ausgaben mit Hotelrechnung gebucht sind."),
    )
    breakfast_included = models.BooleanField(
        _("Frühstück im Übernachtungspreis enthalten"),
        default=False,
        help_text=_("Dann wird das Tagegeld an jedem Tag nach einer Übernachtung um das Frühstück gekürzt."),
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Förderung einer Delegation")
        verbose_name_plural = _("Förderungen von Delegationen")
        ordering = ["-delegation__arrival_date"]
        permissions = [("view_receipt", _("Kann Belege herunterladen"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(amount_granted__gte=0),
                name="delegationfunding_amount_granted_not_negative",
                violation_error_message=_("Der bewilligte Betrag darf nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(co_financing_percent__gte=0, co_financing_percent__lte=100),
                name="delegationfunding_co_financing_percent_range",
                # xgettext:no-python-format
                violation_error_message=_("Der Eigenanteil muss zwischen 0 und 100 % liegen."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["planned", "applied", "rejected"]) | Q(amount_granted__isnull=False),
                name="delegationfunding_granted_has_amount",
                violation_error_message=_("Eine bewilligte Förderung braucht den bewilligten Betrag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} – {self.programme}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.amount_granted is not None and self.amount_granted < 0:
            errors["amount_granted"] = _("Der bewilligte Betrag darf nicht negativ sein.")
        if self.co_financing_percent is not None and not ZERO <= self.co_financing_percent <= 100:
            # xgettext:no-python-format
            errors["co_financing_percent"] = _("Der Eigenanteil muss zwischen 0 und 100 % liegen.")
        if self.state in (FundingState.GRANTED, FundingState.SETTLED) and self.amount_granted is None:
            errors["amount_granted"] = _("Eine bewilligte Förderung braucht den bewilligten Betrag.")
        if self.state != FundingState.PLANNED and self.applied_on is None:
            errors["applied_on"] = _("Bitte das Datum des Antrags angeben.")
        if errors:
            raise ValidationError(errors)


class DailyRateQuerySet(models.QuerySet):
    def for_scheme(self, *, programme: "FundingProgramme | int | None", country: str):
        """The rates of one country under one scheme: a programme's rates for its guests, or (None) the
        travel-expense law's rates for the county's own staff."""
        return self.filter(programme=programme, country=country)

    def covering(self, first: "dt.date", last: "dt.date"):
        """Rates valid on at least one day from `first` to `last`."""
        return self.filter(valid_from__lte=last, valid_until__gte=first)


class DailyRate(models.Model):
    """Per-diem and lodging rates of one country for a period, from a published source.

    Without a programme the row holds the travel-expense law's rates (Bundesreisekostengesetz inland,
    Auslandsreisekostenverordnung abroad) for the county's own staff travelling; with a programme, the rates
    that programme accepts for its guests. The periods of one country under one scheme never overlap.
    """

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="daily_rates",
        help_text=_(
            "Leer: die Sätze des Reisekostenrechts für Dienstreisen des Kreises (ausgehende Delegationen). "
            "Mit Programm: die Sätze, die das Programm für Gäste anerkennt (eingehende Delegationen)."
        ),
    )
    country = models.CharField(_("Land"), max_length=2, help_text=_("ISO-3166-Ländercode, z. B. UA oder DE"))
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"))
    full_day = models.DecimalField(
        _("Tagegeld voller Tag (€)"), **MONEY, validators=[MinValueValidator(ZERO)]
    )
    partial_day = models.DecimalField(
        _("Tagegeld An- und Abreisetag (€)"),
        **MONEY,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Auch für eine eintägige Reise von mehr als 8 Stunden."),
    )
    lodging = models.DecimalField(
        _("Übernachtungsgeld pauschal (€)"), **MONEY, validators=[MinValueValidator(ZERO)]
    )
    source_name = models.CharField(_("Quelle"), max_length=300)
    source_url = models.URLField(_("Link zur Quelle"), blank=True)
    source_note = models.TextField(
        _("Hinweis zur Quelle"), blank=True, help_text=_("z. B. „zu prüfen“, wenn ein Wert nicht belegt ist.")
    )

    objects = DailyRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tagessatz")
        verbose_name_plural = _("Tagessätze (Tagegeld und Übernachtungsgeld)")
        ordering = ["programme__name", "country", "-valid_from"]
        constraints = [
            country_code_constraint("dailyrate_country_is_iso_code"),
            not_before(
                "valid_until",
                "valid_from",
                name="dailyrate_valid_in_order",
                message=_("Das Ende der Gültigkeit darf nicht vor ihrem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(full_day__gte=0, partial_day__gte=0, lodging__gte=0),
                name="dailyrate_rates_not_negative",
                violation_error_message=_("Die Sätze dürfen nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.valid_from:%d.%m.%Y}–{self.valid_until:%d.%m.%Y}"
        scheme = self.programme.name if self.programme_id else _("Reisekostenrecht")
        return f"{self.country} {period} ({scheme})"

    def clean(self) -> None:
        super().clean()
        self.country = (self.country or "").strip().upper()
        errors = {}
        for name in ("full_day", "partial_day", "lodging"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Die Sätze dürfen nicht negativ sein.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Das Ende der Gültigkeit darf nicht vor ihrem Beginn liegen.")
        if errors:
            raise ValidationError(errors)
        if self.valid_from and self.valid_until and self.country:
            # No constraint can say this on every database; the admin is where rates are entered.
            other = (
                DailyRate.objects.for_scheme(programme=self.programme_id, country=self.country)
                .covering(self.valid_from, self.valid_until)
                .exclude(pk=self.pk)
                .order_by("valid_from")
                .first()
            )
            if other is not None:
                raise ValidationError(
                    _(
                        "Für %(country)s gilt schon ein Satz vom %(start)s bis %(end)s. Die "
                        "Gültigkeitszeiträume eines Landes dürfen sich nicht überschneiden: bitte den "
                        "Zeitraum anpassen oder den anderen Satz beenden."
                    )
                    % {
                        "country": self.country,
                        "start": f"{other.valid_from:%d.%m.%Y}",
                        "end": f"{other.valid_until:%d.%m.%Y}",
                    },
                    code="overlap",
                )


class BudgetLine(models.Model):
    """The planned amount of one category of a funding's budget; costs are booked against it."""

    funding = models.ForeignKey(
        DelegationFunding, verbose_name=_("Förderung"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("Kategorie"), max_length=20, choices=CostCategory)
    planned_amount = models.DecimalField(
        _("geplant (€)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )

    class Meta:
        verbose_name = _("Budgetposten")
        verbose_name_plural = _("Budgetposten")
        ordering = ["funding", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["funding", "category"],
                name="budgetline_one_per_category",
                violation_error_message=_("Jede Kategorie gibt es im Budget nur einmal."),
            ),
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0),
                name="budgetline_planned_amount_not_negative",
                violation_error_message=_("Der geplante Betrag darf nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()

    def clean(self) -> None:
        super().clean()
        if self.planned_amount is not None and self.planned_amount < 0:
            raise ValidationError({"planned_amount": _("Der geplante Betrag darf nicht negativ sein.")})


class CostQuerySet(models.QuerySet):
    def of_delegation(self, delegation):
        return self.filter(line__funding__delegation=delegation)

    def in_order(self):
        return self.order_by("spent_on", "pk")


class Cost(models.Model):
    """One booked expense with its receipt, against a budget line."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("Budgetposten"), on_delete=models.PROTECT, related_name="costs"
    )
    spent_on = models.DateField(_("Datum"))
    description = models.CharField(_("Beschreibung"), max_length=300)
    payee = models.CharField(_("Zahlungsempfänger/in"), max_length=200)
    amount = models.DecimalField(_("Betrag (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    receipt = models.FileField(
        _("Beleg"),
        upload_to=receipt_upload_to,
        storage=private_storage,
        max_length=200,
        help_text=_("PDF, JPEG oder PNG, höchstens 10 MB."),
    )
    receipt_name = models.CharField(_("Dateiname des Belegs"), max_length=120, blank=True, editable=False)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebucht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gebucht am"), auto_now_add=True)

    objects = CostQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="cost_amount_positive",
                violation_error_message=_("Der Betrag muss größer als 0 sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on:%d.%m.%Y} {self.description}"

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("Der Betrag muss größer als 0 sein.")})

    @property
    def receipt_content_type(self) -> str:
        suffix = self.receipt.name.rsplit(".", 1)[-1].lower() if self.receipt else ""
        return CONTENT_TYPES.get(suffix, "application/octet-stream")


@receiver(post_delete, sender=Cost)
def delete_receipt_file(sender, instance: Cost, **kwargs) -> None:
    """A deleted cost takes its receipt along (it may name private payees), once the deletion is committed."""
    delete_after_commit(instance.receipt)
