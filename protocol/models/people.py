"""A person as protocol sees them: a guest (Member), a host (Contact) or a name typed in, in both scripts."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonName:
    """What a seat, a place card or a speech prints of a person: Latin name, Cyrillic name, function."""

    latin: str
    original: str = ""
    function: str = ""

    @classmethod
    def of(cls, *, member=None, contact=None, name: str = "") -> "PersonName":
        if member is not None:
            original = f"{member.first_name_original} {member.last_name_original}".strip()
            return cls(f"{member.first_name} {member.last_name}", original, member.function)
        if contact is not None:
            return cls(contact.full_name, "", contact.function)
        return cls(name)

    def __str__(self) -> str:
        return f"{self.latin} ({self.original})" if self.original else self.latin


def exactly_one(*conditions: Q) -> Q:
    """The condition that exactly one of `conditions` holds (each a Q of one field being set)."""
    alternatives = Q()
    for index, condition in enumerate(conditions):
        others = [~other for position, other in enumerate(conditions) if position != index]
        combined = condition
        for other in others:
            combined &= other
        alternatives |= combined
    return alternatives


def is_set(field: str) -> Q:
    return Q(**{f"{field}__isnull": False})


def has_text(field: str) -> Q:
    return ~Q(**{field: ""})


class PersonFields(models.Model):
    """A guest, a host or a name typed in (a guest of honour, a student band): exactly one of the three.

    Seats and speeches share these fields; their constraint uses `one_person_condition()`.
    """

    member = models.ForeignKey(
        "delegations.Member",
        verbose_name=_("Gast (Delegationsmitglied)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="protocol_%(class)ss",
    )
    contact = models.ForeignKey(
        "delegations.Contact",
        verbose_name=_("Gastgeber/in (Kontakt)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="protocol_%(class)ss",
    )
    name = models.CharField(
        _("oder Name"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn die Person weder Gast noch Kontakt ist, z. B. ein Ehrengast."),
    )

    class Meta:
        abstract = True

    @staticmethod
    def one_person_condition() -> Q:
        return exactly_one(is_set("member"), is_set("contact"), has_text("name"))

    @property
    def person(self) -> PersonName:
        return PersonName.of(member=self.member, contact=self.contact, name=self.name)

    def clean_person(self, delegation_id: int | None) -> None:
        """A guest must belong to the visit's delegation (exactly one person is the constraint's to say)."""
        if self.member_id is not None and delegation_id and self.member.delegation_id != delegation_id:
            raise ValidationError(
                {"member": _("Dieser Gast gehört nicht zur Delegation dieses Programmpunkts.")}
            )
