"""Uploading and serving a visit's documents: the check by content, the file that is stored, the download.

An upload passes if its content is a PDF, an Office document (OOXML or OpenDocument, no macros) or a JPEG or
PNG image (`core.file_types`), at most `ATTACHMENT_MAX_BYTES`; its name counts for nothing but the download
name. Images are stored re-encoded without their metadata (a phone photo of a visa page carries GPS). Every
download, staff's or a guest's, goes out as a private download (`core.private_files`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from core import private_files
from core.file_types import IMAGE_TOO_LARGE, LEGACY_OFFICE, MACROS, reencoded_image

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
NOT_ALLOWED = {
    "message": _("Dieser Dateityp ist nicht erlaubt, auch wenn der Name so aussieht. %(allowed)s"),
    "code": "file_type",
    "params": {"allowed": ALLOWED},
}


@dataclass(frozen=True)
class CheckedUpload:
    """What is stored: the content (an image re-encoded), its download name, type and size."""

    content: File
    file_name: str
    content_type: str
    size: int


def checked_upload(upload) -> CheckedUpload:
    """The upload as it will be stored, or a ValidationError that says, in the reader's language, why not."""
    found = private_files.checked_type(
        upload,
        max_bytes=settings.ATTACHMENT_MAX_BYTES,
        too_large=_("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s."),
        refusals=REFUSALS,
        not_allowed=NOT_ALLOWED,
    )
    name = private_files.download_name(getattr(upload, "name", "") or "", found.suffix, fallback="unterlage")
    if found.is_image:
        data = reencoded_image(upload)
        upload.seek(0)
        return CheckedUpload(ContentFile(data, name=name), name, found.content_type, len(data))
    upload.name = name
    return CheckedUpload(upload, name, found.content_type, upload.size)


def file_response(attachment) -> FileResponse:
    """The document as a download, under the name and type its content check gave."""
    return private_files.download_response(
        attachment.file, filename=attachment.file_name, content_type=attachment.content_type
    )
