"""One address for every link: `DJANGO_SITE_URL`, required in production, followed by every absolute link.

In debug mode without it, links follow the request's host (a development server on another port hands out
links to itself); cached pages that hold such links are kept apart per host.
"""

import os
import re
import runpy
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from core import links, page_cache
from core.checks import check_site_url
from letters.models import check_url
from letters.services import issue_letters
from tests import documents, factories
from tests.public_data import public_item, public_visit, published_page
from visits import services

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


# -- One helper for every link ----------------------------------------------------------------------------

PUBLIC = "https://partnerschaften.kreis-kleve.example"
# A development server on another port, as `make run PORT=8001` starts it.
OTHER_HOST = "localhost:8001"


@pytest.fixture
def debug_without_address(settings):
    """Debug mode as a developer runs it without DJANGO_SITE_URL: links follow the request's host."""
    settings.DEBUG = True
    settings.SITE_URL_FROM_ENVIRONMENT = False
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def site_address(request, settings):
    """DJANGO_SITE_URL given, in debug mode or not: every link uses it, whatever host a request came in on."""
    settings.DEBUG = request.param
    settings.SITE_URL_FROM_ENVIRONMENT = True
    settings.SITE_URL = PUBLIC


def _request(host: str = OTHER_HOST):
    return RequestFactory().get("/", headers={"host": host})


def test_with_an_address_every_link_uses_it(site_address):
    assert links.absolute_url("/g/abc/", _request()) == f"{PUBLIC}/g/abc/"
    assert links.absolute_url("/g/abc/") == f"{PUBLIC}/g/abc/"
    assert links.webcal_url("/g/abc/uk/programm.ics", _request()) == (
        "webcal://partnerschaften.kreis-kleve.example/g/abc/uk/programm.ics"
    )


def test_in_debug_mode_without_an_address_links_follow_the_request(debug_without_address):
    assert links.absolute_url("/g/abc/", _request()) == "http://localhost:8001/g/abc/"
    assert (
        links.webcal_url("/g/abc/en/programm.ics", _request())
        == "webcal://localhost:8001/g/abc/en/programm.ics"
    )
    # Without a request (a worker, a command): the development default.
    assert links.absolute_url("/g/abc/") == "http://127.0.0.1:8000/g/abc/"


def test_in_production_without_an_address_links_never_follow_the_request(settings):
    _production(settings, None)
    assert links.absolute_url("/g/abc/", _request("partnerschaften.kreis-kleve.example")) == (
        "http://127.0.0.1:8000/g/abc/"
    )


def test_a_link_needs_a_path_from_the_root():
    with pytest.raises(ValueError, match="path from the site's root"):
        links.absolute_url("g/abc/")


# -- Guest links, letters, the guest page's calendar and PDFs ---------------------------------------------


def test_guest_link_urls_follow_the_address(site_address, guest_link):
    _access, token = guest_link
    assert services.guest_link_url(token, _request()) == f"{PUBLIC}/g/{token}/"
    assert services.guest_link_url(token) == f"{PUBLIC}/g/{token}/"


def test_guest_link_urls_follow_the_request_in_debug_mode(debug_without_address, guest_link):
    _access, token = guest_link
    assert services.guest_link_url(token, _request()) == f"http://localhost:8001/g/{token}/"
    assert services.guest_link_url(token) == f"http://127.0.0.1:8000/g/{token}/"


def test_letter_check_urls_follow_the_address_or_the_request(settings):
    settings.DEBUG, settings.SITE_URL_FROM_ENVIRONMENT, settings.SITE_URL = True, True, PUBLIC
    assert check_url("AbC-1", _request()) == f"{PUBLIC}/brief/AbC-1/"
    settings.SITE_URL_FROM_ENVIRONMENT, settings.SITE_URL = False, "http://127.0.0.1:8000"
    assert check_url("AbC-1", _request()) == "http://localhost:8001/brief/AbC-1/"


def _webcal(page: str) -> str:
    start = page.index('href="webcal://') + len('href="')
    return page[start : page.index('"', start)]


def test_the_guest_pages_calendar_subscription_uses_the_address(site_address, guest_link, client):
    _access, token = guest_link
    page = client.get(f"/g/{token}/en/", headers={"host": OTHER_HOST}).content.decode()
    assert _webcal(page) == f"webcal://partnerschaften.kreis-kleve.example/g/{token}/en/programm.ics"


def test_the_guest_pages_calendar_subscription_follows_the_host_in_debug_mode(
    debug_without_address, guest_link, client
):
    _access, token = guest_link
    page = client.get(f"/g/{token}/en/", headers={"host": OTHER_HOST}).content.decode()
    assert _webcal(page) == f"webcal://localhost:8001/g/{token}/en/programm.ics"


