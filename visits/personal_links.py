"""What a guest's link (`/g/<token>/`) and a staff link (`/dienst/<token>/`) have in common.

Both are found by a secret token of which only the hash is stored. `PersonalLinkMiddleware` opens the token
once, before sessions, CSRF and the request's transaction (`open_link`): a malformed token costs no query, a
valid one its one look-up, and unknown, expired, revoked and malformed tokens get the same answer, 404, or
429 past the failure limits (`visits.throttle`, counted alike for both kinds), from a page rendered once per
process. Every answer keeps the token out of referrers, search engines and shared caches (`private`), and a
link's use is noted at most once an hour, without making kept pages stale (`note_use`).
"""

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse

from core import page_cache

from . import throttle

# How precisely "last used" is known: a link's use is written at most this often. Kept answers last at most
# `PAGE_CACHE_SECONDS` (an hour), so a link in use is noted about hourly.
USE_RECORDING_INTERVAL = dt.timedelta(hours=1)


@dataclass(frozen=True)
class LinkKind:
    """One kind of personal link: where its pages are, how its tokens are looked up, how a bad one is told."""

    namespace: str  # of its URLs; each has a `token` argument
    first_url: str  # a URL name of the kind, whose path shows where the token stands
    is_well_formed: Callable[[str], bool]
    find: Callable[[str], object | None]  # the valid access of a token, in one query, or None
    refusal_page: Callable[[int], bytes]  # the page of a 404 or 429, the same for every bad token
    request_attribute: str  # where the middleware leaves the access for the view


def private(response: HttpResponse) -> HttpResponse:
    """Keep the token where it is: no referrer, no index, no shared copy.

    A kept page may stay in the holder's own browser, asked again each time (its ETag makes the answer a short
    304); every other answer is not stored at all.
    """
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    kept = getattr(response, "page_cache_fill", False)
    response["Cache-Control"] = "private, no-cache" if kept else "private, no-store"
    return response


def refusal(kind: LinkKind, status: int) -> HttpResponse:
    """The plain answer to a bad token (404) or to one past the failure limits (429), without the headers."""
    response = HttpResponse(kind.refusal_page(status), status=status)
    if status == 429:
        response["Retry-After"] = str(settings.GUEST_TOKEN_FAILURE_WINDOW)
    return response


def open_link(request, token: str, kind: LinkKind):
    """The valid access a token opens, or the private answer to a bad token.

    A valid link always opens, however often others (or the holder) failed from the same address or with the
    same first characters: the counts change only how a failure is answered, 429 past a limit instead of 404.
    """
    well_formed = kind.is_well_formed(token)
    access = kind.find(token) if well_formed else None
    if access is not None:
        return access
    over = throttle.count_failure(request, token, well_formed=well_formed)
    return private(refusal(kind, 429 if over else 404))


def opened_access(request, token: str, kind: LinkKind):
    """The access the middleware opened for this request, else `open_link` (views called directly)."""
    access = getattr(request, kind.request_attribute, None)
    return access if access is not None else open_link(request, token, kind)


def link_view(kind: LinkKind):
    """A view of `kind`'s pages: called as `view(request, access, token, …)` with the token's valid access (a
    bad token gets the plain 404 or 429), its answer made private."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token, *args, **kwargs):
            access = opened_access(request, token, kind)
            if isinstance(access, HttpResponse):
                return access
            return private(view(request, access, token, *args, **kwargs))

        return wrapper

    return decorator


def note_use(access, *, now: dt.datetime, record: Callable[[], None]) -> None:
    """Call `record` to note the link's use, unless that was done within the hour; its write leaves kept pages
    alone."""
    if access.last_used_at is None or now - access.last_used_at >= USE_RECORDING_INTERVAL:
        with page_cache.unnoticed():
            record()
