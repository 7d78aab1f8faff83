"""The task queue's worker (django-tasks-db's `db_worker`), which also looks after notices nobody works on.

Beside running tasks, every worker sweeps for notices that are due but have no live try: a worker that died
mid-send leaves its notice claimed, and a task can be lost with its database row. The sweep runs at start and
every `DJANGO_NOTICE_SWEEP_SECONDS` in a thread of its own; several workers sweeping at once is harmless, as
a notice is sent by whoever claims it first (visits.notices).
"""

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from visits import notices

logger = logging.getLogger("visits.notices")


def sweep_forever(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            notices.recover_stalled()
        except Exception:  # a locked or unreachable database: try again at the next round
            logger.exception("The sweep for stalled notices failed; trying again in %s s", every)
        finally:
            connection.close()
        stop.wait(every)


class Command(db_worker.Command):
    help = (
        "Run the task queue (programme notices): django-tasks-db's worker, plus a sweep that queues notices "
        "again whose worker died."
    )

    def handle(self, *args, **options):
        # With --reload the outer process only watches files; the inner one (DJANGO_AUTORELOAD_ENV) works.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            stop = threading.Event()
            sweeper = threading.Thread(
                target=sweep_forever,
                args=(stop, settings.NOTICE_SWEEP_SECONDS),
                name="notice-sweep",
                daemon=True,
            )
            sweeper.start()
        return super().handle(*args, **options)
