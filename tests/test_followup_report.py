"""The visit report PDF, parsed back (tests/documents.py): languages, what it holds and leaves out."""

import datetime as dt

import pytest
from django.urls import reverse

from followup.enums import ActionState, CommittedBy
from followup.report import visit_report_pdf
from tests import documents
from tests.factories import (
    CompanyAppointmentFactory,
    DelegationFactory,
    EventPageFactory,
    MemberFactory,
    ProgrammeItemFactory,
    berlin,
)
from tests.factories_followup import ActionFactory, CommitmentFactory, OutcomeFactory
from tests.public_data import photo_with_renditions
from visits.enums import ItemStatus, Visibility

pytestmark = pytest.mark.django_db


pdf_text = documents.text


def pdf_image_count(content: bytes, tmp_path) -> int:
    return len(documents.image_sizes(content))


@pytest.fixture
def visit():
    delegation = DelegationFactory(
        title_de="Delegation aus Podilsk",
        title_uk="Делегація з Подільська",
        title_en="Delegation from Podilsk",
    )
    MemberFactory(
        delegation=delegation,
        first_name="Olena",
        last_name="Kovalenko",
        first_name_original="Олена",
        last_name_original="Коваленко",
        function="Bürgermeisterin",
        is_head=True,
    )
    reception = ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 17, 10),
        title_de="Empfang im Kreishaus",
        title_uk="Прийом у будинку округу",
        title_en="",
    )
    company = ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 18, 9),
        title_de="Besuch Schwanenland Energie",
        title_uk="Візит до Schwanenland Energie",
    )
    ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 19, 9),
        title_de="Abgesagte Hafenrundfahrt",
        title_uk="Скасована екскурсія",
        status=ItemStatus.CANCELLED,
    )
    ProgrammeItemFactory(
        delegation=delegation,
        starts_at=berlin(2025, 11, 19, 13),
        title_de="Interne Vorbesprechung",
        title_uk="Внутрішня нарада",
        visibility=Visibility.INTERNAL,
    )
    appointment = CompanyAppointmentFactory(delegation=delegation, programme_item=company)
    OutcomeFactory(programme_item=reception, text="Grußworte ausgetauscht")
    commitment = CommitmentFactory(
        programme_item=None,
        appointment=appointment,
        committed_by=CommittedBy.HOST,
        text="Unterlagen zu Notstromkonzepten auf Englisch",
    )
    ActionFactory(
        delegation=delegation,
        follows_from=commitment,
        title="Unterlagen nachreichen",
        external_owner="Wirtschaftsförderung Kleve",
        due_on=dt.date(2026, 1, 31),
        state=ActionState.DONE,
    )
    page = EventPageFactory(delegation=delegation)
    page.hero = photo_with_renditions(640, 480)
    page.save()
    page.gallery.set(
        [photo_with_renditions(640, 480), photo_with_renditions(640, 480, consent_confirmed=False)]
    )
    # A consented photo on no page of this visit stays out too.
    photo_with_renditions(640, 480)
    return delegation


def report_url(delegation, lang=None) -> str:
    url = reverse("followup:report", kwargs={"pk": delegation.pk})
    return f"{url}?lang={lang}" if lang else url


def test_german_report_by_default(visit, planner_client, tmp_path):
    response = planner_client.get(report_url(visit))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="besuchsbericht-' in response["Content-Disposition"]
    text = pdf_text(response.content)
    for heading in ("Besuchsbericht", "Die Delegation", "Programm wie gehalten", "Aufgaben", "Fotos"):
        assert heading in text
    assert "Delegation aus Podilsk" in text
    assert "Olena Kovalenko" in text and "Олена Коваленко" in text and "Bürgermeisterin" in text
    assert "Empfang im Kreishaus" in text
    assert "Grußworte ausgetauscht" in text
    assert "Zusage (Gastgeberseite): Unterlagen zu Notstromkonzepten auf Englisch" in text
    assert "Unterlagen nachreichen" in text and "Wirtschaftsförderung Kleve" in text and "erledigt" in text
    assert "Interne Vorbesprechung" in text  # the German edition is the staff's: internal items stay in
    assert "Abgesagte Hafenrundfahrt" not in text
    # Title image and one gallery photo; the photo without consent and the one on no page are left out.
    assert pdf_image_count(response.content, tmp_path) == 2


def test_ukrainian_report_in_cyrillic(visit, planner_client):
    response = planner_client.get(report_url(visit, "uk"))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Делегація з Подільська" in text
    assert "Прийом у будинку округу" in text
    assert "Візит до Schwanenland Energie" in text
    assert "Коваленко" in text
    assert "Звіт про візит" in text and "Besuchsbericht" not in text
    assert "Посада" in text and "Funktion" not in text
    assert "РАЙОН КЛЕВЕ" in text
    assert "Die Delegation" not in text
    assert "Скасована екскурсія" not in text
    assert "Внутрішня нарада" not in text  # internal items are not for the partners
    assert "Unterlagen zu Notstromkonzepten auf Englisch" in " ".join(text.split())


def test_english_report_falls_back_to_german_titles(visit):
    text = pdf_text(visit_report_pdf(visit, language="en"))
    assert "Delegation from Podilsk" in text
    assert "Empfang im Kreishaus" in text  # no English title: the German one


def test_unknown_language_is_refused(visit, planner_client):
    response = planner_client.get(report_url(visit, "fr"))
    assert response.status_code == 400


def test_report_permissions(visit, reader_client, press_client, anonymous_client):
    assert reader_client.get(report_url(visit)).status_code == 200
    assert press_client.get(report_url(visit)).status_code == 403
    response = anonymous_client.get(report_url(visit))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
