"""Issue 7's "done when", played as a planner who is new to the software: starting from the delegation's admin
page and following only links and forms that the pages show, check the demo visit against the SKEW rules,
book a cost, export the proof of use, print invitation letters, badges and the ceremony's seating plan,
record two commitments from a company visit and print the visit report. Every document is read back."""

import datetime as dt
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from delegations.models import Delegation
from demo.loader import seed_demo
from funding.enums import CostCategory
from funding.models import BudgetLine, Cost
from tests import documents
from tests.admin_samples import admin_form_data
from visits.enums import ItemKind

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """Every link of a page as (visible text, href)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self._href, self._text = dict(attrs)["href"], []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def follow(client, response, text: str, *, nth: int = 0):
    """Open the `nth` link whose visible text contains `text`, as a reader of the page would."""
    assert response.status_code == 200, response.status_code
    parser = _Links()
    parser.feed(response.content.decode())
    hrefs = [href for label, href in parser.links if text in label]
    assert len(hrefs) > nth, f"no link {text!r} on {response.wsgi_request.path}: {parser.links}"
    return client.get(urljoin(response.wsgi_request.path, hrefs[nth]))


def pdf_text(response) -> str:
    """The document's text as drawn, white space squeezed (a phrase that wraps in a table cell is one)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return documents.squeezed(documents.text(response))


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def demo(db) -> Delegation:
    return seed_demo(now=timezone.now(), make_logins=False).delegation


def test_a_planner_does_the_chores_around_the_demo_visit(planner_client, demo):
    client = planner_client
    start = client.get(reverse("admin:delegations_delegation_change", args=[demo.pk]))

    # 1. Funding: the SKEW check warns that the seven-day visit is longer than the programme funds.
    funding_page = follow(client, start, "Förderung: Regeln prüfen")
    page = funding_page.content.decode()
    assert "SKEW" in page or "Servicestelle Kommunen" in page
    assert "Die Reise dauert 7 Tage, das Programm fördert höchstens 5 Tage." in page

    # 2. Book a cost with its receipt through the page's own form.
    booked_before = sum(Cost.objects.filter(line__funding__delegation=demo).values_list("amount", flat=True))
    data = admin_form_data(funding_page)
    upload = io.BytesIO(_png())
    upload.name = "taxi-quittung.png"
    data.update(
        # The form's list of budget lines: the planner picks local transport.
        line=str(BudgetLine.objects.get(funding__delegation=demo, category=CostCategory.TRANSPORT).pk),
        description="Taxi Hotel–Kreishaus (Nachbuchung)",
        payee="Taxi Kleve",
        amount="87,50",
        spent_on=dt.date(2025, 11, 18).isoformat(),
        receipt=upload,
    )
    booked = client.post(funding_page.wsgi_request.path, data)
    assert booked.status_code == 302, booked.content.decode()[:2000]
    cost = Cost.objects.get(description="Taxi Hotel–Kreishaus (Nachbuchung)")
    assert cost.amount == Decimal("87.50")
    booked_now = booked_before + cost.amount

    # 3. The proof of use, as PDF and XLSX, sums what is booked.
    funding_page = client.get(booked["Location"])
    proof = pdf_text(follow(client, funding_page, "Verwendungsnachweis (PDF)"))
    assert "Taxi Hotel–Kreishaus (Nachbuchung)" in proof
    assert f"{booked_now:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in proof
    xlsx = follow(client, funding_page, "Verwendungsnachweis (XLSX)")
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx.content), data_only=True)
    numbers = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, int | float | Decimal)
    ]
    assert any(abs(Decimal(str(number)) - booked_now) < Decimal("0.005") for number in numbers)

    # 4. Invitation letters for every member, then all of them as one PDF: names in both scripts.
    letters_page = follow(client, start, "Einladungsschreiben und Namensschilder")
    issue = client.post(reverse("letters:issue", args=[demo.pk]))
    assert issue.status_code == 302
    letters_page = client.get(letters_page.wsgi_request.path)
    letters = pdf_text(follow(client, letters_page, "Alle Schreiben als ein PDF"))
    head = demo.members.get(is_head=True)
    assert head.last_name in letters
    assert head.last_name_original in letters
    assert re.search(r"KLE-P-\d{4}-\d{4}", letters)

    # 5. Badges for the members.
    badges = client.get(reverse("letters:badges", args=[demo.pk]))
    badge_text = pdf_text(badges)
    assert head.last_name_original in badge_text

    # 6. The ceremony's seating plan, from the protocol page.
    protocol_page = follow(client, start, "Protokoll: Rangfolge")
    ceremony = demo.programme_items.filter(kind=ItemKind.CEREMONY).first()
    running_order = follow(client, protocol_page, str(ceremony.title))
    seating = pdf_text(follow(client, running_order, "PDF"))
    assert head.last_name_original in seating
    place_cards = pdf_text(follow(client, running_order, "Tischkarten"))
    assert head.last_name in place_cards

    # 7. Two commitments from a company visit, through the follow-up page's "add" links.
    followup_page = follow(client, start, "Nachbereitung: Ergebnisse")
    appointment = demo.appointments.exclude(programme_item=None).first()
    texts = [
        "Die Stadtwerke schicken bis Januar ein Angebot für eine Schulung zum Energiemonitoring.",
        "Die Gäste benennen zwei Ansprechpersonen für die Wärmeplanung in Podilsk.",
    ]
    parser = _Links()
    parser.feed(followup_page.content.decode())
    add_links = [href for label, href in parser.links if "Ergebnis oder Zusage hinzufügen" in label]
    add_url = next(href for href in add_links if f"appointment={appointment.pk}" in href)
    for text, side in zip(texts, ["host", "guest"], strict=True):
        form = client.get(add_url)
        assert form.status_code == 200
        saved = client.post(
            add_url.replace("&amp;", "&"),
            admin_form_data(form, kind="commitment", text=text, committed_by=side),
        )
        assert saved.status_code == 302, saved.content.decode()[:3000]

    # 8. The visit report holds the programme as held and the new commitments.
    followup_page = client.get(followup_page.wsgi_request.path)
    report = pdf_text(follow(client, followup_page, "PDF"))
    assert "Besuchsbericht" in report
    flat = " ".join(report.split())
    for text in texts:
        assert text in flat
