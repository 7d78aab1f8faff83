"""A delegation's programme from a spreadsheet: CSV (comma, semicolon, BOM), XLSX, German and ISO dates,
times, unknown names and bad rows that block, the conflict check in the preview, one transaction, undo, the
command, the admin's preview and confirm steps, the template, query counts, and the demo spreadsheet."""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from demo.loader import seed_demo
from visits.enums import ItemKind, Visibility
from visits.models import ProgrammeItem
from visits.programme_import import (
    ProgrammeItemResource,
    UnreadableFile,
    import_programme,
    preview_programme_import,
    read_spreadsheet,
    undo_programme_import,
)
from visits.programme_import.cells import read_day, read_time
from visits.programme_import.resource import COLUMNS

from . import factories
from .factories import berlin

pytestmark = pytest.mark.django_db

DEMO_CSV = Path(settings.BASE_DIR) / "demo" / "data" / "programme-import.csv"


def headers(language: str = "de", columns=COLUMNS) -> list[str]:
    resource = ProgrammeItemResource()
    with translation.override(language):
        labels = dict(zip(COLUMNS, resource.template_headers(), strict=True))
    return [labels[column] for column in columns]


def csv_bytes(rows, *, delimiter=";", bom=True, language="de", columns=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(language, columns))
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows, *, language="de", columns=COLUMNS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers(language, columns))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(day="18.11.2025", start="9:00", end="10:30", title="Arbeitsgespräch", **cells) -> list:
    values = {"day": day, "start": start, "end": end, "title_de": title, **cells}
    return [values.get(column, "") for column in COLUMNS]


@pytest.fixture
def visit():
    return factories.DelegationFactory(slug="podilsk-2025", title_de="Besuch aus Podilsk")


@pytest.fixture
def people(visit):
    olena = factories.MemberFactory(
        delegation=visit,
        first_name="Olena",
        last_name="Testenko",
        first_name_original="Олена",
        last_name_original="Тестенко",
        needs_interpreter=False,
    )
    petro = factories.MemberFactory(
        delegation=visit, first_name="Petro", last_name="Beispiel", needs_interpreter=False
    )
    return olena, petro


@pytest.fixture
def kreishaus():
    return factories.VenueFactory(
        name="Kreishaus Kleve",
        name_de="Kreishaus Kleve",
        name_uk="Будинок району Клеве",
        name_en="County Hall",
    )


def read(content: bytes, name: str):
    return read_spreadsheet(content, name)


def lines(report) -> list[tuple[int, str, str]]:
    return [(finding.row, finding.kind, finding.subject) for finding in report.findings]


# Formats and cells --------------------------------------------------------------------------------


def test_semicolon_csv_with_bom_german_dates_imports_every_row(visit, people, kreishaus):
    olena, petro = people
    content = csv_bytes(
        [
            row(
                title="Empfang",
                title_uk="Прийом",
                title_en="Reception",
                venue="Kreishaus Kleve",
                participants="Olena Testenko; Petro Beispiel",
                kind="Festakt / Zeremonie",
                visibility="öffentlich",
                description_de="Mit Grußwort",
            ),
            row(day="19.11.2025", start="14:00", end="15:00", title="Rundgang", venue="county hall"),
        ]
    )

    dataset = read(content, "programm.csv")
    preview = preview_programme_import(delegation=visit, dataset=dataset)
    assert preview.findings == [] and not preview.blocking
    assert ProgrammeItem.objects.count() == 0

    report = import_programme(delegation=visit, dataset=dataset)

    assert len(report.created) == 2
    first, second = ProgrammeItem.objects.filter(delegation=visit).order_by("starts_at")
    assert (first.starts_at, first.ends_at) == (berlin(2025, 11, 18, 9), berlin(2025, 11, 18, 10, 30))
    assert (first.title_de, first.title_uk, first.title_en) == ("Empfang", "Прийом", "Reception")
    assert first.description_de == "Mit Grußwort"
    assert (first.kind, first.visibility, first.venue) == (ItemKind.CEREMONY, Visibility.PUBLIC, kreishaus)
    assert set(first.participants.all()) == {olena, petro}
    assert (second.kind, second.visibility, second.venue) == (ItemKind.MEETING, Visibility.GUESTS, kreishaus)
    assert list(second.participants.all()) == []  # the whole delegation
    assert first.import_batch == second.import_batch == report.batch is not None
    assert first.history.last().history_type == "+"


