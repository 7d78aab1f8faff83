"""Choices of the followup app: kinds of records, who committed, states of actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutcomeKind(models.TextChoices):
    OUTCOME = "outcome", _("Ergebnis")
    COMMITMENT = "commitment", _("Zusage")


class CommittedBy(models.TextChoices):
    HOST = "host", _("Gastgeberseite")
    GUEST = "guest", _("Gastseite")
    BOTH = "both", _("beide Seiten")


class ActionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("action state", "offen")
    IN_PROGRESS = "in_progress", pgettext_lazy("action state", "in Arbeit")
    DONE = "done", pgettext_lazy("action state", "erledigt")
    DROPPED = "dropped", pgettext_lazy("action state", "verworfen")

    @classmethod
    def finished(cls) -> tuple[str, ...]:
        """States after which nobody needs to act any more."""
        return (cls.DONE, cls.DROPPED)
