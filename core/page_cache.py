"""Finished public and guest answers, kept as bytes and headers and served before Django's stack.

How a hit is answered: `PageCacheMiddleware`, first in MIDDLEWARE, takes a GET or HEAD without a session,
messages or query string, and looks up one key: the deployment, the generation, the scheme, host and path,
and the guest's language cookie. An entry holds the body (also gzip- and brotli-compressed), every header the
whole stack set when the page was rendered, an ETag and the moment it stops being true. A hit answers from it
in the encoding the client takes, or 304 when the client has it already: no URL resolution, no other
middleware, no query. A miss goes down the stack; what a view marks with `fill` is kept on the way back.

What invalidates an entry: the generation, one value every process reads from the same place: the shared
Redis with REDIS_URL (each process mirrors it through a subscription, `SharedGeneration`, and keeps entries in
its memory before Redis, `SharedStore`), else a file on this machine (`PAGE_CACHE_GENERATION_DIR`). Every
INSERT, UPDATE or DELETE committed through Django's database connections starts a new one, whatever made it (a
model's save, a queryset's update, a bulk write, raw SQL), except in the tables of `IGNORED_TABLES` (sessions,
sign-in attempts, the task queue, the delivery record) and writes made under `unnoticed()` (a guest link's
last use).
Time: an entry is true until the moment its view gave (an item starts, a page goes public, a link expires),
and never longer than `PAGE_CACHE_SECONDS`, for changes made outside Django.

A connection with uncommitted changes (a test's transaction, a request that wrote) neither reads nor keeps
entries: what it would see is not yet what everyone sees. The views whose answers are kept read outside the
request's transaction (`transaction.non_atomic_requests`): on SQLite, where every transaction takes the write
lock when it begins, a miss then never waits behind a writer.
"""

import copy
import datetime as dt
import functools
import gzip
import hashlib
import logging
import os
import re
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import brotli
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import connections
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)

# Raw bytes in Redis, not pickled by Django's cache (the key of the pickled value it replaces is left alone).
GENERATION_KEY = "page-cache-generation-raw"
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


GENERATION_FILE = "generation"


def generation() -> str:
    folder = settings.PAGE_CACHE_GENERATION_DIR
    if folder is None:  # several machines: in the shared Redis
        return _shared_generation().value()
    return _file_generation(str(folder)).value()


def bump() -> None:
    """Start a new generation: every kept answer is gone for every process at once."""
    folder = settings.PAGE_CACHE_GENERATION_DIR
    value = uuid.uuid4().hex
    if folder is None:
        _shared_generation().set(value)
    else:
        _file_generation(str(folder)).set(value)


