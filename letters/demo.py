"""The letters of the demo visit: a letterhead with fictional contact details, and a letter per member.

Seeding again changes nothing: the letterhead row and a member's letter, once there, stay as they are.
"""

from delegations.enums import Language

from .models import InvitationLetter, Letterhead
from .services import issue_letter

REPORTED_MODELS = (Letterhead, InvitationLetter)

LETTERHEAD = {
    "county_name": "Kreis Kleve",
    "authority": "Der Landrat – Partnerschaften",
    "address": "Nassauerallee 15–23\n47533 Kleve\nDeutschland",
    "phone": "+49 2821 594-000",
    "email": "partnerschaften@kreis-kleve.example",
    "website": "https://partnerschaften.kreis-kleve.example",
    "signatory_name": "Dr. Hanna Beispielfeld",
    "signatory_title": "Leiterin des Büros für internationale Partnerschaften",
    "footer": (
        "Kreis Kleve · Nassauerallee 15–23 · 47533 Kleve\n"
        "Bankverbindung (Beispiel): Sparkasse am Niederrhein · IBAN DE00 0000 0000 0000 0000 00"
    ),
    "reference_prefix": "KLE-P",
}

PURPOSE = {
    Language.GERMAN: (
        "Fachaustausch mit Unternehmen und Verwaltung des Kreises Kleve zu Energieversorgung, erneuerbaren "
        "Energien, Wasserstoff, nachhaltiger Landnutzung und Wissensmanagement in der Kommunalverwaltung "
        "sowie Teilnahme an der Festveranstaltung „50 Jahre Kreis Kleve“."
    ),
    Language.UKRAINIAN: (
        "Фаховий обмін із підприємствами та адміністрацією району Клеве щодо енергопостачання, "
        "відновлюваної енергетики, водню, сталого землекористування та управління знаннями в муніципальному "
        "управлінні, а також участь в урочистостях з нагоди 50-річчя району Клеве."
    ),
    Language.ENGLISH: (
        "Exchange with companies and the administration of the District of Kleve on energy supply, renewable "
        "energy, hydrogen, sustainable land use and knowledge management in local government, and attendance "
        "at the ceremony marking 50 years of the District of Kleve."
    ),
}


def seed(context) -> None:
    context.ensure(Letterhead, {"id": Letterhead.SINGLETON_ID}, LETTERHEAD)
    for member in context.members.values():
        if InvitationLetter.objects.filter(member=member).exists():
            context.report.existing[InvitationLetter] += 1
            continue
        letter = issue_letter(member=member, now=context.now)
        translated = (
            "" if member.preferred_language == Language.GERMAN else PURPOSE[member.preferred_language]
        )
        InvitationLetter.objects.filter(pk=letter.pk).update(
            purpose_de=PURPOSE[Language.GERMAN], purpose_translated=translated
        )
        context.report.created[InvitationLetter] += 1
