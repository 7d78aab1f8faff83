"""Test personas for every role (planner, press office, read-only, anonymous, guest link) and fixtures."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from delegations import roles
from tests import factories

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


def pytest_collection_modifyitems(items):
    """Tests that commit (a live server, threads, subprocesses) get a database flushed after each of them,
    which would take away what the migrations made (the role groups, the legal pages) from the next one.
    Django's serialized rollback gives every such test that data back at its start."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        wants_commits = (marker is not None and marker.kwargs.get("transaction")) or (
            TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if wants_commits:
            kwargs = {**(marker.kwargs if marker is not None else {}), "transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


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
