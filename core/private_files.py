"""Private files: an upload checked by its content, stored under a random name, served only as a download.

A visit's documents (`visits.attachments`) and a cost's receipts (`funding.receipts`) are both such files:
what a file is, its content decides (`core.file_types`), never its name; it lives in the private storage
(`core.storage`), which no URL reaches, under a random name with the suffix the content showed; a view that
checks who asks sends it as a download that no browser renders or sniffs and no cache keeps; a deleted row
takes its file along. Each caller gives its own types, size limit and messages.
"""

import secrets
from collections.abc import Collection, Mapping

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from .file_types import FileRefused, FileType, detect
from .images import refuse_too_large


def random_name(folder: str, filename: str) -> str:
    """Where an upload is stored: a random name in `folder`, with the suffix of `filename`, which the content
    check has set (an upload_to function's body)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{secrets.token_hex(16)}.{suffix}"


def download_name(original: str, suffix: str, *, fallback: str) -> str:
    """The original name made safe (`fallback` where nothing of it is), with the suffix the content showed."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        base = get_valid_filename(stem)
    except SuspiciousFileOperation:
        base = fallback
    return f"{base[:80]}.{suffix}"


def checked_type(
    upload,
    *,
    max_bytes: int,
    too_large: str,
    refusals: Mapping[str, str],
    not_allowed: Mapping[str, object],
    allowed: Collection[str] | None = None,
) -> FileType:
    """The type the upload's content shows, or a ValidationError in the reader's language that says why not.

    `too_large` words a file over `max_bytes` (placeholders `size` and `max`); `refusals` word the reasons
    `core.file_types` gives (macros, legacy Office, too many pixels) by reason; everything else, a type not
    in `allowed` (suffixes; None allows all that `detect` passes) included, is refused with `not_allowed`,
    the arguments of its ValidationError. The upload is left at its start.
    """
    refuse_too_large(upload, max_bytes=max_bytes, message=too_large)
    if not getattr(upload, "size", None):
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    try:
        found = detect(upload)
    except FileRefused as refused:
        if refused.reason in refusals:
            raise ValidationError(refusals[refused.reason], code=refused.reason) from None
        raise ValidationError(**not_allowed) from None
    if allowed is not None and found.suffix not in allowed:
        raise ValidationError(**not_allowed)
    return found


def download_response(stored, *, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download: never shown inline, never sniffed, never kept by a cache; a file gone
    from the storage is a 404."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_after_commit(stored) -> None:
    """Delete a deleted row's stored file once the deletion is committed (its `post_delete` receiver's work):
    a rolled-back deletion keeps its file."""
    if stored:
        name, storage = stored.name, stored.storage
        transaction.on_commit(lambda: storage.delete(name))
