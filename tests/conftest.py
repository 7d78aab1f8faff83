"""Test personas for every role (planner, press office, read-only, anonymous, guest link) and fixtures."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from delegations import roles
from tests import factories


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last, after pytest-django's order: their live server's flush may leave the database
    without the rows the migrations made (permissions included), which other tests that commit rely on."""
    items.sort(key=lambda item: "/browser/" in item.nodeid.replace("\\", "/"))


def _uses_db(node) -> bool:
    return node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(getattr(node, "fixturenames", ()))
    )


def _ensure_role_groups() -> None:
    """The groups the data migrations made, with their permissions, where a flush took them away."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    rebuilt = not Permission.objects.exists()
    if rebuilt:
        # A flush that skipped post_migrate (as a live server's may) took content types and permissions too,
        # while the content type cache still holds the old rows.
        ContentType.objects.clear_cache()
        for app_config in apps.get_app_configs():
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
    existing = set(Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).values_list("name", flat=True))
    for name, wanted in roles.ROLE_PERMISSIONS.items():
        if name in existing and not rebuilt:
            continue
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            perm
            for perm in Permission.objects.select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in wanted
        )


def _commits(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(node, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def _role_groups_after_a_flush(request):
    """Tests that commit (a live server, threads, subprocesses) end with a flush of the database, which takes
    away the role groups the migrations made (Django makes content types and permissions again, not those);
    plugins may run other tests after them. Every test with a database starts with the groups there. What
    the cache remembers of a flushed database (a group's two-factor rule, cached pages) goes with it."""
    from django.core.cache import cache

    commits = _commits(request.node)
    if commits:
        cache.clear()
    if _uses_db(request.node):
        request.getfixturevalue("_django_db_helper")
        _ensure_role_groups()
    yield
    if commits:
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request or a test that switched the language leaves it switched in the thread: reset it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _staff_client(username: str, group_name: str | None, **user_fields) -> Client:
    user = factories.UserFactory(username=username, **user_fields)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def planner_client(db) -> Client:
    return _staff_client("planner", roles.PLANNERS)


@pytest.fixture
def press_client(db) -> Client:
    return _staff_client("press", roles.PRESS_OFFICE)


@pytest.fixture
def reader_client(db) -> Client:
    return _staff_client("reader", roles.READ_ONLY)


@pytest.fixture
def superuser_client(db) -> Client:
    return _staff_client("admin", None, is_superuser=True)


@pytest.fixture
def anonymous_client() -> Client:
    return Client()


@pytest.fixture
def staff_clients(planner_client, press_client, reader_client) -> dict[str, Client]:
    return {roles.PLANNERS: planner_client, roles.PRESS_OFFICE: press_client, roles.READ_ONLY: reader_client}


@pytest.fixture
def member(db):
    return factories.MemberFactory()


@pytest.fixture
def guest_link(member):
    """A member's personal link: (access, raw token)."""
    from visits.services import issue_guest_access

    return issue_guest_access(delegation=member.delegation, member=member)
