"""Every kind of PDF the project makes is PDF/UA-1, checked rather than assumed: each is made from the demo
visit as staff or the guest get it, parsed back and checked by the machine PDF/UA checker (pdfua) and by
assertions of our own (tests/documents.py): marked, a structure tree, /Lang, the title shown, every figure
with alternative text, table headers with scope, lists as lists, text with its Unicode (Cyrillic included),
passages in another language marked so. The guest itinerary and an invitation letter are read in a reader's
order."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from delegations import roles
from demo.loader import seed_demo
from letters.models import check_url
from tests import documents
from tests.factories_letters import LetterheadFactory
from visits import services

pytestmark = pytest.mark.django_db  # the module's documents are made once, in a transaction rolled back after

# kind: (language, a phrase of the title)
KINDS = {
    "guest-itinerary-uk": ("uk", "Делегація Подільського району"),
    "guest-itinerary-en": ("en", "Delegation from Podilsk Raion"),
    "guest-itinerary-de": ("de", "Delegation aus dem Rajon Podilsk"),
    "briefing-book-de": ("de", "Besuchermappe"),
    "briefing-book-uk": ("uk", "Делегація Подільського району"),
    "briefing-book-en": ("en", "Delegation from Podilsk Raion"),
    "list-catering": ("de", "Verpflegungsliste"),
    "list-transport": ("de", "Transferliste"),
    "list-hotel": ("de", "Hotelliste"),
    "list-interpreters": ("de", "Dolmetscheinsätze"),
    "visit-report-de": ("de", "Besuchsbericht"),
    "visit-report-uk": ("uk", "Звіт про візит"),
    "visit-report-en": ("en", "Visit report"),
    "proof-of-use": ("de", "Verwendungsnachweis"),
    "invitation-letter": ("de", "Einladungsschreiben"),
    "invitation-letters-all": ("de", "Einladungsschreiben"),
    "badges-members": ("de", "Namensschilder"),
    "badges-hosts": ("de", "Namensschilder"),
    "place-cards-delegation": ("de", "Tischkarten"),
    "place-cards-ceremony": ("de", "Tischkarten"),
    "running-order-and-seating-plan": ("de", "Ablauf und Sitzordnung"),
    "demo-receipt": ("de", "Rechnung"),
}


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (11, 61, 107)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """Every kind of document of the demo visit, made once for the module in a transaction rolled back after:
    (kind: PDF bytes, and what the tests compare them with)."""
    from funding.models import Cost
    from protocol.models import SeatingPlan

    with django_db_blocker.unblock(), transaction.atomic():
        delegation = seed_demo(now=timezone.now(), make_logins=False, as_held=True).delegation
        LetterheadFactory().logo.save("logo.png", ContentFile(_logo()))
        planner = get_user_model().objects.create_user("planner-documents", is_staff=True)
        planner.groups.add(Group.objects.get(name=roles.PLANNERS))
        staff = Client()
        staff.force_login(planner)
        staff.post(reverse("letters:issue", args=[delegation.pk]))
        head = delegation.members.get(is_head=True)
        access, token = services.issue_guest_access(delegation=delegation, member=head)
        ceremony = SeatingPlan.objects.filter(programme_item__delegation=delegation).first().programme_item
        pk = {"pk": delegation.pk}
        urls = {
            **{f"guest-itinerary-{code}": f"/g/{token}/{code}/programm.pdf" for code in ("uk", "en", "de")},
            "briefing-book-de": reverse("documents:briefing-book", kwargs=pk),
            "briefing-book-uk": reverse("documents:briefing-book", kwargs=pk) + "?lang=uk",
            "briefing-book-en": reverse("documents:briefing-book", kwargs=pk) + "?lang=en",
            **{
                f"list-{kind}": reverse("documents:download", kwargs={**pk, "kind": kind, "fmt": "pdf"})
                for kind in ("catering", "transport", "hotel", "interpreters")
            },
            "visit-report-de": reverse("followup:report", kwargs=pk),
            "visit-report-uk": reverse("followup:report", kwargs=pk) + "?lang=uk",
            "visit-report-en": reverse("followup:report", kwargs=pk) + "?lang=en",
            "proof-of-use": reverse("funding:proof", kwargs={**pk, "fmt": "pdf"}),
            "invitation-letter": reverse("letters:member-pdf", kwargs={**pk, "member_pk": head.pk}),
            "invitation-letters-all": reverse("letters:delegation-pdf", kwargs=pk),
            "badges-members": reverse("letters:badges", kwargs=pk),
            "badges-hosts": reverse("letters:badges", kwargs=pk) + "?who=hosts",
            "place-cards-delegation": reverse("protocol:place-cards", kwargs=pk),
            "place-cards-ceremony": reverse("protocol:item-place-cards", kwargs={"item_pk": ceremony.pk}),
            "running-order-and-seating-plan": reverse(
                "protocol:running-order-pdf", kwargs={"item_pk": ceremony.pk}
            ),
        }
        pdfs = {}
        for kind, url in urls.items():
            response = (Client() if kind.startswith("guest-") else staff).get(url)
            assert response.status_code == 200, (kind, response.status_code)
            pdfs[kind] = documents.pdf_bytes(response)
        receipt = Cost.objects.of_delegation(delegation).filter(receipt__endswith=".pdf").first().receipt
        with receipt.open("rb") as drawn:  # drawn by the demo through the same renderer
            pdfs["demo-receipt"] = drawn.read()
        facts = {
            "head": (head.full_name, head.original_name),
            "delegation_title_uk": delegation.title_uk,
            "letter_check_url": check_url(head.invitation_letter.code),
            "guest_link": services.guest_link_url(token),
            "programme": _guest_programme(access),
            "long_paragraph": _longest_paragraph(access),
        }
        transaction.set_rollback(True)
    return pdfs, facts


def _guest_programme(access) -> list[tuple[str, list[str]]]:
    """(day heading, [item titles]) of the link's released programme in Ukrainian, in the page's order."""
    from django.utils.formats import date_format

    from visits.exports.itinerary import build_itinerary

    with translation.override("uk"):
        itinerary = build_itinerary(access, now=timezone.now())
        return [
            (
                f"{date_format(day.date, 'l')}, {date_format(day.date, 'DATE_FORMAT')}",
                [entry.item.title for entry in day.entries],
            )
            for day in itinerary.days
        ]


def _longest_paragraph(access) -> str:
    """The longest paragraph of an item's description in the member's Ukrainian itinerary."""
    from visits.exports.itinerary import build_itinerary

    with translation.override("uk"):
        itinerary = build_itinerary(access, now=timezone.now())
        paragraphs = [
            paragraph
            for entry in itinerary.entries
            for paragraph in (entry.item.description or "").split("\n\n")
        ]
    return documents.squeezed(max(paragraphs, key=len))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_document_is_pdf_ua(made, kind):
    pdfs, _facts = made
    language, title = KINDS[kind]
    documents.assert_accessible(pdfs[kind], language=language)
    with documents._pikepdf(pdfs[kind]) as pdf:
        assert title in str(pdf.docinfo.Title)


def test_the_checker_fails_an_untagged_document():
    """The check can fail: the same kind of HTML without PDF/UA is refused, for the reasons it lacks."""
    from weasyprint import HTML

    plain = HTML(string='<html lang="de"><title>T</title><h1>Kreis Kleve</h1><img src="data:,">').write_pdf()
    problems = documents.accessibility_problems(plain, language="de")
    assert any("MarkInfo" in problem for problem in problems)
    assert any("StructTreeRoot" in problem for problem in problems)
    assert any(problem.startswith("UA-01-005") for problem in problems)  # pdfua: no structure tree


@pytest.mark.parametrize(
    ("kind", "alternatives"),
    [
        ("guest-itinerary-uk", ["QR-код: посилання на Вашу програму"]),
        ("guest-itinerary-en", ["QR code: link to your itinerary"]),
        ("guest-itinerary-de", ["QR-Code: Link zu Ihrem Programm"]),
        ("invitation-letter", ["Logo: Kreis Kleve", "QR-Code: Link zur Prüfseite dieses Schreibens"]),
    ],
)
def test_logo_and_qr_codes_have_their_alternative_text(made, kind, alternatives):
    pdfs, _facts = made
    assert [figure.alt for figure in documents.structure(pdfs[kind]).find_all("Figure")] == alternatives


def test_the_badges_logo_and_the_reports_photos_are_described(made):
    pdfs, _facts = made
    badges = documents.structure(pdfs["badges-members"]).find_all("Figure")
    assert badges and {figure.alt for figure in badges} == {"Logo: Kreis Kleve"}
    photos = documents.structure(pdfs["visit-report-uk"]).find_all("Figure")
    assert photos and all(figure.alt.startswith("Ілюстрація: ") for figure in photos)


@pytest.mark.parametrize(
    "kind",
    [
        "invitation-letter",
        "badges-members",
        "list-hotel",
        "briefing-book-de",
        "running-order-and-seating-plan",
    ],
)
def test_a_cyrillic_name_in_a_german_document_is_marked_ukrainian(made, kind):
    pdfs, facts = made
    _latin, cyrillic = facts["head"]
    tree = documents.structure(pdfs[kind])
    assert cyrillic in tree.text  # extracted with its Unicode
    marked = [element for element in tree.walk() if element.lang == "uk" and cyrillic in element.text]
    assert marked, f"{cyrillic!r} is in no element with /Lang uk"
    assert all(element.lang in ("", "de", "uk") for element in tree.walk())


def test_the_ukrainian_itinerary_has_its_text_in_cyrillic(made):
    pdfs, facts = made
    text = documents.reading_order(pdfs["guest-itinerary-uk"])
    assert facts["delegation_title_uk"] in text
    assert "Програма" in text


def test_the_guest_itinerary_reads_in_the_order_of_the_programme(made):
    """Headings, then each day with its items in time order, then the practical part and the taxi cards: the
    same order in the structure tree (what a screen reader reads) and in the text as drawn (what reflow and
    text extraction give), with the title first and the QR code's caption after the heading block."""
    pdfs, facts = made
    pdf = pdfs["guest-itinerary-uk"]
    tree = documents.structure(pdf)
    headings = [(element.role, element.text) for element in tree.walk() if element.role in ("H1", "H2", "H3")]
    assert headings[0] == ("H1", facts["delegation_title_uk"])
    days = [label for label, _titles in facts["programme"]]
    assert [text for role, text in headings if role == "H3"][: len(days)] == days
    expected = [facts["delegation_title_uk"], "Відскануйте", "Програма"]
    for label, titles in facts["programme"]:
        expected += [label, *titles]
    expected += ["Готель, контакти, екстрені служби", "Адреси для таксі"]
    documents.assert_in_order(tree.text, *expected)
    documents.assert_in_order(documents.squeezed(documents.text(pdf)), *expected)
    # Each day is a section with its heading and one list of its items, also where it runs over a page break.
    day_sections = [
        element
        for element in tree.walk()
        if element.role == "Sect" and element.children and element.children[0].role == "H3"
    ][: len(days)]
    assert [section.children[0].text for section in day_sections] == days
    items = [[child for child in section.children if child.role == "L"] for section in day_sections]
    assert [[len(found.children) for found in lists] for lists in items] == [
        [len(titles)] for _label, titles in facts["programme"]
    ]


