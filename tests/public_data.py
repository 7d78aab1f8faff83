"""Builders for the public-site tests: real image files made with Pillow, photos with renditions, visits."""

import datetime as dt
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from press.enums import PageStatus
from press.images import make_renditions
from tests import factories
from visits import enums

# Fixed "now" for tests that depend on the moment: the demo visit's second day.
NOW = factories.berlin(2025, 11, 17, 12)


def image_bytes(width=1200, height=800, fmt="JPEG", color=(0, 84, 58), exif=None, **save) -> bytes:
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((width // 4, height // 4, width // 2, height // 2), fill=(250, 250, 250))
    out = BytesIO()
    if exif is not None:
        save["exif"] = exif
    image.save(out, fmt, **save)
    return out.getvalue()


def gps_exif() -> Image.Exif:
    """EXIF with a GPS position (the Kreishaus in Kleve), a camera model, an artist and an orientation."""
    exif = Image.Exif()
    exif[0x0110] = "SecretCam 3000"  # Model
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0x0112] = 6  # Orientation: rotated 90°, so exif_transpose has something to do
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 47.0, 24.0)
    gps[3] = "E"
    gps[4] = (6.0, 8.0, 30.0)
    return exif


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo_with_renditions(width=1200, height=800, **fields):
    fields.setdefault("consent_confirmed", True)
    photo = factories.PhotoFactory(image=upload("foto.jpg", image_bytes(width, height)), **fields)
    make_renditions(photo)
    return photo


def public_visit(**fields):
    fields.setdefault("is_public", True)
    fields.setdefault("summary_de", "Vier Gäste aus der Partnerregion besuchen den Kreis.")
    return factories.DelegationFactory(**fields)


def public_item(delegation, **fields):
    fields.setdefault("visibility", enums.Visibility.PUBLIC)
    fields.setdefault("press_access", enums.PressAccess.OPEN)
    return factories.ProgrammeItemFactory(delegation=delegation, **fields)


def published_page(delegation, **fields):
    fields.setdefault("status", PageStatus.PUBLISHED)
    fields.setdefault("publish_at", NOW - dt.timedelta(days=1))
    return factories.EventPageFactory(delegation=delegation, **fields)
