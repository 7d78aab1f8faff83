"""The demo is data: every file in demo/data/ is read and each of its rows ends up in the database, the files
are the only source of the demo's content, a row the model refuses is skipped and said, and no app imports the
`demo` app that sits on top of them all."""

import ast
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from delegations.models import Member
from demo.kinds import KINDS
from demo.loader import DATA, FILES, read_data, sections, seed_demo
from funding.models import DailyRate
from protocol.models import PrecedenceEntry
from visits.models import ProgrammeRelease, Venue

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def rows_by_model(files: dict) -> Counter:
    return Counter(
        KINDS[kind].model
        for content in files.values()
        for kind, rows in sections(content).items()
        for _row in rows
    )


def test_every_data_file_is_read_and_each_of_its_rows_ends_up_in_the_database():
    files = read_data()
    report = seed_demo(now=timezone.now(), make_logins=False)

    assert sorted(path.stem for path in DATA.glob("*.toml")) == sorted(FILES) == sorted(files)
    for name, content in files.items():
        rows = [row for kind_rows in sections(content).values() for row in kind_rows]
        found = report.rows[name]
        assert rows and len(found) == len(rows), name
        assert all(type(obj)._default_manager.filter(pk=obj.pk).exists() for obj in found), name
    # On an empty database, every model the data names holds exactly the data's rows (besides the federal
    # daily rates, which a migration puts in every database).
    counts = rows_by_model(files)
    made = {model: model._default_manager.all() for model in counts}
    made[DailyRate] = DailyRate.objects.exclude(programme=None)
    assert {model: rows.count() for model, rows in made.items()} == dict(counts)
    assert counts[ProgrammeRelease] == 2


def test_the_data_files_are_the_only_source_of_the_demo(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    places = data / "places.toml"
    places.write_text(places.read_text().replace("Hotel Schwanenblick", "Hotel Probeblick"))
    delegation = data / "delegation.toml"
    delegation.write_text(delegation.read_text().replace('first_name = "Oksana"', 'first_name = "Olena"'))

    seed_demo(now=timezone.now(), make_logins=False, data=data)

    assert set(Member.objects.values_list("hotel__name_de", flat=True)) == {"Hotel Probeblick"}
    assert not Venue.objects.filter(name_de="Hotel Schwanenblick").exists()
    assert Member.objects.filter(first_name="Olena", last_name="Prykladenko").exists()
    assert not Member.objects.filter(first_name="Oksana").exists()


def test_a_data_file_the_loader_would_not_read_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "extras.toml").write_text("")

    with pytest.raises(Exception, match="extras"):
        seed_demo(now=timezone.now(), make_logins=False, data=data)


def test_a_row_the_model_refuses_is_skipped_and_said_and_nothing_else_changes():
    """Staff removed the head from the order of precedence and gave the first rank to someone else."""
    call_command("seed_demo", stdout=io.StringIO())
    head = PrecedenceEntry.objects.get(member__is_head=True)
    second = PrecedenceEntry.objects.get(position=2)
    head.delete()
    PrecedenceEntry.objects.filter(pk=second.pk).update(position=1)
    before = list(PrecedenceEntry.objects.values_list("pk", "position"))

    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert list(PrecedenceEntry.objects.values_list("pk", "position")) == before
    assert "  übersprungen: Eintrag der Rangfolge" in out.getvalue()
    assert "Diesen Rang hat in der Delegation schon jemand." in out.getvalue()
    assert "Rangfolge (Protokoll): 0 neu angelegt, 5 schon vorhanden" in out.getvalue()


def _imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports, relative imports resolved against the file's package."""
    package = ".".join(path.relative_to(ROOT).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_no_app_imports_the_demo():
    """The demo sits on top of the house: it imports the apps, none of them imports it."""
    project_apps = [config for config in apps.get_app_configs() if Path(config.path).parent == ROOT]
    assert project_apps[-1].name == "demo"  # the last of the project's apps
    importers = {}
    for config in project_apps:
        if config.name == "demo":
            continue
        for path in Path(config.path).rglob("*.py"):
            found = {m for m in _imported_modules(path) if m == "demo" or m.startswith("demo.")}
            if found:
                importers[str(path.relative_to(ROOT))] = found
    for path in (ROOT / "kleve_partnership").rglob("*.py"):
        if any(m == "demo" or m.startswith("demo.") for m in _imported_modules(path)):
            importers[str(path.relative_to(ROOT))] = "demo"
    assert importers == {}
    # The demo no longer lives inside the apps it builds on.
    assert [config.name for config in project_apps if (Path(config.path) / "demo.py").exists()] == []
    assert not (ROOT / "delegations" / "demo").exists()
