"""The itinerary PDF, read back (tests/documents.py): the member's language and name, Cyrillic, fonts, the QR
code decoded to the member's link."""

from pathlib import Path

import pytest

from tests import documents, factories
from visits import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def itinerary_pdf(client, tmp_path):
    member = factories.MemberFactory(
        first_name="Oksana",
        last_name="Melnyk",
        first_name_original="Оксана",
        last_name_original="Мельник",
        hotel=factories.HotelFactory(name="Hotel am Schwanenturm"),
    )
    factories.ProgrammeItemFactory(
        delegation=member.delegation,
        title_de="Festakt",
        title_uk="Урочистості: ґанок, єднання, їжа",
        title_en="Ceremony",
    )
    factories.release(member.delegation)
    _, token = services.issue_guest_access(delegation=member.delegation, member=member)

    def download(language: str) -> Path:
        response = client.get(f"/g/{token}/{language}/programm.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-cache"
        path = tmp_path / f"itinerary-{language}.pdf"
        path.write_bytes(response.content)
        return path

    return member, token, download


def pdf_text(path: Path) -> str:
    return documents.text(path.read_bytes())


def test_pdf_in_ukrainian_with_cyrillic_and_the_members_name(itinerary_pdf):
    member, _token, download = itinerary_pdf
    text = pdf_text(download("uk"))

    assert "Урочистості: ґанок, єднання, їжа" in text
    assert "Оксана Мельник" in text
    assert member.delegation.title_uk in text
    assert "Hotel am Schwanenturm" in text  # the taxi card, in German
    assert "Festakt" not in text


def test_pdf_in_english_uses_the_latin_name(itinerary_pdf):
    _member, _token, download = itinerary_pdf
    text = pdf_text(download("en"))
    assert "Ceremony" in text and "Oksana Melnyk" in text


def test_pdf_embeds_the_fonts_named_in_the_print_css(itinerary_pdf):
    _member, _token, download = itinerary_pdf
    fonts = documents.fonts(download("uk").read_bytes())
    assert fonts and all(font.name.startswith(("DejaVuSans", "DejaVu-Sans", "NotoSans")) for font in fonts)
    assert all(font.embedded for font in fonts)


def test_qr_code_in_the_pdf_is_the_members_link(itinerary_pdf):
    _member, token, download = itinerary_pdf
    assert documents.qr_codes(download("uk").read_bytes()) == [services.guest_link_url(token)]
