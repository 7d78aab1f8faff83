"""Finished public and guest answers, kept as bytes and headers and served before Django's stack.

How a hit is answered: `PageCacheMiddleware`, first in MIDDLEWARE, takes a GET or HEAD without a session,
messages or query string, and looks up one key: the deployment, the generation, the scheme, host and path,
and the guest's language cookie. An entry holds the body (also gzip- and brotli-compressed), every header the
whole stack set when the page was rendered, an ETag and the moment it stops being true. A hit answers from it
in the encoding the client takes, or 304 when the client has it already: no URL resolution, no other
middleware, no query. A miss goes down the stack; what a view marks with `fill` is kept on the way back.

What invalidates an entry: the generation, one value every process reads from the same place (the shared
Redis cache with REDIS_URL, else a file cache on this machine, `PAGE_CACHE_GENERATION_DIR`). Every INSERT,
UPDATE or DELETE committed through Django's database connections starts a new one, whatever made it (a model's
save, a queryset's update, a bulk write, raw SQL), except in the tables of `IGNORED_TABLES` (sessions, sign-in
attempts, the task queue, the delivery record) and writes made under `unnoticed()` (a guest link's last use).
Time: an entry is true until the moment its view gave (an item starts, a page goes public, a link expires),
and never longer than `PAGE_CACHE_SECONDS`, for changes made outside Django.

A connection with uncommitted changes (a test's transaction, a request that wrote) neither reads nor keeps
entries: what it would see is not yet what everyone sees. The views whose answers are kept read outside the
request's transaction (`transaction.non_atomic_requests`): on SQLite, where every transaction takes the write
lock when it begins, a miss then never waits behind a writer.
"""

import datetime as dt
import functools
import gzip
import hashlib
import re
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

import brotli
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import connections
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

GENERATION_KEY = "page-cache-generation"
# Writes that never show on a kept page and come with requests, sign-ins and the worker's own bookkeeping.
IGNORED_TABLES = (
    "django_session",
    "django_admin_log",
    "django_tasks_database_",
    "axes_",
    "otp_",
    "visits_releasenotification",
)
# Headers an entry computes itself for each representation.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "set-cookie"}
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript|manifest\+json|atom\+xml|rss\+xml))")
ACCEPTS = {"br": re.compile(r"\bbr\b"), "gzip": re.compile(r"\bgzip\b")}
# How long a proxy or browser may keep a public page without asking again.
PUBLIC_MAX_AGE = 60


# The generation -----------------------------------------------------------------------------------------


def generation() -> str:
    store = caches["page_generation"]
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = store.get(GENERATION_KEY)
    return value


def bump() -> None:
    """Start a new generation: every kept answer is gone for every process at once."""
    caches["page_generation"].set(GENERATION_KEY, uuid.uuid4().hex, None)


_local = threading.local()


@contextmanager
def unnoticed():
    """Writes in this block change no kept answer (a link's last use): they start no new generation."""
    before = getattr(_local, "unnoticed", False)
    _local.unnoticed = True
    try:
        yield
    finally:
        _local.unnoticed = before


WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?(\w+)', re.IGNORECASE
)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql[:1] in "IUDTiudt" and not getattr(_local, "unnoticed", False):
        written = WRITE.match(sql)
        if written and not written[1].lower().startswith(IGNORED_TABLES):
            _changed(context["connection"])
    return result


def _changed(connection) -> None:
    if not connection.in_atomic_block:
        bump()  # committed already
    elif not has_pending_changes(connection):
        # After the commit: before it, another process could keep what it read under the new generation.
        connection.on_commit(bump)


def has_pending_changes(connection) -> bool:
    pending = connection.run_on_commit
    return connection.in_atomic_block and any(func is bump for _sids, func, _robust in pending)


def watch(sender, connection, **kwargs) -> None:
    """On every new database connection (`connection_created`): note its writes."""
    if _watch_writes not in connection.execute_wrappers:
        # First, so a caller's own `execute_wrapper()` block still pops its own wrapper.
        connection.execute_wrappers.insert(0, _watch_writes)


# Entries --------------------------------------------------------------------------------------------------