@pytest.mark.parametrize("language", ["en", "uk"])
def test_comma_csv_with_iso_dates_and_headers_in_another_language(visit, people, kreishaus, language):
    content = csv_bytes(
        [row(day="2025-11-18", start="09:00", end="09:45", participants="Тестенко Олена", kind="meeting")],
        delimiter=",",
        bom=False,
        language=language,
    )

    report = import_programme(delegation=visit, dataset=read(content, "programme.csv"))

    item = ProgrammeItem.objects.get()
    assert len(report.created) == 1
    assert item.starts_at == berlin(2025, 11, 18, 9)
    assert list(item.participants.all()) == [people[0]]


def test_csv_in_windows_1252_as_older_excel_writes_it(visit):
    content = csv_bytes([row(title="Gespräch über Fördermittel")], bom=False).decode("utf-8").encode("cp1252")

    report = import_programme(delegation=visit, dataset=read(content, "programm.csv"))

    assert [item.title_de for item in report.created] == ["Gespräch über Fördermittel"]


def test_xlsx_with_date_and_time_cells_and_text(visit, kreishaus):
    content = xlsx_bytes(
        [
            row(day=dt.date(2025, 11, 18), start=dt.time(9, 0), end=dt.time(10, 0), venue="Kreishaus Kleve"),
            row(day=dt.datetime(2025, 11, 19), start="9:30", end="11:00", title="Zweiter Tag"),
        ]
    )

    report = import_programme(delegation=visit, dataset=read(content, "programm.xlsx"))

    assert [(item.starts_at, item.ends_at) for item in report.created] == [
        (berlin(2025, 11, 18, 9), berlin(2025, 11, 18, 10)),
        (berlin(2025, 11, 19, 9, 30), berlin(2025, 11, 19, 11)),
    ]


def test_ods_is_not_offered_without_its_reader():
    # odfpy is not in requirements.lock; the import offers .ods as soon as it is installed.
    with pytest.raises(UnreadableFile, match=r"\.csv, \.xlsx"):
        read(b"PK\x03\x04", "programm.ods")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("9:00", dt.time(9)),
        ("09:00", dt.time(9)),
        ("9.30", dt.time(9, 30)),
        ("18:45:00", dt.time(18, 45)),
        ("14:00 Uhr", dt.time(14)),
        (dt.time(7, 15), dt.time(7, 15)),
        (0.375, dt.time(9)),  # Excel's fraction of a day
    ],
)
def test_times(cell, expected):
    assert read_time(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("18.11.2025", dt.date(2025, 11, 18)),
        ("2025-11-18", dt.date(2025, 11, 18)),
        ("18.11.25", dt.date(2025, 11, 18)),
        ("3", dt.date(2025, 11, 18)),  # the third day of a visit arriving on the 16th
        (3.0, dt.date(2025, 11, 18)),
        (dt.datetime(2025, 11, 18, 0, 0), dt.date(2025, 11, 18)),
    ],
)
def test_days(cell, expected):
    assert read_day(cell, arrival=dt.date(2025, 11, 16)) == expected


# Findings that block ------------------------------------------------------------------------------


def test_unknown_venue_and_person_are_errors_of_their_rows_and_nothing_is_imported(visit, people, kreishaus):
    dataset = read(
        csv_bytes(
            [
                row(venue="Kreishaus Kleve"),
                row(venue="Rathaus Goch"),
                row(participants="Olena Testenko; Ivan Unbekannt"),
            ]
        ),
        "programm.csv",
    )

    report = import_programme(delegation=visit, dataset=dataset)

    assert report.blocking
    assert [(f.row, f.kind, f.subject, f.value) for f in report.findings] == [
        (3, "UNKNOWN", "venue", "Rathaus Goch"),
        (4, "UNKNOWN", "participant", "Ivan Unbekannt"),
    ]
    assert report.findings[0].message == "Kein Ort mit dem Namen „Rathaus Goch“."
    assert report.created == []
    assert ProgrammeItem.objects.count() == 0


