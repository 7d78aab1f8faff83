"""One address for every link: `DJANGO_SITE_URL`, required in production, followed by every absolute link.

In debug mode without it, links follow the request's host (a development server on another port hands out
links to itself); cached pages that hold such links are kept apart per host.
"""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.checks import check_site_url

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "kleve_partnership" / "settings.py"
PRODUCTION_HOST = "partnerschaften.kreis-kleve.example"


def _deploy_check(**variables) -> subprocess.CompletedProcess:
    """`check --deploy --fail-level WARNING` with debug off, a key, the host and `variables`, nothing else."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "kleve_partnership.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": PRODUCTION_HOST,
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- Required in production -----------------------------------------------------------------------------


def test_the_deploy_check_fails_without_a_site_url_and_names_the_variable():
    result = _deploy_check()
    assert result.returncode == 1
    assert "(core.E001) DJANGO_SITE_URL is not set" in result.stderr
    assert "HINT: Set DJANGO_SITE_URL to the site's public address" in result.stderr


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000", "http://localhost:8000"])
def test_the_deploy_check_fails_with_the_development_address(address):
    result = _deploy_check(DJANGO_SITE_URL=address)
    assert result.returncode == 1
    assert f"(core.E002) DJANGO_SITE_URL is {address}, a development address" in result.stderr


def test_the_deploy_check_passes_with_the_public_https_address():
    result = _deploy_check(DJANGO_SITE_URL=f"https://{PRODUCTION_HOST}")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def _production(settings, address: str | None) -> None:
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [PRODUCTION_HOST]
    settings.SITE_URL_FROM_ENVIRONMENT = address is not None
    settings.SITE_URL = address or "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("address", "ids"),
    [
        (None, ["core.E001"]),
        ("http://127.0.0.1:8000", ["core.E002"]),
        ("http://localhost:8001", ["core.E002"]),
        ("http://kleve.localhost", ["core.E002"]),
        (f"http://{PRODUCTION_HOST}", ["core.W003"]),
        ("https://anderswo.example", ["core.W004"]),
        (f"https://{PRODUCTION_HOST}", []),
    ],
)
def test_the_check_names_what_is_wrong_with_the_address(settings, address, ids):
    _production(settings, address)
    assert [message.id for message in check_site_url()] == ids


def test_the_check_asks_nothing_in_debug_mode(settings):
    _production(settings, None)
    settings.DEBUG = True
    assert check_site_url() == []


def _settings_with(monkeypatch, **variables) -> dict:
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL")):
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_settings_know_whether_the_address_was_given(monkeypatch):
    given = _settings_with(monkeypatch, DJANGO_DEBUG="1", DJANGO_SITE_URL="https://kleve.example/")
    assert (given["SITE_URL"], given["SITE_URL_FROM_ENVIRONMENT"]) == ("https://kleve.example", True)
    default = _settings_with(monkeypatch, DJANGO_DEBUG="1")
    assert (default["SITE_URL"], default["SITE_URL_FROM_ENVIRONMENT"]) == ("http://127.0.0.1:8000", False)


@pytest.mark.parametrize(
    "address",
    ["kleve.example", "ftp://kleve.example", "https://kleve.example/partner", "https://kleve.example:port"],
)
def test_an_address_that_is_no_base_address_is_an_error(monkeypatch, address):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SITE_URL must be a base address"):
        _settings_with(monkeypatch, DJANGO_DEBUG="1", DJANGO_SITE_URL=address)
