"""Receipts of costs: an upload is checked by its content (PDF, JPEG or PNG, at most 10 MB) and kept in the
private storage beside the photo originals, which no URL reaches; `funding.views.receipt` serves it to those
who may see receipts.
"""

import secrets

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from core.images import ImageRefused, open_checked, refuse_too_large
from core.storage import private_storage

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
# A scanned receipt needs far less; decoding is what costs memory.
MAX_PIXELS = 40_000_000
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
_IMAGE_SUFFIXES = {"JPEG": "jpg", "PNG": "png"}


def receipt_storage():
    return private_storage()


def receipt_upload_to(instance, filename: str) -> str:
    # A random name outside any public path; the suffix is the one the check found, set by `check_receipt`.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"receipts/{secrets.token_hex(16)}.{suffix}"


def _is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-1.") and not head.startswith(b"%PDF-2."):
        return False
    # A real PDF ends with its trailer marker (allowing for trailing whitespace or a short postscript).
    size = upload.size if getattr(upload, "size", None) is not None else None
    if size is not None and size > 2048:
        upload.seek(size - 2048)
    else:
        upload.seek(0)
    return b"%%EOF" in upload.read()


def _image_format(upload) -> str | None:
    """JPEG or PNG if the file decodes fully as one of them, else None."""
    try:
        return open_checked(upload, formats=_IMAGE_SUFFIXES, max_pixels=MAX_PIXELS).format
    except ImageRefused:
        return None


def check_receipt(upload) -> str:
    """The suffix (pdf, jpg, png) that the upload's content shows, or a ValidationError that says why not."""
    refuse_too_large(
        upload,
        max_bytes=MAX_RECEIPT_BYTES,
        message=_("Der Beleg ist %(size)s groß; erlaubt sind höchstens %(max)s."),
    )
    if getattr(upload, "size", None) == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    try:
        if _is_pdf(upload):
            return "pdf"
        image_format = _image_format(upload)
    finally:
        upload.seek(0)
    if image_format:
        return _IMAGE_SUFFIXES[image_format]
    raise ValidationError(
        _(
            "Die Datei ist weder ein PDF noch ein JPEG- oder PNG-Bild, auch wenn ihr Name so aussieht. "
            "Bitte den Beleg als PDF, JPEG oder PNG hochladen."
        ),
        code="not_a_receipt",
    )


def download_name(original: str, suffix: str) -> str:
    """The original name, made safe, with the suffix the content showed: the name a download gets."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        base = get_valid_filename(stem)
    except SuspiciousFileOperation:
        base = "beleg"
    return f"{base[:80]}.{suffix}"