def test_the_guests_calendar_file_links_the_guest_page_on_the_requests_host(
    debug_without_address, guest_link, client
):
    _access, token = guest_link
    factories.ProgrammeItemFactory(delegation=guest_link[0].delegation)
    factories.release(guest_link[0].delegation)
    calendar = client.get(f"/g/{token}/uk/programm.ics", headers={"host": OTHER_HOST}).content.decode()
    assert f"URL:http://localhost:8001/g/{token}/" in calendar.replace("\r\n ", "")


def _qr_codes(pdf: bytes) -> list[str]:
    """The contents of the QR codes of a PDF, read back with zxing-cpp (tests/documents.py)."""
    return documents.qr_codes(pdf, page=None)


@pytest.mark.parametrize("address", [PUBLIC, None], ids=["address", "debug-host"])
def test_the_letters_qr_code_holds_the_check_page_on_the_right_host(settings, planner_client, address):
    settings.DEBUG = True
    settings.SITE_URL_FROM_ENVIRONMENT = address is not None
    settings.SITE_URL = address or "http://127.0.0.1:8000"
    delegation = factories.DelegationFactory()
    member = factories.MemberFactory(delegation=delegation)
    (letter,) = issue_letters(delegation=delegation)
    url = reverse("letters:member-pdf", kwargs={"pk": delegation.pk, "member_pk": member.pk})
    response = planner_client.get(url, headers={"host": OTHER_HOST})
    assert response.status_code == 200
    expected = f"{address or 'http://localhost:8001'}/brief/{letter.code}/"
    assert _qr_codes(response.content) == [expected]


def test_the_guest_pdfs_qr_code_holds_the_link_on_the_requests_host(
    debug_without_address, guest_link, client
):
    _access, token = guest_link
    response = client.get(f"/g/{token}/uk/programm.pdf", headers={"host": OTHER_HOST})
    assert response.status_code == 200
    assert _qr_codes(response.content) == [f"http://localhost:8001/g/{token}/"]


# -- The public site's own addresses ----------------------------------------------------------------------


@pytest.fixture
def released_visit(db):
    visit = public_visit(title="Besuch aus Podilsk")
    item = public_item(visit, title="Empfang im Kreishaus")
    page = published_page(visit, programme_item=item, title="Bericht vom Empfang")
    factories.release(visit)
    return visit, page


def test_public_pages_feeds_and_sitemap_use_the_address(site_address, released_visit, client):
    _visit, page = released_visit
    host = {"host": OTHER_HOST}
    event = client.get(page.get_absolute_url(), headers=host).content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}{page.get_absolute_url()}">' in event
    assert f'"url": "{PUBLIC}{page.get_absolute_url()}"' in event  # JSON-LD
    assert (
        f"<link>{PUBLIC}{page.get_absolute_url()}</link>"
        in client.get("/de/feeds/rss.xml", headers=host).content.decode()
    )
    assert f"<loc>{PUBLIC}/de/veranstaltungen/" in client.get("/sitemap.xml", headers=host).content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt", headers=host).content.decode()
    security = client.get("/.well-known/security.txt", headers=host).content.decode()
    assert f"Canonical: {PUBLIC}/.well-known/security.txt" in security.splitlines()


def test_public_pages_feeds_and_sitemap_follow_the_host_in_debug_mode(
    debug_without_address, released_visit, client
):
    _visit, page = released_visit
    host = {"host": OTHER_HOST}
    event = client.get(page.get_absolute_url(), headers=host).content.decode()
    assert f'<link rel="canonical" href="http://localhost:8001{page.get_absolute_url()}">' in event
    rss = client.get("/de/feeds/rss.xml", headers=host).content.decode()
    assert f"<link>http://localhost:8001{page.get_absolute_url()}</link>" in rss
    assert (
        "<loc>http://localhost:8001/de/veranstaltungen/"
        in client.get("/sitemap.xml", headers=host).content.decode()
    )


def test_identifiers_never_follow_the_request(debug_without_address, released_visit, client):
    """Calendar UIDs and feed GUIDs stay the same on every host, or calendars and readers see doubles."""
    visit, _page = released_visit
    calendar = f"/de/besuche/{visit.slug}/programm.ics"
    feed = "/de/feeds/atom.xml"

    def identifiers(host: str) -> list[str]:
        uids = re.findall(
            r"^UID:(.*)\r$", client.get(calendar, headers={"host": host}).content.decode(), re.M
        )
        guids = re.findall(
            r"<id>(urn:uuid:[^<]+)</id>", client.get(feed, headers={"host": host}).content.decode()
        )
        assert uids and guids
        return uids + guids

    assert identifiers(OTHER_HOST) == identifiers("127.0.0.1:8000")
    assert all(uid.endswith("@127.0.0.1") for uid in identifiers(OTHER_HOST) if not uid.startswith("urn:"))


# -- Cached pages that hold absolute links ----------------------------------------------------------------


@pytest.fixture
def empty_cache():
    page_cache.store().clear()
    yield
    page_cache.store().clear()


