"""Choices of the protocol app: table shapes and gift directions, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TableShape(models.TextChoices):
    ROUND = "round", _("rund")
    RECTANGULAR = "rectangular", _("rechteckig")


class GiftDirection(models.TextChoices):
    GIVEN = "given", _("überreicht (Geschenk des Kreises)")
    RECEIVED = "received", _("erhalten (Geschenk an den Kreis)")