class FileGeneration:
    """The generation in a file of this machine, read with one `pread` on a descriptor kept open.

    `set` writes the new value in place (one `pwrite` of its 32 bytes), so every process reads it at once,
    without opening the file per hit. A reader that catches a write half done gets a value that never was a
    generation: a miss, kept under a key nobody asks for again. Once a second a reader checks that the file
    is still the one it has open (someone may have removed it, or a release before this one replaced it) and
    opens it again if not.
    """

    SIZE = 32  # a uuid4's hex
    CHECK_SECONDS = 1.0

    def __init__(self, folder: str):
        self.path = Path(folder) / GENERATION_FILE
        self._fd: int | None = None
        self._inode: int | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def value(self) -> str:
        now = time.monotonic()
        if self._fd is None or now - self._checked > self.CHECK_SECONDS:
            self._check(now)
        value = os.pread(self._fd, self.SIZE, 0)
        if len(value) < self.SIZE:  # cut short behind our back: a new one
            self._check(now, renew=True)
            value = os.pread(self._fd, self.SIZE, 0)
        return value.decode("ascii", "replace")

    def set(self, value: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            os.pwrite(fd, value.encode("ascii"), 0)
        finally:
            os.close(fd)

    def _check(self, now: float, *, renew: bool = False) -> None:
        with self._lock:
            try:
                found = os.stat(self.path)
            except FileNotFoundError:
                renew = True
            if renew or found.st_size < self.SIZE:
                self.set(uuid.uuid4().hex)
                found = os.stat(self.path)
            if self._fd is None or found.st_ino != self._inode:
                old, self._fd = self._fd, os.open(self.path, os.O_RDONLY)
                self._inode = found.st_ino
                if old is not None:
                    os.close(old)
            self._checked = now


@functools.cache
def _file_generation(folder: str) -> FileGeneration:
    return FileGeneration(folder)


class SharedGeneration:
    """The generation in Redis, mirrored in each process by a subscription, so a hit makes no round trip.

    `set` stores the new value and publishes it on a channel of the same name in one MULTI/EXEC transaction,
    so subscribers receive the values in the order Redis stored them. A daemon thread per process subscribes,
    waits for Redis to confirm, reads the key, then applies every published value. This process's own change
    counts at once; another process's as soon as its message arrives (a median of 0.7 ms from the write on
    this machine, two subscribers in one process). While the thread is not subscribed (starting, or Redis
    restarted), `value` reads the key on every call instead, so nothing is served from a generation not
    confirmed.
    """

    RETRY_SECONDS = 1.0
    HEALTH_CHECK_SECONDS = 10

    def __init__(self, url: str, key: str):
        self.url, self.key = url, key
        self._following: str | None = None  # the mirrored value, None while not subscribed
        self._pid: int | None = None
        self._client = None
        self._lock = threading.Lock()

    def _started(self):
        """This process's client, and its follower thread (started again in a forked worker)."""
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._client = redis.Redis.from_url(self.url)
                    self._following = None
                    self._pid = os.getpid()
                    threading.Thread(target=self._follow, name="page-cache-generation", daemon=True).start()
        return self._client

    def _read(self, client) -> str:
        value = client.get(self.key)
        if value is None:
            client.set(self.key, uuid.uuid4().hex, nx=True)
            value = client.get(self.key)
        return value.decode()

    def value(self) -> str:
        client = self._started()
        following = self._following
        return following if following is not None else self._read(client)

    def set(self, value: str) -> None:
        client = self._started()
        with client.pipeline(transaction=True) as pipe:
            pipe.set(self.key, value).publish(self.key, value).execute()
        if self._following is not None:
            self._following = value

    def _follow(self) -> None:
        pid = os.getpid()
        while self._pid == pid:
            try:
                client = redis.Redis.from_url(self.url, health_check_interval=self.HEALTH_CHECK_SECONDS)
                with client.pubsub() as pubsub:
                    pubsub.subscribe(self.key)
                    # What is published after the confirmation reaches this loop: the value read then is
                    # never older than the messages that follow.
                    while (message := pubsub.get_message(timeout=self.HEALTH_CHECK_SECONDS)) is None or (
                        message["type"] != "subscribe"
                    ):
                        pass
                    self._following = self._read(client)
                    while self._pid == pid:
                        message = pubsub.get_message(timeout=self.HEALTH_CHECK_SECONDS)
                        if message is not None and message["type"] == "message":
                            self._following = message["data"].decode()
            except Exception:  # Redis gone: read on every call until subscribed again
                self._following = None
                logger.warning("page cache: not subscribed to the generation, retrying", exc_info=True)
                time.sleep(self.RETRY_SECONDS)


def _shared_generation() -> SharedGeneration:
    location = settings.CACHES["pages"]["LOCATION"]
    url = location if isinstance(location, str) else location[0]
    return _shared_generation_of(url, caches["pages"].make_key(GENERATION_KEY))


@functools.cache
def _shared_generation_of(url: str, key: str) -> SharedGeneration:
    return SharedGeneration(url, key)


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
    # A generation that cannot be written must not fail the change itself (it is committed or about to be):
    # it is logged, and kept answers then live until PAGE_CACHE_SECONDS.
    if not connection.in_atomic_block:
        try:
            bump()  # committed already
        except OSError:
            logger.exception("page cache: the generation could not be written")
    elif not has_pending_changes(connection):
        # After the commit: before it, another process could keep what it read under the new generation.
        connection.on_commit(bump, robust=True)


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


@dataclass(frozen=True)
class Entry:
    """A kept answer: per content coding its body and every header, ready to send; never changed once made."""

    status: int
    representations: dict[str, tuple[bytes, list[tuple[str, str]], str]]  # coding: body, headers, ETag
    modified: float
    valid_until: dt.datetime
    max_age: bool  # public, without a Cache-Control of its own: max-age from what is left of its life
    cookies: object = None  # a SimpleCookie the view declared part of the answer (`fill`)

    @classmethod
    def of(cls, response: HttpResponse, now: dt.datetime) -> "Entry":
        body = response.content
        bodies = {"identity": body}
        if len(body) >= 200 and COMPRESSIBLE.match(response.get("Content-Type", "")):
            bodies["br"] = brotli.compress(body, quality=5)
            bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
            patch_vary_headers(response, ["Accept-Encoding"])
        headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
        digest = hashlib.sha256(body).hexdigest()[:32]
        modified = now.timestamp()
        last_modified = http_date(modified)
        representations = {}
        for coding, content in bodies.items():
            etag = f'"{digest}"' if coding == "identity" else f'"{digest}-{coding}"'
            own = [
                ("Content-Length", str(len(content))),
                ("ETag", etag),
                ("Last-Modified", last_modified),
            ]
            if coding != "identity":
                own.append(("Content-Encoding", coding))
            representations[coding] = (content, headers + own, etag)
        until = now + dt.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        given = getattr(response, "page_cache_valid_until", None)
        return cls(
            status=response.status_code,
            representations=representations,
            modified=modified,
            valid_until=min(until, given) if given is not None else until,
            max_age="Cache-Control" not in response,
            cookies=response.cookies if getattr(response, "page_cache_cookies_follow_url", False) else None,
        )

    def answer(self, request, now: dt.datetime) -> HttpResponse:
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        offered = (c for c in ("br", "gzip") if c in self.representations and ACCEPTS[c].search(accepted))
        body, headers, etag = self.representations[next(offered, "identity")]
        response = HttpResponse(body, status=self.status, headers=headers)
        if self.cookies:
            response.cookies = copy.deepcopy(self.cookies)
        if self.max_age:
            left = int((self.valid_until - now).total_seconds())
            response["Cache-Control"] = f"public, max-age={max(0, min(PUBLIC_MAX_AGE, left))}"
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return get_conditional_response(
                request, etag=etag, last_modified=self.modified, response=response
            )
        return response


class ProcessStore:
    """Kept answers in this process's memory, the least recently used dropped beyond `size`.

    Unlike Django's local-memory cache it does not pickle: an entry is never changed once made, so a hit
    uses it as it is instead of copying a page of several hundred kilobytes.
    """

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> "Entry | None":
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def set(self, key: str, entry: "Entry", timeout: int) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class SharedStore:
    """Kept answers in this process's memory first, then in the shared Redis (several machines).

    A key names its generation, so an entry in memory is true as long as its key is asked for: a hit takes
    it from memory, without a round trip; a miss here looks in Redis, where another process may have kept it.
    """

    def __init__(self, local: ProcessStore, shared):
        self.local, self.shared = local, shared

    def get(self, key: str) -> "Entry | None":
        entry = self.local.get(key)
        if entry is None:
            entry = self.shared.get(key)
            if entry is not None:
                self.local.set(key, entry, 0)
        return entry

    def set(self, key: str, entry: "Entry", timeout: int) -> None:
        self.local.set(key, entry, timeout)
        self.shared.set(key, entry, timeout)

    def clear(self) -> None:
        self.local.clear()
        self.shared.clear()

    def __len__(self) -> int:
        return len(self.local)


@functools.cache
def _process_store() -> ProcessStore:
    return ProcessStore(settings.PAGE_CACHE_ENTRIES)


def store():
    """Where entries are kept: this process's memory, and the shared Redis when there are several machines."""
    if settings.PAGE_CACHE_GENERATION_DIR is None:
        return SharedStore(_process_store(), caches["pages"])
    return _process_store()


def look_up(key: str, now: dt.datetime) -> Entry | None:
    entry = store().get(key)
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
        store().set(key, entry, timeout)
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
