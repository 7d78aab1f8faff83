"""Debug off, as in production: every guest URL and every public page answers without a server error.

Production's server (`benchmarks/harness.py`'s, granian) runs with DJANGO_DEBUG=0, a throwaway secret key,
static files collected by the production storage (hashed names, a manifest) into a temporary folder, and a
temporary SQLite database with the demo visit. The guest URLs come from the URL map (a new one is walked
without touching this test) with a link made by `manage.py guest_links`; the public site is crawled from the
home page of each language and the sitemap, and every public URL name must be reached in every language.
"""

import hashlib
import re
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django
import pytest
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from benchmarks import harness
from pages import urls as pages_urls
from press import urls as public_urls
from visits.urls import guest as guest_urls

LANGUAGES = ("de", "uk", "en")
SLUG = "podilsk-2025"
LINK = re.compile(r"\thttp://127\.0\.0\.1:\d+/g/([A-Za-z0-9_-]{32})/$", re.M)
# Links in pages (forms too: their pages answer a GET), feeds and the sitemap.
REFERENCES = re.compile(r'(?:href|src|action)="([^"]+)"|<loc>([^<]+)</loc>|<link>([^<]+)</link>')
# Not part of the public site, or walked on their own (guest links), or changes (the language switch).
NOT_CRAWLED = ("/admin/", "/g/", "/i18n/")
MOST_URLS = 400
# Static files collected with production's storage, kept between runs (collecting takes most of the time).
STATIC_CACHE = Path(tempfile.gettempdir()) / "kleve-partnership-static"
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A production-like server on the demo data: (server, member's token, whole delegation's token)."""
    folder = tmp_path_factory.mktemp("debug-off")
    port = harness.free_port()
    env = harness.server_env(f"sqlite:///{folder / 'db.sqlite3'}")
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SITE_URL=f"http://127.0.0.1:{port}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
    )
    # collectstatic takes longest (it compresses every file): it runs beside the database's set-up, and only
    # when the sources changed since the last run.
    static_root = _static_root()
    env["DJANGO_STATIC_ROOT"] = str(static_root)
    failed: list[str] = []

    def collect_static():
        try:
            _collect_static(env, static_root)
        except SystemExit as error:  # harness.manage's way to say what failed
            failed.append(str(error))

    collect = threading.Thread(target=collect_static)
    collect.start()
    try:
        harness.manage(env, "migrate", "--noinput", "-v0")
        # As held: its event pages published, so every kind of public page is there whatever the hour.
        harness.manage(env, "seed_demo", "--as-held")
        tokens = LINK.findall(harness.manage(env, "guest_links", SLUG, "--delegation-link"))
    finally:
        collect.join()
    assert not failed, failed
    assert len(tokens) == 5  # four members and the whole delegation
    # Production's server (granian, its threads), with one worker: the demo's SQLite file is one machine's.
    with harness.Server.production(env, workers=1, port=port, log=folder / "server.log") as running:
        yield running, tokens[0], tokens[-1]


def _static_root() -> Path:
    """Where the static files of the current sources are collected: named by their paths, sizes and times."""
    digest = hashlib.sha256(
        f"{django.__version__} {metadata.version('whitenoise')} {PRODUCTION_STATIC_STORAGE}".encode()
    )
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda found: found[0]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return STATIC_CACHE / digest.hexdigest()[:20]


def _collect_static(env: dict, static_root: Path) -> None:
    """`collectstatic` with production's storage into `static_root`, unless a run before did it already."""
    if (static_root / "staticfiles.json").exists():
        static_root.touch()  # in use: kept
        return
    STATIC_CACHE.mkdir(exist_ok=True)
    for old in STATIC_CACHE.iterdir():  # collections of sources long changed
        if time.time() - old.stat().st_mtime > 24 * 3600:
            shutil.rmtree(old, ignore_errors=True)
    # Into a folder of its own, then renamed: a test run beside this one never sees half a collection.
    partial = Path(tempfile.mkdtemp(prefix="partial-", dir=STATIC_CACHE))
    harness.manage(env | {"DJANGO_STATIC_ROOT": str(partial)}, "collectstatic", "--noinput", "-v0")
    try:
        partial.rename(static_root)
    except OSError:  # another run was quicker
        shutil.rmtree(partial, ignore_errors=True)


def _fetch(server, path: str) -> tuple[int, str, str]:
    status, body, headers = harness.fetch(server.base + path, timeout=60)
    kind = headers.get("Content-Type", "")
    text = body.decode(errors="replace") if ("text" in kind or "xml" in kind or "json" in kind) else ""
    return status, kind, text


def _fetch_all(server, paths) -> dict[str, tuple[int, str, str]]:
    paths = sorted(set(paths))
    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip(paths, pool.map(lambda path: _fetch(server, path), paths), strict=True))


def _server_errors(server, answers) -> str:
    errors = {path: status for path, (status, _kind, _text) in answers.items() if status >= 500}
    if not errors:
        return ""
    log = Path(server.log).read_text(errors="replace")[-6000:]
    return f"server errors: {errors}\n--- server log (end) ---\n{log}"


