"""The private storage: where files live that no URL reaches (photo originals and renditions, receipts,
imports awaiting confirmation); views that check permissions serve them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """`STORAGES["private"]` if set (a private bucket), else a folder outside media (`PRIVATE_MEDIA_ROOT`)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/nicht-oeffentlich/")
