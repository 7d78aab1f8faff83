"""`manage.py backup` and `restore`: the demo, backed up and restored into an empty database, is the same."""

import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from delegations.models import Member
from demo.loader import seed_demo
from operations.backup import pg_environment

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(settings.BASE_DIR)


def database_url(settings_dict: dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{settings_dict['USER']}{password}@{host}{port}/{settings_dict['NAME']}"


def manage(*args: str, database_url: str, media: Path, private: Path) -> subprocess.CompletedProcess:
    """manage.py in its own process with the real settings, pointed at one database and two media folders."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kleve_partnership.settings",
        "DJANGO_SECRET_KEY": "backup-test-" + "k" * 50,
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(private),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` with its sha256."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def by_model(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["model"], []).append(row)
    return grouped


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the same kind as the test database; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restore_{secrets.token_hex(4)}"
    env = pg_environment({**connection.settings_dict, "NAME": "postgres"})
    params = {"host": env.get("PGHOST"), "port": env.get("PGPORT"), "user": env.get("PGUSER")}
    params |= {"password": env["PGPASSWORD"]} if "PGPASSWORD" in env else {}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url({**connection.settings_dict, "NAME": name})
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_demo_backed_up_and_restored_into_an_empty_database_is_the_same(tmp_path, empty_database):
    seed_demo(now=timezone.now(), make_logins=True)
    assert tree(settings.PRIVATE_MEDIA_ROOT), "the demo's photos should be in the private media"
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()

    call_command("backup", output=archive, stdout=out)

    assert f"Gesichert: {archive}" in out.getvalue()
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        names = set(opened.getnames())
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert names == {"manifest.json", *manifest["files"]}
    assert dump in manifest["files"]
    assert "0005_member_version" in manifest["migrations"]["delegations"]

    media, private = tmp_path / "media", tmp_path / "private-media"
    restored = manage("restore", str(archive), database_url=empty_database, media=media, private=private)
    assert restored.returncode == 0, restored.stderr
    assert "Wiederhergestellt aus" in restored.stdout

    source = database_url(connection.settings_dict)
    dumps = [
        manage("dumpdata", "--indent=1", database_url=url, media=tmp_path, private=tmp_path)
        for url in (source, empty_database)
    ]
    assert [result.returncode for result in dumps] == [0, 0], [result.stderr for result in dumps]
    assert Member.objects.count() > 0
    before, after = (by_model(json.loads(result.stdout)) for result in dumps)
    assert set(after) == set(before)
    for model in before:
        assert after[model] == before[model], model
    assert tree(media) == tree(settings.MEDIA_ROOT)
    assert tree(private) == tree(settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def own_media(settings, tmp_path):
    """Media folders of this test alone: a restore empties them, and the test settings' are shared."""
    settings.MEDIA_ROOT = tmp_path / "own-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "own-private-media"
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    (settings.PRIVATE_MEDIA_ROOT / "photos").mkdir()
    (settings.PRIVATE_MEDIA_ROOT / "photos" / "original.jpg").write_bytes(b"\xff\xd8 not really a photo")
    return settings


def test_restore_refuses_a_database_that_is_not_empty_without_yes(tmp_path, own_media):
    member = Member.objects.create(delegation=_delegation(), first_name="Iryna", last_name="Bleibt")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    Member.objects.filter(pk=member.pk).update(last_name="Geändert")

    with pytest.raises(CommandError, match=r"nicht leer.*--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert Member.objects.get(pk=member.pk).last_name == "Geändert"


def test_restore_refuses_a_damaged_archive_before_writing_anything(tmp_path, own_media):
    member = Member.objects.create(delegation=_delegation(), first_name="Iryna", last_name="Bleibt")
    archive, damaged = tmp_path / "backup.tar.gz", tmp_path / "damaged.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for entry in source.getmembers():
            data = source.extractfile(entry).read()
            if entry.name.startswith("database."):
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(entry, io.BytesIO(data))
    Member.objects.filter(pk=member.pk).update(last_name="Geändert")

    with pytest.raises(CommandError, match="Prüfsumme stimmt nicht: database"):
        call_command("restore", str(damaged), "--yes", stdout=io.StringIO())

    assert Member.objects.get(pk=member.pk).last_name == "Geändert"


def test_restore_with_yes_brings_back_the_saved_state(tmp_path, own_media):
    member = Member.objects.create(delegation=_delegation(), first_name="Iryna", last_name="Gesichert")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    Member.objects.filter(pk=member.pk).update(last_name="Später geändert")
    (Path(settings.MEDIA_ROOT) / "nach-der-sicherung.txt").write_text("weg damit")

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert "Wiederhergestellt aus" in out.getvalue()
    assert Member.objects.get(pk=member.pk).last_name == "Gesichert"
    assert not (Path(settings.MEDIA_ROOT) / "nach-der-sicherung.txt").exists()
    assert tree(settings.PRIVATE_MEDIA_ROOT) == {
        "photos/original.jpg": hashlib.sha256(b"\xff\xd8 not really a photo").hexdigest()
    }


def _delegation():
    from tests import factories

    return factories.DelegationFactory()
