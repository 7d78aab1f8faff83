"""Uploading and serving a visit's documents: the check by content, the file that is stored, the download.

An upload passes if its content is a PDF, an Office document (OOXML or OpenDocument, no macros) or a JPEG or
PNG image (`core.file_types`), at most `ATTACHMENT_MAX_BYTES`; its name counts for nothing but the download
name. Images are stored re-encoded without their metadata (a phone photo of a visa page carries GPS). Every
download, staff's or a guest's, goes out as an attachment that no browser renders or guesses the type of,
and that no cache keeps.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile, File
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from core.file_types import IMAGE_TOO_LARGE, LEGACY_OFFICE, MACROS, FileRefused, detect, reencoded_image
from core.images import refuse_too_large

ALLOWED = _(
    "Erlaubt sind PDF, Word, Excel, PowerPoint (docx, xlsx, pptx), OpenDocument (odt, ods, odp), "
    "JPEG und PNG."
)
REFUSALS = {
    MACROS: _(
        "Die Datei enthält Makros. Dokumente mit Makros sind nicht erlaubt; bitte ohne Makros speichern "
        "(z. B. als docx, xlsx oder pptx) oder als PDF hochladen."
    ),
    LEGACY_OFFICE: _(
        "Alte Office-Formate (doc, xls, ppt) sind nicht erlaubt, weil sie Makros unbemerkt enthalten können. "
        "Bitte als docx, xlsx, pptx oder PDF speichern und erneut hochladen."
    ),
    IMAGE_TOO_LARGE: _("Das Bild hat zu viele Bildpunkte. Bitte ein kleineres Bild hochladen."),
}


@dataclass(frozen=True)
class CheckedUpload:
    """What is stored: the content (an image re-encoded), its download name, type and size."""

    content: File
    file_name: str
    content_type: str
    size: int


def download_name(original: str, suffix: str) -> str:
    """The original name, made safe, with the suffix the content showed."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        base = get_valid_filename(stem)
    except SuspiciousFileOperation:
        base = "unterlage"
    return f"{base[:80]}.{suffix}"


def checked_upload(upload) -> CheckedUpload:
    """The upload as it will be stored, or a ValidationError that says, in the reader's language, why not."""
    refuse_too_large(
        upload,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        message=_("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s."),
    )
    if not getattr(upload, "size", None):
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    try:
        found = detect(upload)
    except FileRefused as refused:
        message = REFUSALS.get(refused.reason)
        if message is None:
            raise ValidationError(
                _("Dieser Dateityp ist nicht erlaubt, auch wenn der Name so aussieht. %(allowed)s"),
                code="file_type",
                params={"allowed": ALLOWED},
            ) from None
        raise ValidationError(message, code=refused.reason) from None
    name = download_name(getattr(upload, "name", "") or "", found.suffix)
    if found.is_image:
        data = reencoded_image(upload)
        upload.seek(0)
        return CheckedUpload(ContentFile(data, name=name), name, found.content_type, len(data))
    upload.name = name
    return CheckedUpload(upload, name, found.content_type, upload.size)


def file_response(attachment) -> FileResponse:
    """The document as a download: never shown inline, never sniffed, never kept by a cache."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.file_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
