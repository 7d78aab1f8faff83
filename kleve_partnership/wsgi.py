"""The WSGI entry point for application servers (gunicorn); it refuses to start without a secret key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kleve_partnership.settings")

application = get_wsgi_application()

from kleve_partnership.settings import require_secret_key  # noqa: E402  (after Django is set up)

require_secret_key()

# Load WeasyPrint, its fonts and the print stylesheets now, not in the first request that prints a document.
from visits.documents.pdf import warm_up  # noqa: E402

warm_up()
