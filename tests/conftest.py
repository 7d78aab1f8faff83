"""Test personas for every role (planner, press office, read-only, anonymous, guest link) and fixtures."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from delegations import roles
from tests import factories


def _uses_db(node) -> bool:
    return node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(getattr(node, "fixturenames", ()))
    )


def _ensure_role_groups() -> None:
    """The groups the data migrations made, with their permissions, where a flush took them away."""
    from django.contrib.auth.models import Permission

    if Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).count() == len(roles.ROLE_PERMISSIONS):
        return
    for name, wanted in roles.ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                perm
                for perm in Permission.objects.select_related("content_type")
                if (perm.content_type.app_label, perm.codename) in wanted
            )


@pytest.fixture(autouse=True)
def _role_groups_after_a_flush(request):
    """Tests that commit (a live server, threads, subprocesses) end with a flush of the database, which takes
    away the role groups the migrations made (Django makes content types and permissions again, not those);
    plugins may run other tests after them. Every test with a database starts with the groups there."""
    if _uses_db(request.node):
        request.getfixturevalue("_django_db_helper")
        _ensure_role_groups()


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
