"""The release note per language: each member's notice reads it in their language, or marked as German."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from visits.models import ProgrammeRelease
from visits.releases import release_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    """A delegation of a Ukrainian and an English reader with one released item, then moved by an hour."""
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk")
    oksana = factories.MemberFactory(
        delegation=delegation, first_name="Oksana", email="oksana@podilsk.example"
    )
    petro = factories.MemberFactory(
        delegation=delegation,
        first_name="Petro",
        preferred_language=d.Language.ENGLISH,
        email="petro@podilsk.example",
    )
    item = factories.ProgrammeItemFactory(
        delegation=delegation, starts_at=berlin(2025, 11, 17, 10), ends_at=berlin(2025, 11, 17, 11)
    )
    release_programme(delegation=delegation)
    item.starts_at, item.ends_at = berlin(2025, 11, 17, 11), berlin(2025, 11, 17, 12)
    item.save()
    mail.outbox.clear()
    return {"delegation": delegation, "oksana": oksana, "petro": petro}


def mail_to(member):
    (message,) = [message for message in mail.outbox if message.to == [member.email]]
    return message


def test_each_member_reads_the_note_in_their_language(visit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        release = release_programme(
            delegation=visit["delegation"],
            note="Der Empfang beginnt eine Stunde später.",
            note_uk="Прийом починається на годину пізніше.",
            note_en="The reception starts an hour later.",
        )

    assert (release.note_de, release.note_uk, release.note_en) == (
        "Der Empfang beginnt eine Stunde später.",
        "Прийом починається на годину пізніше.",
        "The reception starts an hour later.",
    )
    oksana, petro = mail_to(visit["oksana"]), mail_to(visit["petro"])
    assert "Прийом починається на годину пізніше." in oksana.body
    assert "Der Empfang beginnt" not in oksana.body
    assert "The reception starts an hour later." in petro.body
    assert "Der Empfang beginnt" not in petro.body
    assert "German only" not in petro.body


def test_a_missing_translation_shows_the_german_note_marked_as_german(
    visit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        release_programme(delegation=visit["delegation"], note="Der Empfang beginnt eine Stunde später.")

    oksana, petro = mail_to(visit["oksana"]), mail_to(visit["petro"])
    assert "(лише німецькою) Der Empfang beginnt eine Stunde später." in oksana.body
    assert "(German only) Der Empfang beginnt eine Stunde später." in petro.body
    html, _type = petro.alternatives[0]
    assert '<p lang="de"><em lang="en">(German only)</em> Der Empfang beginnt eine Stunde später.</p>' in html


def test_a_planner_writes_the_note_per_language_on_the_release_page(
    planner_client, visit, django_capture_on_commit_callbacks
):
    url = reverse("admin:visits_programmerelease_release")
    page = planner_client.get(url, {"delegation": visit["delegation"].pk}).content.decode()
    for name, label in [
        ("note", "Notiz (Deutsch)"),
        ("note_uk", "Notiz (Ukrainisch)"),
        ("note_en", "Notiz (Englisch)"),
    ]:
        assert f'<label for="id_{name}">{label}:</label>' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = planner_client.post(
            url,
            {"delegation": visit["delegation"].pk, "note": "Später.", "note_en": "Later."},
        )

    assert response.status_code == 302
    release = ProgrammeRelease.objects.get(delegation=visit["delegation"], version=2)
    assert (release.note_de, release.note_uk, release.note_en) == ("Später.", "", "Later.")
    assert "Later." in mail_to(visit["petro"]).body
    detail = planner_client.get(reverse("admin:visits_programmerelease_change", args=[release.pk]))
    assert "Later." in detail.content.decode()


def test_the_command_takes_the_note_per_language(visit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "release_programme",
            visit["delegation"].slug,
            "--note=Später.",
            "--note-uk=Пізніше.",
            stdout=io.StringIO(),
        )
    release = ProgrammeRelease.objects.get(delegation=visit["delegation"], version=2)
    assert (release.note_de, release.note_uk, release.note_en) == ("Später.", "Пізніше.", "")
    assert "Пізніше." in mail_to(visit["oksana"]).body
    assert "(German only) Später." in mail_to(visit["petro"]).body
