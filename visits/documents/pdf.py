"""Render a template to PDF bytes with WeasyPrint: the one place that knows how documents become PDFs.

Every document is PDF/UA-1: tagged, with a structure tree in reading order, ``/Lang`` from ``<html lang>``
(and on every passage with a ``lang`` of its own), the ``<title>`` shown as the window title, and alternative
text from each image's ``alt`` (see `visits.documents.tagging` for what is added to WeasyPrint's own tagging).

The stylesheets are static files read from disk and handed to WeasyPrint as text, and the URL fetcher allows
only ``data:`` URIs: rendering never touches the network or reads a local file that a template names, so text
typed by guests or staff cannot make the server fetch anything.

Fast enough to print at the desk: WeasyPrint, its fonts and the parsed stylesheets are loaded once per process
(`warm_up`, called when an application server starts), and a rendered PDF is kept in the cache under the hash
of its HTML and stylesheets, so the same document again costs a template render. The moment a document was
printed ("Stand: …", marked ``data-print-moment`` in the templates) does not count for that hash: a copy made
a few minutes ago from the same data is handed out again, with its own moment.
"""

import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Sequence

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

PRINT_STYLESHEET = "documents/print.css"
PDF_VARIANT = "pdf/ua-1"

# The passages that say when a document was printed: left out of the cache key (see the module's docstring).
_PRINT_MOMENT = re.compile(r"<(\w+)\b[^>]*\sdata-print-moment(?=[\s>=])[^>]*>.*?</\1>", re.S)

# One render at a time per process: WeasyPrint's font configuration and the parsed stylesheets are shared,
# and rendering holds the GIL anyway.
_lock = threading.RLock()
_font_config = None
_stylesheets: dict[str, tuple[float, str, object]] = {}  # path: (modified, digest, weasyprint.CSS)


def read_static(path: str) -> str:
    """The text of a static file of the application (from its source folders, not from STATIC_ROOT)."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file not found: {path}")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def _url_fetcher():
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def _fonts():
    """WeasyPrint's font configuration, made once per process (with WeasyPrint's tagging completed)."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        from .tagging import install

        install()
        _font_config = FontConfiguration()
    return _font_config


def _stylesheet(path: str) -> tuple[str, object]:
    """(digest, parsed stylesheet) of a static file, parsed again only when the file changed on disk."""
    from weasyprint import CSS

    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file not found: {path}")
    modified = os.stat(found).st_mtime
    known = _stylesheets.get(path)
    if known is None or known[0] != modified:
        text = read_static(path)
        parsed = CSS(string=text, url_fetcher=_url_fetcher(), font_config=_fonts())
        known = (modified, hashlib.sha256(text.encode()).hexdigest(), parsed)
        _stylesheets[path] = known
    return known[1], known[2]


def _cache_key(html: str, digests: Sequence[str]) -> str:
    from weasyprint import __version__ as weasyprint_version

    stable = _PRINT_MOMENT.sub("", html)
    digest = hashlib.sha256()
    for part in (PDF_VARIANT, weasyprint_version, settings.RELEASE_NAME, *digests, stable):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"document-pdf:{digest.hexdigest()}"


def _cache():
    return caches["documents" if "documents" in settings.CACHES else "default"]


def html_to_pdf(html: str, *, stylesheets: Sequence[str] = (PRINT_STYLESHEET,)) -> bytes:
    """The HTML as PDF/UA-1 bytes, from the cache when the same HTML was rendered before."""
    with _lock:
        parsed = [_stylesheet(path) for path in stylesheets]
        key = _cache_key(html, [digest for digest, _css in parsed])
        cached = _cache().get(key)
        if cached is not None:
            return cached
        from weasyprint import HTML

        content = HTML(string=html, url_fetcher=_url_fetcher(), base_url="data:,").write_pdf(
            stylesheets=[css for _digest, css in parsed], font_config=_fonts(), pdf_variant=PDF_VARIANT
        )
    _cache().set(key, content, settings.DOCUMENT_CACHE_SECONDS)
    return content


def render_pdf(
    template_name: str, context: dict, *, stylesheets: Sequence[str] = (PRINT_STYLESHEET,)
) -> bytes:
    """The template rendered with `context` (in the active language) as PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


WARM_UP_HTML = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kreis Kleve</title></head>
<body><h1>Kreis Kleve</h1><p>Straße, Größe <strong>fett</strong> <em>kursiv</em>
<span lang="uk">Україна: ґ, є, ї</span></p><table><tr><th scope="col">A</th></tr><tr><td>1</td></tr></table>
</body></html>"""


def warm_up(stylesheets: Sequence[str] = (PRINT_STYLESHEET, "guest/guest.css", "guest/pdf.css")) -> None:
    """Load WeasyPrint, its fonts (Latin and Cyrillic, regular, bold and italic) and the stylesheets once, at
    the start of an application server, so the first document after a start is as quick as any other."""
    started = time.perf_counter()
    try:
        from weasyprint import HTML

        with _lock:
            parsed = [_stylesheet(path)[1] for path in stylesheets]
            HTML(string=WARM_UP_HTML, url_fetcher=_url_fetcher(), base_url="data:,").write_pdf(
                stylesheets=parsed, font_config=_fonts(), pdf_variant=PDF_VARIANT
            )
    except Exception:  # a server that cannot print yet still serves pages; the first PDF shows the error
        logger.exception("warming up the PDF renderer failed")
        return
    logger.info("PDF renderer ready in %.2f s", time.perf_counter() - started)
