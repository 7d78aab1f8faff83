"""Receipts of costs: an upload is checked by its content (PDF, JPEG or PNG, at most 10 MB) and kept in the
private storage (`core.private_files`), which no URL reaches; `funding.views.receipt` serves it to those who
may see receipts.
"""

from django.utils.translation import gettext_lazy as _

from core import private_files

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
# Whatever else a file is (an Office document, an image of too many pixels), it is no receipt: one message.
NOT_A_RECEIPT = {
    "message": _(
        "Die Datei ist weder ein PDF noch ein JPEG- oder PNG-Bild, auch wenn ihr Name so aussieht. "
        "Bitte den Beleg als PDF, JPEG oder PNG hochladen."
    ),
    "code": "not_a_receipt",
}


def receipt_upload_to(instance, filename: str) -> str:
    # The suffix is the one the check found, set by `check_receipt`'s caller.
    return private_files.random_name("receipts", filename)


def check_receipt(upload) -> str:
    """The suffix (pdf, jpg, png) that the upload's content shows, or a ValidationError that says why not."""
    return private_files.checked_type(
        upload,
        max_bytes=MAX_RECEIPT_BYTES,
        too_large=_("Der Beleg ist %(size)s groß; erlaubt sind höchstens %(max)s."),
        refusals={},
        not_allowed=NOT_A_RECEIPT,
        allowed=CONTENT_TYPES,
    ).suffix


def download_name(original: str, suffix: str) -> str:
    """The original name, made safe, with the suffix the content showed: the name a download gets."""
    return private_files.download_name(original, suffix, fallback="beleg")
