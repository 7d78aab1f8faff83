"""The page cache with the shared Redis (several machines, `core.page_cache.SharedGeneration`, `SharedStore`):
the generation is mirrored in each process by a subscription, so a hit makes no round trip to Redis; a change
counts at once in its own process and within milliseconds in every other; entries kept by another process are
found in Redis.

Needs Redis on 127.0.0.1:6379 (database 12 of its own, emptied here); skipped with the reason when it is not
there. The other processes are stood in for by objects of their own in this process: each subscribes on a
connection of its own, as a worker does.
"""

import socket
import time

import pytest
from django.core.cache import caches
from django.test import Client

from core import page_cache
from tests import factories
from tests.public_data import public_item, public_visit

REDIS = "redis://127.0.0.1:6379/12"
KEY = "test-page-cache-generation"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")


def until(condition, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the deadline"
        time.sleep(0.001)


def subscribed(generation: page_cache.SharedGeneration) -> page_cache.SharedGeneration:
    generation.value()  # starts the follower
    until(lambda: generation._following is not None)
    return generation


def test_a_change_counts_at_once_here_and_within_milliseconds_in_another_process():
    here = subscribed(page_cache.SharedGeneration(REDIS, KEY))
    there = subscribed(page_cache.SharedGeneration(REDIS, KEY))
    assert here.value() == there.value()

    here.set("after-the-change")

    assert here.value() == "after-the-change"  # this process: at once
    started = time.monotonic()
    until(lambda: there.value() == "after-the-change")
    assert time.monotonic() - started < 1.0  # typically well under a millisecond


def test_a_subscribed_process_makes_no_round_trip_and_reads_the_key_when_not_subscribed(monkeypatch):
    generation = subscribed(page_cache.SharedGeneration(REDIS, KEY))
    current = generation.value()

    def no_round_trip(client):
        raise AssertionError("read from Redis on a hit")

    monkeypatch.setattr(generation, "_read", no_round_trip)
    assert [generation.value() for _ in range(100)] == [current] * 100

    # Not (or no longer) subscribed: every call asks Redis, so nothing unconfirmed is used.
    monkeypatch.undo()
    generation._following = None
    generation._client.set(KEY, "set-while-not-subscribed")
    assert generation.value() == "set-while-not-subscribed"


@pytest.fixture
def shared_cache(settings):
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    settings.CACHES = {"default": settings.CACHES["default"], "pages": redis}
    settings.PAGE_CACHE_GENERATION_DIR = None
    caches["pages"].clear()
    page_cache.store().clear()
    subscribed(page_cache._shared_generation())
    yield
    page_cache.store().clear()


def test_a_hit_comes_from_memory_and_an_entry_kept_by_another_process_from_redis(
    shared_cache, transactional_db, django_assert_num_queries, monkeypatch
):
    visit = public_visit(title="Besuch aus Podilsk")
    item = public_item(visit, title="Empfang im Kreishaus")
    factories.release(visit)
    url = visit.get_absolute_url()
    client = Client()
    first = client.get(url)
    assert first.status_code == 200 and "Empfang im Kreishaus" in first.content.decode()

    # A hit: no query, and not a byte from Redis.
    shared = caches["pages"]
    monkeypatch.setattr(shared, "get", lambda *args, **kwargs: pytest.fail("Redis asked on a hit"))
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content
    monkeypatch.undo()

    # Another process kept it: this one finds it in Redis, without rendering.
    page_cache._process_store().clear()
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content
    assert len(page_cache.store()) == 1

    # A committed change starts a new generation: rendered afresh.
    item.title_de = "Empfang im Rathaus"
    item.save()
    factories.release(visit)
    assert "Empfang im Rathaus" in client.get(url).content.decode()