def test_the_invitation_letter_reads_one_language_after_the_other(made):
    """German whole, then Ukrainian whole (not line by line across the columns), then signature and check
    URL; the Ukrainian column is marked as Ukrainian. The same order in the tree and in the text as drawn."""
    pdfs, facts = made
    pdf = pdfs["invitation-letter"]
    latin, cyrillic = facts["head"]
    expected = [
        "Kreis Kleve",
        "Aktenzeichen",
        "Einladungsschreiben",
        latin,
        "Hiermit laden wir",
        "Zweck des Besuchs",
        "Mit freundlichen Grüßen",
        "Лист-запрошення",
        cyrillic,
        "Цим ми запрошуємо",
        "Мета візиту",
        "З повагою",
        facts["letter_check_url"],
    ]
    tree = documents.structure(pdf)
    documents.assert_in_order(tree.text, *expected)
    documents.assert_in_order(documents.squeezed(documents.text(pdf)), *expected)
    versions = [element for element in tree.walk() if element.role == "Sect"]
    assert [version.lang for version in versions] == ["de", "uk"]
    assert versions[1].text.startswith("Лист-запрошення")
    assert not tree.find_all("Table")[1:]  # the reference and date only: the columns are no data table


def test_qr_codes_decode_to_the_guests_link_and_the_letters_check_page(made):
    pdfs, facts = made
    assert documents.qr_codes(pdfs["guest-itinerary-uk"]) == [facts["guest_link"]]
    letter = pdfs["invitation-letter"]
    assert facts["letter_check_url"] in documents.qr_codes(letter, page=documents.page_count(letter) - 1)


