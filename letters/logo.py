"""The letterhead's logo: checked by its content with Pillow (PNG or JPEG only), and embedded in PDFs.

The file name and the browser's content type prove nothing; only what Pillow decodes counts. PDFs may load
nothing but ``data:`` URIs (see `visits.documents.pdf`), so the logo goes into them as one.
"""

import base64

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import ImageRefused, open_checked, refuse_too_large

ALLOWED_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000


def _decoded_format(fileobj) -> str | None:
    """The format Pillow finds after decoding the whole image; None for anything it refuses."""
    try:
        return open_checked(fileobj, formats=ALLOWED_FORMATS, max_pixels=MAX_PIXELS).format
    except ImageRefused:
        return None


def validate_logo(upload) -> None:
    """Refuse an upload that is too large or that Pillow does not decode as a PNG or JPEG image.

    A logo already stored was checked when it came in; saving the letterhead again does not read it back.
    """
    if getattr(upload, "_committed", False):
        return
    refuse_too_large(
        upload, max_bytes=MAX_BYTES, message=_("Das Logo ist %(size)s groß; erlaubt sind höchstens %(max)s.")
    )
    if _decoded_format(upload) not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Das Logo muss ein PNG- oder JPEG-Bild sein."),
            code="format",
        )


def logo_data_uri(letterhead) -> str:
    """The letterhead's logo as a data URI for WeasyPrint; empty without a (readable, allowed) logo."""
    if not letterhead.logo:
        return ""
    try:
        with letterhead.logo.open("rb") as handle:
            content = handle.read()
    except OSError:
        return ""
    from io import BytesIO

    image_format = _decoded_format(BytesIO(content))
    if image_format not in ALLOWED_FORMATS:
        return ""
    return f"data:{ALLOWED_FORMATS[image_format]};base64,{base64.b64encode(content).decode('ascii')}"
