"""Request middleware of the project: the admin speaks German by default; a lost database answers 503."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


class AdminGermanByDefaultMiddleware:
    """Under the admin's path, use German instead of the browser's language when no language was chosen.

    Staff work in German whatever their browser says; a choice made through `set_language` (the language
    cookie) still wins. Public and guest pages keep the language `LocaleMiddleware` found. Place right after
    `LocaleMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")) and not self._chosen_language(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

    @staticmethod
    def _chosen_language(request) -> str | None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code and translation.check_for_language(code) and code in dict(settings.LANGUAGES):
            return code
        return None


class DatabaseUnavailableMiddleware:
    """A database error while answering becomes a 503 page with Retry-After, not a stack trace or a 500.

    While PostgreSQL restarts or fails over, every request that needs it fails with OperationalError (or
    InterfaceError on a connection the restart closed). Visitors get a short page in their language saying
    to try again shortly, and load balancers and crawlers a status that means "temporary". Django's
    `CONN_HEALTH_CHECKS` drops the broken connection, so the next request after the database's return
    opens a fresh one: no restart of the application is needed.
    """

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable: %s", exception.__class__.__name__, exc_info=exception)
        return unavailable_response()


def unavailable_response():
    from django.http import HttpResponse
    from django.template.loader import render_to_string

    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class PageCacheMiddleware:
    """Answer kept public and guest pages before anything else runs (`core.page_cache`).

    First in MIDDLEWARE: a hit costs one key look-up and no URL resolution, middleware or query; a miss goes
    down the whole stack, and what its view marked is kept with every header the stack set (CSP, HSTS,
    Permissions-Policy, the guest pages' private headers), cookies excepted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core import page_cache

        return page_cache.serve(request, self.get_response)
