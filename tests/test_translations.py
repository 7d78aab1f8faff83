"""The Ukrainian and English catalogues: complete, compiled, in step with the code, and used by the pages.

Our msgids are German (the staff's language); guests read Ukrainian first and English as the fallback, so
an untranslated or fuzzy entry would show them German. `make messages` regenerates the catalogues; these
tests say when someone has added a string and not translated it, or changed a .po and not compiled it.
"""

import ast
import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"uk": 4, "en": 2}  # language → number of plural forms Django's Plural-Forms header gives it
# The same as `make messages` and the task that made the catalogues: what makemessages must not scan.
IGNORED = [".venv", "tests", "benchmarks", "staticfiles", "media", "private-media", "node_modules", ".git"]
EXTENSIONS = (".py", ".html", ".txt")  # makemessages' defaults for the "django" domain

# Placeholders and markup a translation must carry over unchanged.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[-0-9]*[sd]|%[sd]|\{[a-z_]*\}|<[^>]+>|&[a-z]+;")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # a singular entry has only index 0
    flags: set[str] = field(default_factory=set)
    where: str = ""

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"{context}{self.msgid!r} ({self.where})"


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file as msgmerge writes it (one blank line between entries), header first.

    Obsolete entries (#~) are left out.
    """
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, target = Entry(where=path.name), None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#:") and entry.where == path.name:
                entry.where = line[2:].split()[0]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert target is not None, f"{path}: text before a keyword in {block!r}"
                target(ast.literal_eval(line))
            else:
                keyword, _, text = line.partition(" ")
                target = _appender(entry, keyword)
                target(ast.literal_eval(text))
        if target is not None:
            entries.append(entry)
    return entries


def _appender(entry: Entry, keyword: str):
    """A function that appends a piece of text to the part of the entry a keyword names."""
    plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
    if keyword == "msgstr" or plural_form:
        index = int(plural_form.group(1)) if plural_form else 0
        entry.msgstr[index] = ""

        def append(text):
            entry.msgstr[index] += text

        return append
    assert keyword in ("msgctxt", "msgid", "msgid_plural"), f"unknown keyword {keyword}"
    setattr(entry, keyword, "")

    def append(text):
        setattr(entry, keyword, getattr(entry, keyword) + text)

    return append


def po_path(language: str, root: Path = ROOT) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogue(entries: list[Entry]) -> dict:
    """What msgfmt puts into a .mo, keyed as Python's gettext reads it: no fuzzy and no empty entry."""
    result = {}
    for entry in entries:
        if "fuzzy" in entry.flags and entry.msgid:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if key == "":  # msgfmt leaves the POT-Creation-Date out of the compiled header
            result[key] = re.sub(r"POT-Creation-Date: .*\n", "", entry.msgstr[0])
        elif entry.msgid_plural is None:
            if entry.msgstr[0]:
                result[key] = entry.msgstr[0]
        elif all(entry.msgstr.values()):
            result.update({(key, index): text for index, text in entry.msgstr.items()})
    return result


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    entries = parse_po(po_path(language))
    header, messages = entries[0], entries[1:]
    assert header.msgid == "" and f"Language: {language}\n" in header.msgstr[0]
    assert f"nplurals={LANGUAGES[language]};" in header.msgstr[0]
    assert len(messages) > 100  # the parser read the file, not an empty shell

    fuzzy = [entry.label() for entry in entries if "fuzzy" in entry.flags]
    untranslated = [entry.label() for entry in messages if not all(entry.msgstr.values())]
    wrong_forms = [
        entry.label()
        for entry in messages
        if entry.msgid_plural is not None and sorted(entry.msgstr) != list(range(LANGUAGES[language]))
    ]
    assert fuzzy == [], f"fuzzy in {language}: check and translate, then remove the flag"
    assert untranslated == [], f"not translated into {language}"
    assert wrong_forms == [], f"plural entries without exactly {LANGUAGES[language]} forms in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_markup_and_outer_whitespace(language):
    problems = []
    for entry in parse_po(po_path(language))[1:]:
        singular = sorted(PLACEHOLDER.findall(entry.msgid))
        for index, text in entry.msgstr.items():
            found = sorted(PLACEHOLDER.findall(text))
            if entry.msgid_plural is None:
                ok = found == singular
            else:
                # Form 0 may say "one" in words; every other form names what msgid_plural names.
                plural = sorted(PLACEHOLDER.findall(entry.msgid_plural))
                ok = set(found) <= set(singular) | set(plural) and (index == 0 or set(found) == set(plural))
            if not ok:
                problems.append(f"{entry.label()} form {index}: {found}")
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            if (source[:1].isspace(), source[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
                problems.append(f"{entry.label()} form {index}: leading or trailing whitespace differs")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_mo_file_is_the_compiled_po_file(language):
    po = po_path(language)
    with open(po.with_suffix(".mo"), "rb") as compiled:
        committed = gnu_gettext.GNUTranslations(compiled)._catalog
    expected = catalogue(parse_po(po))
    stale = sorted(str(key) for key in expected.keys() - committed.keys())
    extra = sorted(str(key) for key in committed.keys() - expected.keys())
    changed = sorted(
        str(key) for key in expected.keys() & committed.keys() if expected[key] != committed[key]
    )
    hint = "run: DJANGO_DEBUG=1 .venv/bin/python manage.py compilemessages --ignore=.venv"
    assert (stale, extra, changed) == ([], [], []), hint


@pytest.mark.parametrize("language", LANGUAGES)
def test_po_file_passes_msgfmt_check(language, tmp_path):
    """GNU msgfmt's own checks: format strings of the right kind, plural header, no duplicate."""
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (gettext) is missing on CI")
        pytest.skip("msgfmt (gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po_path(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def copy_sources(destination: Path) -> None:
    """What makemessages reads: the project's Python, templates and text files, and the catalogues."""
    for directory, subdirectories, files in os.walk(ROOT):
        here = Path(directory)
        subdirectories[:] = [
            name
            for name in subdirectories
            if name not in IGNORED and name != "__pycache__" and name != "locale"
        ]
        for name in files:
            if name.endswith(EXTENSIONS):
                target = destination / here.relative_to(ROOT) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(here / name, target)
    shutil.copytree(ROOT / "locale", destination / "locale")


def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """makemessages, run on a copy of the sources, finds no string that the catalogues lack."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail(
                "xgettext (gettext) is missing on CI, so the catalogues cannot be checked against the code"
            )
        pytest.skip("xgettext (gettext) is not installed")
    copy = tmp_path / "project"
    copy_sources(copy)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    command += [f"-l{language}" for language in LANGUAGES] + [f"--ignore={name}" for name in IGNORED]
    environment = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "kleve_partnership.settings"}
    result = subprocess.run(command, cwd=copy, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr

    hint = (
        "run: DJANGO_DEBUG=1 .venv/bin/python manage.py makemessages --no-obsolete -l uk -l en "
        "--ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles --ignore=media, "
        "translate, then compilemessages"
    )
    for language in LANGUAGES:
        committed = {entry.key for entry in parse_po(po_path(language))[1:]}
        fresh = {entry.key for entry in parse_po(po_path(language, copy))[1:]}
        assert len(fresh) > 100
        missing = sorted(fresh - committed, key=str)
        listed = "".join(f"\n  {key}" for key in missing)
        assert not missing, f"strings in the code that the {language} catalogue lacks:{listed}\n{hint}"
        # Entries no longer in the code are left alone here: they cost nothing, the next makemessages run
        # drops them, and strings of work still on its way in must not fail someone else's build.


# The glossary the translations follow; a change here is a change of terms, to be made everywhere at once.
GLOSSARY = [
    ((None, "Programmpunkt"), "Пункт програми", "Programme item"),
    ((None, "Delegation"), "Делегація", "Delegation"),
    ((None, "Kreis Kleve"), "Район Клеве", "District of Kleve"),
    ((None, "Landrat / Landrätin"), "Ландрат (голова району)", "District Administrator (Landrat)"),
    ((None, "Gastgeber"), "Приймаюча сторона", "Hosts"),
    ((None, "Dolmetscher/in"), "Перекладач", "Interpreter"),
    ((None, "Besuchermappe"), "Папка учасника візиту", "Briefing book"),
    ((None, "Ernährung"), "Харчування", "Dietary needs"),
    (("programme item status", "abgesagt"), "скасовано", "cancelled"),
    (("organisation kind", "Sonstige"), "Інше", "Other"),
]


@pytest.mark.parametrize(("source", "ukrainian", "english"), GLOSSARY, ids=[row[0][1] for row in GLOSSARY])
def test_glossary_terms(source, ukrainian, english):
    context, message = source
    for language, expected in (("uk", ukrainian), ("en", english), ("de", message)):
        with translation.override(language):
            found = translation.pgettext(context, message) if context else translation.gettext(message)
        assert found == expected, language


@pytest.mark.parametrize(
    ("count", "ukrainian", "english"),
    [
        (1, "1 пункт програми", "1 programme item"),
        (3, "3 пункти програми", "3 programme items"),
        (5, "5 пунктів програми", "5 programme items"),
        (11, "11 пунктів програми", "11 programme items"),
        (21, "21 пункт програми", "21 programme items"),
        (24, "24 пункти програми", "24 programme items"),
    ],
)
def test_ukrainian_plural_forms_in_a_template(count, ukrainian, english):
    template = Template(
        "{% load i18n %}{% blocktranslate trimmed count counter=n %}{{ counter }} Programmpunkt"
        "{% plural %}{{ counter }} Programmpunkte{% endblocktranslate %}"
    )
    for language, expected in (("uk", ukrainian), ("en", english)):
        with translation.override(language):
            assert template.render(Context({"n": count})) == expected


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("uk", ["Поточні та майбутні візити", "Головна навігація", "Перейти до змісту"]),
        ("en", ["Current and upcoming visits", "Main navigation", "Skip to content"]),
    ],
)
def test_public_home_page_is_shown_in_the_readers_language(anonymous_client, db, language, texts):
    body = anonymous_client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}"' in body
    for text in texts:
        assert text in body
    assert "Aktuelle und kommende Besuche" not in body


def test_dead_guest_link_says_so_in_ukrainian_english_and_german(anonymous_client, db):
    body = anonymous_client.get("/g/" + "x" * 43 + "/").content.decode()
    for text in (
        "Це посилання недійсне або вже не діє.",
        "This link is not valid (any more).",
        "Dieser Link gilt nicht (mehr).",
    ):
        assert text in body
