"""Greetings and speeches of a programme item, in the order they are given, with language and interpreter."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from delegations.enums import ContactRole, Language

from .people import PersonOrNameSlot


class Speech(PersonOrNameSlot):
    """One greeting or speech: who speaks, in which language, who interprets, for how long, on what."""

    programme_item = models.ForeignKey(
        "visits.ProgrammeItem",
        verbose_name=_("Programmpunkt"),
        on_delete=models.CASCADE,
        related_name="speeches",
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), validators=[MinValueValidator(1)])
    language = models.CharField(_("Sprache"), max_length=2, choices=Language, default=Language.GERMAN)
    interpreter = models.ForeignKey(
        "delegations.Contact",
        verbose_name=_("Dolmetscher/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreted_speeches",
        limit_choices_to={"role": ContactRole.INTERPRETER},
    )
    planned_minutes = models.PositiveSmallIntegerField(
        _("geplante Minuten"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    topic = models.CharField(_("Thema / Anlass"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Grußwort / Rede")
        verbose_name_plural = _("Grußworte und Reden")
        ordering = ["programme_item", "position"]
        constraints = [
            PersonOrNameSlot.one_person("speech_one_speaker"),
            models.UniqueConstraint(
                fields=["programme_item", "position"],
                name="speech_unique_position",
                violation_error_message=_("An dieser Stelle der Reihenfolge spricht schon jemand."),
            ),
            models.CheckConstraint(
                condition=Q(planned_minutes__gte=1, planned_minutes__lte=120),
                name="speech_minutes_range",
                violation_error_message=_("Eine Rede dauert 1 bis 120 Minuten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"

    def slot_delegation_id(self) -> int | None:
        return self.programme_item.delegation_id if self.programme_item_id is not None else None
