"""The invitation letter PDF read back (tests/documents.py): German beside the member's language (German alone
for a German speaker), both scripts of the name, the facts of the visit, the reference, the check URL printed
and encoded in the QR code, one letter per page in the delegation's PDF, and the logo of the letterhead."""

import datetime as dt

import pytest
from django.urls import reverse

from delegations.enums import Language
from letters.documents import letter_languages, letters_pdf
from letters.models import InvitationLetter, check_url
from letters.services import issue_letters
from tests import documents, factories
from tests.factories_letters import LetterheadFactory, letter_for

pytestmark = pytest.mark.django_db

UKRAINIAN_HEADING = "Лист-запрошення"
UKRAINIAN_PURPOSE_LABEL = "Мета візиту"
ENGLISH_HEADING = "Letter of invitation"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://partnerschaften.kreis-kleve.example"


pdf_text = documents.text
flat = documents.squeezed


def make_member(language: str, **fields):
    delegation = factories.DelegationFactory(
        title_de="Delegation aus Podilsk",
        title_uk="Делегація з Подільська",
        title_en="Delegation from Podilsk",
        arrival_date=dt.date(2025, 11, 16),
        departure_date=dt.date(2025, 11, 22),
        partnership=factories.PartnershipFactory(partner_region="Rajon Podilsk"),
    )
    values = {
        "delegation": delegation,
        "first_name": "Oksana",
        "last_name": "Melnyk",
        "first_name_original": "Оксана",
        "last_name_original": "Мельник",
        "function": "Abteilungsleiterin Wirtschaft",
        "function_uk": "Начальниця відділу економіки",
        "function_en": "Head of the economic department",
        "organisation": factories.OrganisationFactory(name="Rajonrada Podilsk"),
        "preferred_language": language,
    }
    return factories.MemberFactory(**{**values, **fields})


def test_letter_languages():
    assert letter_languages(factories.MemberFactory.build(preferred_language=Language.UKRAINIAN)) == [
        "de",
        "uk",
    ]
    assert letter_languages(factories.MemberFactory.build(preferred_language=Language.ENGLISH)) == [
        "de",
        "en",
    ]
    assert letter_languages(factories.MemberFactory.build(preferred_language=Language.GERMAN)) == ["de"]


def test_ukrainian_member_gets_german_and_ukrainian(planner_client):
    LetterheadFactory(signatory_name="Hanna Beispielfeld", footer="IBAN DE00 1234 5678 9012 3456 78")
    member = make_member(Language.UKRAINIAN)
    letter = letter_for(member, now=dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC))
    url = reverse("letters:member-pdf", kwargs={"pk": member.delegation_id, "member_pk": member.pk})
    response = planner_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="einladung-KLE-P-2025-0001.pdf"'
    text = flat(pdf_text(response.content))

    for expected in (
        # German
        "Einladungsschreiben",
        "Hiermit laden wir Oksana Melnyk als Mitglied der offiziellen Delegation „Delegation aus Podilsk“",
        "vom 16. November 2025 bis zum 22. November 2025",
        "Abteilungsleiterin Wirtschaft",
        "Mit freundlichen Grüßen",
        "gilt bis zum 1. Oktober 2026",
        # Ukrainian
        UKRAINIAN_HEADING,
        "Цим ми запрошуємо Оксана Мельник",
        "«Делегація з Подільська»",
        "Начальниця відділу економіки",
        UKRAINIAN_PURPOSE_LABEL,
        "З повагою",
        # Both scripts, organisation, region, reference, signatory, footer
        "Оксана Мельник",
        "Oksana Melnyk",
        "Rajonrada Podilsk",
        "Rajon Podilsk",
        "16.11.2025 – 22.11.2025",
        letter.reference,
        "01.10.2025",
        "Hanna Beispielfeld",
        "IBAN DE00 1234 5678 9012 3456 78",
    ):
        assert expected in text, expected
    assert ENGLISH_HEADING not in text


