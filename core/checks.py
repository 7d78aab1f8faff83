"""System checks of the deployment's settings that no app owns alone: the site's one base address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning
from django.http.request import validate_host

# Hosts a guest's phone or a printed letter can never reach: the development default and its kin.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}

EXAMPLE = "https://partnerschaften.kreis-kleve.de"


def check_site_url(app_configs=None, **kwargs):
    """With debug off, DJANGO_SITE_URL must name the public https address every absolute link is built from.

    Registered for `check --deploy` (`CoreConfig.ready`).
    """
    if settings.DEBUG:
        return []
    if not settings.SITE_URL_FROM_ENVIRONMENT:
        return [
            Error(
                f"DJANGO_SITE_URL is not set: links in emails, calendars, QR codes and letters would point "
                f"to the development address {settings.SITE_URL}.",
                hint=f"Set DJANGO_SITE_URL to the site's public address, e.g. {EXAMPLE}.",
                id="core.E001",
            )
        ]
    parts = urlsplit(settings.SITE_URL)
    host = parts.hostname or ""
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Error(
                f"DJANGO_SITE_URL is {settings.SITE_URL}, a development address no guest can reach.",
                hint=f"Set DJANGO_SITE_URL to the site's public address, e.g. {EXAMPLE}.",
                id="core.E002",
            )
        ]
    if parts.scheme != "https":
        return [
            Warning(
                f"DJANGO_SITE_URL is {settings.SITE_URL}: links in emails, QR codes and letters would go "
                "without https.",
                hint=f"Set DJANGO_SITE_URL to the site's https address, e.g. {EXAMPLE}.",
                id="core.W003",
            )
        ]
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"The host of DJANGO_SITE_URL ({host}) is not in DJANGO_ALLOWED_HOSTS: every link would be "
                "refused with 400.",
                hint="Add the host to DJANGO_ALLOWED_HOSTS, or correct DJANGO_SITE_URL.",
                id="core.W004",
            )
        ]
    return []
