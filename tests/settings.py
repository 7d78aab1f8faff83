"""Test settings: the real settings with fast password hashing, in-memory mail and throwaway folders."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghij")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from kleve_partnership.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "DJANGO_EMAIL_BACKEND" not in os.environ:  # a worker started by a test names its SMTP server
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kleve-test-media-"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kleve-test-private-"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# The page cache's generation in a folder of this test run's own; the servers a test starts inherit it.
os.environ.setdefault("DJANGO_PAGE_CACHE_GENERATION_DIR", tempfile.mkdtemp(prefix="kleve-test-generation-"))
PAGE_CACHE_GENERATION_DIR = Path(os.environ["DJANGO_PAGE_CACHE_GENERATION_DIR"])  # noqa: F405

# A file, not SQLite's shared in-memory database: the live server of the browser tests answers requests in
# several threads at once, and threads sharing one in-memory connection break ("bad parameter or API misuse").
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="kleve-test-db-")) / "test.sqlite3")  # noqa: F405
    }

# Tasks run in-process in unit tests; the delivery tests run the real queue and worker (test_delivery*.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    }
}
# The messenger is off unless a test (or the worker it starts) points it at its local receiver.
MESSENGER_URL = os.environ.get("DJANGO_MESSENGER_URL", "")
