"""The apps stay in their layers: each imports only its own layer's code and the layers below it.

The order is written here once (and drawn the same in README's "How it is built"). Every module of every
project app is read with `ast`: imports at the top and inside functions, and imports by name
(`importlib.import_module("x.y")`, `import_string`, `apps.get_model("x", …)`); an import by a name made at
run time cannot be checked and fails unless it is listed below with its reason. Migrations count too, and may
import only their own app and the apps below it. No app imports the project package `kleve_partnership`,
which wires the apps (settings, URLs, WSGI) and may import any of them. The models' relations follow the same
order.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

PROJECT = "kleve_partnership"

# From the bottom up. An app may import its own layer's code only where `SIDEWAYS` says so.
LAYERS = (
    ("core",),
    ("delegations",),
    ("visits",),
    ("press",),
    ("protocol", "funding", "followup", "letters", "pages", "privacy", "accounts", "operations"),
    ("demo",),
)
LEVEL = {app: level for level, apps_of_level in enumerate(LAYERS) for app in apps_of_level}

# Imports between apps of one layer, each with its reason; they never form a cycle.
SIDEWAYS = {
    ("funding", "followup"): "the proof of use lists the visit's outcomes (followup.queries)",
}

# Imports by a name made at run time, per module, with the reason they stay inside the rules.
DYNAMIC_IMPORTS = {
    "operations.management.commands.seed_bench": "the session engine the settings name (Django's own)",
}

# Relations to a model of a higher layer, with their reason.
RELATIONS_UP = {
    "delegations.Member.hotel": "a member's hotel is a venue (visits.Venue)",
    "delegations.HistoricalMember.hotel": "the history of Member.hotel",
}

IMPORT_BY_NAME = {"import_module", "import_string", "__import__", "autodiscover_modules"}


def imports_of(source: str) -> list[tuple[int, str | None]]:
    """(line, module) of every absolute import in `source`, anywhere in it; module None for a name made at
    run time. Relative imports stay inside their app and are left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in IMPORT_BY_NAME or name == "get_model":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((node.lineno, first.value))
                elif name in IMPORT_BY_NAME:
                    found.append((node.lineno, None))
    return found


def refusal(app: str, imported: str, *, migration: bool = False) -> str | None:
    """Why `app` may not import the module or app label `imported`, or None when it may."""
    target = imported.split(".")[0]
    if target == PROJECT:
        return f"no app imports the project package {PROJECT}"
    if target == app or target not in LEVEL:
        return None
    if LEVEL[target] > LEVEL[app]:
        return f"{target} is above {app}"
    if LEVEL[target] == LEVEL[app] and (migration or (app, target) not in SIDEWAYS):
        return f"{target} is beside {app} (only README's and SIDEWAYS' exceptions may import sideways)"
    return None


def project_apps():
    root = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == root]


def modules_of(config):
    base = Path(config.path)
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(base).with_suffix("").parts
        yield ".".join((config.name, *parts)).removesuffix(".__init__"), path


def read_imports():
    """(app, module, "path:line", imported) for every import of every project app's modules."""
    for config in project_apps():
        for module, path in modules_of(config):
            where = path.relative_to(settings.BASE_DIR)
            for line, imported in imports_of(path.read_text(encoding="utf-8")):
                yield config.name, module, f"{where}:{line}", imported


def test_every_project_app_has_a_layer():
    assert [config.name for config in project_apps() if config.name not in LEVEL] == []


def test_no_app_imports_above_its_layer_beside_it_or_the_project_package():
    wrong = []
    for app, module, where, imported in read_imports():
        if imported is None:
            if module not in DYNAMIC_IMPORTS:
                wrong.append(f"{where} imports a name made at run time")
        elif reason := refusal(app, imported, migration=".migrations." in f"{module}."):
            wrong.append(f"{where} imports {imported}: {reason}")
    assert wrong == []


def test_sideways_imports_are_used_and_form_no_cycle():
    used = set()
    for app, _module, _where, imported in read_imports():
        target = (imported or "").split(".")[0]
        if target != app and target in LEVEL and LEVEL[target] == LEVEL.get(app):
            used.add((app, target))
    assert set(SIDEWAYS) == used

    def reaches(start, goal, seen=()):
        return any(
            after == goal or (after not in seen and reaches(after, goal, (*seen, after)))
            for before, after in SIDEWAYS
            if before == start
        )

    assert [pair for pair in SIDEWAYS if reaches(pair[1], pair[0])] == []


def test_models_relate_only_to_their_layer_and_below():
    up = []
    for model in apps.get_models(include_auto_created=True):
        app = model._meta.app_label
        if app not in LEVEL:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model._meta.app_label
            label = f"{model._meta.label}.{field.name}"
            if LEVEL.get(target, -1) > LEVEL[app] and label not in RELATIONS_UP:
                up.append(f"{label} -> {field.related_model._meta.label}")
    assert up == []


# The reader and the rules themselves, on sources made up for the purpose.

SOURCE = """
import visits.models
from delegations.models import Member
from .models import Gift

def later():
    from protocol import services
    import importlib
    importlib.import_module("kleve_partnership.settings")
    importlib.import_module(f"{app}.roles")
    apps.get_model("funding", "Cost")
"""


def test_the_reader_finds_imports_anywhere_and_imports_by_name():
    assert imports_of(SOURCE) == [
        (2, "visits.models"),
        (3, "delegations.models"),
        (7, "protocol"),
        (8, "importlib"),
        (9, "kleve_partnership.settings"),
        (10, None),
        (11, "funding"),
    ]


@pytest.mark.parametrize(
    ("app", "imported", "migration", "refused"),
    [
        ("visits", "delegations.models", False, False),
        ("visits", "core.concurrency", False, False),
        ("visits", "visits.models", False, False),
        ("visits", "django.db", False, False),
        ("delegations", "visits.models", False, True),
        ("core", "delegations.models", False, True),
        ("visits", "kleve_partnership.concurrency", False, True),
        ("demo", "kleve_partnership", False, True),
        ("protocol", "letters.models", False, True),
        ("funding", "followup.queries", False, False),
        ("followup", "funding.models", False, True),
        ("funding", "followup.queries", True, True),
        ("letters", "visits.models", True, False),
        ("visits", "letters.models", True, True),
    ],
)
def test_the_rules(app, imported, migration, refused):
    assert (refusal(app, imported, migration=migration) is not None) is refused
