"""Render a template to PDF bytes with WeasyPrint: the one place that knows how documents become PDFs.

The stylesheets are static files read from disk and handed to WeasyPrint as text, and the URL fetcher allows
only ``data:`` URIs: rendering never touches the network or reads a local file that a template names, so text
typed by guests or staff cannot make the server fetch anything.
"""

from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PRINT_STYLESHEET = "documents/print.css"


def read_static(path: str) -> str:
    """The text of a static file of the application (from its source folders, not from STATIC_ROOT)."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file not found: {path}")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def render_pdf(
    template_name: str, context: dict, *, stylesheets: Sequence[str] = (PRINT_STYLESHEET,)
) -> bytes:
    """The template rendered with `context` (in the active language) as PDF bytes."""
    from weasyprint import CSS, HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    html = render_to_string(template_name, context)
    css = [CSS(string=read_static(path), url_fetcher=fetcher) for path in stylesheets]
    return HTML(string=html, url_fetcher=fetcher, base_url="data:,").write_pdf(stylesheets=css)
