"""The letterhead's logo: checked by its content with Pillow (PNG or JPEG only), and embedded in PDFs.

The file name and the browser's content type prove nothing; only what Pillow decodes counts. PDFs may load
nothing but ``data:`` URIs (see `visits.documents.pdf`), so the logo goes into them as one.
"""

import base64
import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kleve_partnership.pillow import complete_images_only

ALLOWED_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000


def _decoded_format(fileobj) -> str | None:
    """The format Pillow finds after decoding the whole image; None for anything it refuses."""
    from PIL import Image, UnidentifiedImageError

    fileobj.seek(0)
    with warnings.catch_warnings(), complete_images_only():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(fileobj)
            if image.width * image.height > MAX_PIXELS:
                return None
            image.load()
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            return None
        except (OSError, SyntaxError, ValueError):
            return None
        finally:
            fileobj.seek(0)
    return image.format


def validate_logo(upload) -> None:
    """Refuse an upload that is too large or that Pillow does not decode as a PNG or JPEG image.

    A logo already stored was checked when it came in; saving the letterhead again does not read it back.
    """
    if getattr(upload, "_committed", False):
        return
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("Das Logo ist %(size)s groß; erlaubt sind höchstens %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)},
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
