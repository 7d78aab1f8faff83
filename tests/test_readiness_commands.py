"""Release readiness, the commands: release_readiness prints the findings and fails on blocking ones,
release_programme refuses them unless --accept gives a reason, and the exit status says which."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.readiness_visits import _blocked_visit, ready_visit
from visits.models import GuestAccess, ProgrammeRelease, ReleasedItem
from visits.releases import release_programme

pytestmark = pytest.mark.django_db


# -- The commands ---------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_release_readiness_prints_one_finding_a_line_and_fails_on_blocking_ones():
    delegation, _members, talk = _blocked_visit()
    talk.venue = None
    talk.save()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("release_readiness", delegation.slug, stdout=out, stderr=err)
    assert failed.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["BLOCKING", "missing_translation"],
        ["WARNING", "no_venue"],
    ]
    assert "kein Text auf Ukrainisch für Titel" in lines[0]
    assert lines[0].endswith(f"<{settings.SITE_URL}/admin/visits/programmeitem/{talk.pk}/change/>")
    assert "1 blockierender Befund, 1 Warnung." in err.getvalue()


def test_release_readiness_passes_with_warnings_only():
    delegation, (oksana, _petro), _items = ready_visit()
    GuestAccess.objects.filter(member=oksana).delete()
    out, _err = run("release_readiness", delegation.slug)
    assert out.splitlines() == [
        f"WARNING link_never_opened Oksana0 Koval hat noch keinen persönlichen Link (die Mitteilung der "
        f"Freigabe bringt einen). <{settings.SITE_URL}/admin/delegations/member/{oksana.pk}/change/>"
    ]


def test_an_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="Keine Delegation mit dem Kurznamen 'gibt-es-nicht'") as failed:
        call_command("release_readiness", "gibt-es-nicht")
    assert failed.value.returncode == 2
    with pytest.raises(CommandError, match="Keine Delegation"):
        call_command("release_programme", "gibt-es-nicht")


def test_release_programme_refuses_on_blocking_findings_and_writes_nothing():
    delegation, _members, _talk = _blocked_visit()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nichts freigegeben") as failed:
        call_command("release_programme", delegation.slug, stdout=out, stderr=err)
    assert failed.value.returncode == 1
    assert out.getvalue().startswith("BLOCKING missing_translation ")
    assert ProgrammeRelease.objects.count() == 0 and ReleasedItem.objects.count() == 0


def test_release_programme_with_accept_releases_records_and_notifies(django_capture_on_commit_callbacks):
    from django.core import mail

    delegation, members, _talk = _blocked_visit()
    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run(
            "release_programme", delegation.slug, "--note", "Erster Stand", "--accept", "Übersetzung folgt."
        )
    release = ProgrammeRelease.objects.get()
    assert out.splitlines()[-1] == "Version 1"
    assert (release.note, release.accepted_reason) == ("Erster Stand", "Übersetzung folgt.")
    assert [f["code"] for f in release.accepted_findings] == ["missing_translation"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(member.email for member in members)


def test_release_programme_without_findings_needs_no_reason():
    delegation, _members, _items = ready_visit()
    release_programme(delegation=delegation)
    out, _err = run("release_programme", delegation.slug)
    assert out == "Version 2\n"
    assert ProgrammeRelease.objects.get(version=2).accepted_findings == []


def _database_url() -> str:
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{data['NAME']}"
    user = data.get("USER") or ""
    password = f":{data['PASSWORD']}" if data.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{data.get('HOST') or '127.0.0.1'}:{data.get('PORT') or 5432}/{data['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_exit_status_is_1_on_blocking_findings_and_0_when_ready():
    blocked, _members, _talk = _blocked_visit()
    ready, _people, _items = ready_visit(slug="fertig")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=_database_url(),
        DJANGO_LOG_LEVEL="WARNING",
    )

    def status(*args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = status("release_readiness", blocked.slug)
    assert refused.returncode == 1, refused.stderr
    assert refused.stdout.startswith("BLOCKING missing_translation ")
    passed = status("release_readiness", ready.slug)
    assert (passed.returncode, passed.stdout) == (0, "")
    assert status("release_readiness", "gibt-es-nicht").returncode == 2
