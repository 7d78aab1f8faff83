"""Factories of the letters app: the letterhead and issued invitation letters."""

import factory

from letters.models import Letterhead
from letters.services import issue_letter
from tests import factories


class LetterheadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letterhead
        django_get_or_create = ("id",)

    id = Letterhead.SINGLETON_ID
    county_name = "Kreis Kleve"
    authority = "Der Landrat – Partnerschaften"
    address = "Nassauerallee 15–23\n47533 Kleve"
    phone = "+49 2821 594-000"
    email = "briefe@kreis-kleve.example"
    website = "https://kreis-kleve.example"
    signatory_name = "Hanna Beispielfeld"
    signatory_title = "Leiterin Partnerschaften"
    footer = "IBAN DE00 1234 5678 9012 3456 78"
    reference_prefix = "KLE-P"


def letter_for(member=None, **kwargs):
    """An issued letter (through the service that numbers letters), for `member` or a new one."""
    return issue_letter(member=member or factories.MemberFactory(), **kwargs)
