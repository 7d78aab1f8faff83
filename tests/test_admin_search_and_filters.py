"""The staff admin's search and filters: each search finds the one row that matches, the programme's filters
(the day in Berlin's time) pick the right rows, and every filter choice of every changelist answers."""

import pytest
from django.contrib import admin

from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from tests import factories
from tests.admin_pages import CHANGELIST_OPENS_THE_FORM, admin_url, result_pks
from tests.admin_samples import make_rows, project_admins
from visits import enums as v
from visits.models import CompanyAppointment, ProgrammeItem, Venue

pytestmark = pytest.mark.django_db


# -- Search and filters ----------------------------------------------------------------------------------

SEARCHES = {
    "topic by its English name": (
        Topic,
        lambda: factories.TopicFactory(name_en="Hydrogen economy"),
        "hydrogen",
    ),
    "partnership by name": (
        Partnership,
        lambda: factories.PartnershipFactory(name="Solidaritätspartnerschaft Kleve-Podilsk"),
        "Solidaritäts",
    ),
    "organisation by name": (
        Organisation,
        lambda: factories.OrganisationFactory(name="Stadtwerke Kleve"),
        "werke",
    ),
    "contact by organisation": (
        Contact,
        lambda: factories.ContactFactory(
            organisation=factories.OrganisationFactory(name="Hochschule Rhein-Waal")
        ),
        "Rhein-Waal",
    ),
    "delegation by slug": (
        Delegation,
        lambda: factories.DelegationFactory(slug="podilsk-2025"),
        "podilsk-2025",
    ),
    "member by Cyrillic name": (
        Member,
        lambda: factories.MemberFactory(last_name_original="Вигаданенко"),
        "Вигадан",
    ),
    "venue by name": (Venue, lambda: factories.VenueFactory(name="Berufskolleg Kleve"), "Berufskolleg"),
    "programme item by Ukrainian title": (
        ProgrammeItem,
        lambda: factories.ProgrammeItemFactory(title_uk="Урочистості 50 років"),
        "Урочистості",
    ),
    "appointment by company": (
        CompanyAppointment,
        lambda: factories.CompanyAppointmentFactory(
            company=factories.OrganisationFactory(name="H2 Emmerich AG")
        ),
        "Emmerich",
    ),
}


@pytest.mark.parametrize(("model", "make", "term"), SEARCHES.values(), ids=SEARCHES.keys())
def test_search_finds_the_one_that_matches(planner_client, model, make, term):
    wanted = make()
    make_rows(model, 3)
    response = planner_client.get(admin_url(model, "changelist"), {"q": term})
    assert result_pks(response) == {wanted.pk}


def test_programme_items_filter_by_delegation_day_kind_status_and_visibility(planner_client):
    visit = factories.DelegationFactory()
    other_visit = factories.DelegationFactory()
    monday_late = factories.ProgrammeItemFactory(
        delegation=visit, starts_at=factories.berlin(2025, 11, 17, 23, 0), kind=v.ItemKind.MEAL
    )
    # 00:30 in Berlin is still the 17th in UTC: the day is Berlin's.
    tuesday_early = factories.ProgrammeItemFactory(
        delegation=visit,
        starts_at=factories.berlin(2025, 11, 18, 0, 30),
        kind=v.ItemKind.CEREMONY,
        status=v.ItemStatus.CANCELLED,
    )
    elsewhere = factories.ProgrammeItemFactory(
        delegation=other_visit, starts_at=factories.berlin(2025, 11, 17, 10), visibility=v.Visibility.PUBLIC
    )
    url = admin_url(ProgrammeItem, "changelist")

    assert result_pks(planner_client.get(url, {"delegation__id__exact": visit.pk})) == {
        monday_late.pk,
        tuesday_early.pk,
    }
    assert result_pks(planner_client.get(url, {"day": "2025-11-17"})) == {monday_late.pk, elsewhere.pk}
    assert result_pks(planner_client.get(url, {"day": "2025-11-18"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"kind__exact": "ceremony"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"status__exact": "cancelled"})) == {tuesday_early.pk}
    assert result_pks(planner_client.get(url, {"visibility__exact": "public"})) == {elsewhere.pk}

    # The day filter offers the days of the chosen delegation only, in German.
    response = planner_client.get(url, {"delegation__id__exact": other_visit.pk})
    day_filter = next(spec for spec in response.context["cl"].filter_specs if spec.title == "Tag")
    assert [choice["display"] for choice in day_filter.choices(response.context["cl"])] == [
        "Alle",
        "Mo, 17. Nov. 2025",
    ]


def test_an_unknown_day_in_the_filter_is_refused_not_an_error(planner_client):
    factories.ProgrammeItemFactory()  # a filter without choices is not shown, nor applied
    response = planner_client.get(admin_url(ProgrammeItem, "changelist"), {"day": "17.11."})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_company_appointments_filter_by_status(planner_client):
    declined = factories.CompanyAppointmentFactory(status=v.AppointmentStatus.DECLINED)
    factories.CompanyAppointmentFactory(status=v.AppointmentStatus.REQUESTED)
    response = planner_client.get(admin_url(CompanyAppointment, "changelist"), {"status__exact": "declined"})
    assert result_pks(response) == {declined.pk}
    assert "kleve-status-declined" in response.content.decode()


@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_every_filter_choice_of_every_changelist_answers(planner_client, model):
    make_rows(model, 3)
    url = admin_url(model, "changelist")
    if model in CHANGELIST_OPENS_THE_FORM:
        # No list, so no filters to try: the admin declares none, and the list still opens the form.
        assert not admin.site._registry[model].list_filter
        assert planner_client.get(url).status_code == 302
        return
    changelist = planner_client.get(url).context["cl"]
    tried = 0
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            response = planner_client.get(url + choice["query_string"])
            assert response.status_code == 200, (spec.title, choice["display"], response.get("Location"))
            tried += 1
    assert tried >= len(changelist.filter_specs)
