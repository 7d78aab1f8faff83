"""The WSGI entry point for application servers (gunicorn); it refuses to start without a secret key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kleve_partnership.settings")

application = get_wsgi_application()

from kleve_partnership.settings import require_secret_key  # noqa: E402  (after Django is set up)

require_secret_key()
