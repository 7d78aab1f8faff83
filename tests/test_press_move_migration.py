"""Event pages and photos moved from `visits` to `press` (visits 0010, press 0001 and 0002) on a database made
before the move: the rows, their gallery, history and admin log are the same ones after it, read and written
through `press.models`, and the staff keep their permissions, now named `press.…`.

The test database is taken back to where main left it (visits 0009, no press app), filled through the models
of that state, and migrated forward again; whatever happens, it ends at the latest state. It runs on the
database the suite runs on: SQLite, or PostgreSQL where DATABASE_URL names one.
"""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from delegations import roles
from tests import factories

BEFORE_THE_MOVE = [("visits", "0009_notices_and_readiness")]
MOVED = ("eventpage", "photo", "historicaleventpage")
# What main's role table gave the press office on the moved models.
PRESS_OFFICE_ON_MAIN = {
    "add_eventpage",
    "change_eventpage",
    "delete_eventpage",
    "view_eventpage",
    "publish_eventpage",
    "add_photo",
    "change_photo",
    "delete_photo",
    "view_photo",
}


def _migrate(targets):
    state = MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()  # the rows changed their app label under the cache
    return state


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_apps(transactional_db):
    """The models as main had them, on a database taken back to main's migrations; migrated forward after."""
    try:
        yield _migrate(BEFORE_THE_MOVE).apps
    finally:
        _migrate(_latest())


def _codenames(group: Group, app_label: str) -> set[str]:
    return set(
        group.permissions.filter(
            content_type__app_label=app_label, content_type__model__in=MOVED
        ).values_list("codename", flat=True)
    )


def _permission_ids() -> set[int]:
    return set(Permission.objects.filter(content_type__model__in=MOVED).values_list("pk", flat=True))


def _fill(old_apps):
    """A published page with a hero that is in its gallery too, its history, a log entry, and two staff."""
    photo = old_apps.get_model("visits", "Photo").objects.create(
        image="photos/originals/0123456789abcdef.jpg",
        width=1600,
        height=1067,
        alt_text="Die Gäste vor dem Kreishaus",
        alt_text_de="Die Gäste vor dem Kreishaus",
        alt_text_uk="Гості перед будівлею округу",
        credit="Kreis Kleve",
        consent_confirmed=True,
        rendition_key="0" * 32,
        renditions=[{"width": 480, "height": 320, "format": "jpeg", "name": "renditions/x/480.jpeg"}],
    )
    visit = factories.DelegationFactory(is_public=True)
    author = factories.UserFactory(username="presse")
    published = timezone.now() - dt.timedelta(days=1)
    texts = {
        "slug": "festakt-50-jahre",
        "title": "Festakt 50 Jahre Kreis Kleve",
        "title_de": "Festakt 50 Jahre Kreis Kleve",
        "title_uk": "Урочистості з нагоди 50-річчя округу Клеве",
        "summary_de": "Die Gäste sprechen im Berufskolleg.",
        "body_de": "<p>Ein Bericht.</p>",
        "status": "published",
        "publish_at": published,
    }
    page = old_apps.get_model("visits", "EventPage").objects.create(
        delegation_id=visit.pk, hero_id=photo.pk, author_id=author.pk, **texts
    )
    page.gallery.add(photo)
    old_apps.get_model("visits", "HistoricalEventPage").objects.create(
        id=page.pk,
        delegation_id=visit.pk,
        hero_id=photo.pk,
        created_at=published,
        updated_at=published,
        history_date=published,
        history_type="+",
        history_user_id=author.pk,
        **texts,
    )
    page_type = ContentType.objects.get(app_label="visits", model="eventpage")
    LogEntry.objects.create(
        user=author,
        content_type=page_type,
        object_id=str(page.pk),
        object_repr=texts["title"],
        action_flag=ADDITION,
    )
    author.groups.add(Group.objects.get(name=roles.PRESS_OFFICE))
    writer = factories.UserFactory(username="schreibt")
    writer.user_permissions.add(Permission.objects.get(content_type=page_type, codename="change_eventpage"))
    return photo.pk, page.pk, visit, author, writer, page_type.pk