def test_bad_rows_are_named_with_their_column_and_a_german_message(visit):
    dataset = read(
        csv_bytes(
            [
                row(day="31.02.2025"),
                row(start="25:00"),
                row(start="10:00", end="09:00"),
                row(title=""),
                row(kind="Picknick"),
                row(title="x" * 201),
            ]
        ),
        "programm.csv",
    )

    report = preview_programme_import(delegation=visit, dataset=dataset)

    assert lines(report) == [
        (2, "ERROR", "day"),
        (3, "ERROR", "start"),
        (4, "ERROR", "end"),
        (5, "ERROR", "title_de"),
        (6, "ERROR", "kind"),
        (7, "ERROR", "title_de"),
    ]
    messages = [finding.message for finding in report.findings]
    assert messages[0].startswith("„31.02.2025“ ist kein Tag.")
    assert messages[1] == "„25:00“ ist keine Uhrzeit. Bitte als 9:00 oder 09:00 angeben."
    assert messages[2] == "Ein Programmpunkt muss nach seinem Beginn enden."
    assert messages[3] == "Bitte einen Titel auf Deutsch angeben."
    assert messages[4].startswith("„Picknick“ ist kein erlaubter Wert. Erlaubt sind: Gespräch / Sitzung,")
    assert report.blocking and ProgrammeItem.objects.count() == 0


def test_missing_columns_are_a_finding_of_the_file(visit):
    content = b"Titel [de];Ort\r\nEmpfang;Kreishaus\r\n"

    report = import_programme(delegation=visit, dataset=read(content, "programm.csv"))

    assert report.blocking
    assert report.file_errors == [
        "Diese Spalten fehlen in der Datei: Tag, Beginn, Ende. Bitte die Vorlage verwenden."
    ]
    assert report.findings == [] and report.row_count == 1
    assert ProgrammeItem.objects.count() == 0


def test_blank_lines_are_skipped_and_rows_keep_their_sheet_numbers(visit):
    content = csv_bytes([row(), ["", "", ""] + [""] * (len(COLUMNS) - 3), row(start="nein")])

    report = preview_programme_import(delegation=visit, dataset=read(content, "programm.csv"))

    assert report.row_count == 2
    assert lines(report) == [(4, "ERROR", "start")]


# Conflicts ----------------------------------------------------------------------------------------


def test_preview_shows_conflicts_with_the_programme_and_the_rows_participants(visit, people, kreishaus):
    olena, _petro = people
    existing = factories.ProgrammeItemFactory(
        delegation=visit,
        title_de="Workshop",
        starts_at=berlin(2025, 11, 18, 9),
        ends_at=berlin(2025, 11, 18, 12),
    )
    existing.participants.set([olena])
    dataset = read(
        csv_bytes(
            [
                row(start="10:00", end="11:00", title="Mit Olena", participants="Olena Testenko"),
                row(start="10:00", end="11:00", title="Mit Petro", participants="Petro Beispiel"),
            ]
        ),
        "programm.csv",
    )

    report = preview_programme_import(delegation=visit, dataset=dataset)

    assert [(f.row, f.kind, f.subject) for f in report.conflicts] == [(2, "CONFLICT", "member_double_booked")]
    assert "Olena Testenko" in report.conflicts[0].message
    assert not report.blocking  # conflicts warn, as when saving an item
    assert ProgrammeItem.objects.count() == 1


# The command --------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_programme", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> tuple[int, int]:
    return ProgrammeItem.objects.count(), ProgrammeItem.history.count()


def test_dry_run_prints_the_preview_and_writes_nothing(visit, people, kreishaus, tmp_path):
    # Internal (staff only, nobody chosen): it books the venue and no member.
    factories.ProgrammeItemFactory(
        delegation=visit,
        venue=kreishaus,
        visibility=Visibility.INTERNAL,
        starts_at=berlin(2025, 11, 18, 9),
        ends_at=berlin(2025, 11, 18, 10),
    )
    path = tmp_path / "programm.csv"
    path.write_bytes(
        csv_bytes([row(venue="Kreishaus Kleve", title="Zweiter Termin"), row(start="11:00", end="12:00")])
    )
    before = counts()

    out, err = run("podilsk-2025", str(path), "--dry-run")

    assert counts() == before
    output = out.splitlines()
    assert output[0] == 'ROW 2 NEW 18.11.2025 09:00-10:30 "Zweiter Termin"'
    assert output[1].startswith("ROW 2 CONFLICT venue_double_booked Kreishaus Kleve ist doppelt belegt")
    assert output[2] == 'ROW 3 NEW 18.11.2025 11:00-12:00 "Arbeitsgespräch"'
    assert len(output) == 3
    assert "Probelauf: Es wurde nichts gespeichert." in err


def test_dry_run_with_unknown_names_exits_1_and_writes_nothing(visit, tmp_path):
    path = tmp_path / "programm.csv"
    path.write_bytes(csv_bytes([row(venue="Rathaus Goch"), row(participants="Ivan Unbekannt")]))
    before = counts()

    with pytest.raises(CommandError) as raised:
        run("podilsk-2025", str(path), "--dry-run")

    assert raised.value.returncode == 1
    assert counts() == before


