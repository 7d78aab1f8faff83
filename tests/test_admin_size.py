"""The admin at size: every changelist and change form of every admin runs at most ten queries, as many for a
few related rows as for many, and the page of a visit with 500 members stays small enough to open."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice

from delegations.models import Delegation, Member, Organisation, Partnership
from funding.enums import CostCategory
from funding.models import DelegationFunding
from press.models import EventPage
from protocol.models import SeatingPlan
from tests import factories
from tests import factories_funding as funding_factories
from tests import factories_protocol as protocol_factories
from tests.admin_pages import CHANGELIST_OPENS_THE_FORM, admin_url
from tests.admin_samples import admin_form_data, make_rows, project_admins, third_party_admins
from visits.conflicts import ConflictKind
from visits.models import Attachment, ProgrammeItem, ProgrammeRelease
from visits.services import issue_guest_access

pytestmark = pytest.mark.django_db

# Every admin page, whatever it shows: the user, the permissions, the rows and their counts, the filters'
# choices, the sidebar's questions, and in tests the savepoint around the request (its transaction).
MAX_QUERIES = 10
SIZES = (2, 40)


def queries_of(client, url: str) -> tuple[object, list[str]]:
    """The response to a GET of `url` and the SQL it ran (caches that fill once per process warmed first)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, [query["sql"] for query in context.captured_queries]


def listing(queries: list[str]) -> str:
    return "\n".join(f"{number:3}. {sql[:240]}" for number, sql in enumerate(queries, 1))


# -- An object with `n` related rows, for each admin whose change form shows related rows ------------------


def _delegation(n: int) -> Delegation:
    delegation = factories.DelegationFactory()
    factories.MemberFactory.create_batch(n, delegation=delegation)
    factories.ProgrammeItemFactory.create_batch(n, delegation=delegation)
    for _index in range(n):  # links for the whole delegation
        issue_guest_access(delegation=delegation)
    return delegation


def _member(n: int) -> Member:
    member = factories.MemberFactory()
    for _index in range(n):
        issue_guest_access(delegation=member.delegation, member=member)
    return member


def _partnership(n: int) -> Partnership:
    partnership = factories.PartnershipFactory()
    partnership.topics.set(factories.TopicFactory.create_batch(n))
    factories.DelegationFactory.create_batch(n, partnership=partnership)
    return partnership


def _organisation(n: int) -> Organisation:
    organisation = factories.OrganisationFactory()
    organisation.topics.set(factories.TopicFactory.create_batch(n))
    return organisation


def _programme_item(n: int) -> ProgrammeItem:
    delegation = factories.DelegationFactory()
    return factories.ProgrammeItemFactory(
        delegation=delegation,
        participants=factories.MemberFactory.create_batch(n, delegation=delegation),
        hosts=factories.ContactFactory.create_batch(n),
    )


def _seating_plan(n: int) -> SeatingPlan:
    plan = protocol_factories.SeatingPlanFactory()
    for _index in range(n):
        protocol_factories.SeatFactory(table=protocol_factories.TableFactory(plan=plan))
    return plan


def _funding(n: int) -> DelegationFunding:
    funding = funding_factories.DelegationFundingFactory()
    for category in list(CostCategory)[:n]:
        funding_factories.BudgetLineFactory(funding=funding, category=category)
    return funding


def _release(n: int) -> ProgrammeRelease:
    """The second release of a visit of `n` members with an item each, so its page shows what changed."""
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(n, delegation=delegation)
    items = [factories.ProgrammeItemFactory(delegation=delegation, participants=[m]) for m in members]
    factories.release(delegation, accept_reason="Test")
    for item in items:
        item.starts_at += dt.timedelta(minutes=30)
        item.ends_at += dt.timedelta(minutes=30)
        item.save()
    return factories.release(delegation, accept_reason="Test")  # with a notice to each member


def _event_page(n: int) -> EventPage:
    page = factories.EventPageFactory()
    page.gallery.set(factories.PhotoFactory.create_batch(n))
    return page


def _static_device(n: int) -> StaticDevice:
    device = StaticDevice.objects.create(user=factories.UserFactory(), name="Notfall")
    for index in range(n):
        device.token_set.create(token=f"code{index:04d}")
    return device


