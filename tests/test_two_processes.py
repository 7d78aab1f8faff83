"""Two application servers on one database, each with its own kept pages, as behind a load balancer: what
one process (or the admin's ORM) changes, the other serves at once, because every committed write starts a
new generation that all processes read (a file on this machine, or the shared Redis).

Runs two gunicorn processes (one sync worker each) on the test database itself: the SQLite file or the
PostgreSQL test database; the data is committed (transactional_db) so they see it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from tests import factories
from tests.processes import database_url, free_port
from tests.public_data import public_item, public_visit, published_page
from visits import services

ROOT = Path(settings.BASE_DIR)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        assert response.status == 200
        return response.read().decode()


# A database of the local Redis of its own, emptied by the test (the bench uses others).
SHARED_REDIS = "redis://127.0.0.1:6379/11"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(params=["cache per process", "shared Redis cache"])
def two_servers(request, transactional_db, settings):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=database_url(),
        DJANGO_PAGE_CACHE_SECONDS="300",
        DJANGO_LOG_LEVEL="WARNING",
    )
    if request.param == "shared Redis cache":
        if not _redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379")
        # The generation and the kept pages in Redis: this process's changes (the admin's ORM here) must
        # start a new generation there, so it uses the same caches.
        env.update(REDIS_URL=SHARED_REDIS, DJANGO_SETTINGS_MODULE="tests.settings_shared_cache")
        redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": SHARED_REDIS}
        settings.CACHES = {"default": redis, "pages": redis}
        settings.PAGE_CACHE_GENERATION_DIR = None
        caches["pages"].clear()
    else:
        # Kept pages per process, the generation in this test run's folder (inherited through the env).
        env.pop("REDIS_URL", None)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [gunicorn, "kleve_partnership.wsgi", "--workers=1", f"--bind=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        deadline = time.monotonic() + 20
        for process, base in servers:
            while True:
                try:
                    _get(base + "/healthz")
                    break
                except OSError:
                    assert process.poll() is None, "gunicorn exited"
                    assert time.monotonic() < deadline, "gunicorn did not answer"
                    time.sleep(0.2)
        yield [base for _process, base in servers]
    finally:
        for process, _base in servers:
            process.terminate()
        for process, _base in servers:
            process.wait(timeout=10)


def test_a_release_and_a_change_are_seen_by_both_servers_at_once(two_servers):
    first, second = two_servers
    visit = public_visit(title="Besuch aus Podilsk")
    item = public_item(visit, title="Empfang im Kreishaus")
    page = published_page(visit, programme_item=item, title="Bericht vom Empfang")
    member = factories.MemberFactory(delegation=visit, first_name="Olena")
    factories.release(visit)
    _access, token = services.issue_guest_access(delegation=visit, member=member)
    paths = {
        "visit": f"/de/besuche/{visit.slug}/",
        "calendar": f"/de/besuche/{visit.slug}/programm.ics",
        "event": f"/de/veranstaltungen/{page.slug}/",
        "guest": f"/g/{token}/de/",
    }
    for base in (first, second):
        for name, path in paths.items():
            for _ in range(2):  # the second answer comes from that server's cache
                assert "Empfang im Kreishaus" in _get(base + path), (base, name)

    item.title_de = "Empfang im Rathaus"
    item.save()
    factories.release(visit)
    page.title_de = "Bericht aus dem Rathaus"
    page.save()

    for base in (first, second):
        for name, path in paths.items():
            text = _get(base + path)
            assert "Empfang im Rathaus" in text and "Empfang im Kreishaus" not in text, (base, name)
        assert "Bericht aus dem Rathaus" in _get(base + paths["event"])
        assert "Bericht aus dem Rathaus" in _get(base + paths["visit"])
