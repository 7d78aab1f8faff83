"""Rendered pages kept in the cache under keys that name everything they show, so nothing stale is served.

A page is cached under a key built from the stamps of what it shows (the latest programme release, the
`updated_at` of the visit, its pages and members, …), read in the same query that finds the page's object.
A change or a new release makes a new key, so several application servers with separate caches (locmem per
process) never serve a page older than the database: none of them has to be told to forget anything. A
deployment adds its release name (`DJANGO_RELEASE`) and the static manifest's hash, so new code or new
asset names never meet pages rendered by the old code.

Time also changes pages (a scheduled page goes public, an item ends): each entry carries the moment it stops
being true (`valid_until`) and is rendered again from then on. What carries no change stamp (a venue's or a
contact's own fields, a photo's consent) shows within `PAGE_CACHE_SECONDS`; photos themselves are checked
on every request by their own view.

Only what is the same for everyone who may see it is cached under a shared key: public pages for requests
without a session or messages (a signed-in member of staff or a pending message gets a fresh page), and the
guest page under its own access's key only.
"""

import copy
import datetime as dt
import functools
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse


@functools.cache
def deployment() -> str:
    """Names this code and its static files, so a new deployment never serves the old one's pages."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        assets = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
    except OSError:
        assets = "-"
    return f"{getattr(settings, 'RELEASE_NAME', '')}:{assets}"


def page_key(*parts) -> str:
    digest = hashlib.sha256(repr((deployment(), *parts)).encode()).hexdigest()
    return f"page:{digest}"


def shareable(request) -> bool:
    """May this request get (and fill) a page shared by everyone? Not with a session, messages or a query."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _stamp(value) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else repr(value)


@dataclass
class Stamped:
    """What the early cache look-up found for a request: its key parts, the object, and the moment used.

    The view gets it as `request.page_cache` on a miss, so it renders from the same object and moment
    without finding them again. `finish(response, hit)` runs on every answer under this key (e.g. the guest
    page's language cookie); `on_hit()` only when the page comes from the cache (e.g. noting a guest's look).
    """

    key_parts: tuple
    obj: object
    now: dt.datetime
    finish: Callable | None = None
    on_hit: Callable | None = None


# View function (as the URL map holds it) -> look-up giving a `Stamped`, or None where the view must answer.
CACHEABLE: dict[Callable, Callable] = {}


def cacheable(look_up: Callable):
    """Register a view whose shareable GETs `PageCacheMiddleware` answers from the cache before the stack."""

    def register(view):
        CACHEABLE[view] = look_up
        return view

    return register


def stamped(request) -> Stamped | None:
    return getattr(request, "page_cache", None)


def fill(response: HttpResponse, valid_until: dt.datetime | None) -> HttpResponse:
    """Mark a rendered response as the page for its key, true until `valid_until` (None: until a change)."""
    response.page_cache_fill = True
    response.page_cache_valid_until = valid_until
    return response


def cached_response(key: str, now: dt.datetime) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None or (entry["valid_until"] is not None and now >= entry["valid_until"]):
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def store(key: str, response: HttpResponse, now: dt.datetime) -> None:
    """Keep a response the view marked with `fill`, with every header the stack below has set."""
    if not getattr(response, "page_cache_fill", False) or response.status_code != 200 or response.streaming:
        return
    valid_until = response.page_cache_valid_until
    timeout = settings.PAGE_CACHE_SECONDS
    if valid_until is not None:
        timeout = max(1, min(timeout, int((valid_until - now).total_seconds()) + 1))
    entry = {
        "content": response.content,
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        "valid_until": valid_until,
    }
    cache.set(key, entry, timeout)


# With a cache shared by every server (Redis), a hit needs no database: the key holds a generation that every
# committed change of any model replaces. With a cache per process the stamps must come from the database.
GENERATION_KEY = "page-cache-generation"
# Changes that never show on a cached page and come with every request or sign-in.
NO_GENERATION = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def shared() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def _bump() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def changed(sender, **kwargs) -> None:
    """A model changed: a new generation after the commit (before it, a server could render the old data)."""
    if not shared() or sender._meta.label_lower in NO_GENERATION:
        return
    from django.db import transaction

    transaction.on_commit(_bump, using=kwargs.get("using") or "default")


def connect_generation() -> None:
    from django.db.models import signals

    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(changed, dispatch_uid=f"page-cache-generation-{id(signal)}")


def earliest(*moments, after: dt.datetime) -> dt.datetime | None:
    """The first of the moments still to come: when a page showing them must be rendered again."""
    future = [moment for moment in moments if moment is not None and moment > after]
    return min(future) if future else None


def stamps(*values) -> tuple:
    return tuple(_stamp(value) for value in values)


# The markers compiled into a prepared query's SQL where each use puts its own value and its own moment.
PARAMETER = "\x00prepared-parameter\x00"
MOMENT = dt.datetime(1, 1, 1, 0, 0, 7, 770077, tzinfo=dt.UTC)


class PreparedQuery:
    """A queryset compiled to SQL once per process; each use runs that SQL with its own value.

    Building and compiling the stamped look-up (subqueries, translated fields) costs far more than running
    it, and a cache hit is nothing but that look-up: so it is compiled once. `build(PARAMETER)` must return
    the queryset with PARAMETER where the value goes and MOMENT where the time goes (`build(PARAMETER,
    MOMENT)`): each use passes `timezone.now()`, so servers agree within their clock sync and tests can move
    the clock. Rows become model instances by Django's own iterable, with
    `select_related` objects and annotations, exactly as the queryset would give them.
    """

    def __init__(self, build: Callable):
        self._build = build
        self._compiled: dict = {}

    def _compile(self, alias: str):
        queryset = self._build(PARAMETER, MOMENT).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        self._compiled[alias] = (queryset, compiler, sql, params)
        return self._compiled[alias]

    def first(self, value, now: dt.datetime, using: str = "default"):
        from django.db import connections

        queryset, compiler, sql, params = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        moments = (MOMENT, connection.ops.adapt_datetimefield_value(MOMENT))
        moment = connection.ops.adapt_datetimefield_value(now)
        bound = tuple(
            value if param == PARAMETER else moment if any(param == m for m in moments) else param
            for param in params
        )
        runner = copy.copy(compiler)
        runner.connection = connection
        runner.as_sql = lambda *args, **kwargs: (sql, bound)
        if connection.vendor == "postgresql":
            runner.execute_sql = lambda *args, **kwargs: _run_prepared(connection, sql, bound)
        clone = queryset._chain()
        clone.query.get_compiler = lambda *args, **kwargs: runner
        return next(iter(clone), None)


def _run_prepared(connection, sql: str, params: tuple) -> list:
    """Run the SQL as a server-side prepared statement: PostgreSQL plans it once per connection.

    Django binds parameters on the client, so every query is planned anew; for the stamped look-up the
    plan costs more than the run. Errors surface as Django's (the 503 middleware sees OperationalError)
    and the query is logged like any other (query counts in tests, debug toolbar).
    """
    import time

    import psycopg

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": f"{sql} -- prepared {params!r}", "time": f"{time.monotonic() - started:.3f}"}
        )
    return [rows]
