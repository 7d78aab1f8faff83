"""Pillow as our upload checks need it, whatever other libraries did to its global switches.

WeasyPrint sets `PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True` for the whole process when it is imported (to
print what it can of broken images). After the first PDF a process renders, Pillow would then accept a cut-off
upload as a whole image: photos, receipts and logos would pass their checks half-decoded. The checks decode
inside `complete_images_only()`, which switches it off while they do.
"""

from contextlib import contextmanager


@contextmanager
def complete_images_only():
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous
