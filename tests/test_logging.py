"""Each log line once, in debug mode and in production: Django's loggers, ours, and the task worker's."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SCRIPT = """
import logging
logging.getLogger("django").warning("django-line")
logging.getLogger("django.request").warning("request-line")
logging.getLogger("visits.notices").warning("notice-line")
logging.getLogger("django.tasks").warning("task-line")
"""


@pytest.mark.parametrize("debug", ["1", "0"])
def test_every_line_is_printed_once(debug):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="kleve_partnership.settings", DJANGO_DEBUG=debug)
    env.setdefault("DJANGO_SECRET_KEY", "logging-test-key-" + "x" * 40)
    env["DATABASE_URL"] = "sqlite:///:memory:"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    output = done.stdout + done.stderr
    for line in ("django-line", "request-line", "notice-line", "task-line"):
        assert output.count(line) == 1, output