def test_german_speaking_member_gets_german_only():
    member = make_member(Language.GERMAN, function_uk="Начальниця відділу економіки")
    text = flat(pdf_text(letters_pdf([letter_for(member)])))
    assert "Einladungsschreiben" in text
    assert "Oksana Melnyk" in text and "Оксана Мельник" in text  # the name is the name, in both scripts
    for other_language in (
        UKRAINIAN_HEADING,
        UKRAINIAN_PURPOSE_LABEL,
        "З повагою",
        "Начальниця",
        ENGLISH_HEADING,
    ):
        assert other_language not in text, other_language


def test_english_speaking_member_gets_german_and_english():
    member = make_member(Language.ENGLISH)
    text = flat(pdf_text(letters_pdf([letter_for(member)])))
    assert "Einladungsschreiben" in text and ENGLISH_HEADING in text
    assert "Head of the economic department" in text
    assert "“Delegation from Podilsk”" in text
    assert UKRAINIAN_HEADING not in text


def test_the_purpose_is_the_letters_own_or_the_delegations_title():
    member = make_member(Language.UKRAINIAN)
    letter = letter_for(member)
    text = flat(pdf_text(letters_pdf([letter])))
    # Once in the invitation's sentence, once as the purpose, in the German column; Ukrainian the same.
    assert text.count("Delegation aus Podilsk") == 2
    assert text.count("Делегація з Подільська") == 2
    InvitationLetter.objects.filter(pk=letter.pk).update(
        purpose_de="Fachgespräche zur Wasserstoffwirtschaft", purpose_translated="Фахові розмови про водень"
    )
    letter.refresh_from_db()
    text = flat(pdf_text(letters_pdf([letter])))
    assert "Fachgespräche zur Wasserstoffwirtschaft" in text
    assert "Фахові розмови про водень" in text


def test_the_letter_is_made_from_current_data_with_a_stable_reference():
    member = make_member(Language.UKRAINIAN)
    letter = letter_for(member)
    member.function = "Bürgermeisterin"
    member.save()
    letter.refresh_from_db()
    text = flat(pdf_text(letters_pdf([letter])))
    assert "Bürgermeisterin" in text
    assert letter.reference in text


def test_the_check_url_is_printed_under_the_qr_code():
    letter = letter_for(make_member(Language.UKRAINIAN))
    url = check_url(letter.code)
    assert url == f"https://partnerschaften.kreis-kleve.example/brief/{letter.code}/"
    assert url in documents.lines(letters_pdf([letter]))  # on a line of its own, as a reader would type it


def test_the_qr_code_decodes_to_the_check_url():
    letter = letter_for(make_member(Language.UKRAINIAN))
    content = letters_pdf([letter])
    assert documents.qr_codes(content, page=documents.page_count(content) - 1) == [check_url(letter.code)]


def test_the_delegations_pdf_has_each_letter_on_its_own_pages(planner_client):
    delegation = factories.DelegationFactory()
    for name in ("Andrii", "Oksana", "Serhii"):
        factories.MemberFactory(delegation=delegation, first_name=name, preferred_language=Language.UKRAINIAN)
    letters = issue_letters(delegation=delegation)
    response = planner_client.get(reverse("letters:delegation-pdf", kwargs={"pk": delegation.pk}))
    pages = documents.page_texts(response)
    assert len(pages) == 3
    for page, letter in zip(pages, sorted(letters, key=lambda letter: letter.member.first_name), strict=True):
        assert letter.reference in page
        assert [other.reference for other in letters if other.reference in page] == [letter.reference]


def test_the_logo_is_printed():
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), "navy").save(buffer, format="PNG")
    letterhead = LetterheadFactory()
    letterhead.logo.save("logo.png", ContentFile(buffer.getvalue()))
    content = letters_pdf([letter_for(make_member(Language.GERMAN))])
    assert (60, 30) in documents.image_sizes(content)
