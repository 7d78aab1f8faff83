"""Every absolute link the application gives out, built from one address: `DJANGO_SITE_URL`.

Emails, calendar files, QR codes, letters, the guest's calendar subscription and the public pages' own
addresses (canonical, language alternates, feeds, sitemap) all come from here. With `DJANGO_SITE_URL` set, or
with debug off, the base is `settings.SITE_URL`, whatever host a request came in on (the deploy check
`core.E001` insists it is set in production). In debug mode without it, a link follows the scheme and host of
the request at hand, so a development server on another port or host hands out links to itself; without a
request (a worker, a command) it is the development default.

Identifiers that must stay the same (calendar UIDs, feed GUIDs, Message-IDs) are no links: they read
`settings.SITE_URL` directly and never follow a request.
"""

from django.conf import settings


def fixed_base() -> str | None:
    """The base address every link uses, or None where links follow the request (debug mode, no address)."""
    if settings.SITE_URL_FROM_ENVIRONMENT or not settings.DEBUG:
        return settings.SITE_URL
    return None


def base_url(request=None) -> str:
    """`scheme://host[:port]` of the links made for this request (or for none)."""
    base = fixed_base()
    if base is None and request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return base or settings.SITE_URL


def absolute_url(path: str, request=None) -> str:
    """The absolute address of a path on this site (`reverse(...)`, `get_absolute_url()`, a media URL)."""
    if not path.startswith("/"):
        raise ValueError(f"an absolute link needs a path from the site's root, not {path!r}")
    return base_url(request) + path


def webcal_url(path: str, request=None) -> str:
    """A calendar subscription: the same address with `webcal:`, which phones open in their calendar app."""
    return "webcal://" + absolute_url(path, request).split("://", 1)[1]
