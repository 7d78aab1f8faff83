"""Test personas for every role (planner, press office, read-only, anonymous, guest link) and fixtures."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from delegations import roles
from tests import factories


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
