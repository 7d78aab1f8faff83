"""The guest itinerary as a PDF, from the page's own templates and stylesheet, with a QR code of the link.

    build_itinerary_pdf(context, *, link_url, language) -> bytes

`context` is what the itinerary page renders (``itinerary``, ``delegation``, ``member``, ``holder_name``).
Fonts are named in ``guest/pdf.css`` (DejaVu Sans, then Noto Sans), both of which carry Cyrillic; WeasyPrint
may load nothing but ``data:`` URIs, so a document can never make it fetch from the network or the disk.
"""

from django.utils import translation

from visits.documents.pdf import render_pdf

STYLESHEETS = ("guest/guest.css", "guest/pdf.css")


def qr_code_data_uri(url: str) -> str:
    """The link as a QR code, an SVG data URI sharp at any print size."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def build_itinerary_pdf(context: dict, *, link_url: str, language: str) -> bytes:
    """Render the itinerary in `language` to PDF bytes (through the documents' one PDF renderer)."""
    with translation.override(language):
        return render_pdf(
            "guest/itinerary_pdf.html",
            {**context, "qr_code": qr_code_data_uri(link_url), "link_url": link_url},
            stylesheets=STYLESHEETS,
        )
