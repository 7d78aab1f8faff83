"""The release loop with real parts: the persistent task queue, a worker process (`manage.py db_worker`),
a real SMTP server and a messenger webhook on 127.0.0.1. Every member gets exactly one notice per release,
in their language, whose link opens; an SMTP server that is down delays notices, it does not lose them; a
worker killed with SIGKILL in the middle of a batch and started again leaves every notice delivered once.

The worker runs on the test database itself (the SQLite file or the PostgreSQL test database), so the data
is committed (transactional_db).
"""

import io
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from tests.processes import database_url, free_port
from tests.receivers import MailServer, Webhook, wait_for
from visits import notices
from visits.models import ProgrammeRelease, ReleaseNotification
from visits.releases import release_programme

ROOT = Path(django_settings.BASE_DIR)
LINK = re.compile(r"https?://\S+/g/[\w-]+/")
WORKER_OPTIONS = ["--no-startup-delay", "--no-reload", "--interval=0.2"]


class Worker:
    """`manage.py db_worker` in a process of its own, with its log kept for a failing test's report."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.process = None

    def start(self) -> None:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--no-startup-delay",
                    "--no-reload",
                    "--interval=0.2",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def loop(transactional_db, settings, tmp_path):
    """An SMTP server (not started), a webhook, and a worker (not started) configured for both."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mail_server = MailServer(free_port())
    hook = Webhook(free_port())
    hook.start()
    messenger_url = f"json://127.0.0.1:{hook.server.server_address[1]}/messenger/{{recipient}}"
    settings.MESSENGER_URL = messenger_url  # so the release picks the messenger channel too
    settings.SITE_URL = "http://testserver"  # as the worker's: Message-IDs name its host
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=database_url(),
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # links are made again from the secret key
        DJANGO_SITE_URL="http://testserver",
        DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(mail_server.port),
        DJANGO_EMAIL_TIMEOUT="5",
        DJANGO_MESSENGER_URL=messenger_url,
        DJANGO_NOTICE_RETRY_DELAYS="2,3,5,10",
        DJANGO_NOTICE_CLAIM_TIMEOUT="4",
        DJANGO_NOTICE_SWEEP_SECONDS="1",
        DJANGO_LOG_LEVEL="INFO",
    )
    env.pop("REDIS_URL", None)
    workers = []

    def new_worker() -> Worker:
        worker = Worker(env, tmp_path / "worker.log")
        workers.append(worker)
        return worker

    try:
        yield {"mail": mail_server, "hook": hook, "worker": new_worker, "log": tmp_path / "worker.log"}
    finally:
        for worker in workers:
            worker.stop()
        mail_server.stop()
        hook.stop()


def _delegation(members: int, *, slug="podilsk", **member_fields):
    delegation = factories.DelegationFactory(
        title="Besuch aus Podilsk", title_uk="Візит з Подільська", title_en="Visit from Podilsk", slug=slug
    )
    languages = [d.Language.UKRAINIAN, d.Language.ENGLISH, d.Language.GERMAN]
    people = [
        factories.MemberFactory(
            delegation=delegation,
            first_name=f"Gast{index}",
            email=f"gast{index}@podilsk.example",
            preferred_language=languages[index % 3],
            **member_fields,
        )
        for index in range(members)
    ]
    factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Empfang",
        title_uk="Прийом",
        title_en="Reception",
        starts_at=berlin(2025, 11, 17, 10),
        ends_at=berlin(2025, 11, 17, 11),
    )
    return delegation, people


def _all_sent(release) -> bool:
    notices_of = ReleaseNotification.objects.filter(release=release)
    return notices_of.exists() and not notices_of.exclude(state="sent").exists()


def _report(loop) -> str:
    return loop["log"].read_text() if loop["log"].exists() else "(no worker log)"


