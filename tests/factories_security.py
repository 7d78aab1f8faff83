"""Factories of the accounts app (two-factor requirements), for the admin's sample and row tables."""

import factory
from django.contrib.auth.models import Group

from accounts.models import TwoFactorRequirement


class TwoFactorRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwoFactorRequirement

    group = factory.Sequence(lambda n: Group.objects.create(name=f"Gruppe mit Zwei-Faktor-Pflicht {n}"))
    required = True


def two_factor_requirements(n: int) -> None:
    """`n` requirements, each for its own group, as the changelist's rows."""
    TwoFactorRequirementFactory.create_batch(n)
