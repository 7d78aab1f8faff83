"""Nothing hides a language gap: a text a reader gets in another language than their own carries that
language's `lang` and a note ("лише німецькою"), on the guest page, its PDF and the public visit page; the
readiness check counts the same gaps by the same rule."""

import html
import re
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests import factories
from tests.factories import berlin
from visits import enums as v
from visits import readiness, services
from visits.content_language import shown_text
from visits.models import ReleasedItem

pytestmark = pytest.mark.django_db

# The notes in Ukrainian and English, for the lead to merge into locale/ (helpers do not edit it). Until then
# they are put into the loaded catalogues for these tests; once merged, the catalogues' own are used.
PENDING_TRANSLATIONS = {
    "uk": {
        "nur auf Deutsch": "лише німецькою",
        "nur auf Englisch": "лише англійською",
        "nur auf Ukrainisch": "лише українською",
    },
    "en": {
        "nur auf Deutsch": "German only",
        "nur auf Englisch": "English only",
        "nur auf Ukrainisch": "Ukrainian only",
    },
}


@pytest.fixture(autouse=True)
def pending_translations():
    added = []
    for language, strings in PENDING_TRANSLATIONS.items():
        catalog = trans_real.translation(language)._catalog
        for msgid, msgstr in strings.items():
            if msgid not in catalog:
                catalog[msgid] = msgstr
                added.append((catalog, msgid))
    cache.clear()  # pages cached by an earlier test of the same keys
    yield
    for catalog, msgid in added:
        del catalog._catalogs[0][msgid]
    cache.clear()


@pytest.fixture
def visit():
    """A public visit with a Ukrainian and an English reader and items translated to different degrees."""
    delegation = factories.DelegationFactory(is_public=True, title="Besuch aus Podilsk")
    oksana = factories.MemberFactory(delegation=delegation, preferred_language="uk")
    petro = factories.MemberFactory(delegation=delegation, preferred_language="en")
    item = factories.ProgrammeItemFactory
    items = {
        "german": item(
            delegation=delegation,
            title="Empfang beim Landrat",
            title_uk="",
            title_en="",
            transport_note="Bus ab Hotel",
            visibility=v.Visibility.PUBLIC,
            starts_at=berlin(2025, 11, 17, 10),
            ends_at=berlin(2025, 11, 17, 11),
        ),
        "english": item(
            delegation=delegation,
            title="Werksbesichtigung",
            title_uk="Екскурсія заводом",
            title_en="Factory tour",
            description="Rundgang durch die Halle",
            description_en="A walk through the hall",
            visibility=v.Visibility.PUBLIC,
            starts_at=berlin(2025, 11, 17, 14),
            ends_at=berlin(2025, 11, 17, 15),
        ),
        "translated": item(
            delegation=delegation,
            title="Abendessen",
            title_uk="Вечеря",
            title_en="Dinner",
            description="Im Ratskeller",
            description_uk="У ратушному підвалі",
            description_en="In the town hall cellar",
            visibility=v.Visibility.PUBLIC,
            starts_at=berlin(2025, 11, 17, 19),
            ends_at=berlin(2025, 11, 17, 21),
        ),
    }
    factories.release(delegation, accept_reason="Die Lücken sind, was hier geprüft wird.")
    tokens = {
        "oksana": services.issue_guest_access(delegation=delegation, member=oksana)[1],
        "petro": services.issue_guest_access(delegation=delegation, member=petro)[1],
    }
    return {"delegation": delegation, "items": items, "tokens": tokens}


def article(page: str, item) -> str:
    start = page.index(f'id="item-{item.pk}"')
    return page[start : page.index("</article>", start)]


def guest_page(client, token, language) -> str:
    return html.unescape(client.get(f"/g/{token}/{language}/").content.decode())


def test_a_german_only_title_on_a_ukrainian_page_says_so_in_ukrainian(client, visit):
    page = guest_page(client, visit["tokens"]["oksana"], "uk")
    german = article(page, visit["items"]["german"])
    item = visit["items"]["german"]

    assert f'<h4 class="entry-title" id="item-{item.pk}-title" lang="de">Empfang beim Landrat</h4>' in german
    assert '<span class="language-gap">лише німецькою</span>' in german
    # the transport note too, in its own element with its language, the note beside it
    assert '<span lang="de">Bus ab Hotel</span> <span class="language-gap">лише німецькою</span>' in german