def _user(n: int) -> User:
    user = factories.UserFactory()
    user.groups.set(Group.objects.bulk_create(Group(name=f"Gruppe {user.pk}-{i}") for i in range(n)))
    user.user_permissions.set(Permission.objects.order_by("pk")[:n])
    return user


def _attachment(n: int) -> Attachment:
    """A document of an item, shared with `n` chosen members (the form shows each in its selection)."""
    delegation = factories.DelegationFactory()
    return factories.AttachmentFactory(
        delegation=delegation,
        item=factories.ProgrammeItemFactory(delegation=delegation),
        sharing="chosen",
        shared_with=factories.MemberFactory.create_batch(n, delegation=delegation),
    )


def _group(n: int) -> Group:
    group = Group.objects.create(name=f"Gruppe mit {n} Rechten")
    group.permissions.set(Permission.objects.order_by("pk")[:n])
    return group


WITH_RELATED_ROWS = {
    Delegation: _delegation,
    Member: _member,
    Partnership: _partnership,
    Organisation: _organisation,
    ProgrammeItem: _programme_item,
    SeatingPlan: _seating_plan,
    DelegationFunding: _funding,
    ProgrammeRelease: _release,
    EventPage: _event_page,
    Attachment: _attachment,
    StaticDevice: _static_device,
    User: _user,
    Group: _group,
}


def object_with(model, n: int):
    """An object of `model` whose change form shows `n` related rows (or `n` rows of the model exist)."""
    if model in WITH_RELATED_ROWS:
        return WITH_RELATED_ROWS[model](n)
    make_rows(model, n)
    return model._default_manager.order_by("-pk").first()


ALL_ADMINS = [*project_admins(), *third_party_admins()]

# A programme item's form also checks the item for conflicts (double bookings, travel time, the stay, the
# interpreter, the appointment) and shows them above the form: the check's own fixed number of queries
# (tests/test_conflicts_per_item_and_at_scale.py), on top of the form's at most ten. Of the item itself it
# reads nothing the form has read already (test_the_programme_item_form_reads_nothing_twice below).
CONFLICT_CHECK_QUERIES = 5
EXTRA_QUERIES = {(ProgrammeItem, "change"): CONFLICT_CHECK_QUERIES}


@pytest.fixture(params=["planner_client", "superuser_client"])
def staff_client(request):
    return request.param


def _client(request, staff_client: str, model):
    if model in third_party_admins() and staff_client != "superuser_client":
        pytest.skip("only superusers manage accounts and their second factors")
    return request.getfixturevalue(staff_client)


@pytest.mark.parametrize("model", ALL_ADMINS, ids=lambda model: model._meta.label)
def test_a_changelist_runs_at_most_ten_queries_for_few_and_many_rows(request, staff_client, model):
    client = _client(request, staff_client, model)
    url = admin_url(model, "changelist")
    counts = []
    made = 0
    for size in SIZES:
        if model is Group:  # no factory: groups are made by migrations and by hand
            Group.objects.bulk_create(Group(name=f"Gruppe {index}") for index in range(made, size))
        else:
            make_rows(model, size - made)
        made = size
        response, queries = queries_of(client, url)
        assert response.status_code == (302 if model in CHANGELIST_OPENS_THE_FORM else 200)
        assert len(queries) <= MAX_QUERIES, listing(queries)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("model", ALL_ADMINS, ids=lambda model: model._meta.label)
def test_a_change_form_runs_at_most_ten_queries_for_few_and_many_related_rows(request, staff_client, model):
    client = _client(request, staff_client, model)
    counts = []
    for size in SIZES:
        obj = object_with(model, size)
        response, queries = queries_of(client, admin_url(model, "change", obj.pk))
        assert response.status_code == 200
        assert len(queries) <= MAX_QUERIES + EXTRA_QUERIES.get((model, "change"), 0), listing(queries)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("size", SIZES)
