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
    """Answer a cached page before sessions, authentication, CSRF and the request's transaction.

    A cached page costs one stamped look-up (`page_cache`); everything between here and the view would cost
    more than that. Placed right after WhiteNoise (and `visits.middleware.GuestLinkMiddleware`, which has
    answered bad guest links and found the good one's access), so the security headers added by the
    middleware above (HSTS, CSP, Permissions-Policy, CORP, X-Frame-Options) are added to hits as to fresh
    pages. Only shareable requests (no session, no messages, no query string) to views registered with
    `page_cache.cacheable` come here; the look-up gives their key, or None where the view must answer
    (not found, a guest link with news to mark). A miss goes the normal way with the look-up
    on `request.page_cache`, and the page the view marks with `page_cache.fill` is kept with every header
    the stack below set (Content-Language, Vary, the guest page's private headers), cookies excepted.
    With a shared cache, public pages are keyed by the cache's generation instead (`page_cache.shared`).
    """

    def __init__(self, get_response):
        from core import page_cache

        page_cache.connect_generation()
        self.get_response = get_response

    def __call__(self, request):
        from core import page_cache

        found = self._look_up(request) if page_cache.shareable(request) else None
        if found is None:
            return self.get_response(request)
        key, stamped = found
        response = page_cache.cached_response(key, stamped.now)
        if response is not None:
            if stamped.on_hit is not None:
                stamped.on_hit()
        else:
            request.page_cache = stamped
            response = self.get_response(request)
            if request.method == "GET":
                page_cache.store(key, response, stamped.now)
        if stamped.finish is not None:
            stamped.finish(response)
        return response

    @staticmethod
    def _look_up(request):
        from django.core.exceptions import DisallowedHost
        from django.db import DatabaseError
        from django.urls import Resolver404, resolve

        from core import page_cache

        path = request.path_info
        language = translation.get_language_from_path(path)
        try:
            with translation.override(language or translation.get_language()):
                match = resolve(path)
                look_up = page_cache.CACHEABLE.get(match.func)
                if look_up is None:
                    return None
                stamped = look_up(request, *match.args, **match.kwargs)
                if stamped is None:
                    return None
                # Scheme and host too: in debug mode without DJANGO_SITE_URL a page's absolute links follow
                # the request's host (`core.links`), so each host gets its own copy.
                key = page_cache.page_key(
                    request.scheme, request.get_host(), path, language, *stamped.key_parts
                )
        except (Resolver404, DisallowedHost):
            return None
        except DatabaseError:
            # The normal path meets the same error and answers the 503 in the visitor's language.
            return None
        return key, stamped