def guest_paths(token: str, languages=LANGUAGES) -> dict[str, str]:
    """Every guest URL of the URL map, in every language it takes (of `languages`)."""
    paths = {}
    for pattern in guest_urls.urlpatterns:
        parameters = set(pattern.pattern.converters)
        if pattern.name == "document":
            continue  # the address of one shared file; the demo shares none (tests/test_attachments.py)
        assert parameters <= {"token", "lang"}, f"guest:{pattern.name} takes {parameters}: name values here"
        for lang in languages if "lang" in parameters else (None,):
            kwargs = {"token": token} | ({"lang": lang} if lang else {})
            paths[f"{pattern.name} {lang or ''}".strip()] = reverse(f"guest:{pattern.name}", kwargs=kwargs)
    return paths


def test_every_guest_url_answers(server):
    running, member_token, delegation_token = server
    member = guest_paths(member_token)
    whole = guest_paths(delegation_token, languages=("uk",))  # the same views: one language is enough
    unknown = guest_paths("x" * 32, languages=("uk",))
    answers = _fetch_all(running, [*member.values(), *whole.values(), *unknown.values()])
    assert not _server_errors(running, answers), _server_errors(running, answers)
    assert {answers[path][0] for path in unknown.values()} == {404}

    # A member's link opens every one of its pages; the whole delegation's has no details form (404).
    assert {name: answers[path][0] for name, path in member.items()} == dict.fromkeys(member, 200)
    assert {name: answers[path][0] for name, path in whole.items()} == {
        name: 404 if name.startswith("details") else 200 for name in whole
    }
    # What the service worker keeps for offline use and the manifest's icons are all there.
    _status, _kind, worker = answers[member["service_worker"]]
    precache = re.findall(r'"(/[^"]*)"', re.search(r"const PRECACHE = (\[.*?\]);", worker).group(1))
    _status, _kind, manifest = answers[member["manifest"]]
    icons = re.findall(r'"src": "(/static/[^"]+)"', manifest)
    assert len(precache) >= 4 and len(icons) == 3
    files = _fetch_all(running, [*precache, *icons])
    assert {path: status for path, (status, _kind, _text) in files.items()} == dict.fromkeys(files, 200)
    assert '"/static/' in worker  # the static prefix the worker serves from its cache


def _public_name(path: str) -> str | None:
    """`namespace:name lang` of a crawled path, for the public and legal pages."""
    language = translation.get_language_from_path(path)
    if language is None:
        return None
    with translation.override(language):
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            return None
    return f"{match.view_name} {language}" if match.namespace in ("public", "pages") else None


def _links(base: str, page_path: str, text: str) -> set[str]:
    found = set()
    for groups in REFERENCES.findall(text):
        reference = next(part for part in groups if part).replace("&amp;", "&")
        reference = re.sub(r"^webcal://", "http://", reference)
        url = urlsplit(urljoin(base + page_path, reference))
        if f"{url.scheme}://{url.netloc}" != base or url.path.startswith(NOT_CRAWLED):
            continue
        found.add(url.path + (f"?{url.query}" if url.query else ""))
    return found


def test_every_public_page_answers_in_every_language(server):
    running, _member_token, _delegation_token = server
    start = {"/", "/sitemap.xml", "/robots.txt", "/favicon.ico", "/.well-known/security.txt", "/healthz"}
    start |= {f"/{lang}/" for lang in LANGUAGES}
    # Pages nobody links to: a letter's check page with an unknown code, a page that does not exist.
    start |= {"/brief/UNBEKANNT-2025/"} | {f"/{lang}/gibt-es-nicht/" for lang in LANGUAGES}
    answers: dict[str, tuple[int, str, str]] = {}
    level = start
    while level and len(answers) < MOST_URLS:
        answers |= _fetch_all(running, level)
        found = set()
        for path in level:
            _status, _kind, text = answers[path]
            if not path.startswith("/static/") and text:
                found |= _links(running.base, path, text)
        level = found - set(answers)
    assert not _server_errors(running, answers), _server_errors(running, answers)
    assert len(answers) < MOST_URLS, "more pages than expected: raise MOST_URLS if that is right"

    reached = {name for path in answers if (name := _public_name(path))}
    expected = {
        f"{module.app_name}:{pattern.name} {lang}"
        for module in (public_urls, pages_urls)
        for pattern in module.urlpatterns
        for lang in LANGUAGES
    }
    assert expected - reached == set(), "public pages no link leads to"
    ok = {path for path, (status, _kind, _text) in answers.items() if status == 200}
    assert {f"/{lang}/besuche/{SLUG}/" for lang in LANGUAGES} <= ok
    assert {path for path in answers if "gibt-es-nicht" in path or path.startswith("/brief/")} == {
        path for path, (status, _kind, _text) in answers.items() if status == 404
    }
