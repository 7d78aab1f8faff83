"""A visit's open texts out to a translator as XLIFF 1.2 and back: preview, conflicts, refusals."""

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delegations.models import Delegation
from tests import factories
from visits.models import ProgrammeItem
from visits.translating.worklist import State, work_list
from visits.translating.xliff import NS

pytestmark = pytest.mark.django_db
Q = f"{{{NS}}}"


def _visit():
    delegation = factories.DelegationFactory(summary_de="Besuch aus Podilsk")
    missing = factories.ProgrammeItemFactory(delegation=delegation, title="Stadtführung", title_uk="")
    outdated = factories.ProgrammeItemFactory(delegation=delegation, title="Mittagessen", title_uk="Обід")
    outdated.title_de = "Gemeinsames Mittagessen"
    outdated.save()
    return delegation, missing, outdated


def _export(client, delegation, language="uk") -> bytes:
    response = client.get(reverse("translations:export", args=[delegation.pk]) + f"?language={language}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _fill(content: bytes, targets: dict[str, str]) -> bytes:
    root = ET.fromstring(content)
    for unit in root.iter(f"{Q}trans-unit"):
        if unit.get("id") in targets:
            unit.find(f"{Q}target").text = targets[unit.get("id")]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _import(client, delegation, content: bytes, language="uk", name="uebersetzung.xlf"):
    url = reverse("translations:import", args=[delegation.pk]) + f"?language={language}"
    return client.post(url, {"file": SimpleUploadedFile(name, content, "application/xml")})


def _apply(client, delegation, preview, confirm=(), language="uk"):
    url = reverse("translations:import", args=[delegation.pk]) + f"?language={language}"
    return client.post(url, {"payload": preview.context["payload"], "confirm": list(confirm)})


def test_export_has_one_unit_per_open_text_with_stable_ids(planner_client):
    delegation, missing, outdated = _visit()
    root = ET.fromstring(_export(planner_client, delegation))
    assert root.get("version") == "1.2"
    file = root.find(f"{Q}file")
    assert (file.get("source-language"), file.get("target-language")) == ("de", "uk")
    units = {unit.get("id"): unit for unit in root.iter(f"{Q}trans-unit")}
    title = units[f"visits.programmeitem.{missing.pk}.title"]
    assert title.find(f"{Q}source").text == "Stadtführung"
    assert title.find(f"{Q}target").get("state") == "needs-translation"
    old = units[f"visits.programmeitem.{outdated.pk}.title"]
    assert old.find(f"{Q}target").text == "Обід"
    assert old.find(f"{Q}target").get("state") == "needs-review-translation"
    assert old.find(f"{Q}alt-trans/{Q}source").text == "Mittagessen"
    assert f"delegations.delegation.{delegation.pk}.summary" in units
    assert f"delegations.delegation.{delegation.pk}.title" not in units  # done
    assert _export(planner_client, delegation) == _export(planner_client, delegation)  # the same file again


def test_round_trip_preview_then_apply(planner_client):
    delegation, missing, outdated = _visit()
    content = _export(planner_client, delegation)
    filled = _fill(
        content,
        {
            f"visits.programmeitem.{missing.pk}.title": "Екскурсія містом",
            f"visits.programmeitem.{outdated.pk}.title": "Спільний обід",
        },
    )
    preview = _import(planner_client, delegation, filled)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert {unit.id for unit in plan.clean} == {
        f"visits.programmeitem.{missing.pk}.title",
        f"visits.programmeitem.{outdated.pk}.title",
    }
    assert plan.empty >= 1 and plan.conflicts == [] and plan.refused == []
    assert "Екскурсія містом" in preview.content.decode()
    # The preview changed nothing.
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""

    response = _apply(planner_client, delegation, preview)
    assert response.status_code == 302
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == "Екскурсія містом"
    assert ProgrammeItem.objects.get(pk=outdated.pk).title_uk == "Спільний обід"
    states = work_list(delegation, "uk").by_id()
    assert states[f"visits.programmeitem.{missing.pk}.title"].state == State.DONE
    assert states[f"visits.programmeitem.{outdated.pk}.title"].state == State.DONE


def test_german_changed_since_export_is_a_conflict_applied_only_when_confirmed(planner_client):
    delegation, missing, _outdated = _visit()
    content = _export(planner_client, delegation)
    item = ProgrammeItem.objects.get(pk=missing.pk)
    item.title_de = "Stadtführung durch Kleve"
    item.save()
    unit = f"visits.programmeitem.{missing.pk}.title"
    summary = f"delegations.delegation.{delegation.pk}.summary"
    filled = _fill(content, {unit: "Екскурсія містом", summary: "Візит з Подільська"})
    preview = _import(planner_client, delegation, filled)
    plan = preview.context["plan"]
    assert [u.id for u in plan.conflicts] == [unit]
    assert [u.id for u in plan.clean] == [summary]
    assert "Stadtführung durch Kleve" in preview.content.decode()

    assert _apply(planner_client, delegation, preview).status_code == 302
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""  # not confirmed: not applied
    assert Delegation.objects.get(pk=delegation.pk).summary_uk == "Візит з Подільська"

    preview = _import(planner_client, delegation, filled)
    assert _apply(planner_client, delegation, preview, confirm=[unit]).status_code == 302
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == "Екскурсія містом"
    text = work_list(delegation, "uk").by_id()[unit]
    assert text.state == State.OUTDATED and text.old_german == "Stadtführung"


def test_unknown_ids_are_refused_and_the_rest_applied(planner_client):
    delegation, missing, _outdated = _visit()
    other = factories.ProgrammeItemFactory(title="Fremder Besuch", title_uk="")
    content = _export(planner_client, delegation)
    root = ET.fromstring(content)
    body = root.find(f"{Q}file/{Q}body")
    for unit_id in (f"visits.programmeitem.{other.pk}.title", "auth.user.1.password"):
        unit = ET.SubElement(body, f"{Q}trans-unit", {"id": unit_id})
        ET.SubElement(unit, f"{Q}source").text = "x"
        ET.SubElement(unit, f"{Q}target").text = "y"
    filled = _fill(ET.tostring(root), {f"visits.programmeitem.{missing.pk}.title": "Екскурсія"})
    preview = _import(planner_client, delegation, filled)
    assert [unit_id for unit_id, _reason in preview.context["plan"].refused] == [
        f"visits.programmeitem.{other.pk}.title",
        "auth.user.1.password",
    ]
    assert "unbekannte Kennung" in preview.content.decode()
    _apply(planner_client, delegation, preview)
    assert ProgrammeItem.objects.get(pk=other.pk).title_uk == ""
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == "Екскурсія"


def test_a_change_between_preview_and_apply_shows_a_new_preview(planner_client):
    delegation, missing, _outdated = _visit()
    unit = f"visits.programmeitem.{missing.pk}.title"
    preview = _import(
        planner_client, delegation, _fill(_export(planner_client, delegation), {unit: "Екскурсія"})
    )
    item = ProgrammeItem.objects.get(pk=missing.pk)
    item.title_uk = "Міська екскурсія"
    item.save()
    response = _apply(planner_client, delegation, preview)
    assert response.status_code == 200
    assert "Seit der Vorschau wurden Texte geändert" in response.content.decode()
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == "Міська екскурсія"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leer"),
        (b"<xliff version='1.2'><file", "kein lesbares XML"),
        (b"<html><body>Hallo</body></html>", "keine XLIFF-Datei der Version 1.2"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>',
            "Dokumenttyp-Deklaration",
        ),
        (
            f'<xliff xmlns="{NS}" version="1.2"><file source-language="de" target-language="en" '
            'datatype="plaintext"><body/></file></xliff>'.encode(),
            "Zielsprache der Datei (en)",
        ),
        (
            f'<xliff xmlns="{NS}" version="1.2"><file source-language="de" target-language="uk" '
            'datatype="plaintext"><body/></file></xliff>'.encode(),
            "keine Einträge",
        ),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_error_and_changes_nothing(planner_client, content, message):
    delegation, missing, _outdated = _visit()
    response = _import(planner_client, delegation, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "nichts wurde geändert" in response.content.decode()
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""


def test_a_broken_file_is_refused_in_ukrainian_for_a_ukrainian_admin(planner_client):
    delegation, _missing, _outdated = _visit()
    planner_client.cookies["django_language"] = "uk"
    response = _import(planner_client, delegation, b"<html/>")
    assert response.status_code == 400
    assert "XLIFF" in response.content.decode() and "keine XLIFF-Datei" not in response.content.decode()


def test_read_only_may_export_but_not_import(reader_client):
    delegation, missing, _outdated = _visit()
    content = _export(reader_client, delegation)
    filled = _fill(content, {f"visits.programmeitem.{missing.pk}.title": "Екскурсія"})
    assert _import(reader_client, delegation, filled).status_code == 403
    assert ProgrammeItem.objects.get(pk=missing.pk).title_uk == ""


def test_an_outdated_translation_sent_back_marked_translated_is_confirmed(planner_client):
    delegation, _missing, outdated = _visit()
    unit_id = f"visits.programmeitem.{outdated.pk}.title"
    root = ET.fromstring(_export(planner_client, delegation))
    for unit in root.iter(f"{Q}trans-unit"):
        if unit.get("id") == unit_id:
            unit.find(f"{Q}target").set("state", "translated")
    preview = _import(planner_client, delegation, ET.tostring(root))
    assert [unit.id for unit in preview.context["plan"].clean] == [unit_id]
    assert preview.context["plan"].clean[0].confirms
    _apply(planner_client, delegation, preview)
    assert work_list(delegation, "uk").by_id()[unit_id].state == State.DONE
    assert ProgrammeItem.objects.get(pk=outdated.pk).title_uk == "Обід"