def test_running_titles_and_page_numbers_are_artifacts(made):
    """Printed on every page, read by nobody: outside the structure tree, marked as pagination artifacts."""
    pdfs, _facts = made
    pdf = pdfs["briefing-book-de"]
    first_page, second_page = documents.page_texts(pdf)[:2]
    assert "2 / " in second_page  # the page number is printed
    reading = documents.reading_order(pdf)
    assert "Besuchermappe · " not in reading  # the running title is not read
    assert " 2 / " not in f" {reading} "
    with documents._pikepdf(pdf) as document:
        import pikepdf

        operators = pikepdf.parse_content_stream(document.pages[1], "BDC BMC")
        artifacts = [operands for operands, operator in operators if operands[0] == pikepdf.Name.Artifact]
        assert any(len(operands) == 2 and operands[1].get("/Type") == "/Pagination" for operands in artifacts)
    assert first_page


def test_the_guest_itinerary_reflows_by_paragraphs_not_lines(made):
    """A paragraph that wraps over several printed lines is one tagged paragraph, so a reader that reflows
    the document (a phone's PDF viewer, a screen magnifier) puts its lines together again."""
    pdfs, facts = made
    pdf = pdfs["guest-itinerary-uk"]
    paragraph = facts["long_paragraph"]
    assert len(paragraph) > 150
    paragraphs = [element.text for element in documents.structure(pdf).find_all("P")]
    assert paragraph in paragraphs
    assert paragraph not in documents.lines(pdf)  # on paper it wraps over several lines