def _page_entries() -> int:
    return len(page_cache.store())


# Committed data (transactional_db): a connection with uncommitted changes keeps no page (core.page_cache).
def test_a_cached_public_page_is_kept_apart_per_host_in_debug_mode(
    transactional_db, debug_without_address, released_visit, empty_cache
):
    visit, page = released_visit
    for url in (visit.get_absolute_url(), page.get_absolute_url(), f"/de/besuche/{visit.slug}/programm.ics"):
        first = Client().get(url, headers={"host": "127.0.0.1:8000"}).content.decode()
        other = Client().get(url, headers={"host": OTHER_HOST}).content.decode()
        again = Client().get(url, headers={"host": "127.0.0.1:8000"}).content.decode()
        assert "http://127.0.0.1:8000/" in first and "localhost:8001" not in first, url
        assert "http://localhost:8001/" in other and "127.0.0.1:8000" not in other, url
        assert again == first, url
    assert _page_entries() == 6


def test_a_cached_guest_page_is_kept_apart_per_host_in_debug_mode(
    transactional_db, debug_without_address, guest_link, empty_cache
):
    _access, token = guest_link
    url = f"/g/{token}/en/"

    def client():  # a phone that chose English before: the answer sets no cookie, so it is kept
        phone = Client()
        phone.cookies["guest_language"] = "en"
        return phone

    first = _webcal(client().get(url, headers={"host": "127.0.0.1:8000"}).content.decode())
    other = _webcal(client().get(url, headers={"host": OTHER_HOST}).content.decode())
    again = _webcal(client().get(url, headers={"host": "127.0.0.1:8000"}).content.decode())
    assert (first, other, again) == (
        f"webcal://127.0.0.1:8000/g/{token}/en/programm.ics",
        f"webcal://localhost:8001/g/{token}/en/programm.ics",
        f"webcal://127.0.0.1:8000/g/{token}/en/programm.ics",
    )
    assert _page_entries() == 2


def test_with_an_address_a_page_cached_for_one_host_shows_the_address_to_all(
    site_address, guest_link, empty_cache
):
    _access, token = guest_link
    pages = [
        Client().get(f"/g/{token}/en/", headers={"host": host}).content.decode()
        for host in ("127.0.0.1:8000", OTHER_HOST)
    ]
    assert [_webcal(page) for page in pages] == [
        f"webcal://partnerschaften.kreis-kleve.example/g/{token}/en/programm.ics"
    ] * 2


# -- `make run PORT=8001` -------------------------------------------------------------------------------


def _make_environment(**variables) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "MAKE"))}
    return env | variables


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_another_port_gives_every_process_its_address():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8001"],
        cwd=ROOT,
        env=_make_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    commands = result.stdout.replace("\\\n", " ").splitlines()  # a recipe's continued lines as one
    seed = next(line for line in commands if "seed_demo" in line)
    assert "DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://127.0.0.1:8001}" in seed
    serve = next(line for line in commands if "serve-with-worker" in line)
    assert "DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://127.0.0.1:8001}" in serve
    assert serve.endswith(" 127.0.0.1:8001")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("given", "expected"), [(None, "http://127.0.0.1:8001"), (PUBLIC, PUBLIC)], ids=["from-port", "given"]
)
def test_make_run_starts_seed_server_and_worker_with_the_address(tmp_path, given, expected):
    """`make run` with a stand-in for Python that notes how it was called: nothing is installed or served."""
    log = tmp_path / "calls.log"
    python = tmp_path / "python"
    # The server and the worker each wait (10 s at most) until both have started: the first to end stops both.
    python.write_text(
        '#!/bin/sh\nprintf "%s|%s|%s\\n" "$*" "$DJANGO_SITE_URL" "$DJANGO_DEBUG" >> "$CALLS"\n'
        'case "$*" in *db_worker*|*runserver*) i=0\n'
        '  while [ $i -lt 100 ] && [ "$(grep -c -e db_worker -e runserver "$CALLS")" -lt 2 ]; do\n'
        "    sleep 0.1; i=$((i + 1))\n"
        "  done;;\n"
        "esac\n"
    )
    python.chmod(0o755)
    stamp = tmp_path / "installed"  # newer than the lock file: make installs nothing
    stamp.touch()
    variables = {"CALLS": str(log), **({"DJANGO_SITE_URL": given} if given else {})}
    result = subprocess.run(
        ["make", "run", "PORT=8001", f"PY={python}", f"STAMP={stamp}"],
        cwd=ROOT,
        env=_make_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    calls = sorted(log.read_text().splitlines())
    assert calls == sorted(
        [
            f"manage.py migrate --noinput|{given or ''}|1",
            f"manage.py seed_demo|{expected}|1",
            f"manage.py db_worker --no-startup-delay|{expected}|1",
            f"manage.py runserver 127.0.0.1:8001|{expected}|1",
        ]
    )
