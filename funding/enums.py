"""Choices of the funding app: where an application stands, and the categories of a budget."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundingState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("funding state", "geplant")
    APPLIED = "applied", _("beantragt")
    GRANTED = "granted", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")
    SETTLED = "settled", _("abgerechnet")


class CostCategory(models.TextChoices):
    TRAVEL = "travel", _("Reisekosten")
    ACCOMMODATION = "accommodation", _("Unterkunft")
    INTERPRETING = "interpreting", _("Dolmetschen")
    CATERING = "catering", _("Verpflegung")
    TRANSPORT = "transport", _("Transport vor Ort")
    OTHER = "other", _("Sonstiges")


class Meal(models.TextChoices):
    """A meal provided to a traveller, which shortens that day's per-diem (§ 6 Abs. 2 BRKG)."""

    BREAKFAST = "breakfast", _("Frühstück")
    LUNCH = "lunch", _("Mittagessen")
    DINNER = "dinner", _("Abendessen")