def test_every_member_gets_one_notice_per_release_in_their_language_with_a_link_that_opens(loop, client):
    loop["mail"].start()
    delegation, people = _delegation(3)
    messenger_only = factories.MemberFactory(
        delegation=delegation, first_name="Mykola", email="", messenger="+380504445566", notify_by="messenger"
    )
    factories.ProgrammeItemFactory(  # German only: the readiness check blocks the release
        delegation=delegation,
        title="Stadtrundgang",
        title_uk="",
        title_en="",
        starts_at=berlin(2025, 11, 17, 15),
        ends_at=berlin(2025, 11, 17, 16),
    )
    loop["worker"]().start()

    with pytest.raises(CommandError) as refused:
        call_command("release_programme", delegation.slug, stdout=io.StringIO(), stderr=io.StringIO())
    assert refused.value.returncode == 1
    assert not ProgrammeRelease.objects.exists() and not ReleaseNotification.objects.exists()
    out = io.StringIO()
    call_command("release_programme", delegation.slug, accept="Ukrainische Texte folgen.", stdout=out)
    assert out.getvalue().strip() == "Version 1"
    first = ProgrammeRelease.objects.get(delegation=delegation)
    assert first.accepted_reason == "Ukrainische Texte folgen."
    assert [finding["code"] for finding in first.accepted_findings] == ["missing_translation"] * 2
    wait_for(lambda: _all_sent(first), timeout=60, what=f"the first release's notices\n{_report(loop)}")
    late = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Stadtführung",
        title_uk="Екскурсія містом",
        title_en="City tour",
        starts_at=berlin(2025, 11, 18, 10),
        ends_at=berlin(2025, 11, 18, 12),
        participants=[people[1]],
    )
    second = release_programme(delegation=delegation, accept_reason="Ukrainische Texte folgen.")
    wait_for(lambda: _all_sent(second), timeout=60, what=f"the second release's notices\n{_report(loop)}")

    messages = loop["mail"].messages
    received = Counter((m["To"], m["X-Kleve-Notice-Key"].split("-")[2]) for m in messages)
    expected = Counter({(p.email, str(first.pk)): 1 for p in people}) + Counter(
        {(people[1].email, str(second.pk)): 1}
    )
    assert received == expected  # exactly one per member and release, and none to anyone else
    for message in messages:
        member = next(p for p in people if p.email == message["To"])
        assert message["Content-Language"] == member.preferred_language
        text = message.get_body(("plain",)).get_content()
        assert message.get_body(("html",)) is not None
        assert client.get(urlsplit(LINK.search(text).group(0)).path).status_code == 200
    tour = next(m for m in messages if m["X-Kleve-Notice-Key"].startswith(f"kleve-notice-{second.pk}-"))
    assert late.title_en in tour.get_body(("plain",)).get_content()  # Gast1 reads English
    hits = loop["hook"].received
    assert [hit["path"] for hit in hits] == [f"/messenger/{messenger_only.messenger}"]  # first release only
    assert client.get(urlsplit(LINK.search(hits[0]["json"]["message"]).group(0)).path).status_code == 200


def test_with_the_smtp_server_down_notices_retry_and_arrive_once_it_is_back(loop, capsys):
    delegation, people = _delegation(3)
    loop["worker"]().start()
    release = release_programme(delegation=delegation)

    def retrying():
        call_command("notice_status", delegation.slug)
        lines = capsys.readouterr().out.splitlines()
        return lines if lines and all(" retrying " in line for line in lines) else None

    lines = wait_for(retrying, timeout=60, what=f"notices retrying\n{_report(loop)}")
    rows = sorted(line.split() for line in lines)
    assert [(member, channel, state) for member, channel, state, _tries in rows] == [
        (str(p.pk), "email", "retrying") for p in sorted(people, key=lambda p: str(p.pk))
    ]
    assert all(int(tries) >= 1 for *_, tries in rows)
    # Refused, as a rule; on a loaded machine a try may also time out before the refusal: an error either way.
    assert all(n.last_error for n in release.notifications.all())

    loop["mail"].start()
    wait_for(
        lambda: _all_sent(release), timeout=60, what=f"delivery once the server is back\n{_report(loop)}"
    )
    keys = Counter(m["X-Kleve-Notice-Key"] for m in loop["mail"].messages)
    assert keys == Counter({n.idempotency_key: 1 for n in release.notifications.all()})
    assert all(n.attempts >= 2 for n in release.notifications.all())


def test_a_worker_killed_mid_batch_and_started_again_delivers_every_notice_exactly_once(loop):
    loop["mail"].handler.delay = 0.4  # a slow server: the kill lands in the middle of the batch
    loop["mail"].start()
    delegation, _people = _delegation(12)
    first_worker = loop["worker"]()
    first_worker.start()
    release = release_programme(delegation=delegation)
    wait_for(lambda: len(loop["mail"].messages) >= 3, timeout=60, what=f"the first messages\n{_report(loop)}")
    first_worker.kill()
    assert not _all_sent(release)  # killed mid-batch, not after it

    loop["worker"]().start()
    wait_for(lambda: _all_sent(release), timeout=90, what=f"the rest after the restart\n{_report(loop)}")

    notices_sent = list(release.notifications.all())
    ids = Counter(m["Message-ID"] for m in loop["mail"].messages)
    assert set(ids) == {notices.message_id(n) for n in notices_sent}
    # The one notice whose claim the kill cut short may reach the server twice, as the same message (same
    # Message-ID): a mail program shows it once. Nothing else is sent twice.
    assert sum(count - 1 for count in ids.values()) <= 1
    assert len(ids) == len(notices_sent) == 12
