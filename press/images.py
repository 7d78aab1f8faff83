"""Photos: checks of an upload with Pillow, renditions without metadata, and the data pages need to show them.

Originals live in a private storage that no URL reaches; pages show renditions (480, 960 and 1600 px
wide, WebP and JPEG) that `press.views.photo_rendition` serves only for published photos or to staff.
"""

import hashlib
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import BOMB, FORMAT, ImageRefused, open_checked, refuse_too_large
from core.storage import private_storage as private_storage  # the Photo model names it here

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# Pillow warns above 89 MP; a press photo needs far less, and decoding is what costs memory.
MAX_PIXELS = 50_000_000
RENDITION_WIDTHS = (480, 960, 1600)
RENDITION_FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}
# Raising this makes every photo's renditions new on the next `make_renditions`, for a change of the recipe.
RENDITION_VERSION = 1


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<?xml") or text.startswith(b"<svg") or b"<svg" in text[:1024]


def check_upload(upload) -> tuple[str, int, int]:
    """Check an uploaded file; return (format, width, height) or raise a ValidationError that says why not."""
    refuse_too_large(
        upload,
        max_bytes=MAX_UPLOAD_BYTES,
        message=_("Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s."),
    )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if _looks_like_svg(head):
        raise ValidationError(
            _(
                "SVG-Grafiken sind nicht erlaubt, weil sie Skripte enthalten können. "
                "Bitte als JPEG, PNG oder WebP hochladen."
            ),
            code="svg",
        )
    try:
        image = open_checked(upload, formats=ALLOWED_FORMATS, max_pixels=MAX_PIXELS)
    except ImageRefused as refused:
        if refused.reason == BOMB:
            raise ValidationError(
                _(
                    "Das Bild hat zu viele Bildpunkte (höchstens %(max)s Megapixel) oder ist eine "
                    "sogenannte Dekompressionsbombe. Bitte ein kleineres Bild hochladen."
                ),
                code="bomb",
                params={"max": MAX_PIXELS // 1_000_000},
            ) from None
        if refused.reason == FORMAT:
            raise ValidationError(
                _("Dieses Bildformat ist nicht erlaubt. Bitte ein JPEG-, PNG- oder WebP-Bild hochladen."),
                code="format",
            ) from None
        raise ValidationError(
            _(
                "Die Datei ist kein lesbares Bild, auch wenn ihr Name so aussieht. "
                "Bitte ein JPEG-, PNG- oder WebP-Bild hochladen."
            ),
            code="not_an_image",
        ) from None
    return image.format, image.width, image.height


def rendition_plan(width: int) -> list[int]:
    """The widths to make for an image `width` pixels wide: never wider than the original."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    widths.append(min(width, RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def _rendition_key(photo) -> str:
    return hashlib.sha256(f"{photo.image.name}:{RENDITION_VERSION}".encode()).hexdigest()[:32]


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _clean_copy(image, mode: str):
    """A copy with nothing but pixels: EXIF, GPS, XMP, comments and other info stay behind."""
    from PIL import Image

    if mode == "RGB" and _has_alpha(image):
        # JPEG has no transparency: put transparent parts on white rather than on black.
        rgba = image.convert("RGBA")
        converted = Image.new("RGB", rgba.size, (255, 255, 255))
        converted.paste(rgba, mask=rgba.getchannel("A"))
    else:
        converted = image.convert(mode)
    converted.info = {}
    return converted


def _encode(image, fmt: str, icc_profile: bytes | None) -> bytes:
    out = BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True, **options)
    else:
        image.save(out, "WEBP", quality=80, method=4, **options)
    return out.getvalue()


def delete_renditions(photo) -> None:
    storage = photo.image.storage
    for entry in photo.renditions or []:
        if storage.exists(entry["name"]):
            storage.delete(entry["name"])


def make_renditions(photo, *, force: bool = False) -> list[dict]:
    """Make (or refresh) the renditions of `photo` and store their list on it; idempotent.

    A second call for the same original finds the renditions there and does nothing, unless `force`.
    """
    from PIL import Image, ImageOps

    storage = photo.image.storage
    key = _rendition_key(photo)
    if (
        not force
        and photo.rendition_key == key
        and photo.renditions
        and all(storage.exists(entry["name"]) for entry in photo.renditions)
    ):
        return photo.renditions

    with photo.image.open("rb") as original:
        try:
            image = open_checked(original, formats=ALLOWED_FORMATS, max_pixels=MAX_PIXELS)
        except ImageRefused as refused:
            raise ValueError(f"photo {photo.pk}: the stored original is refused ({refused})") from None
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = _has_alpha(image)

    delete_renditions(photo)
    renditions = []
    for width in rendition_plan(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, (fmt, _mime) in RENDITION_FORMATS.items():
            mode = "RGBA" if has_alpha and fmt == "WEBP" else "RGB"
            data = _encode(_clean_copy(resized, mode), fmt, icc_profile)
            name = f"renditions/{key}/{width}.{ext}"
            if storage.exists(name):
                storage.delete(name)
            stored = storage.save(name, ContentFile(data))
            renditions.append({"width": width, "height": height, "format": ext, "name": stored})

    type(photo).objects.filter(pk=photo.pk).update(rendition_key=key, renditions=renditions)
    photo.rendition_key, photo.renditions = key, renditions
    return renditions


def rendition_url(photo, entry: dict) -> str:
    return reverse(
        "photo_rendition",
        kwargs={"key": photo.rendition_key, "filename": f"{entry['width']}.{entry['format']}"},
    )


def find_rendition(photo, filename: str) -> dict | None:
    for entry in photo.renditions or []:
        if f"{entry['width']}.{entry['format']}" == filename:
            return entry
    return None


def picture_data(photo) -> dict | None:
    """What `<picture>` needs: a WebP and a JPEG `srcset`, the fallback `src`, its width and height."""
    if not photo or not photo.renditions:
        return None
    # WebP first: a browser takes the first <source> whose type it knows.
    by_format: dict[str, list[dict]] = {fmt: [] for fmt in RENDITION_FORMATS}
    for entry in sorted(photo.renditions, key=lambda e: e["width"]):
        by_format.setdefault(entry["format"], []).append(entry)
    jpegs = by_format.get("jpeg", [])
    if not jpegs:
        return None
    # The fallback for browsers without srcset: the middle size, 960 where there is one.
    fallback = next((e for e in jpegs if e["width"] >= 960), jpegs[-1])
    largest = jpegs[-1]
    return {
        "sources": [
            {
                "type": RENDITION_FORMATS[fmt][1],
                "srcset": ", ".join(f"{rendition_url(photo, e)} {e['width']}w" for e in entries),
            }
            for fmt, entries in by_format.items()
            if entries
        ],
        "src": rendition_url(photo, fallback),
        "width": fallback["width"],
        "height": fallback["height"],
        "smallest_url": rendition_url(photo, jpegs[0]),
        "largest_url": rendition_url(photo, largest),
        "largest_width": largest["width"],
        "largest_height": largest["height"],
    }
