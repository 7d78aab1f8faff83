"""Factories of the letters app: the letterhead and issued invitation letters."""

import subprocess
from pathlib import Path

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


PENDING = Path(__file__).resolve().parent.parent / "locale" / "pending"
PO_HEADER = {
    "uk": "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : n % 1 == 0 && n % 10 >= 2 && "
    "n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : n % 1 == 0 && (n % 10 ==0 || (n % 10 >=5 && "
    "n % 10 <=9) || (n % 100 >=11 && n % 100 <=14 )) ? 2: 3);",
    "en": "nplurals=2; plural=(n != 1);",
}


def use_pending_translations(settings, folder: Path) -> None:
    """Put this app's translations, still waiting in locale/pending/ to be merged, in front of the catalogues.

    Once they are merged (and the pending files gone) the project's catalogues carry the same strings and
    this does nothing.
    """
    made = False
    for language, plural_forms in PO_HEADER.items():
        source = PENDING / f"letters.{language}.po"
        if not source.exists():
            continue
        target = folder / language / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        header = (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {language}\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n'
        )
        (target / "django.po").write_text(header + source.read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(
            ["msgfmt", "-o", str(target / "django.mo"), str(target / "django.po")],
            check=True,
            capture_output=True,
        )
        made = True
    if made:
        settings.LOCALE_PATHS = [str(folder), *settings.LOCALE_PATHS]
