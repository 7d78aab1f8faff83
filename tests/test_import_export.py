"""Import and export of members, contacts and organisations in the admin (django-import-export): round trips
in CSV and XLSX, the preview that saves nothing, errors per row with nothing saved, permissions, the CSP."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delegations.models import Contact, Member, Organisation
from delegations.resources import ContactResource, MemberWithNeedsResource, OrganisationResource, _header_key
from tests import factories

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def export(client, model: str, fmt: str = CSV_FORMAT):
    return client.post(reverse(f"admin:delegations_{model}_export"), {"format": fmt, "resource": "0"})


def column_of(header: str) -> str:
    """The field a header (in any of the three languages) stands for, as the import reads it."""
    names = {}
    for resource in (MemberWithNeedsResource(), ContactResource(), OrganisationResource()):
        names |= resource.column_names()
    return names[_header_key(header)]


def csv_rows(content: bytes) -> list[dict]:
    """The rows of an exported CSV, keyed by the fields' names (the file's headers are translated)."""
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return [{column_of(header): value for header, value in row.items()} for row in reader]


def to_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def upload(client, model: str, content: bytes, fmt: str = CSV_FORMAT, name: str = "daten.csv"):
    """The first step: the file is read and checked; the page shows the preview (nothing is saved yet)."""
    return client.post(
        reverse(f"admin:delegations_{model}_import"),
        {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model: str, preview):
    """The second step: the confirm form of the preview, sent as the button would."""
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    return client.post(reverse(f"admin:delegations_{model}_process_import"), data)


@pytest.fixture
def delegation():
    return factories.DelegationFactory(slug="podilsk-2025")


@pytest.fixture
def members(delegation):
    hotel = factories.HotelFactory(name="Hotel Rilano", name_de="Hotel Rilano")
    organisation = factories.OrganisationFactory(name="Rajon Podilsk Verwaltung")
    head = factories.MemberFactory(
        delegation=delegation,
        first_name="Olena",
        last_name="Testenko",
        function_de="Leiterin",
        function_uk="Голова",
        function_en="Head",
        is_head=True,
        organisation=organisation,
        hotel=hotel,
        dietary_needs="vegetarisch",
    )
    other = factories.MemberFactory(delegation=delegation, first_name="Petro", last_name="Beispiel")
    return [head, other]


def test_member_csv_export_has_natural_keys_and_a_column_per_language(planner_client, members):
    response = export(planner_client, "member")

    assert response.status_code == 200
    rows = {row["last_name"]: row for row in csv_rows(response.content)}
    head = rows["Testenko"]
    assert (head["delegation"], head["organisation"], head["hotel"]) == (
        "podilsk-2025",
        "Rajon Podilsk Verwaltung",
        "Hotel Rilano",
    )
    assert (head["function_de"], head["function_uk"], head["function_en"]) == ("Leiterin", "Голова", "Head")
    assert head["phone"] == "+380 48 700 0000"
    assert head["dietary_needs"] == "vegetarisch"


def test_special_categories_are_exported_only_with_their_permission(reader_client, planner_client, members):
    reader_rows = csv_rows(export(reader_client, "member").content)
    planner_rows = csv_rows(export(planner_client, "member").content)

    assert "dietary_needs" not in reader_rows[0]
    assert "accessibility_needs" not in reader_rows[0]
    assert "vegetarisch" not in export(reader_client, "member").content.decode("utf-8-sig")
    assert sorted(row["dietary_needs"] for row in planner_rows) == ["", "vegetarisch"]


def test_csv_round_trip_unchanged_changes_nothing(planner_client, members):
    content = export(planner_client, "member").content

    preview = upload(planner_client, "member", content)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 0, 2)
    assert reverse("admin:delegations_member_process_import") in preview.content.decode()
    confirm(planner_client, "member", preview)
    assert sorted(Member.objects.values_list("last_name", "function_uk", "is_head")) == [
        ("Beispiel", None, False),
        ("Testenko", "Голова", True),
    ]


def test_csv_import_of_new_rows_creates_them_after_the_confirm_step(planner_client, members, delegation):
    rows = csv_rows(export(planner_client, "member").content)
    new = dict.fromkeys(rows[0], "")
    new.update(
        delegation="podilsk-2025",
        first_name="Iryna",
        last_name="Neuanko",
        function_de="Beraterin",
        function_uk="Радниця",
        function_en="Adviser",
        preferred_language="uk",
        needs_interpreter="1",
        is_head="0",
        is_public_figure="0",
        photo_consent="unknown",
        phone="+380 48 700 11 22",
        email="iryna@podilsk.example",
        arrival_at="2025-11-16 14:30:00",
    )

    preview = upload(planner_client, "member", to_csv([new]))
    assert preview.context["result"].totals["new"] == 1
    assert Member.objects.filter(last_name="Neuanko").exists() is False  # the preview saves nothing

    response = confirm(planner_client, "member", preview)
    assert response.status_code == 302
    created = Member.objects.get(last_name="Neuanko")
    assert (created.delegation, created.function_uk, created.function_en, str(created.phone)) == (
        delegation,
        "Радниця",
        "Adviser",
        "+380487001122",
    )
    assert created.arrival_at.isoformat() == "2025-11-16T13:30:00+00:00"


def test_row_errors_name_the_row_in_german_and_nothing_is_saved(planner_client, members):
    rows = csv_rows(export(planner_client, "member").content)
    good = dict(rows[1], id="", first_name="Gut", last_name="Zeile")
    bad_email = dict(rows[1], id="", last_name="Mail", email="keine-adresse")
    bad_phone = dict(rows[1], id="", last_name="Telefon", phone="02821 850")
    bad_slug = dict(rows[1], id="", last_name="Slug", delegation="gibt-es-nicht")
    second_head = dict(rows[1], id="", last_name="Zweitleitung", is_head="1")
    backwards = dict(
        rows[1],
        id="",
        last_name="Rückwärts",
        arrival_at="2025-11-20 10:00:00",
        departure_at="2025-11-18 10:00:00",
    )
    bad_org = dict(rows[1], id="", last_name="Org", organisation="Unbekannt GmbH")
    factories.VenueFactory(name="Kreishaus Kleve", name_de="Kreishaus Kleve")  # a venue, but no hotel
    no_hotel = dict(rows[1], id="", last_name="Hotel", hotel="Kreishaus Kleve")

    preview = upload(
        planner_client,
        "member",
        to_csv([good, bad_email, bad_phone, bad_slug, second_head, backwards, bad_org, no_hotel]),
    )

    result = preview.context["result"]
    errors = {
        row.number: sorted(m for ms in row.error_dict.values() for m in ms) for row in result.invalid_rows
    }
    assert errors == {
        2: ["Bitte gültige E-Mail-Adresse eingeben."],
        3: ["„02821 850“ ist keine gültige Telefonnummer in internationaler Form, z. B. +49 2821 85-0."],
        4: ["Keine Delegation mit dem Kurznamen „gibt-es-nicht“."],
        5: ["Eine Delegation hat höchstens eine Leitung."],
        6: ["Die Abfahrt darf nicht vor der Ankunft liegen."],
        7: ["Keine Organisation mit dem Namen „Unbekannt GmbH“."],
        8: ["Kein Hotel mit dem Namen „Kreishaus Kleve“."],
    }
    page = preview.content.decode()
    assert "Keine Delegation mit dem Kurznamen „gibt-es-nicht“." in page
    assert reverse("admin:delegations_member_process_import") not in page  # no confirm button
    assert " style=" not in page
    assert Member.objects.count() == 2


def test_xlsx_round_trip_of_contacts(planner_client):
    factories.ContactFactory(
        first_name="Anna", last_name="Gast", function_de="Landrätin", function_uk="Ландрат"
    )
    response = export(planner_client, "contact", XLSX_FORMAT)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *values = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("ID", "Vorname", "Nachname")
    row = dict(zip(map(column_of, header), values[0], strict=True))
    assert (row["first_name"], row["function_de"], row["function_uk"], row["phone"]) == (
        "Anna",
        "Landrätin",
        "Ландрат",
        "+49 2821 850",
    )

    preview = upload(planner_client, "contact", response.content, XLSX_FORMAT, "kontakte.xlsx")
    result = preview.context["result"]
    assert (result.has_errors(), result.has_validation_errors(), result.totals["skip"]) == (False, False, 1)

    sheet.append(
        ["", "Bohdan", "Neu", "driver", "", "Fahrer", "Водій", "Driver", "+49 2821 85-1", "", "", 0, ""]
    )
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    preview = upload(planner_client, "contact", buffer.getvalue(), XLSX_FORMAT, "kontakte.xlsx")
    assert preview.context["result"].totals["new"] == 1
    confirm(planner_client, "contact", preview)
    assert Contact.objects.get(last_name="Neu").function_uk == "Водій"


def test_organisations_round_trip_and_import(planner_client):
    factories.OrganisationFactory(name="Stadtwerke Kleve GmbH")
    content = export(planner_client, "organisation").content
    rows = csv_rows(content)
    assert [row["name"] for row in rows] == ["Stadtwerke Kleve GmbH"]
    rows.append(dict(rows[0], id="", name="Hochschule Rhein-Waal", kind="school"))

    preview = upload(planner_client, "organisation", to_csv(rows))
    assert (preview.context["result"].totals["new"], preview.context["result"].totals["skip"]) == (1, 1)
    confirm(planner_client, "organisation", preview)
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Hochschule Rhein-Waal",
        "Stadtwerke Kleve GmbH",
    ]


@pytest.mark.parametrize("model", ["member", "contact", "organisation"])
def test_permissions_per_role(planner_client, press_client, reader_client, model):
    import_url = reverse(f"admin:delegations_{model}_import")
    export_url = reverse(f"admin:delegations_{model}_export")

    assert planner_client.get(import_url).status_code == 200
    assert planner_client.get(export_url).status_code == 200
    assert reader_client.get(import_url).status_code == 403
    assert reader_client.get(export_url).status_code == 200
    assert press_client.get(import_url).status_code == 403
    assert press_client.get(export_url).status_code == 403


def test_changelist_offers_import_and_export_only_to_those_allowed(planner_client, press_client):
    url = reverse("admin:delegations_contact_changelist")
    planner_page = planner_client.get(url).content.decode()
    press_page = press_client.get(url).content.decode()

    assert reverse("admin:delegations_contact_import") in planner_page
    assert reverse("admin:delegations_contact_export") in planner_page
    assert reverse("admin:delegations_contact_import") not in press_page
    assert reverse("admin:delegations_contact_export") not in press_page


@pytest.mark.parametrize("step", ["import", "export"])
def test_import_and_export_pages_are_german_and_keep_the_csp(planner_client, step):
    response = planner_client.get(reverse(f"admin:delegations_member_{step}"))
    page = response.content.decode()

    assert 'lang="de"' in page
    assert ("Importieren" if step == "import" else "Exportieren") in page
    assert " style=" not in page
    assert " onchange=" not in page and " onclick=" not in page
    assert "<script>" not in page and '<script type="text/javascript">' not in page
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_file_waits_for_the_confirm_step_in_private_storage_and_is_removed_after(
    planner_client, settings
):
    organisation = factories.OrganisationFactory(name="Stadtwerke Kleve GmbH")
    rows = csv_rows(export(planner_client, "organisation").content)
    rows.append(dict(rows[0], id="", name="Hochschule Rhein-Waal"))

    preview = upload(planner_client, "organisation", to_csv(rows))
    waiting = (
        settings.PRIVATE_MEDIA_ROOT
        / "django-import-export"
        / preview.context["confirm_form"].initial["import_file_name"]
    )
    assert waiting.exists()
    assert not (settings.MEDIA_ROOT / "django-import-export").exists()

    confirm(planner_client, "organisation", preview)
    assert not waiting.exists()
    assert Organisation.objects.exclude(pk=organisation.pk).get().name == "Hochschule Rhein-Waal"


# -- Headers in the user's language, read in any of the three -------------------------------------------


def test_export_headers_are_in_the_users_language(planner_client, members, settings):
    german = next(csv.reader(io.StringIO(export(planner_client, "member").content.decode("utf-8-sig"))))
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = next(csv.reader(io.StringIO(export(planner_client, "member").content.decode("utf-8-sig"))))
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    ukrainian = next(csv.reader(io.StringIO(export(planner_client, "member").content.decode("utf-8-sig"))))

    assert german[:4] == ["ID", "Delegation", "Vorname (lateinisch)", "Nachname (lateinisch)"]
    assert german[6:9] == ["Funktion [de]", "Funktion [uk]", "Funktion [en]"]
    assert english[:4] == ["ID", "Delegation", "First name (Latin script)", "Last name (Latin script)"]
    assert ukrainian[2:4] == ["Ім'я (латиницею)", "Прізвище (латиницею)"]
    assert "first_name" not in german + english + ukrainian


@pytest.mark.parametrize(
    "headers",
    [
        {"name": "Name", "kind": "Art", "city": "Ort", "profile_uk": "Profil [uk]"},
        {"name": "Ім'я", "kind": "Тип", "city": "Місце", "profile_uk": "Профіль [uk]"},
        {"name": "name", "kind": "TYPE", "city": " Place ", "profile_uk": "Profile [uk]"},
    ],
    ids=["de", "uk", "en-and-field-names"],
)
def test_import_reads_headers_in_german_ukrainian_or_english(planner_client, headers):
    row = {"name": "Hochschule Rhein-Waal", "kind": "school", "city": "Kleve", "profile_uk": "Університет"}
    content = to_csv([{headers[column]: value for column, value in row.items()}])

    preview = upload(planner_client, "organisation", content)

    result = preview.context["result"]
    assert (result.has_errors(), result.has_validation_errors(), result.totals["new"]) == (False, False, 1)
    confirm(planner_client, "organisation", preview)
    created = Organisation.objects.get(name="Hochschule Rhein-Waal")
    assert (created.kind, created.city, created.profile_uk) == ("school", "Kleve", "Університет")


def test_the_import_page_names_the_columns_in_the_users_language(planner_client):
    page = planner_client.get(reverse("admin:delegations_contact_import")).content.decode()
    assert "Vorname" in page and "Funktion [uk]" in page
    assert "first_name" not in page
