"""Test settings with the shared Redis cache `REDIS_URL` names, as production has (tests/settings.py keeps
a cache per process): for the servers of tests/test_two_processes.py."""

import os

from tests.settings import *  # noqa: F403

_REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
CACHES = {"default": _REDIS, "pages": _REDIS}
PAGE_CACHE_GENERATION_DIR = None  # the generation in Redis too