def test_an_english_fallback_on_a_ukrainian_page_is_marked_english(client, visit):
    page = guest_page(client, visit["tokens"]["oksana"], "uk")
    english = article(page, visit["items"]["english"])
    assert '<div class="entry-description" lang="en"><p>A walk through the hall</p></div>' in english
    assert '<span class="language-gap">лише англійською</span>' in english
    # its title is Ukrainian: no lang of its own, no note for it
    assert re.search(r'<h4 class="entry-title" id="item-\d+-title">Екскурсія заводом</h4>', english)
    assert english.count('class="language-gap"') == 1


def test_a_translated_item_has_no_note(client, visit):
    page = guest_page(client, visit["tokens"]["oksana"], "uk")
    translated = article(page, visit["items"]["translated"])
    assert "Вечеря" in translated and "У ратушному підвалі" in translated
    assert "language-gap" not in translated and ' lang="' not in translated


def test_an_english_reader_is_told_german_only(client, visit):
    page = guest_page(client, visit["tokens"]["petro"], "en")
    german = article(page, visit["items"]["german"])
    assert 'lang="de">Empfang beim Landrat</h4>' in german
    assert '<span class="language-gap">German only</span>' in german
    assert "language-gap" not in article(page, visit["items"]["english"])


def test_a_german_page_has_no_notes(client, visit):
    page = guest_page(client, visit["tokens"]["oksana"], "de")
    assert "language-gap" not in page


def test_the_public_visit_page_marks_the_same_gaps(client, visit):
    with translation.override("uk"):
        url = reverse("public:visit", kwargs={"slug": visit["delegation"].slug})
    page = html.unescape(client.get(url).content.decode())
    items = visit["items"]
    german = page[page.index(f'id="item-{items["german"].pk}"') :].split("</li>")[0]
    translated = page[page.index(f'id="item-{items["translated"].pk}"') :].split("</li>")[0]
    english = page[page.index(f'id="item-{items["english"].pk}"') :].split("</li>")[0]

    assert '<h4 class="programme-title" lang="de">Empfang beim Landrat' in german
    assert '<span class="language-gap">лише німецькою</span>' in german
    assert '<p class="programme-description" lang="en">A walk through the hall</p>' in english
    assert '<span class="language-gap">лише англійською</span>' in english
    assert "language-gap" not in translated


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_pdf_shares_the_notes(client, visit, tmp_path):
    response = client.get(f"/g/{visit['tokens']['oksana']}/uk/programm.pdf")
    path = tmp_path / "itinerary.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Empfang beim Landrat" in text and "лише німецькою" in text and "лише англійською" in text


def test_the_helper_reads_the_released_copies_columns(visit):
    copy = ReleasedItem.objects.get(item=visit["items"]["english"])
    description = shown_text(copy, "description", "uk")
    assert (description.text, description.language) == ("A walk through the hall", "en")
    assert description.gap is True
    title = shown_text(copy, "title", "uk")
    assert (title.text, title.language, title.gap) == ("Екскурсія заводом", "uk", False)
    with translation.override("uk"):
        assert description.note == "лише англійською"
    assert shown_text(copy, "dress_code", "uk").gap is False  # no text at all is no gap


def test_the_readiness_check_counts_the_gaps_the_pages_mark(visit):
    findings = [
        finding
        for finding in readiness.check(visit["delegation"])
        if finding.code == readiness.Code.MISSING_TRANSLATION
    ]
    german, english = visit["items"]["german"], visit["items"]["english"]
    assert [(f.subject, f.language) for f in findings] == [
        (f"item:{german.pk}:uk", "uk"),
        (f"item:{german.pk}:en", "en"),
        (f"item:{english.pk}:uk", "uk"),
    ]
    assert "für Titel, Transport" in findings[0].text
    assert "für Beschreibung" in findings[2].text
