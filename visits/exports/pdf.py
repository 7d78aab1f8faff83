"""The guest itinerary as a PDF, from the page's own templates and stylesheet, with a QR code of the link.

    build_itinerary_pdf(context, *, link_url, language) -> bytes

`context` is what the itinerary page renders (``itinerary``, ``delegation``, ``member``, ``holder_name``).
Fonts are named in ``guest/pdf.css`` (DejaVu Sans, then Noto Sans), both of which carry Cyrillic; WeasyPrint
may load nothing but ``data:`` URIs, so a document can never make it fetch from the network or the disk.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STYLESHEETS = ("guest/guest.css", "guest/pdf.css")


def qr_code_data_uri(url: str) -> str:
    """The link as a QR code, an SVG data URI sharp at any print size."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def _stylesheet_text(name: str) -> str:
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(name)
    return Path(path).read_text(encoding="utf-8")


def build_itinerary_pdf(context: dict, *, link_url: str, language: str) -> bytes:
    """Render the itinerary in `language` to PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    with translation.override(language):
        html = render_to_string(
            "guest/itinerary_pdf.html",
            {**context, "qr_code": qr_code_data_uri(link_url), "link_url": link_url},
        )
    stylesheets = [CSS(string=_stylesheet_text(name), url_fetcher=fetcher) for name in STYLESHEETS]
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=stylesheets)
