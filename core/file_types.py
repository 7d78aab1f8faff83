"""What a file is by its content, never by its name: PDF, Office (OOXML and OpenDocument), JPEG, PNG.

`detect(fileobj)` reads the bytes and answers a `FileType` or None. Only what the visits' documents need
passes: a PDF (its magic at the start and its end marker), a Word, Excel or PowerPoint file (a zip whose
`[Content_Types].xml` names the main part of that kind, and the part is there), an OpenDocument text,
spreadsheet or presentation (a zip whose first entry `mimetype` says so), a JPEG or a PNG that Pillow decodes
fully. Refused are macros (OOXML with a `vbaProject.bin`, macro-enabled main parts, ODF `Basic/` or
`Scripts/`) and the legacy binary formats (.doc, .xls, .ppt, an OLE compound file): they carry macros
unseen and cannot be told apart from any other OLE file without a parser; every Office saves OOXML. The
standard library's `zipfile` does the zip checks, so no new dependency is needed.
"""

import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.etree import ElementTree

from .images import ImageRefused, open_checked

PDF = "pdf"
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}
# The main part's content type in `[Content_Types].xml` tells a .docx, .xlsx and .pptx apart.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# A zip is read only as far as its directory and one small XML part; these bound what even that costs.
MAX_ZIP_ENTRIES = 10_000
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

# Why a file is refused, for the caller's message.
MACROS = "macros"
LEGACY_OFFICE = "legacy_office"
IMAGE_TOO_LARGE = "image_too_large"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class FileType:
    suffix: str  # the suffix the stored file and its download get: pdf, docx, …, jpg, png
    content_type: str

    @property
    def is_image(self) -> bool:
        return self.suffix in {"jpg", "png"}


class FileRefused(Exception):
    """A file `detect` refuses; `reason` is MACROS, LEGACY_OFFICE, IMAGE_TOO_LARGE or UNKNOWN."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _size(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    return size


def _is_pdf(fileobj) -> bool:
    fileobj.seek(0)
    head = fileobj.read(1024)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return False
    # A real PDF ends with its trailer marker (allowing for trailing whitespace or a short postscript).
    size = _size(fileobj)
    fileobj.seek(max(0, size - 2048))
    return b"%%EOF" in fileobj.read()


def _ooxml(archive: zipfile.ZipFile, names: set[str]) -> FileType | None:
    if "[Content_Types].xml" not in names:
        return None
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_MANIFEST_BYTES:
        return None
    data = archive.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # no entity tricks in a manifest: Office never writes them
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    found = None
    for override in root.iter(f"{CONTENT_TYPES_NS}Override"):
        content_type = override.get("ContentType", "")
        part = override.get("PartName", "").lstrip("/")
        if "macroEnabled" in content_type:
            raise FileRefused(MACROS)
        if content_type in OOXML_MAIN_PARTS and part in names:
            found = found or FileType(*OOXML_MAIN_PARTS[content_type])
    if found and any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRefused(MACROS)
    return found


def _odf(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> FileType | None:
    # The OpenDocument rule: the first entry is `mimetype`, stored, and holds the document's type.
    first = infos[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or first.file_size > 100:
        return None
    mimetype = archive.read(first).decode("ascii", errors="replace").strip()
    suffix = ODF_TYPES.get(mimetype)
    if suffix is None or "content.xml" not in {info.filename for info in infos}:
        return None
    if any(info.filename.startswith(("Basic/", "Scripts/")) for info in infos):
        raise FileRefused(MACROS)
    return FileType(suffix, mimetype)


def _office(fileobj) -> FileType | None:
    fileobj.seek(0)
    if fileobj.read(4) != b"PK\x03\x04":
        return None
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if not infos or len(infos) > MAX_ZIP_ENTRIES:
                return None
            if any(info.flag_bits & 0x1 for info in infos):
                return None  # encrypted entries: nothing to check them by
            return _odf(archive, infos) or _ooxml(archive, {info.filename for info in infos})
    except (zipfile.BadZipFile, KeyError, EOFError, NotImplementedError, ValueError):
        return None


def detect(fileobj) -> FileType:
    """The type `fileobj`'s content shows, or FileRefused that says why none; left at its start."""
    try:
        if _is_pdf(fileobj):
            return FileType(PDF, "application/pdf")
        office = _office(fileobj)
        if office:
            return office
        fileobj.seek(0)
        if fileobj.read(8) == OLE_MAGIC:
            raise FileRefused(LEGACY_OFFICE)
        try:
            image = open_checked(fileobj, formats=IMAGE_FORMATS, max_pixels=MAX_IMAGE_PIXELS)
        except ImageRefused as refused:
            raise FileRefused(IMAGE_TOO_LARGE if refused.reason == "bomb" else UNKNOWN) from None
        return FileType(*IMAGE_FORMATS[image.format])
    finally:
        fileobj.seek(0)


def reencoded_image(fileobj) -> bytes:
    """The JPEG or PNG in `fileobj` encoded anew with nothing but its pixels (and colour profile): EXIF, GPS,
    XMP and comments stay behind; a photo taken upright is stored upright."""
    from PIL import ImageOps

    image = open_checked(fileobj, formats=IMAGE_FORMATS, max_pixels=MAX_IMAGE_PIXELS)
    fmt = image.format
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    clean = image.copy()
    clean.info = {}
    out = BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=90, optimize=True, **options)
    else:
        clean.save(out, "PNG", optimize=True, **options)
    return out.getvalue()
