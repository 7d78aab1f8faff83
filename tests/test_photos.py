"""Photo uploads in the admin: allowed images only, metadata stripped, renditions, originals never served."""

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from PIL import Image

from press import images
from press.enums import PageStatus
from press.models import Photo
from tests import factories
from tests.public_data import (
    gps_exif,
    image_bytes,
    photo_with_renditions,
    public_visit,
    published_page,
    upload,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/press/photo/add/"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file())


def photo_form(file, **overrides) -> dict:
    data = {
        "image": file,
        "alt_text_de": "Die Gäste vor dem Kreishaus",
        "alt_text_uk": "",
        "alt_text_en": "",
        "caption_de": "",
        "caption_uk": "",
        "caption_en": "",
        "credit": "Kreis Kleve",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header promises 10 gigapixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def real_png_bomb() -> bytes:
    """A real, decodable PNG of 12,000 × 12,000 one-bit pixels: small on disk, 144 megapixels decoded."""
    out = BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG", optimize=True)
    return out.getvalue()


def test_jpeg_with_gps_exif_is_served_without_any_metadata(press_client):
    original = image_bytes(1800, 1200, exif=gps_exif(), comment=b"secret comment")
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the upload really carries GPS
    response = press_client.post(ADD_URL, photo_form(upload("urlaub.jpg", original)))
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert photo.uploaded_by == press_client.user
    # Orientation 6: the renditions are the picture turned upright, so 1200 wide and 1800 high.
    assert [(r["width"], r["height"], r["format"]) for r in photo.renditions] == [
        (480, 720, "webp"),
        (480, 720, "jpeg"),
        (960, 1440, "webp"),
        (960, 1440, "jpeg"),
        (1200, 1800, "webp"),
        (1200, 1800, "jpeg"),
    ]
    for entry in photo.renditions:
        with photo.image.storage.open(entry["name"]) as handle:
            data = handle.read()
        served = Image.open(BytesIO(data))
        assert served.format == {"webp": "WEBP", "jpeg": "JPEG"}[entry["format"]]
        assert served.size == (entry["width"], entry["height"])
        assert dict(served.getexif()) == {}
        assert "exif" not in served.info and "xmp" not in served.info and "comment" not in served.info
        assert b"SecretCam" not in data and b"Jane Photographer" not in data and b"secret comment" not in data


def test_rendition_is_served_only_for_a_published_page(press_client, anonymous_client):
    photo = photo_with_renditions(1000, 500)
    entry = photo.renditions[0]
    path = images.rendition_url(photo, entry)
    assert anonymous_client.get(path).status_code == 404  # on no page yet
    page = factories.EventPageFactory(delegation=public_visit(), hero=photo, status=PageStatus.DRAFT)
    assert anonymous_client.get(path).status_code == 404  # on a draft
    staff = press_client.get(path)  # the preview needs it
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-store"
    page.status = PageStatus.PUBLISHED
    page.save()
    response = anonymous_client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    photo.consent_confirmed = False
    photo.save()
    assert anonymous_client.get(path).status_code == 404  # consent withdrawn


def test_originals_have_no_url(anonymous_client):
    photo = photo_with_renditions()
    page = published_page(public_visit(), hero=photo)
    assert not Path(photo.image.path).is_relative_to(Path(settings.MEDIA_ROOT))
    body = anonymous_client.get(page.get_absolute_url()).content.decode()
    assert photo.image.name not in body and Path(photo.image.name).name not in body
    assert (
        anonymous_client.get(f"/bilder/{photo.rendition_key}/{Path(photo.image.name).name}").status_code
        == 404
    )
    assert anonymous_client.get(f"/media/{photo.image.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bombe.png", png_bomb(), "Das Bild hat zu viele Bildpunkte"),
        ("echte-bombe.png", real_png_bomb(), "Das Bild hat zu viele Bildpunkte"),
        (
            "brief.jpg",
            b"Sehr geehrte Damen und Herren,\nanbei das Foto.\n" * 20,
            "Die Datei ist kein lesbares Bild",
        ),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG-Grafiken sind nicht erlaubt",
        ),
        (
            "logo.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
            "SVG-Grafiken sind nicht erlaubt",
        ),
        ("animation.gif", None, "Dieses Bildformat ist nicht erlaubt"),
        ("riesig.jpg", b"\xff\xd8\xff" + b"\0" * (15 * 1024 * 1024 + 1), "erlaubt sind höchstens 15"),
    ],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(press_client, name, content, message):
    if content is None:
        out = BytesIO()
        Image.new("RGB", (40, 40), "red").save(out, "GIF")
        content = out.getvalue()
    before = stored_files()
    response = press_client.post(ADD_URL, photo_form(upload(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files() == before


def test_png_and_webp_are_accepted(press_client):
    for name, fmt in (("grafik.png", "PNG"), ("bild.webp", "WEBP")):
        response = press_client.post(ADD_URL, photo_form(upload(name, image_bytes(700, 350, fmt=fmt))))
        assert response.status_code == 302
    assert sorted(photo.width for photo in Photo.objects.all()) == [700, 700]
    assert all(len(photo.renditions) == 4 for photo in Photo.objects.all())  # 480 and 700, WebP and JPEG


def test_alt_text_is_required(press_client):
    response = press_client.post(ADD_URL, photo_form(upload("a.jpg", image_bytes()), alt_text_de=""))
    assert response.status_code == 200
    assert not Photo.objects.exists()


def test_make_renditions_is_idempotent_and_refreshes_missing_files(db):
    photo = photo_with_renditions(2000, 1000)
    first = list(photo.renditions)
    assert [entry["width"] for entry in first] == [480, 480, 960, 960, 1600, 1600]
    files = stored_files()
    assert images.make_renditions(photo) == first
    assert stored_files() == files
    photo.image.storage.delete(first[0]["name"])
    images.make_renditions(photo)
    assert photo.renditions == first
    assert stored_files() == files


def test_read_only_user_cannot_upload(reader_client):
    response = reader_client.post(ADD_URL, photo_form(upload("a.jpg", image_bytes())))
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_replacing_the_image_removes_the_old_files(press_client):
    press_client.post(ADD_URL, photo_form(upload("a.jpg", image_bytes(1000, 500))))
    photo = Photo.objects.get()
    storage = photo.image.storage
    old = [photo.image.name, *(entry["name"] for entry in photo.renditions)]
    assert all(storage.exists(name) for name in old)
    response = press_client.post(
        f"/admin/press/photo/{photo.pk}/change/", photo_form(upload("b.jpg", image_bytes(600, 600)))
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (600, 600)
    assert [name for name in old if storage.exists(name)] == []
    assert all(storage.exists(entry["name"]) for entry in photo.renditions)
