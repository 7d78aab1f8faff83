"""Private files (`core.private_files`): what a visit's documents and a cost's receipts share, the check by
content with each caller's own types and messages, the random stored name and the safe download name."""

import io
import re

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import private_files
from funding.receipts import check_receipt
from tests.factories_funding import pdf_bytes, png_bytes
from visits.attachments import checked_upload


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600  # a legacy .xls


def test_a_spreadsheet_is_a_document_of_a_visit_but_no_receipt():
    assert checked_upload(SimpleUploadedFile("Kosten.xlsx", xlsx_bytes())).file_name == "Kosten.xlsx"

    with pytest.raises(ValidationError) as refused:
        check_receipt(SimpleUploadedFile("rechnung.pdf", xlsx_bytes()))

    assert refused.value.code == "not_a_receipt"
    assert "weder ein PDF noch ein JPEG- oder PNG-Bild" in refused.value.messages[0]


def test_each_caller_words_the_refusal_of_a_legacy_office_file_its_own_way():
    with pytest.raises(ValidationError) as as_document:
        checked_upload(SimpleUploadedFile("alt.xls", OLE_FILE))
    with pytest.raises(ValidationError) as as_receipt:
        check_receipt(SimpleUploadedFile("alt.pdf", OLE_FILE))

    assert as_document.value.code == "legacy_office"
    assert "Alte Office-Formate" in as_document.value.messages[0]
    assert as_receipt.value.code == "not_a_receipt"


@pytest.mark.parametrize(("content", "suffix"), [(pdf_bytes(), "pdf"), (png_bytes(), "png")])
def test_a_receipt_is_named_by_its_content(content, suffix):
    assert check_receipt(SimpleUploadedFile("scan.jpg", content)) == suffix


def test_an_empty_file_is_refused_for_both():
    for check in (checked_upload, check_receipt):
        with pytest.raises(ValidationError) as refused:
            check(SimpleUploadedFile("leer.pdf", b""))
        assert refused.value.messages == ["Die Datei ist leer."]


def test_the_stored_name_is_random_in_its_folder_with_the_checked_suffix():
    names = {private_files.random_name("receipts", "Rechnung Taxi.PDF") for _ in range(20)}

    assert len(names) == 20
    assert all(re.fullmatch(r"receipts/[0-9a-f]{32}\.pdf", name) for name in names)
    assert re.fullmatch(r"attachments/[0-9a-f]{32}\.bin", private_files.random_name("attachments", "ohne"))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("C:\\Users\\olena\\Visum Olena.JPG", "Visum_Olena.jpg"),
        ("../../etc/passwd", "passwd.jpg"),
        ("..", "unterlage.jpg"),
        ("x" * 200 + ".jpg", "x" * 80 + ".jpg"),
    ],
)
def test_the_download_name_is_the_original_made_safe(original, expected):
    assert private_files.download_name(original, "jpg", fallback="unterlage") == expected
