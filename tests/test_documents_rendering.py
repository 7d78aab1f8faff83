"""The PDF renderer (visits/documents/pdf.py): the same document again comes from the cache, whatever moment
it was printed at; anything else in it renders anew; the start-up warm-up leaves a working renderer."""

import pytest
from django.core.cache import caches

from tests import documents
from visits.documents import pdf


@pytest.fixture
def renders(monkeypatch, settings):
    """How often WeasyPrint really renders, with a cache of the test's own."""
    settings.CACHES = {
        **settings.CACHES,
        "documents": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pdf-test"},
    }
    caches["documents"].clear()
    from weasyprint import HTML

    calls = []
    write_pdf = HTML.write_pdf

    def counting(self, *args, **kwargs):
        calls.append(kwargs.get("pdf_variant"))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counting)
    yield calls
    caches["documents"].clear()


def page(body: str, moment: str = "07.12.2026 09:15") -> str:
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Liste</title></head><body>'
        f'<h1>Liste</h1><p class="note" data-print-moment>Stand: {moment}</p><p>{body}</p></body></html>'
    )


def test_the_same_document_again_comes_from_the_cache(renders):
    first = pdf.html_to_pdf(page("Olena Koval"))
    again = pdf.html_to_pdf(page("Olena Koval", moment="07.12.2026 09:40"))
    assert renders == ["pdf/ua-1"]
    assert again == first
    assert "Stand: 07.12.2026 09:15" in documents.text(again)  # the copy keeps the moment it was made


def test_a_changed_document_renders_anew(renders):
    pdf.html_to_pdf(page("Olena Koval"))
    changed = pdf.html_to_pdf(page("Olena Kovalenko"))
    assert len(renders) == 2
    assert "Olena Kovalenko" in documents.text(changed)


def test_another_stylesheet_renders_anew(renders):
    pdf.html_to_pdf(page("Olena Koval"))
    pdf.html_to_pdf(page("Olena Koval"), stylesheets=("documents/print.css", "funding/proof.css"))
    assert len(renders) == 2


def test_the_warm_up_leaves_a_working_renderer(caplog):
    with caplog.at_level("INFO", logger="visits.documents.pdf"):
        pdf.warm_up()
    assert "PDF renderer ready" in caplog.text
    content = pdf.html_to_pdf(page("Україна"))
    documents.assert_accessible(content, language="de")
    assert "Україна" in documents.text(content)
