"""The one check every image upload goes through: decoded fully, in an allowed format, no decompression bomb.

Photos (`press.images`), the images among documents and receipts (`core.file_types`) and the letterhead's logo
(`letters.logo`) each give their own formats, limits and messages; what an image must be to pass is decided
here once.

WeasyPrint sets `PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True` for the whole process when it is imported (to
print what it can of broken images). After the first PDF a process renders, Pillow would then accept a cut-off
upload as a whole image: photos, receipts and logos would pass their checks half-decoded. The check decodes
inside `complete_images_only()`, which switches it off while it does.
"""

import warnings
from collections.abc import Collection
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Why an image is refused: each caller words these in its own message.
BOMB = "bomb"  # more pixels than allowed, or Pillow's own decompression bomb limits
FORMAT = "format"  # an image, but not in an allowed format
NOT_AN_IMAGE = "not_an_image"  # nothing Pillow decodes fully


class ImageRefused(Exception):
    """An image the check refuses; `reason` is BOMB, FORMAT or NOT_AN_IMAGE."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def complete_images_only():
    """Pillow refuses cut-off images inside this block, whatever another library switched on."""
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def open_checked(fileobj, *, formats: Collection[str], max_pixels: int):
    """The image in `fileobj`, decoded fully, or ImageRefused.

    `formats` are Pillow's names ("JPEG", "PNG", …); an image over `max_pixels`, or one Pillow takes for a
    decompression bomb (its warning included), is refused before or while decoding. `fileobj` is read from
    its start and left at its start.
    """
    from PIL import Image, UnidentifiedImageError

    bombs = (Image.DecompressionBombError, Image.DecompressionBombWarning)
    unreadable = (UnidentifiedImageError, OSError, SyntaxError, ValueError)
    fileobj.seek(0)
    try:
        with warnings.catch_warnings(), complete_images_only():
            # Pillow only warns between 89 and 179 megapixels; here that is a refusal like the error above it.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(fileobj)
            except bombs:
                raise ImageRefused(BOMB) from None
            except unreadable:
                raise ImageRefused(NOT_AN_IMAGE) from None
            if image.format not in formats:
                raise ImageRefused(FORMAT)
            if image.width * image.height > max_pixels:
                raise ImageRefused(BOMB)
            try:
                image.load()
            except bombs:
                raise ImageRefused(BOMB) from None
            except unreadable:
                raise ImageRefused(NOT_AN_IMAGE) from None
    finally:
        fileobj.seek(0)
    return image


def refuse_too_large(upload, *, max_bytes: int, message) -> None:
    """A ValidationError with `message` (placeholders `size` and `max`) for an upload over `max_bytes`."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            message,
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
