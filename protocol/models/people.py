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


def guest_field(related_name: str) -> models.ForeignKey:
    return _person_field("delegations.Member", _("Gast (Delegationsmitglied)"), related_name)


def host_field(related_name: str) -> models.ForeignKey:
    return _person_field("delegations.Contact", _("Gastgeber/in (Kontakt)"), related_name)


def _person_field(model: str, verbose_name, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
    )


class PersonSlot(models.Model):
    """A place that exactly one person takes: a guest (Member) or a host (Contact), e.g. a rank of precedence.

    A subclass builds its constraints with `one_person(name)` and `once_per(scope, …)`, says in
    `slot_delegation_id()` whose guests may take its places; `clean()` refuses a guest of another
    delegation.
    """

    member = guest_field("protocol_%(class)ss")
    contact = host_field("protocol_%(class)ss")

    one_person_message = _("Bitte genau eines wählen: einen Gast oder eine/n Gastgeber/in.")
    stranger_message = _("Dieser Gast gehört nicht zu dieser Delegation.")

    class Meta:
        abstract = True

    @classmethod
    def one_person_condition(cls) -> Q:
        return exactly_one(is_set("member"), is_set("contact"))

    @classmethod
    def one_person(cls, name: str) -> models.CheckConstraint:
        """The database's rule that exactly one person takes the place."""
        return models.CheckConstraint(
            condition=cls.one_person_condition(), name=name, violation_error_message=cls.one_person_message
        )

    @staticmethod
    def once_per(
        scope: str, *, member: tuple[str, str], contact: tuple[str, str]
    ) -> list[models.UniqueConstraint]:
        """The rules that a guest and a host each take one place per `scope` at most: (name, message) each."""
        return [
            models.UniqueConstraint(
                fields=[scope, field], condition=is_set(field), name=name, violation_error_message=message
            )
            for field, (name, message) in (("member", member), ("contact", contact))
        ]

    @property
    def person(self) -> PersonName:
        return PersonName.of(member=self.member, contact=self.contact)

    def slot_delegation_id(self) -> int | None:
        """The delegation whose guests may take this place; None while that is not known yet."""
        raise NotImplementedError

    def clean(self) -> None:
        # Exactly one person is the constraint's to say; here only that a guest belongs to the visit.
        super().clean()
        delegation_id = self.slot_delegation_id()
        if self.member_id is not None and delegation_id and self.member.delegation_id != delegation_id:
            raise ValidationError({"member": self.stranger_message})


class PersonOrNameSlot(PersonSlot):
    """Exactly one of a guest, a host or a name typed in (a guest of honour): seats and speeches."""

    name = models.CharField(
        _("oder Name"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn die Person weder Gast noch Kontakt ist, z. B. ein Ehrengast."),
    )

    one_person_message = _("Bitte genau eines angeben: einen Gast, eine/n Gastgeber/in oder einen Namen.")
    stranger_message = _("Dieser Gast gehört nicht zur Delegation dieses Programmpunkts.")

    class Meta:
        abstract = True

    @classmethod
    def one_person_condition(cls) -> Q:
        return exactly_one(is_set("member"), is_set("contact"), has_text("name"))

    @property
    def person(self) -> PersonName:
        return PersonName.of(member=self.member, contact=self.contact, name=self.name)
