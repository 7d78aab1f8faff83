"""The staff admin, every admin there: each model of ours has an admin or is edited on another's page, every
admin's pages render, and no changelist runs a query per row."""

import html

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User

from letters.models import Letterhead
from privacy.models import Erasure
from tests.admin_pages import CHANGELIST_OPENS_THE_FORM, admin_url
from tests.admin_samples import DOMAIN_APPS, make_rows, project_admins, sample, third_party_admins

pytestmark = pytest.mark.django_db


# -- Every admin is there and renders ------------------------------------------------------------------


# Edited as inlines on another model's admin page, by the model whose admin holds them.
SHOWN_AS_INLINES = {
    "protocol.Table": "protocol.SeatingPlan",
    "protocol.Seat": "protocol.SeatingPlan",
    "funding.BudgetLine": "funding.DelegationFunding",
}
# Shown on another model's admin page: the copies and notices of a release on the release's page.
SHOWN_ON_ANOTHER_ADMIN_PAGE = {"visits.ReleasedItem"}
# Not in the admin at all, and why.
NOT_IN_THE_ADMIN = {
    # The last reference number given out per year: only issuing a letter moves it, so that no number is
    # ever given twice; editing it by hand could.
    "letters.ReferenceCounter",
}


def test_every_model_of_our_apps_has_an_admin():
    models = {
        model
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and model._meta.label not in SHOWN_AS_INLINES.keys() | SHOWN_ON_ANOTHER_ADMIN_PAGE | NOT_IN_THE_ADMIN
    }
    assert {model for model in project_admins() if model._meta.app_label in DOMAIN_APPS} == models


@pytest.mark.parametrize(("label", "holder"), SHOWN_AS_INLINES.items(), ids=SHOWN_AS_INLINES.keys())
def test_models_without_their_own_admin_are_inlines_of_another(label, holder):
    inlines = admin.site._registry[apps.get_model(holder)].inlines
    assert label in {inline.model._meta.label for inline in inlines}


@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_changelist_add_and_change_form_render_for_a_planner(planner_client, model):
    obj = sample(model)
    model_admin = admin.site._registry[model]

    changelist = planner_client.get(admin_url(model, "changelist"))
    if model in CHANGELIST_OPENS_THE_FORM:
        assert (changelist.status_code, changelist.url) == (302, admin_url(model, "change", obj.pk))
    else:
        assert changelist.status_code == 200
        assert admin_url(model, "change", obj.pk) in changelist.content.decode()

    change = planner_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert html.escape(str(obj)) in change.content.decode()

    add = planner_client.get(admin_url(model, "add"))
    request = add.wsgi_request
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)


@pytest.mark.parametrize("model", list(third_party_admins()), ids=lambda model: model._meta.label)
def test_account_admins_render_for_the_superuser(superuser_client, model):
    obj = sample(model)
    changelist = superuser_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "change", obj.pk) in changelist.content.decode()
    assert superuser_client.get(admin_url(model, "add")).status_code == 200
    assert superuser_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_the_admin_registry_holds_nothing_untested():
    # Third-party admins (accounts and their second factors) are tested with the superuser above; every other
    # admin is a project admin. A new third-party admin is a decision, so it has to be named here.
    assert {model._meta.label for model in third_party_admins()} == {
        "auth.User",
        "auth.Group",
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
    }
    assert set(admin.site._registry) == set(project_admins()) | set(third_party_admins())
    assert {User, Group} <= set(third_party_admins())


def test_the_erasure_log_is_read_only_even_for_the_superuser(superuser_client):
    # The log is the evidence that a duty was done: nobody adds, edits or deletes an entry in the admin.
    erasure = sample(Erasure)
    change_url = admin_url(Erasure, "change", erasure.pk)
    page = superuser_client.get(change_url)

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert superuser_client.get(admin_url(Erasure, "add")).status_code == 403
    assert superuser_client.post(change_url, {"reason": "retention"}).status_code == 403
    assert superuser_client.get(admin_url(Erasure, "delete", erasure.pk)).status_code == 403
    assert superuser_client.post(admin_url(Erasure, "delete", erasure.pk), {"post": "yes"}).status_code == 403
    erasure.refresh_from_db()
    assert erasure.reason == "request"


def test_the_letterhead_is_one_row_opened_directly(superuser_client):
    # No list of one row: the list opens the form that creates it, then the form that changes it; no
    # second letterhead, and the one there is cannot be deleted (letters print with it).
    assert superuser_client.get(admin_url(Letterhead, "changelist")).url == admin_url(Letterhead, "add")
    letterhead = sample(Letterhead)
    assert superuser_client.get(admin_url(Letterhead, "changelist")).url == admin_url(
        Letterhead, "change", letterhead.pk
    )
    assert superuser_client.get(admin_url(Letterhead, "add")).status_code == 403
    assert superuser_client.get(admin_url(Letterhead, "delete", letterhead.pk)).status_code == 403


# -- No changelist runs a query per row --------------------------------------------------------------------

# Queries of one changelist request by a planner: user, permissions (one query, accounts.backends), the count
# (one: unfiltered, the total is the same rows, core.admin_queries), rows, filter choices, and the savepoint
# and its release around the request (ATOMIC_REQUESTS: the test's transaction makes the request's a
# savepoint, so both are counted). The session is read from the cache and written at most once a minute
# (accounts.middleware.SessionRefreshMiddleware); the sidebar asks nothing of the database.
# tests/test_admin_size.py holds every page, change forms too, to at most ten.
CHANGELIST_QUERIES = {
    "delegations.Topic": 6,
    "delegations.Partnership": 7,
    "delegations.Organisation": 7,
    "delegations.Contact": 6,
    "delegations.Delegation": 9,
    "delegations.Member": 7,
    "visits.Venue": 7,
    "visits.Vehicle": 7,
    "visits.ProgrammeItem": 10,
    "visits.CompanyAppointment": 10,
    "visits.GuestAccess": 9,
    "visits.StaffAccess": 8,
    "visits.ProgrammeRelease": 7,
    "visits.ReleaseNotification": 9,
    "visits.Attachment": 9,
    "visits.DelayRecord": 9,
    "press.EventPage": 7,
    "press.Photo": 6,
    "pages.LegalPage": 7,
    "pages.AccessibilityFeedback": 6,
    "protocol.PrecedenceEntry": 7,
    "protocol.SeatingPlan": 7,
    "protocol.Speech": 7,
    "protocol.Gift": 10,
    "funding.FundingProgramme": 6,
    "funding.DelegationFunding": 7,
    "funding.Cost": 8,
    "followup.Outcome": 7,
    "followup.Action": 10,
    "letters.Letterhead": 5,  # the permission check, whether there is a letterhead, the redirect to its form
    "letters.InvitationLetter": 7,
    "privacy.Erasure": 9,
    "accounts.TwoFactorRequirement": 6,
    "funding.DailyRate": 8,
}


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize("model", list(project_admins()), ids=lambda model: model._meta.label)
def test_a_changelist_runs_the_same_queries_for_10_and_200_rows(
    planner_client, django_assert_num_queries, model, size
):
    assert model._meta.label in CHANGELIST_QUERIES, "add the changelist's query count to CHANGELIST_QUERIES"
    expected_rows = make_rows(model, size)
    url = admin_url(model, "changelist")
    planner_client.get(url)  # caches that fill once per process (content types, translations) are warm now
    with django_assert_num_queries(CHANGELIST_QUERIES[model._meta.label]):
        response = planner_client.get(url)
    if model in CHANGELIST_OPENS_THE_FORM:
        assert response.status_code == 302
    else:
        assert response.context["cl"].result_count == expected_rows
