"""The client's address as far as it can be trusted: REMOTE_ADDR, or what the outermost trusted proxy saw."""

from django.conf import settings


def client_address(request) -> str | None:
    """REMOTE_ADDR, or behind `TRUSTED_PROXY_COUNT` proxies the address the outermost of them saw.

    Each proxy appends the address it was called from to X-Forwarded-For, so only the last entries are
    trustworthy; whatever a client put in front of them is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
