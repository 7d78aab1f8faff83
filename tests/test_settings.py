"""Settings from the environment: production checks, database URL, proxy TLS, time, languages, migrations."""

import io
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory, override_settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "kleve_partnership" / "settings.py"


def _environment(**variables) -> dict[str, str]:
    """The outer environment without our settings variables, plus `variables`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return env | {"DJANGO_SETTINGS_MODULE": "kleve_partnership.settings"} | variables


def _manage(*args: str, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings_with(monkeypatch, **variables) -> dict:
    """The settings module as it reads the environment `variables`, run apart from the settings in use."""
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL")):
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_check_deploy_finds_nothing_with_debug_off_a_secret_key_and_hosts():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),  # 64 random characters
        DJANGO_ALLOWED_HOSTS="partnerschaften.kreis-kleve.example",
        DJANGO_SITE_URL="https://partnerschaften.kreis-kleve.example",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_without_a_secret_key_debug_off_the_servers_refuse_to_start_and_say_why():
    variables = {"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "partnerschaften.kreis-kleve.example"}
    for entry_point in ("kleve_partnership.wsgi", "kleve_partnership.asgi"):
        result = subprocess.run(
            [sys.executable, "-c", f"import {entry_point}"],
            cwd=ROOT,
            env=_environment(**variables),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1
        assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
    # The deploy check names the missing key too.
    deploy = _manage("check", "--deploy", "--fail-level", "WARNING", **variables)
    assert deploy.returncode == 1
    assert "security.W009" in deploy.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    """A developer or CI checks migrations without inventing a key."""
    result = _manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="false")
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected")


def test_an_unclear_debug_value_is_an_error_not_a_guess(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be true or false, not 'vielleicht'"):
        _settings_with(monkeypatch, DJANGO_DEBUG="vielleicht", DJANGO_SECRET_KEY="x" * 50)


def test_database_url_picks_postgresql(monkeypatch):
    values = _settings_with(
        monkeypatch,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL="postgres://kleve:geheim@db.kreis-kleve.example:5433/partnerschaften",
    )
    database = values["DATABASES"]["default"]
    assert {key: database[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "partnerschaften",
        "USER": "kleve",
        "PASSWORD": "geheim",
        "HOST": "db.kreis-kleve.example",
        "PORT": 5433,
    }


def test_without_database_url_a_sqlite_file_in_the_project(monkeypatch):
    database = _settings_with(monkeypatch, DJANGO_DEBUG="true")["DATABASES"]["default"]
    assert (database["ENGINE"], Path(database["NAME"])) == ("django.db.backends.sqlite3", ROOT / "db.sqlite3")


def test_debug_off_makes_cookies_secure_and_sends_hsts(monkeypatch):
    values = _settings_with(
        monkeypatch, DJANGO_SECRET_KEY=secrets.token_urlsafe(48), DJANGO_ALLOWED_HOSTS="kleve.example"
    )
    assert (values["DEBUG"], values["SESSION_COOKIE_SECURE"], values["CSRF_COOKIE_SECURE"]) == (
        False,
        True,
        True,
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["ALLOWED_HOSTS"] == ["kleve.example"]


def test_a_proxy_that_terminates_tls_is_trusted_through_x_forwarded_proto():
    factory = RequestFactory()
    assert factory.get("/", HTTP_X_FORWARDED_PROTO="https").is_secure() is True
    assert factory.get("/", HTTP_X_FORWARDED_PROTO="http").is_secure() is False
    assert factory.get("/").is_secure() is False


# The login page opens the request's transaction (ATOMIC_REQUESTS), so it needs the database.
@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_behind_the_proxy_https_requests_are_not_redirected_again(client):
    plain = client.get("/admin/login/")
    forwarded = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/admin/login/")
    assert forwarded.status_code == 200


def test_time_and_languages():
    assert (settings.TIME_ZONE, settings.USE_TZ) == ("Europe/Berlin", True)
    assert [code for code, _ in settings.LANGUAGES] == ["de", "uk", "en"]
    assert settings.LANGUAGE_CODE == "de"


@pytest.mark.django_db  # the login page runs in the request's transaction (ATOMIC_REQUESTS)
def test_the_admin_is_german_for_a_browser_that_asks_for_english(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="de"' in page
    assert "Anmelden" in page
    assert response["Content-Language"] == "de"


def test_staff_who_chose_english_get_the_admin_in_english(planner_client):
    planner_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    page = planner_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en"' in page
    assert "Log out" in page


def test_the_public_site_still_follows_the_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert (response.status_code, response["Location"]) == (302, "/en/")


def test_the_admin_offers_the_language_switch(planner_client):
    page = planner_client.get("/admin/").content.decode()
    assert '<form class="kleve-language" action="/i18n/setlang/" method="post">' in page
    assert '<option value="uk" lang="uk">Українська</option>' in page


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    out = io.StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
    assert out.getvalue().strip() == "No changes detected"