def test_pages_photos_and_permissions_are_the_same_after_the_move(old_apps):
    press_office = Group.objects.get(name=roles.PRESS_OFFICE)
    assert _codenames(press_office, "visits") == PRESS_OFFICE_ON_MAIN
    permission_ids = _permission_ids()
    photo_pk, page_pk, visit, author, writer, page_type_pk = _fill(old_apps)

    _migrate(_latest())

    from press.models import EventPage, Photo

    page = EventPage.objects.get(pk=page_pk)
    photo = Photo.objects.get(pk=photo_pk)
    assert (page.slug, page.title_de, page.title_uk, page.delegation) == (
        "festakt-50-jahre",
        "Festakt 50 Jahre Kreis Kleve",
        "Урочистості з нагоди 50-річчя округу Клеве",
        visit,
    )
    assert (page.hero, list(page.gallery.all()), page.author) == (photo, [photo], author)
    assert (photo.alt_text_uk, photo.credit, photo.image.name) == (
        "Гості перед будівлею округу",
        "Kreis Kleve",
        "photos/originals/0123456789abcdef.jpg",
    )
    assert list(EventPage.objects.published()) == [page]
    assert list(Photo.objects.public()) == [photo]
    assert [(row.history_type, row.title_de) for row in page.history.all()] == [("+", page.title_de)]

    # Same content types, now of `press`: the admin's log still finds the page.
    assert ContentType.objects.get_for_model(EventPage).pk == page_type_pk
    assert not ContentType.objects.filter(app_label="visits", model__in=MOVED).exists()
    assert LogEntry.objects.get().get_edited_object() == page

    # Same permissions, now named press.…, held by the same group and user.
    assert _permission_ids() == permission_ids
    assert _codenames(press_office, "press") == PRESS_OFFICE_ON_MAIN
    assert _codenames(Group.objects.get(name=roles.READ_ONLY), "press") == {"view_eventpage", "view_photo"}
    author = type(author).objects.get(pk=author.pk)
    assert all(author.has_perm(f"press.{codename}") for codename in PRESS_OFFICE_ON_MAIN)
    assert not author.has_perm("visits.publish_eventpage")
    writer = type(writer).objects.get(pk=writer.pk)
    assert (writer.has_perm("press.change_eventpage"), writer.has_perm("press.publish_eventpage")) == (
        True,
        False,
    )

    # And the old tables take writes through the new models: the row, its version, history and gallery.
    second = factories.PhotoFactory()
    page.title_de = "Festakt zum Jubiläum"
    page.save()
    page.gallery.add(second)
    page.refresh_from_db()
    assert (page.title_de, page.version, page.history.count()) == ("Festakt zum Jubiläum", 1, 2)
    assert set(page.gallery.all()) == {photo, second}


def test_content_types_made_in_between_give_way_to_the_old_ones(old_apps):
    """A migration between press 0001 and 0002 may have made `press` content types and permissions already."""
    old_type = ContentType.objects.get(app_label="visits", model="eventpage")
    old_publish = Permission.objects.get(content_type=old_type, codename="publish_eventpage")
    early_type = ContentType.objects.create(app_label="press", model="eventpage")
    early_publish = Permission.objects.create(
        content_type=early_type, codename="publish_eventpage", name="Kann veröffentlichen"
    )
    early_only = Permission.objects.create(content_type=early_type, codename="feature_eventpage", name="x")
    reviewers = Group.objects.create(name="reviewers")
    reviewers.permissions.add(early_publish, early_only)

    _migrate(_latest())

    assert list(ContentType.objects.filter(model="eventpage").values_list("pk", "app_label")) == [
        (old_type.pk, "press")
    ]
    assert set(reviewers.permissions.values_list("pk", "codename")) == {
        (old_publish.pk, "publish_eventpage"),
        (Permission.objects.get(content_type=old_type, codename="feature_eventpage").pk, "feature_eventpage"),
    }
