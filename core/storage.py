"""The private storage: files no URL reaches (photo originals and renditions, receipts, import files)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """Where originals and renditions live: `STORAGES["private"]` if set, else a folder outside media."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/nicht-oeffentlich/")
