"""Choices of the press app: the states of an event page on its way to the public."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    IN_REVIEW = "in_review", _("in Prüfung")
    SCHEDULED = "scheduled", _("geplant (zeitgesteuert)")
    PUBLISHED = "published", _("veröffentlicht")
    ARCHIVED = "archived", _("archiviert")
