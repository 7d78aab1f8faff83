"""Backup and restore of the service: the database through its own tools, both media folders, a manifest.

One archive (`.tar.gz`) holds:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite's backup API),
- `media/` (MEDIA_ROOT) and `private-media/` (PRIVATE_MEDIA_ROOT: photo originals, renditions),
- `manifest.json`: format, created_at, Django and app version, database vendor, the applied migrations, and
  the sha256 and size of every other member, so `restore` tells a damaged or foreign archive before writing.

Passwords reach pg_dump/pg_restore through the environment (PGPASSWORD), never their command line (`ps`).
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """Something the operator has to fix; the message says what, in words."""


@dataclass
class RestoreReport:
    vendor: str
    database: str
    files: dict[str, int]
    created_at: str
    pending_migrations: list[str]


def app_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(
            _("Nur PostgreSQL und SQLite werden gesichert, nicht %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for the database in `settings_dict`: the password stays off the command line."""
    options = settings_dict.get("OPTIONS") or {}
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
    }
    return {**os.environ, **{key: str(value) for key, value in pairs.items() if value}}


def _run(command: list[str], settings_dict: dict) -> None:
    try:
        result = subprocess.run(
            command, env=pg_environment(settings_dict), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            _("%(tool)s fehlt: bitte die PostgreSQL-Client-Programme installieren.") % {"tool": command[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s ist gescheitert: %(error)s") % {"tool": command[0], "error": result.stderr.strip()}
        )


def applied_migrations(using: str) -> dict[str, list[str]]:
    applied = MigrationRecorder(connections[using]).applied_migrations()
    result: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        result.setdefault(app, []).append(name)
    return result


def _dump_database(using: str, target: Path) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", f"--file={target}"], connection.settings_dict)
    else:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()


def create_backup(output: Path, *, using: str = "default") -> dict:
    """Write the archive to `output`, for its owner only (it holds personal data); returns the manifest."""
    vendor = _vendor(using)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kleve-backup-") as scratch:
        dump = Path(scratch) / DUMP_NAMES[vendor]
        _dump_database(using, dump)
        files = {dump.name: {"sha256": _sha256(dump), "size": dump.stat().st_size}}
        sources = {}
        for folder, setting in MEDIA_FOLDERS.items():
            root = Path(getattr(settings, setting))
            for path in sorted(root.rglob("*")) if root.is_dir() else []:
                if path.is_file() and not path.is_symlink():
                    name = f"{folder}/{path.relative_to(root).as_posix()}"
                    files[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
                    sources[name] = path
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "django_version": django.get_version(),
            "app_version": app_version(),
            "database": {"vendor": vendor, "file": dump.name},
            "migrations": applied_migrations(using),
            "files": files,
        }
        partial = output.with_name(output.name + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as stream, tarfile.open(fileobj=stream, mode="w:gz") as archive:
            manifest_path = Path(scratch) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for name, path in sources.items():
                archive.add(path, arcname=name)
        partial.replace(output)
    return manifest


def default_output() -> Path:
    return Path.cwd() / f"kleve-backup-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz"


# -- Restore ----------------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, json.JSONDecodeError):
        raise BackupError(
            _("Das ist kein Archiv dieser Anwendung: manifest.json fehlt oder ist kaputt.")
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Unbekanntes Archivformat %(format)s (erwartet: %(expected)s).")
            % {"format": manifest.get("format"), "expected": FORMAT}
        )
    return manifest


def database_is_empty(using: str = "default") -> bool:
    return not connections[using].introspection.table_names()


def media_is_empty() -> bool:
    return not any(
        any(Path(getattr(settings, setting)).iterdir())
        for setting in MEDIA_FOLDERS.values()
        if Path(getattr(settings, setting)).is_dir()
    )


def _check_migrations(manifest: dict) -> list[str]:
    """Refuses an archive from a newer version; returns this code's migrations the archive lacks."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    saved = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(f"{app}.{name}" for app, name in saved - known)
    if unknown:
        raise BackupError(
            _(
                "Das Archiv stammt aus einer neueren Version (unbekannte Migrationen: %(names)s). "
                "Bitte erst die Anwendung aktualisieren."
            )
            % {"names": ", ".join(unknown[:5])}
        )
    return sorted(f"{app}.{name}" for app, name in known - saved)


def _extract_checked(archive: tarfile.TarFile, manifest: dict, scratch: Path) -> None:
    expected = manifest["files"]
    members = [member for member in archive.getmembers() if member.name != MANIFEST]
    names = {member.name for member in members}
    if names != set(expected):
        raise BackupError(_("Das Archiv ist unvollständig oder enthält fremde Dateien."))
    # "data": no absolute paths, no "..", no links out, no device files (PEP 706).
    archive.extractall(scratch, members=members, filter="data")
    for name, facts in expected.items():
        if _sha256(scratch / name) != facts["sha256"]:
            raise BackupError(_("Prüfsumme stimmt nicht: %(name)s ist beschädigt.") % {"name": name})


def _restore_database(using: str, vendor: str, dump: Path) -> None:
    connection = connections[using]
    connection.close()
    if vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            connection.settings_dict,
        )
    else:
        with sqlite3.connect(dump) as source, sqlite3.connect(connection.settings_dict["NAME"]) as target:
            source.backup(target)
        source.close()
        target.close()


def _restore_media(scratch: Path) -> dict[str, int]:
    counts = {}
    for folder, setting in MEDIA_FOLDERS.items():
        root = Path(getattr(settings, setting))
        root.mkdir(parents=True, exist_ok=True)
        for child in root.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        source = scratch / folder
        counts[folder] = 0
        if source.is_dir():
            shutil.copytree(source, root, dirs_exist_ok=True)
            counts[folder] = sum(1 for path in root.rglob("*") if path.is_file())
    return counts


def restore_backup(path: Path, *, replace: bool, using: str = "default") -> RestoreReport:
    """Check the archive completely, then replace database and media with its contents.

    Without `replace`, only into an empty database (no tables) and empty media folders.
    """
    vendor = _vendor(using)
    try:
        archive = tarfile.open(path, mode="r:gz")  # noqa: SIM115 (closed by the with below; errors in words)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("Archiv nicht lesbar: %(error)s") % {"error": error}) from None
    with archive, tempfile.TemporaryDirectory(prefix="kleve-restore-") as scratch:
        manifest = read_manifest(archive)
        saved_vendor = manifest["database"]["vendor"]
        if saved_vendor != vendor:
            raise BackupError(
                _("Das Archiv enthält eine %(saved)s-Datenbank; eingestellt ist %(target)s.")
                % {"saved": saved_vendor, "target": vendor}
            )
        pending = _check_migrations(manifest)
        if not replace and not (database_is_empty(using) and media_is_empty()):
            raise BackupError(
                _(
                    "Die Datenbank oder die Medienordner sind nicht leer. Wiederherstellen ersetzt alles, "
                    "was dort steht: dafür --yes angeben."
                )
            )
        _extract_checked(archive, manifest, Path(scratch))
        _restore_database(using, vendor, Path(scratch) / manifest["database"]["file"])
        files = _restore_media(Path(scratch))
    return RestoreReport(
        vendor=vendor,
        database=str(connections[using].settings_dict["NAME"]),
        files=files,
        created_at=manifest["created_at"],
        pending_migrations=pending,
    )