def test_command_output_lines_for_unknown_names(visit, tmp_path, capsys):
    path = tmp_path / "programm.csv"
    path.write_bytes(csv_bytes([row(), row(venue="Rathaus Goch")]))
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_programme", "podilsk-2025", str(path), stdout=out, stderr=io.StringIO())

    assert out.getvalue().splitlines() == [
        'ROW 2 NEW 18.11.2025 09:00-10:30 "Arbeitsgespräch"',
        'ROW 3 UNKNOWN venue "Rathaus Goch"',
    ]
    assert ProgrammeItem.objects.count() == 0


def test_command_imports_in_one_go_and_prints_the_count(visit, tmp_path):
    path = tmp_path / "programm.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(start="11:00", end="12:00")]))

    out, err = run("podilsk-2025", str(path))

    batch = ProgrammeItem.objects.values_list("import_batch", flat=True).distinct().get()
    assert out.splitlines()[-1] == f"CREATED 2 BATCH {batch}"
    assert "2 Programmpunkte angelegt." in err
    assert ProgrammeItem.objects.count() == 2


@pytest.mark.parametrize(
    ("slug", "name", "content"),
    [
        ("unbekannt", "programm.csv", b"Tag;Beginn\r\n"),
        ("podilsk-2025", "programm.xlsx", b"kein Arbeitsblatt"),
        ("podilsk-2025", "programm.pdf", b"%PDF"),
    ],
)
def test_unknown_slug_or_unreadable_file_exits_2(visit, tmp_path, slug, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        run(slug, str(path))

    assert raised.value.returncode == 2


def test_missing_file_exits_2(visit, tmp_path):
    with pytest.raises(CommandError) as raised:
        run("podilsk-2025", str(tmp_path / "fehlt.csv"))
    assert raised.value.returncode == 2


# Undo ---------------------------------------------------------------------------------------------


def test_undo_deletes_exactly_the_items_of_that_import(visit):
    own = factories.ProgrammeItemFactory(delegation=visit)
    first = import_programme(
        delegation=visit, dataset=read(csv_bytes([row(), row(start="11:00", end="12:00")]), "a.csv")
    )
    second = import_programme(delegation=visit, dataset=read(csv_bytes([row(title="Andere Datei")]), "b.csv"))

    assert undo_programme_import(batch=first.batch) == 2

    assert set(ProgrammeItem.objects.all()) == {own, *second.created}


def test_undo_refuses_when_an_item_changed_since_and_changes_nothing(visit):
    report = import_programme(
        delegation=visit, dataset=read(csv_bytes([row(), row(start="11:00", end="12:00")]), "a.csv")
    )
    changed = report.created[1]
    changed.title_de = "Umbenannt"
    changed.save()

    with pytest.raises(Exception) as refused:
        undo_programme_import(batch=report.batch)

    assert "Der Import kann nicht rückgängig gemacht werden: 1 Programmpunkt wurde seither geändert" in str(
        refused.value
    )
    assert "Umbenannt" in str(refused.value)
    assert ProgrammeItem.objects.count() == 2


def test_undo_refuses_when_an_item_has_an_appointment(visit):
    report = import_programme(delegation=visit, dataset=read(csv_bytes([row(kind="company_visit")]), "a.csv"))
    factories.CompanyAppointmentFactory(delegation=visit, programme_item=report.created[0])

    with pytest.raises(Exception, match="nicht rückgängig"):
        undo_programme_import(batch=report.batch)
    assert ProgrammeItem.objects.count() == 1


# The admin ----------------------------------------------------------------------------------------

IMPORT_URL = "admin:visits_programmeitem_import"


def upload(client, visit, content: bytes, name="programm.csv", fmt="0"):
    return client.post(
        reverse(IMPORT_URL),
        {
            "delegation": visit.pk,
            "format": fmt,
            "resource": "0",
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    return client.post(reverse("admin:visits_programmeitem_process_import"), data)


def test_planner_sees_the_preview_with_its_conflict_then_imports_and_can_undo(
    planner_client, visit, people, kreishaus
):
    # Internal (staff only, nobody chosen): it books the venue and no member.
    factories.ProgrammeItemFactory(
        delegation=visit,
        venue=kreishaus,
        visibility=Visibility.INTERNAL,
        starts_at=berlin(2025, 11, 18, 9),
        ends_at=berlin(2025, 11, 18, 10),
    )
    content = csv_bytes(
        [row(venue="Kreishaus Kleve", title="Zweiter Termin"), row(start="11:00", end="12:00")]
    )

    preview = upload(planner_client, visit, content)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Befunde" in page and "Kreishaus Kleve ist doppelt belegt" in page
    assert "Konflikt (hindert nicht)" in page
    assert "Zweiter Termin" in page  # the preview's table of rows
    assert ProgrammeItem.objects.count() == 1

    done = confirm(planner_client, preview)

    assert done.status_code == 302
    assert done["Location"].endswith(f"?delegation__id__exact={visit.pk}")
    assert ProgrammeItem.objects.count() == 3
    imported = ProgrammeItem.objects.exclude(import_batch=None)
    assert imported.count() == 2
    batch = imported.first().import_batch
    assert {entry.history_user.username for entry in ProgrammeItem.history.filter(import_batch=batch)} == {
        "planner"
    }
    undo_url = reverse("admin:visits_programmeitem_import_undo", args=[batch])
    listing = planner_client.get(done["Location"])
    assert undo_url in listing.content.decode()

    page = planner_client.get(undo_url)
    assert page.status_code == 200 and "Zweiter Termin" in page.content.decode()
    undone = planner_client.post(undo_url, follow=True)
    assert "Import rückgängig gemacht: 2 Programmpunkte gelöscht." in undone.content.decode()
    assert ProgrammeItem.objects.count() == 1


def test_admin_preview_with_unknown_names_offers_no_confirm_step(planner_client, visit):
    preview = upload(planner_client, visit, csv_bytes([row(), row(venue="Rathaus Goch")]))

    page = preview.content.decode()
    assert "confirm_form" not in preview.context
    assert "Nicht importierbar: Zeilen mit Fehlern" in page
    assert "Kein Ort mit dem Namen „Rathaus Goch“." in page
    assert "unbekannter Name" in page
    assert ProgrammeItem.objects.count() == 0


def test_admin_refused_undo_says_why(planner_client, visit):
    report = import_programme(delegation=visit, dataset=read(csv_bytes([row()]), "a.csv"))
    item = report.created[0]
    item.status = "confirmed"
    item.save()
    url = reverse("admin:visits_programmeitem_import_undo", args=[report.batch])

    page = planner_client.post(url, follow=True)

    assert "nicht rückgängig gemacht werden" in page.content.decode()
    assert ProgrammeItem.objects.count() == 1


def test_press_office_and_readers_may_not_import(press_client, reader_client, visit):
    for client in (press_client, reader_client):
        assert client.get(reverse(IMPORT_URL)).status_code == 403
        assert client.get(reverse("admin:visits_programmeitem_import_template")).status_code == 403


def test_template_has_headers_in_the_users_language_and_an_example_row(planner_client, visit, kreishaus):
    response = planner_client.get(reverse("admin:visits_programmeitem_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == headers("de")
    assert rows[0][:4] == ("Tag", "Beginn", "Ende", "Titel [de]")
    assert rows[1][:3] == ("18.11.2025", "09:00", "10:30")
    assert len(rows) == 2
    # The template's own headers and example read back: only the example's invented people are unknown.
    report = preview_programme_import(delegation=visit, dataset=read(response.content, "vorlage.xlsx"))
    assert [(f.kind, f.value) for f in report.findings] == [
        ("UNKNOWN", "Olena Testenko"),
        ("UNKNOWN", "Ivan Beispiel"),
    ]


def test_template_headers_in_ukrainian():
    assert headers("uk")[:3] != headers("de")[:3]
    with translation.override("uk"):
        assert ProgrammeItemResource().template_headers()[:3] == headers("uk")[:3]


# Query counts -------------------------------------------------------------------------------------


def many_rows(size: int) -> list[list]:
    return [
        row(
            day=f"{16 + index % 6}.11.2025",
            start=f"{8 + index % 10}:00",
            end=f"{8 + index % 10}:45",
            title=f"Punkt {index}",
            venue="Kreishaus Kleve",
            participants="Olena Testenko" if index % 2 else "",
        )
        for index in range(size)
    ]


@pytest.mark.parametrize("size", [5, 60])
def test_preview_runs_a_fixed_number_of_queries(visit, people, kreishaus, size, django_assert_num_queries):
    factories.ProgrammeItemFactory.create_batch(size, delegation=visit, venue=kreishaus)
    dataset = read(csv_bytes(many_rows(size)), "programm.csv")

    # Venues, members, and the conflict check's fixed number (savepoints of the dry run included); the
    # venues the rows named are not read again by the check.
    with django_assert_num_queries(16):
        report = preview_programme_import(delegation=visit, dataset=dataset)

    assert len(report.planned) == size


@pytest.mark.parametrize("size", [5, 60])
def test_admin_preview_page_runs_a_fixed_number_of_queries(planner_client, visit, people, kreishaus, size):
    factories.ProgrammeItemFactory.create_batch(size, delegation=visit, venue=kreishaus)
    content = csv_bytes(many_rows(size))

    with CaptureQueriesContext(connection) as queries:
        response = upload(planner_client, visit, content)

    assert response.status_code == 200 and "confirm_form" in response.context
    assert len(queries) == ADMIN_PREVIEW_QUERIES


# The same at both sizes: the session and user, the form's delegations, the upload kept for the confirm step,
# the preview's 16 and the sidebar.
ADMIN_PREVIEW_QUERIES = 21


# The demo -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_held", [True, False])
def test_demo_spreadsheet_imports_with_one_conflict_in_the_preview(as_held, tmp_path):
    seed_demo(now=timezone.now(), make_logins=False, as_held=as_held)
    csv_content = DEMO_CSV.read_bytes()
    assert csv_content.startswith(b"\xef\xbb\xbf")  # as Excel writes "CSV UTF-8"
    # The same table as XLSX, as a planner would keep it.
    text = csv_content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    book = openpyxl.Workbook()
    for cells in table:
        book.active.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx_path = tmp_path / "programme-import.xlsx"
    xlsx_path.write_bytes(buffer.getvalue())

    for path in (DEMO_CSV, xlsx_path):
        before = counts()
        out, _err = run("podilsk-2025", str(path), "--dry-run")
        assert counts() == before
        conflicts = [line for line in out.splitlines() if " CONFLICT " in line]
        assert len(conflicts) == 1, out
        assert conflicts[0].startswith("ROW 4 CONFLICT venue_double_booked Berufskolleg Kleve")
        assert len([line for line in out.splitlines() if " NEW " in line]) == len(table) - 1

    out, _err = run("podilsk-2025", str(DEMO_CSV))
    assert out.splitlines()[-1].startswith(f"CREATED {len(table) - 1} BATCH ")


def test_import_page_names_the_columns_and_links_the_template(planner_client, press_client, visit):
    page = planner_client.get(reverse(IMPORT_URL), {"delegation": visit.pk})

    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("admin:visits_programmeitem_import_template") in html
    assert page.context["fields_list"] == [("Programmpunkte einer Delegation", headers("de"))]
    assert "Teilnehmende" in html
    assert page.context["form"].initial["delegation"] == str(visit.pk)
    listing = planner_client.get(reverse("admin:visits_programmeitem_changelist")).content.decode()
    assert reverse(IMPORT_URL) in listing
    press_listing = press_client.get(reverse("admin:visits_programmeitem_changelist")).content.decode()
    assert reverse(IMPORT_URL) not in press_listing


def test_programme_page_links_the_import_for_its_delegation(planner_client, visit):
    page = planner_client.get(reverse("admin:delegations_delegation_programme", args=[visit.pk]))

    assert f"{reverse(IMPORT_URL)}?delegation={visit.pk}" in page.content.decode()


def test_admin_names_missing_columns_without_a_traceback(planner_client, visit):
    page = upload(planner_client, visit, b"Titel [de];Ort\r\nEmpfang;Kreishaus\r\n")

    html = page.content.decode()
    assert "Die Datei lässt sich nicht importieren" in html
    assert "Diese Spalten fehlen in der Datei: Tag, Beginn, Ende." in html
    assert "Traceback" not in html and "confirm_form" not in page.context


@pytest.mark.parametrize("size", [3, 40])
def test_undo_page_runs_a_fixed_number_of_queries(planner_client, visit, people, kreishaus, size):
    report = import_programme(delegation=visit, dataset=read(csv_bytes(many_rows(size)), "a.csv"))
    url = reverse("admin:visits_programmeitem_import_undo", args=[report.batch])

    with CaptureQueriesContext(connection) as queries:
        page = planner_client.get(url)

    assert len(page.context["items"]) == size
    assert len(queries) == UNDO_PAGE_QUERIES


# The same at both sizes: session, user, permissions, the items with their delegations and venues, sidebar.
UNDO_PAGE_QUERIES = 5
