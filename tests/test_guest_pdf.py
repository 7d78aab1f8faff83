"""The itinerary PDF, read back with poppler: the member's language and name, Cyrillic, fonts, the QR code.

No QR decoder is installed, so the QR code is read back as its module grid from the rendered page and compared
with the grid segno makes for the link: the same grid means the same encoded link.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
import segno
from PIL import Image

from tests import factories
from visits import services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
    ),
]


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
        assert response["Cache-Control"] == "private, no-store"
        path = tmp_path / f"itinerary-{language}.pdf"
        path.write_bytes(response.content)
        return path

    return member, token, download


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_in_ukrainian_with_cyrillic_and_the_members_name(itinerary_pdf):
    member, _token, download = itinerary_pdf
    text = pdftotext(download("uk"))

    assert "Урочистості: ґанок, єднання, їжа" in text
    assert "Оксана Мельник" in text
    assert member.delegation.title_uk in text
    assert "Hotel am Schwanenturm" in text  # the taxi card, in German
    assert "Festakt" not in text


def test_pdf_in_english_uses_the_latin_name(itinerary_pdf):
    _member, _token, download = itinerary_pdf
    text = pdftotext(download("en"))
    assert "Ceremony" in text and "Oksana Melnyk" in text


def test_pdf_embeds_the_fonts_named_in_the_print_css(itinerary_pdf):
    _member, _token, download = itinerary_pdf
    fonts = subprocess.run(
        ["pdffonts", str(download("uk"))], capture_output=True, text=True, check=True
    ).stdout
    embedded = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert embedded and all(name.startswith(("DejaVuSans", "DejaVu-Sans", "NotoSans")) for name in embedded)
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # "emb" column


def qr_modules_on_page(pdf: Path, tmp_path: Path, modules: int) -> list[list[bool]]:
    """Render page 1, find the QR code top right and sample the centre of each module."""
    subprocess.run(
        ["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", "-gray", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    # The QR code is the only thing in the top right corner of the first page, above its caption.
    region = image.crop((width * 2 // 3, 0, width, height // 4))
    pixels = region.load()
    rw, rh = region.size
    top = next(y for y in range(rh) if any(pixels[x, y] < 128 for x in range(rw)))
    row = [x for x in range(rw) if pixels[x, top + 2] < 128]
    left, right = row[0], row[-1]
    size = (right - left + 1) / modules
    return [
        [
            pixels[int(left + (col + 0.5) * size), int(top + (line + 0.5) * size)] < 128
            for col in range(modules)
        ]
        for line in range(modules)
    ]


def test_qr_code_in_the_pdf_is_the_members_link(itinerary_pdf, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    _member, token, download = itinerary_pdf
    expected = segno.make(services.guest_link_url(token), error="m", micro=False)
    grid = [[bool(module) for module in line] for line in expected.matrix]

    found = qr_modules_on_page(download("uk"), tmp_path, len(grid))

    assert found == grid
    # Not any QR code: another link gives another grid.
    other = segno.make(services.guest_link_url("x" * 32), error="m", micro=False)
    assert found != [[bool(module) for module in line] for line in other.matrix]
