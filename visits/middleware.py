"""Guest links are opened before the rest of the stack, so a bad or guessed token costs next to nothing."""

import functools

from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, get_script_prefix, resolve, reverse


@functools.cache
def _guest_prefix() -> str:
    # "/g/": what comes before the token in a guest URL's path_info (without the script prefix).
    probe = "token"
    url = reverse("guest:itinerary", kwargs={"token": probe})
    url = "/" + url.removeprefix(get_script_prefix())
    return url[: url.index(probe)]


class GuestLinkMiddleware:
    """Open a guest URL's token once, before sessions, CSRF and the request's transaction.

    Kept guest pages are answered before this (`core.page_cache`); here come the rest. A bad token is
    answered here (the plain 404, or 429 past the failure limits, `visits.throttle`): no session, no
    transaction, no template rendering, and no query at all for a malformed token. A valid access goes on
    as `request.guest_access` for the view, so the link costs one query in all. Place right after WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(_guest_prefix()):
            answer = self._open(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    @staticmethod
    def _open(request) -> HttpResponse | None:
        from visits.views import guest

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.app_name != "guest" or "token" not in match.kwargs:
            return None
        try:
            opened = guest.open_link(request, match.kwargs["token"])
        except DatabaseError:
            # The view meets the same error and the stack answers the 503 in the visitor's language.
            return None
        if isinstance(opened, HttpResponse):
            return opened
        request.guest_access = opened
        return None
