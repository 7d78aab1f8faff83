"""WeasyPrint switches Pillow to accept cut-off images for the whole process; our upload checks must not."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from core.images import NOT_AN_IMAGE, ImageRefused, open_checked
from funding.receipts import check_receipt
from letters.logo import _decoded_format
from press import images


def _cut_off_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()[:80]


@pytest.fixture
def as_weasyprint_leaves_pillow():
    import weasyprint  # noqa: F401  (importing it is what flips the switch)

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    yield
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the checks put it back for WeasyPrint


def test_a_cut_off_receipt_is_refused(as_weasyprint_leaves_pillow):
    with pytest.raises(ValidationError):
        check_receipt(SimpleUploadedFile("beleg.png", _cut_off_png()))


def test_a_cut_off_logo_is_refused(as_weasyprint_leaves_pillow):
    assert _decoded_format(io.BytesIO(_cut_off_png())) is None


def test_a_cut_off_photo_is_refused(as_weasyprint_leaves_pillow):
    with pytest.raises(ValidationError) as refused:
        images.check_upload(SimpleUploadedFile("foto.png", _cut_off_png()))
    assert refused.value.code == "not_an_image"


def test_the_one_check_refuses_a_cut_off_image(as_weasyprint_leaves_pillow):
    with pytest.raises(ImageRefused) as refused:
        open_checked(io.BytesIO(_cut_off_png()), formats={"PNG"}, max_pixels=1_000_000)
    assert refused.value.reason == NOT_AN_IMAGE
