"""The press office's workflow in the admin: statuses, schedule and embargo, permissions, preview, history."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from press.enums import PageStatus
from press.models import EventPage
from tests import factories
from tests.public_data import NOW, public_item, public_visit, published_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def page_form(delegation, **overrides) -> dict:
    data = {
        "delegation": delegation.pk,
        "programme_item": "",
        "slug": "festakt",
        "title_de": "Festakt zum Jubiläum",
        "title_uk": "Урочистості",
        "title_en": "",
        "summary_de": "Kurz gesagt",
        "summary_uk": "",
        "summary_en": "",
        "body_de": "<p>Text</p>",
        "body_uk": "",
        "body_en": "",
        "hero": "",
        "status": PageStatus.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
    }
    data.update(overrides)
    return data


ADD_URL = "/admin/press/eventpage/add/"


def test_press_office_writes_and_schedules_a_page_that_appears_at_its_time(press_client, anonymous_client):
    visit = public_visit()
    item = public_item(visit, title_de="Festakt")
    response = press_client.post(
        ADD_URL,
        page_form(
            visit,
            programme_item=item.pk,
            status=PageStatus.SCHEDULED,
            publish_at_0="18.11.2025",
            publish_at_1="18:00:00",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EventPage.objects.get(slug="festakt")
    assert page.author == press_client.user
    assert page.status == PageStatus.SCHEDULED
    with translation.override("de"):
        path = page.get_absolute_url()
    before = NOW.replace(day=18, hour=17, minute=59)
    after = NOW.replace(day=18, hour=18, minute=0)
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert anonymous_client.get(path).status_code == 404
        assert (
            "Festakt zum Jubiläum" not in anonymous_client.get(reverse("public:feed_atom")).content.decode()
        )
    with mock.patch("django.utils.timezone.now", return_value=after):
        assert anonymous_client.get(path).status_code == 200
        assert "Festakt zum Jubiläum" in anonymous_client.get(reverse("public:feed_atom")).content.decode()
        assert path in anonymous_client.get("/sitemap.xml").content.decode()
    with translation.override("uk"), mock.patch("django.utils.timezone.now", return_value=after):
        assert "Урочистості" in anonymous_client.get(page.get_absolute_url()).content.decode()


def test_embargoed_page_does_not_appear_before_the_embargo(anonymous_client):
    visit = public_visit()
    page = published_page(
        visit, publish_at=NOW - dt.timedelta(days=1), embargo_until=NOW + dt.timedelta(hours=2)
    )
    assert list(EventPage.objects.published(NOW)) == []
    assert list(EventPage.objects.published(NOW + dt.timedelta(hours=2))) == [page]
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        assert anonymous_client.get(page.get_absolute_url()).status_code == 404
        assert page.title not in anonymous_client.get(reverse("public:home")).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=NOW + dt.timedelta(hours=2)):
        assert anonymous_client.get(page.get_absolute_url()).status_code == 200


def test_read_only_user_cannot_add_change_or_publish(reader_client):
    visit = public_visit()
    page = factories.EventPageFactory(delegation=visit, status=PageStatus.DRAFT)
    assert reader_client.post(ADD_URL, page_form(visit, status=PageStatus.PUBLISHED)).status_code == 403
    change = f"/admin/press/eventpage/{page.pk}/change/"
    response = reader_client.post(change, page_form(visit, slug=page.slug, status=PageStatus.PUBLISHED))
    assert response.status_code == 403
    response = reader_client.post(
        "/admin/press/eventpage/", {"action": "publish_now", "_selected_action": [page.pk]}
    )
    page.refresh_from_db()
    assert page.status == PageStatus.DRAFT
    assert EventPage.objects.count() == 1


def test_user_without_publish_permission_may_only_save_drafts(db):
    from django.contrib.auth.models import Permission
    from django.test import Client

    writer = factories.UserFactory(username="writer")
    writer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="press",
            codename__in=["add_eventpage", "change_eventpage", "view_eventpage"],
        )
    )
    client = Client()
    client.force_login(writer)
    visit = public_visit()
    response = client.post(ADD_URL, page_form(visit, status=PageStatus.PUBLISHED))
    assert response.status_code == 200
    assert "Nur die Pressestelle und die Planung dürfen Seiten veröffentlichen" in response.content.decode()
    assert not EventPage.objects.exists()
    assert client.post(ADD_URL, page_form(visit, status=PageStatus.IN_REVIEW)).status_code == 302
    assert EventPage.objects.get().status == PageStatus.IN_REVIEW


def test_scheduled_page_needs_a_publish_time(press_client):
    response = press_client.post(ADD_URL, page_form(public_visit(), status=PageStatus.SCHEDULED))
    assert response.status_code == 200
    assert "Eine zeitgesteuerte Seite braucht einen Veröffentlichungszeitpunkt." in response.content.decode()
    assert not EventPage.objects.exists()


def test_page_cannot_publish_a_photo_without_consent(press_client):
    photo = factories.PhotoFactory(consent_confirmed=False, alt_text_de="Ohne Einwilligung")
    response = press_client.post(
        ADD_URL, page_form(public_visit(), status=PageStatus.PUBLISHED, hero=photo.pk)
    )
    assert response.status_code == 200
    assert "Ohne bestätigte Einwilligung der Abgebildeten" in response.content.decode()
    assert not EventPage.objects.exists()


def test_publish_action_publishes_now_and_records_history(planner_client, anonymous_client):
    visit = public_visit()
    page = factories.EventPageFactory(delegation=visit, status=PageStatus.IN_REVIEW)
    response = planner_client.post(
        "/admin/press/eventpage/", {"action": "publish_now", "_selected_action": [page.pk]}, follow=True
    )
    assert "1 Seite veröffentlicht." in response.content.decode()
    page.refresh_from_db()
    assert page.status == PageStatus.PUBLISHED and page.publish_at is not None
    assert anonymous_client.get(page.get_absolute_url()).status_code == 200
    latest = page.history.first()
    assert latest.status == PageStatus.PUBLISHED
    assert latest.history_user == planner_client.user


def test_every_change_is_in_the_history_with_its_author(press_client):
    visit = public_visit()
    press_client.post(ADD_URL, page_form(visit))
    page = EventPage.objects.get()
    change = f"/admin/press/eventpage/{page.pk}/change/"
    press_client.post(change, page_form(visit, title_de="Neuer Titel", status=PageStatus.IN_REVIEW))
    records = list(page.history.order_by("history_date"))
    assert [(r.history_type, r.title_de, r.status) for r in records] == [
        ("+", "Festakt zum Jubiläum", PageStatus.DRAFT),
        ("~", "Neuer Titel", PageStatus.IN_REVIEW),
    ]
    assert {r.history_user for r in records} == {press_client.user}
    history = press_client.get(f"/admin/press/eventpage/{page.pk}/history/")
    assert history.status_code == 200 and "Neuer Titel" in history.content.decode()


def test_body_is_sanitised_on_save(press_client):
    dirty = (
        '<h2 onclick="steal()">Zwischentitel</h2><script>alert(1)</script>'
        '<p style="color:red">Text mit <a href="javascript:alert(1)">bösem</a> und '
        '<a href="https://www.kreis-kleve.de/">gutem</a> Link</p>'
        '<iframe src="https://fremd.example/"></iframe><blockquote><em>Zitat</em></blockquote>'
    )
    press_client.post(
        ADD_URL, page_form(public_visit(), body_de=dirty, body_uk="<img src=x onerror=alert(1)><p>Так</p>")
    )
    page = EventPage.objects.get()
    assert page.body_de == (
        '<h2>Zwischentitel</h2><p>Text mit <a rel="noopener">bösem</a> und '
        '<a href="https://www.kreis-kleve.de/" rel="noopener">gutem</a> Link</p>'
        "<blockquote><em>Zitat</em></blockquote>"
    )
    assert page.body_uk == "<p>Так</p>"


def test_body_is_sanitised_whoever_saves(db):
    page = factories.EventPageFactory(body="<p onmouseover=x>Hallo</p><script>x()</script>")
    page.refresh_from_db()
    assert page.body_de == "<p>Hallo</p>"


def test_staff_preview_shows_a_draft_in_each_language(press_client, anonymous_client):
    visit = public_visit()
    page = factories.EventPageFactory(
        delegation=visit, title_de="Entwurf des Berichts", title_uk="Чернетка", status=PageStatus.DRAFT
    )
    preview = reverse("admin:press_eventpage_preview", args=[page.pk])
    response = press_client.get(preview)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entwurf des Berichts" in body and "Vorschau für Mitarbeitende" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert 'class="language-switch"' not in body  # the preview's languages are its own links
    assert "Чернетка" in press_client.get(preview + "?language=uk").content.decode()
    assert anonymous_client.get(preview).status_code == 302  # to the login
    assert anonymous_client.get(page.get_absolute_url()).status_code == 404


def test_change_form_links_the_previews(press_client):
    page = factories.EventPageFactory(delegation=public_visit())
    body = press_client.get(f"/admin/press/eventpage/{page.pk}/change/").content.decode()
    preview = reverse("admin:press_eventpage_preview", args=[page.pk])
    for code in ("de", "uk", "en"):
        assert f'href="{preview}?language={code}"' in body


def test_old_admin_addresses_of_pages_and_photos_lead_to_the_press_app(press_client):
    page = factories.EventPageFactory(delegation=public_visit())
    photo = factories.PhotoFactory()
    moved = {
        f"/admin/visits/eventpage/{page.pk}/change/?_changelist_filters=status%3Ddraft": (
            f"/admin/press/eventpage/{page.pk}/change/?_changelist_filters=status%3Ddraft"
        ),
        f"/admin/visits/eventpage/{page.pk}/preview/": f"/admin/press/eventpage/{page.pk}/preview/",
        "/admin/visits/photo/": "/admin/press/photo/",
        f"/admin/visits/photo/{photo.pk}/change/": f"/admin/press/photo/{photo.pk}/change/",
    }
    for old, new in moved.items():
        response = press_client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert press_client.get(new).status_code == 200
    # The programme's own pages are not moved.
    assert press_client.get("/admin/visits/programmeitem/").status_code == 200