@functools.cache
def deployment() -> str:
    """Names this code and its static files, so a new deployment never serves the old one's answers."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        assets = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
    except OSError:
        assets = "-"
    return f"{getattr(settings, 'RELEASE_NAME', '')}:{assets}"


@functools.cache
def _bypassed() -> tuple[str, ...]:
    return tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix != "/")


def key_for(request) -> str | None:
    """The one key a request's answer is kept under, or None where the answer must come from the stack."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    path = request.path
    if path.startswith(_bypassed()):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the stack answers it
    # The guest's chosen language (a cookie on the link's own path) decides the bare link's page.
    parts = (deployment(), generation(), request.scheme, host, path, cookies.get("guest_language"))
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def fill(
    response: HttpResponse, valid_until: dt.datetime | None = None, *, cookies_follow_url: bool = False
) -> HttpResponse:
    """Mark a rendered answer as the same for everyone with this URL, true until `valid_until`.

    An answer that sets a cookie is not kept (a CSRF token is one visitor's), unless the view says its
    cookies follow from the URL and the request's key alone (`cookies_follow_url`: a guest link's language).
    """
    response.page_cache_fill = True
    response.page_cache_valid_until = valid_until
    response.page_cache_cookies_follow_url = cookies_follow_url
    return response


def kept(view):
    """A view whose answers are the same for everyone until something changes in the database."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        return fill(response) if response.status_code == 200 else response

    return wrapper


def earliest(*moments, after: dt.datetime) -> dt.datetime | None:
    """The first of the moments still to come: when an answer showing them stops being true."""
    future = [moment for moment in moments if moment is not None and moment > after]
    return min(future) if future else None


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    bodies: dict[str, bytes]  # by content coding: "identity", and "br" and "gzip" where worth it
    etag: str
    modified: float
    valid_until: dt.datetime
    public: bool = field(default=True)
    cookies: object = None  # a SimpleCookie the view declared part of the answer (`fill`)

    @classmethod
    def of(cls, response: HttpResponse, now: dt.datetime) -> "Entry":
        body = response.content
        bodies = {"identity": body}
        if len(body) >= 200 and COMPRESSIBLE.match(response.get("Content-Type", "")):
            bodies["br"] = brotli.compress(body, quality=5)
            bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        until = now + dt.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        given = getattr(response, "page_cache_valid_until", None)
        headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
        return cls(
            status=response.status_code,
            headers=headers,
            bodies=bodies,
            etag=hashlib.sha256(body).hexdigest()[:32],
            modified=now.timestamp(),
            valid_until=min(until, given) if given is not None else until,
            public=not response.get("Cache-Control", "").startswith("private"),
            cookies=response.cookies if getattr(response, "page_cache_cookies_follow_url", False) else None,
        )

    def answer(self, request, now: dt.datetime) -> HttpResponse:
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        offered = (c for c in ("br", "gzip") if c in self.bodies and ACCEPTS[c].search(accepted))
        coding = next(offered, "identity")
        body = self.bodies[coding]
        response = HttpResponse(body, status=self.status)
        if self.cookies:
            response.cookies = self.cookies  # each look-up unpickles an entry of its own
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        etag = f'"{self.etag}"' if coding == "identity" else f'"{self.etag}-{coding}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(self.modified)
        if coding != "identity":
            response["Content-Encoding"] = coding
        if len(self.bodies) > 1:
            patch_vary_headers(response, ["Accept-Encoding"])
        if self.public and "Cache-Control" not in response:
            left = int((self.valid_until - now).total_seconds())
            response["Cache-Control"] = f"public, max-age={max(0, min(PUBLIC_MAX_AGE, left))}"
        return get_conditional_response(request, etag=etag, last_modified=self.modified, response=response)


def look_up(key: str, now: dt.datetime) -> Entry | None:
    entry = caches["pages"].get(key)
    if entry is None or now >= entry.valid_until:
        return None
    return entry


def keep(key: str, request, response: HttpResponse, now: dt.datetime) -> HttpResponse:
    """The answer to a miss: kept if its view marked it, and sent as a hit would be (compressed, ETag)."""
    if not getattr(response, "page_cache_fill", False) or response.status_code != 200 or response.streaming:
        return response
    entry = Entry.of(response, now)
    # Cookies are one visitor's (a language just chosen): such an answer goes out but is not kept. Nor is
    # what a connection with uncommitted changes rendered.
    own_cookies = response.cookies and entry.cookies is None
    if not own_cookies and not has_pending_changes(connections["default"]):
        timeout = max(1, int((entry.valid_until - now).total_seconds()))
        caches["pages"].set(key, entry, timeout)
    answer = entry.answer(request, now)
    answer.cookies = response.cookies
    return answer


def serve(request, get_response) -> HttpResponse:
    """The page cache's middleware: one key look-up, then the entry or the stack."""
    key = key_for(request)
    if key is None:
        return get_response(request)
    now = timezone.now()
    # What a connection with uncommitted changes sees is not yet what everyone sees (a test's transaction).
    entry = None if has_pending_changes(connections["default"]) else look_up(key, now)
    if entry is not None:
        return entry.answer(request, now)
    return keep(key, request, get_response(request), now)