def test_the_programme_item_form_reads_nothing_twice(planner_client, size):
    """The form reads the item with its delegation, venue, people, vehicle and company appointment once; its
    conflict check reads only what the form has not: the visit's members and other items, theirs people and
    places, and other visits' items near it."""
    item = _programme_item(size)
    item.interpreter = factories.InterpreterFactory()
    item.save()
    factories.CompanyAppointmentFactory(delegation=item.delegation, programme_item=item)
    host = item.hosts.first()
    # Another visit's item with the same host and place at the same time, and this visit's next item.
    factories.ProgrammeItemFactory(
        starts_at=item.starts_at, ends_at=item.ends_at, hosts=[host], venue=item.venue
    )
    factories.ProgrammeItemFactory(
        delegation=item.delegation, starts_at=item.ends_at, ends_at=item.ends_at + dt.timedelta(hours=1)
    )

    response, queries = queries_of(planner_client, admin_url(ProgrammeItem, "change", item.pk))

    assert response.status_code == 200
    assert {conflict.kind for conflict in response.context["item_conflicts"]} >= {
        ConflictKind.CONTACT_DOUBLE_BOOKED,
        ConflictKind.VENUE_DOUBLE_BOOKED,
    }
    # What each query reads: the table of its first column (PostgreSQL reads the permissions in a UNION).
    selects = [sql.lstrip("(") for sql in queries if sql.lstrip("(").startswith("SELECT")]
    tables = [re.match(r'SELECT \(?"(\w+)"', sql).group(1) for sql in selects]
    assert tables == [
        "auth_user",  # the session's user
        "django_content_type",  # their permissions, in one query
        "visits_programmeitem",  # the item, joined with its delegation, venue, people and appointment
        "visits_programmeitem_participants",  # the form's choices: participants and hosts
        "visits_programmeitem_hosts",
        # The conflict check:
        "delegations_member",  # the visit's members (nobody chosen: the whole delegation)
        "visits_programmeitem",  # the visit's items around this one
        "visits_programmeitem_participants",  # their participants and hosts, as keys
        "visits_programmeitem_hosts",
        "visits_programmeitem",  # other visits' items near it with the same people, places or vehicles
        "visits_programmeitem_hosts",  # their hosts
        "visits_venue",  # the places of the items the form did not read
        "delegations_delegation",  # the other visits, each once
        # The interpreter's field offers interpreters only, so it asks which the chosen one is.
        "delegations_contact",
    ], listing(queries)


def test_every_admin_page_starts_from_the_user_the_permissions_and_the_request_transaction(planner_client):
    # What every admin page costs before it shows anything: the session comes from the cache and is not
    # written (at most once a minute), the permissions are one query, the sidebar asks nothing. The index
    # adds the planner's desk (its visits: none here, so nothing more) and the recent actions.
    response, queries = queries_of(planner_client, "/admin/")
    assert response.status_code == 200
    read = [
        re.search(r'FROM "(\w+)"', sql).group(1) if sql.lstrip("(").startswith("SELECT") else sql.split()[0]
        for sql in queries
    ]
    expected = [
        "auth_user",
        "SAVEPOINT",
        "auth_permission",
        "RELEASE",
        "delegations_delegation",
        "django_admin_log",
    ]
    assert read == expected, listing(queries)


# -- The page of a visit with many members ------------------------------------------------------------------

PAGE_BUDGET_BYTES = 200 * 1024


def _visit_with_members(n: int) -> Delegation:
    delegation = factories.DelegationFactory(
        home_organisation=factories.OrganisationFactory(),
        host_contact=factories.ContactFactory(),
        lead=factories.UserFactory(),
    )
    Member.objects.bulk_create(
        Member(
            delegation=delegation,
            first_name=f"Vorname{index}",
            last_name=f"Nachname{index:03d}",
            first_name_original=f"Ім'я{index}",
            last_name_original=f"Прізвище{index:03d}",
            is_head=index == 0,
        )
        for index in range(n)
    )
    factories.ProgrammeItemFactory.create_batch(3, delegation=delegation)
    return Delegation.objects.get(pk=delegation.pk)