STYLESHEETS = (
    "static/documents/print.css",
    "static/guest/pdf.css",
    "letters/static/letters/letter.css",
    "letters/static/letters/badges.css",
    "protocol/static/protocol/seating.css",
    "protocol/static/protocol/place-cards.css",
    "funding/static/funding/proof.css",
    "followup/static/followup/report.css",
)


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(digit * 2 for digit in value)
    channels = [int(value[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colours(path: str) -> tuple[list[str], list[str]]:
    """(text colours, background colours) a stylesheet names."""
    import re
    from pathlib import Path

    css = re.sub(r"/\*.*?\*/", "", (Path(__file__).resolve().parent.parent / path).read_text(), flags=re.S)
    return (
        re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b", css),
        re.findall(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})\b", css),
    )


@pytest.mark.parametrize("path", STYLESHEETS)
def test_every_text_colour_of_the_documents_reads_at_4_5_to_1(path):
    """Each text colour against white and against every background the same stylesheet paints (WCAG 1.4.3)."""
    colours, painted = _colours(path)
    backgrounds = ["#fff", *painted]
    weak = [
        (colour, background, round(contrast(colour, background), 2))
        for colour in colours
        for background in backgrounds
        if contrast(colour, background) < 4.5
    ]
    assert weak == []


def test_contrast_is_computed_as_wcag_does():
    assert sum(len(_colours(path)[0]) for path in STYLESHEETS) > 20  # the colours are found at all
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#767676", "#fff"), 2) == 4.54
    assert contrast("#777", "#fff") < 4.5
