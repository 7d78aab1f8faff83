"""XLIFF 1.2 for an outside translator: the open texts of a visit out, their translations back in.

`build(work_list, texts)` writes one `<file>` (source language de, target uk or en) with one `<trans-unit>`
per object and field, named by `worklist.unit_id` (`visits.programmeitem.12.title`), which stays the same
across exports. A missing text has an empty target (`state="needs-translation"`); an outdated one carries
its current translation (`state="needs-review-translation"`) and, as `<alt-trans>`, the German it was made
from; sent back unchanged it stays outdated, unless the translator set the state to translated, signed-off
or final (it still fits).

`parse(data, language)` reads such a file back with the standard library's parser and refuses anything it
cannot trust, with a message in the reader's language (`XliffError`): no DTDs or entities, one file in the
right languages, every unit with a unique id.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.translation import gettext

from core.translation_sources import SOURCE_LANGUAGE

from .worklist import State, Text, WorkList

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# An export of a visit is some tens of kilobytes; anything far larger is not one.
MAX_BYTES = 2 * 1024 * 1024
CONTENT_TYPE = "application/x-xliff+xml"

ET.register_namespace("", NS)


class XliffError(ValueError):
    """A file that cannot be read as an XLIFF translation of this visit; the message says why."""


# A target in one of these states was looked at by the translator (XLIFF 1.2, `state` of <target>).
REVIEWED_STATES = frozenset({"translated", "signed-off", "final"})


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str
    reviewed: bool = False  # the translator marked the target as done, even if it is the same as before


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def build(work: WorkList, texts: list[Text]) -> bytes:
    """The XLIFF 1.2 document of `texts` (of `work`'s visit and language)."""
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    file = ET.SubElement(
        root,
        _q("file"),
        {
            "original": f"delegation-{work.delegation.pk}",
            "source-language": SOURCE_LANGUAGE,
            "target-language": work.language,
            "datatype": "plaintext",
        },
    )
    header = ET.SubElement(file, _q("header"))
    ET.SubElement(header, _q("note")).text = str(work.delegation.title_de or work.delegation.title)
    body = ET.SubElement(file, _q("body"))
    for text in texts:
        attributes = {"id": text.id, "resname": text.id}
        if text.max_length:
            attributes |= {"maxwidth": str(text.max_length), "size-unit": "char"}
        unit = ET.SubElement(body, _q("trans-unit"), attributes)
        ET.SubElement(unit, _q("source"), {XML_LANG: SOURCE_LANGUAGE}).text = text.german
        outdated = text.state == State.OUTDATED
        target = ET.SubElement(
            unit,
            _q("target"),
            {
                XML_LANG: work.language,
                "state": "needs-review-translation" if outdated else "needs-translation",
            },
        )
        target.text = text.translation
        if outdated:
            previous = ET.SubElement(unit, _q("alt-trans"), {"alttranstype": "previous-version"})
            ET.SubElement(previous, _q("source"), {XML_LANG: SOURCE_LANGUAGE}).text = text.old_german
            ET.SubElement(previous, _q("target"), {XML_LANG: work.language}).text = text.translation
        ET.SubElement(unit, _q("note")).text = f"{text.subject} – {text.field_label}"
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def parse(data: bytes, language: str) -> list[Unit]:
    """The units of an XLIFF 1.2 file translating German into `language`; `XliffError` if it is not one."""
    if not data.strip():
        raise XliffError(gettext("Die Datei ist leer."))
    if len(data) > MAX_BYTES:
        raise XliffError(
            gettext("Die Datei ist zu groß für eine Übersetzung dieses Besuchs (höchstens 2 MB).")
        )
    # Entities and DTDs are how XML files are made to explode or to read other files: never needed here.
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise XliffError(
            gettext("Die Datei enthält eine Dokumenttyp-Deklaration; das ist in XLIFF nicht nötig.")
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise XliffError(
            gettext("Die Datei ist kein lesbares XML (Zeile %(line)d, Spalte %(column)d).")
            % {"line": error.position[0], "column": error.position[1]}
        ) from None
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise XliffError(gettext("Die Datei ist keine XLIFF-Datei der Version 1.2."))
    files = root.findall(_q("file"))
    if len(files) != 1:
        raise XliffError(gettext("Die Datei muss genau einen Abschnitt <file> enthalten."))
    file = files[0]
    source_language = (file.get("source-language") or "").lower()
    target_language = (file.get("target-language") or "").lower()
    if source_language.split("-")[0] != SOURCE_LANGUAGE:
        raise XliffError(gettext("Die Ausgangssprache der Datei ist nicht Deutsch."))
    if target_language.split("-")[0] != language:
        raise XliffError(
            gettext("Die Zielsprache der Datei (%(found)s) passt nicht zur gewählten Sprache (%(wanted)s).")
            % {"found": target_language or "?", "wanted": language}
        )
    units, seen = [], set()
    for element in file.iter(_q("trans-unit")):
        unit_id = element.get("id") or ""
        if not unit_id:
            raise XliffError(gettext("Ein Eintrag (trans-unit) hat keine Kennung (id)."))
        if unit_id in seen:
            raise XliffError(gettext("Die Kennung „%(id)s“ kommt mehrfach vor.") % {"id": unit_id})
        seen.add(unit_id)
        target = element.find(_q("target"))
        reviewed = target is not None and target.get("state") in REVIEWED_STATES
        units.append(Unit(unit_id, _text(element.find(_q("source"))), _text(target).strip(), reviewed))
    if not units:
        raise XliffError(gettext("Die Datei enthält keine Einträge (trans-unit)."))
    return units
