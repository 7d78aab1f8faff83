"""The legal pages (Impressum, Datenschutz, Barrierefreiheit) and the accessibility feedback channel."""

import pytest
from django.urls import reverse
from django.utils import translation

from pages.models import AccessibilityFeedback, FeedbackStatus, LegalPage, LegalPageKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def url(name, language="de"):
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(
    ("name", "language", "title"),
    [
        ("pages:imprint", "de", "Impressum"),
        ("pages:imprint", "uk", "Вихідні дані"),
        ("pages:privacy", "en", "Privacy policy"),
        ("pages:accessibility", "de", "Erklärung zur Barrierefreiheit"),
        ("pages:accessibility", "uk", "Заява про доступність"),
    ],
)
def test_legal_pages_exist_in_each_language(anonymous_client, name, language, title):
    response = anonymous_client.get(url(name, language))
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_legal_page_falls_back_to_german_with_a_note(anonymous_client):
    page = LegalPage.objects.get(kind=LegalPageKind.IMPRINT)
    page.body_en = ""
    page.save()
    body = anonymous_client.get(url("pages:imprint", "en")).content.decode()
    assert 'class="translation-note"' in body
    assert '<div class="legal-body" lang="de">' in body
    assert "Nassauerallee" in body


def test_legal_page_text_is_sanitised(db):
    page = LegalPage.objects.get(kind=LegalPageKind.PRIVACY)
    page.body_de = (
        '<p onclick="x()">Hallo</p><script>alert(1)</script><iframe src="https://x.example/"></iframe>'
    )
    page.save()
    page.refresh_from_db()
    assert page.body_de == "<p>Hallo</p>"


def test_accessibility_statement_has_the_feedback_form(anonymous_client):
    body = anonymous_client.get(url("pages:accessibility")).content.decode()
    assert f'<form method="post" action="{url("pages:accessibility_feedback")}"' in body
    assert '<label class="form-label" for="id_message">Ihre Nachricht' in body


def test_feedback_reaches_staff_in_the_admin(anonymous_client, press_client, planner_client):
    response = anonymous_client.post(
        url("pages:accessibility_feedback", "uk"),
        {
            "message": "Die Bilder auf der Startseite haben keinen Alternativtext.",
            "page_url": "/uk/",
            "email": "",
        },
        follow=True,
    )
    assert response.redirect_chain == [(url("pages:accessibility", "uk"), 302)]
    assert "Щиро дякуємо! Ми отримали Ваше повідомлення." in response.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.language, feedback.status) == (
        "Die Bilder auf der Startseite haben keinen Alternativtext.",
        "/uk/",
        "uk",
        FeedbackStatus.NEW,
    )
    changelist = "/admin/pages/accessibilityfeedback/"
    assert "keinen Alternativtext" in planner_client.get(changelist).content.decode()
    assert "keinen Alternativtext" in press_client.get(changelist).content.decode()
    change = f"{changelist}{feedback.pk}/change/"
    press_client.post(change, {"status": FeedbackStatus.CLOSED, "staff_note": "erledigt"})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NEW  # the press office reads, planners answer
    planner_client.post(change, {"status": FeedbackStatus.ANSWERED, "staff_note": "Alt-Texte ergänzt"})
    feedback.refresh_from_db()
    assert (feedback.status, feedback.staff_note) == (FeedbackStatus.ANSWERED, "Alt-Texte ergänzt")


def test_read_only_does_not_see_feedback_senders(reader_client):
    AccessibilityFeedback.objects.create(message="Bitte größere Schrift", email="leserin@example.org")
    assert reader_client.get("/admin/pages/accessibilityfeedback/").status_code == 403


def test_invalid_feedback_is_refused_and_nothing_stored(anonymous_client):
    response = anonymous_client.post(
        url("pages:accessibility_feedback"), {"message": "kurz", "email": "keine-adresse"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bitte beschreiben Sie Ihr Anliegen in ein paar Worten." in body
    assert 'aria-invalid="true"' in body
    assert not AccessibilityFeedback.objects.exists()


def test_feedback_url_refuses_get(anonymous_client):
    assert anonymous_client.get(url("pages:accessibility_feedback")).status_code == 405


def test_press_office_edits_legal_texts_and_read_only_cannot(press_client, reader_client):
    page = LegalPage.objects.get(kind=LegalPageKind.IMPRINT)
    change = f"/admin/pages/legalpage/{page.pk}/change/"
    data = {
        "title_de": "Impressum",
        "title_uk": "Вихідні дані",
        "title_en": "Legal notice",
        "body_de": "<p>Neue Anschrift</p>",
        "body_uk": "",
        "body_en": "",
    }
    assert reader_client.post(change, data).status_code == 403
    assert press_client.post(change, data).status_code == 302
    page.refresh_from_db()
    assert page.body_de == "<p>Neue Anschrift</p>"
    assert page.history.first().history_user == press_client.user
