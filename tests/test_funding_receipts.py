"""Receipts: checked by content on upload, stored privately, served only to those who may see receipts."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import Cost
from funding.receipts import MAX_RECEIPT_BYTES
from tests.factories_funding import BudgetLineFactory, CostFactory, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 200
    + b"This program cannot be run"
)


def private_files() -> set[Path]:
    return {path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()}


def media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def cost():
    return CostFactory(receipt_name="rechnung.png")


class TestDownload:
    def test_a_planner_downloads_the_receipt_as_an_attachment(self, planner_client, cost):
        response = planner_client.get(reverse("funding:receipt", kwargs={"pk": cost.pk}))

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == 'attachment; filename="rechnung.png"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]

    def test_anonymous_visitors_are_sent_to_the_login(self, anonymous_client, cost):
        response = anonymous_client.get(reverse("funding:receipt", kwargs={"pk": cost.pk}))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    @pytest.mark.parametrize("persona", ["press_client", "reader_client"])
    def test_press_office_and_read_only_get_no_receipt(self, request, persona, cost):
        client = request.getfixturevalue(persona)
        response = client.get(reverse("funding:receipt", kwargs={"pk": cost.pk}))

        assert response.status_code == 403
        assert png_bytes() not in response.content

    def test_no_public_url_reaches_the_stored_file(self, anonymous_client, planner_client, cost):
        stored = Path(cost.receipt.path)
        assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
        assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
        for client in (anonymous_client, planner_client):
            for url in (settings.MEDIA_URL + cost.receipt.name, cost.receipt.url, "/" + cost.receipt.name):
                assert client.get(url).status_code == 404, url

    def test_a_missing_file_is_a_404(self, planner_client, cost):
        Path(cost.receipt.path).unlink()
        assert planner_client.get(reverse("funding:receipt", kwargs={"pk": cost.pk})).status_code == 404


class TestUpload:
    @pytest.fixture
    def line(self, planner_client):
        return BudgetLineFactory()

    def book(self, client, line, upload):
        return client.post(
            reverse("funding:delegation", kwargs={"pk": line.funding.delegation_id}),
            {
                "line": line.pk,
                "spent_on": "2025-11-18",
                "description": "Taxi zum Kreishaus",
                "payee": "Taxi Beispiel",
                "amount": "23,50",
                "receipt": upload,
            },
        )

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("rechnung.pdf", b"Das ist keine Rechnung, nur Text mit .pdf im Namen.\n"),
            ("rechnung.pdf", EXE),
            ("rechnung.png", b"%PDF-1.4\nohne Ende"),
            ("foto.jpg", png_bytes()[:60]),
        ],
    )
    def test_what_is_no_pdf_jpeg_or_png_is_refused_and_nothing_is_stored(
        self, planner_client, line, name, content
    ):
        before = private_files() | media_files()

        response = self.book(planner_client, line, SimpleUploadedFile(name, content))

        assert response.status_code == 400
        assert "weder ein PDF noch ein JPEG- oder PNG-Bild" in response.content.decode()
        assert Cost.objects.count() == 0
        assert private_files() | media_files() == before

    def test_a_receipt_over_10_mb_is_refused(self, planner_client, line):
        before = private_files()
        big = pdf_bytes()[:-6] + b"\0" * MAX_RECEIPT_BYTES + b"%%EOF\n"

        response = self.book(planner_client, line, SimpleUploadedFile("gross.pdf", big))

        assert response.status_code == 400
        assert "erlaubt sind höchstens 10" in response.content.decode()
        assert Cost.objects.count() == 0
        assert private_files() == before

    def test_a_pdf_is_booked_with_its_receipt_in_private_storage(self, planner_client, line):
        response = self.book(planner_client, line, SimpleUploadedFile("Rechnung Taxi.pdf", pdf_bytes()))

        assert response.status_code == 302
        cost = Cost.objects.get()
        assert (cost.line, cost.amount, cost.booked_by) == (line, Decimal("23.50"), planner_client.user)
        assert cost.receipt_name == "Rechnung_Taxi.pdf"
        assert Path(cost.receipt.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
        assert Path(cost.receipt.path).read_bytes() == pdf_bytes()
        assert cost.receipt_content_type == "application/pdf"

    def test_the_stored_type_follows_the_content_not_the_name(self, planner_client, line):
        self.book(planner_client, line, SimpleUploadedFile("scan.pdf", png_bytes()))

        cost = Cost.objects.get()
        assert cost.receipt.name.endswith(".png")
        assert cost.receipt_name == "scan.png"
        download = planner_client.get(reverse("funding:receipt", kwargs={"pk": cost.pk}))
        assert download["Content-Type"] == "image/png"

    def test_read_only_may_not_book(self, reader_client, line):
        response = self.book(reader_client, line, SimpleUploadedFile("r.pdf", pdf_bytes()))

        assert response.status_code == 403
        assert Cost.objects.count() == 0

    def test_a_line_of_another_funding_is_refused(self, planner_client, line):
        other = BudgetLineFactory()
        response = planner_client.post(
            reverse("funding:delegation", kwargs={"pk": line.funding.delegation_id}),
            {
                "line": other.pk,
                "spent_on": "2025-11-18",
                "description": "x",
                "payee": "y",
                "amount": "1",
                "receipt": SimpleUploadedFile("r.pdf", pdf_bytes()),
            },
        )
        assert response.status_code == 400
        assert Cost.objects.count() == 0


def test_deleting_a_cost_deletes_its_receipt(django_capture_on_commit_callbacks):
    cost = CostFactory()
    stored = Path(cost.receipt.path)
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        cost.delete()

    assert not stored.exists()