@pytest.mark.parametrize("staff_client", ["planner_client", "superuser_client"])
def test_the_page_of_a_visit_runs_the_same_queries_for_10_and_500_members(request, staff_client):
    client = request.getfixturevalue(staff_client)
    counts = []
    for size in (10, 500):
        delegation = _visit_with_members(size)
        response, queries = queries_of(client, admin_url(Delegation, "change", delegation.pk))
        assert response.status_code == 200
        assert len(queries) <= MAX_QUERIES, listing(queries)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_visit_of_500_members_lists_them_compactly_in_under_200_kb(planner_client):
    delegation = _visit_with_members(500)
    response = planner_client.get(admin_url(Delegation, "change", delegation.pk))
    page = response.content.decode()

    assert response.status_code == 200
    assert len(response.content) < PAGE_BUDGET_BYTES, len(response.content)
    # Who is in the visit: every member, by name in both scripts, linked to their page; the head marked.
    for member in delegation.members.all():
        assert (
            f'<a href="{admin_url(Member, "change", member.pk)}">{member.last_name}, {member.first_name}</a>'
            in page
        )
    assert "(Ім&#x27;я0 Прізвище000) – Delegationsleitung" in page
    assert "500 Mitglieder" in page
    # Adding and finding members: the add form for this visit and the member list filtered to it.
    assert f"{admin_url(Member, 'add')}?delegation={delegation.pk}" in page
    assert f"{admin_url(Member, 'changelist')}?delegation__id__exact={delegation.pk}" in page
    assert "members-TOTAL_FORMS" not in page  # no table of 500 forms


def test_a_small_visit_keeps_its_members_table(planner_client):
    delegation = _visit_with_members(10)
    page = planner_client.get(admin_url(Delegation, "change", delegation.pk)).content.decode()
    assert 'name="members-TOTAL_FORMS" value="10"' in page
    assert "kleve-member-list" not in page


def test_a_large_visit_is_saved_without_its_members_and_leaves_them_as_they_are(planner_client):
    delegation = _visit_with_members(40)
    url = admin_url(Delegation, "change", delegation.pk)
    page = planner_client.get(url)

    response = planner_client.post(url, admin_form_data(page, title_de="Großer Besuch aus Podilsk"))

    assert response.status_code == 302, response.context["errors"] if response.context else response
    delegation.refresh_from_db()
    assert delegation.title_de == "Großer Besuch aus Podilsk"
    assert delegation.members.count() == 40


def test_the_press_office_sees_no_member_list(press_client):
    delegation = _visit_with_members(40)
    page = press_client.get(admin_url(Delegation, "change", delegation.pk)).content.decode()
    assert "Nachname001" not in page
    assert "kleve-member-list" not in page


# -- What the savings keep ---------------------------------------------------------------------------------


def test_one_query_reads_the_same_permissions_as_djangos_two(planner_client):
    from django.contrib.auth.backends import ModelBackend

    from accounts.backends import PermissionBackend

    user = User.objects.get(pk=planner_client.user.pk)
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    django_user = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        ours = PermissionBackend().get_all_permissions(user)
    assert len(queries) == 1
    assert ours == ModelBackend().get_all_permissions(django_user)
    assert {"auth.view_user", "delegations.view_member"} <= ours


def test_a_searched_list_still_says_how_many_rows_there_are_in_all(planner_client):
    factories.TopicFactory(name="Wasserstoff", name_de="Wasserstoff")
    factories.TopicFactory.create_batch(3)
    plain = planner_client.get(admin_url(factories.TopicFactory._meta.model, "changelist"))
    searched = planner_client.get(
        admin_url(factories.TopicFactory._meta.model, "changelist"), {"q": "Wasser"}
    )
    assert (plain.context["cl"].result_count, plain.context["cl"].full_result_count) == (4, 4)
    assert (searched.context["cl"].result_count, searched.context["cl"].full_result_count) == (1, 4)
    assert "4 gesamt" in searched.content.decode()


def test_the_sidebar_offers_no_second_letterhead_and_no_fourth_legal_page(superuser_client):
    page = superuser_client.get("/admin/").content.decode()
    assert "/admin/letters/letterhead/add/" not in page
    assert "/admin/pages/legalpage/add/" not in page
    assert "/admin/letters/letterhead/" in page and "/admin/pages/legalpage/" in page
