"""Personal links are opened before the rest of the stack, so a bad or guessed token costs next to nothing."""

import functools

from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, get_script_prefix, resolve, reverse

from . import personal_links


@functools.cache
def _kinds() -> dict[str, personal_links.LinkKind]:
    from .views import guest, staff_schedule

    return {kind.namespace: kind for kind in (guest.LINK, staff_schedule.LINK)}


@functools.cache
def _prefixes() -> tuple[str, ...]:
    # "/g/", "/dienst/": what comes before the token in the links' path_info (without the script prefix).
    probe = "token"
    prefixes = []
    for kind in _kinds().values():
        url = reverse(f"{kind.namespace}:{kind.first_url}", kwargs={"token": probe})
        url = "/" + url.removeprefix(get_script_prefix())
        prefixes.append(url[: url.index(probe)])
    return tuple(prefixes)


class PersonalLinkMiddleware:
    """Open a guest link's or a staff link's token once, before sessions, CSRF and the request's transaction.

    Kept pages are answered before this (`core.page_cache`); here come the rest. A bad token is answered here
    (the plain 404, or 429 past the failure limits, `visits.personal_links`): no session, no transaction, no
    template rendering, and no query at all for a malformed token. A valid access goes on as
    `request.guest_access` or `request.staff_access` for the view, so the link costs one query in all. Place
    right after WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(_prefixes()):
            answer = self._open(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    @staticmethod
    def _open(request) -> HttpResponse | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        kind = _kinds().get(match.app_name)
        if kind is None or "token" not in match.kwargs:
            return None
        try:
            opened = personal_links.open_link(request, match.kwargs["token"], kind)
        except DatabaseError:
            # The view meets the same error and the stack answers the 503 in the visitor's language.
            return None
        if isinstance(opened, HttpResponse):
            return opened
        setattr(request, kind.request_attribute, opened)
        return None
