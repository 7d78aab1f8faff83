"""Failed guest-link look-ups, counted in the cache per client address and per token prefix.

A valid link always opens, from any address and whatever was tried before: the counts change only how a
failure is answered, so guests behind one hotel Wi-Fi never lock each other out, and a guest who mistyped
their own link twenty times still opens it once it is right. Past `GUEST_TOKEN_FAILURES_ALLOWED` failures
within `GUEST_TOKEN_FAILURE_WINDOW` seconds, a failed look-up is answered 429 instead of 404:

- from an address that failed too often (someone guessing, or a very confused neighbour);
- for a token prefix tried too often from however many addresses (someone trying variations of one link).

The windows are fixed, not sliding: the first failure starts one, later failures do not extend it. The
counters live in the default cache: shared Redis in production, so every server counts the same failures.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.addresses import client_address

# Characters of a token counted together: enough to name one link (36 bits), too few to name a real one.
PREFIX_LENGTH = 6


def _address_key(request) -> str:
    return f"guest-token-failures:address:{client_address(request) or 'unknown'}"


def _prefix_key(token: str) -> str:
    # Hashed, so the cache holds no characters of anyone's link.
    digest = hashlib.sha256(token[:PREFIX_LENGTH].encode()).hexdigest()[:32]
    return f"guest-token-failures:prefix:{digest}"


def count_failure(request, token: str, *, well_formed: bool) -> bool:
    """Count a failed look-up; True where it is past a limit, to be answered 429 rather than 404.

    A malformed token counts for its address only: it names no link, so its prefix is nobody's (a link cut
    short by a mail program would otherwise count against the real one).
    """
    allowed = settings.GUEST_TOKEN_FAILURES_ALLOWED
    over = _increment(_address_key(request)) > allowed
    if well_formed:
        over = _increment(_prefix_key(token)) > allowed or over
    return over


def _increment(key: str) -> int:
    window = settings.GUEST_TOKEN_FAILURE_WINDOW
    # add() starts the window; incr() keeps its expiry, so the window does not slide with every failure.
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, window)
        return 1
