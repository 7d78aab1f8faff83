"""Writes are atomic per request: a view that fails after its first writes leaves no partial rows behind."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from delegations.enums import Language, PhotoConsent
from delegations.models import Member
from tests import factories
from visits import services
from visits.models import GuestAccess


def test_every_request_runs_in_one_transaction():
    assert connection.settings_dict["ATOMIC_REQUESTS"] is True


@pytest.mark.django_db(transaction=True)
def test_a_guest_form_that_fails_after_saving_leaves_nothing_and_shows_the_error_page():
    arrival = timezone.localdate() + dt.timedelta(days=30)
    delegation = factories.DelegationFactory(
        arrival_date=arrival, departure_date=arrival + dt.timedelta(days=3)
    )
    member = factories.MemberFactory(
        delegation=delegation, dietary_needs="", phone="", preferred_language=Language.UKRAINIAN
    )
    access, token = services.issue_guest_access(delegation=delegation, member=member)
    data = {
        "arrival_date": arrival.isoformat(),
        "arrival_time": "14:35",
        "arrival_mode": "flight",
        "arrival_reference": "LH 2371",
        "departure_date": (arrival + dt.timedelta(days=3)).isoformat(),
        "departure_time": "09:10",
        "departure_mode": "train",
        "departure_reference": "ICE 105",
        "dietary_needs": "вегетаріанка",
        "accessibility_needs": "",
        "phone": "+380 48 700 12 34",
        "photo_consent": PhotoConsent.GIVEN,
    }
    client = Client(raise_request_exception=False)
    saved = []

    def save_then_fail(**kwargs):
        # The real service runs (its own atomic block commits nothing on its own inside the request's), then
        # the view breaks before it answers.
        saved.append(real_save(**kwargs))
        raise RuntimeError("injected after the first writes")

    real_save = services.save_guest_details
    with mock.patch.object(services, "save_guest_details", save_then_fail):
        response = client.post(f"/g/{token}/uk/angaben/", data)

    assert saved == [True]
    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["500.html"]  # the site's own error page
    member = Member.objects.get(pk=member.pk)
    assert (member.dietary_needs, member.arrival_reference, member.version) == ("", "", 0)
    assert member.history.count() == 1  # only its creation
    # The first write of the request, noting that the link was used, is gone too.
    assert GuestAccess.objects.get(pk=access.pk).last_used_at is None


@pytest.mark.django_db(transaction=True)
def test_the_same_form_without_the_failure_commits_both_writes():
    arrival = timezone.localdate() + dt.timedelta(days=30)
    delegation = factories.DelegationFactory(
        arrival_date=arrival, departure_date=arrival + dt.timedelta(days=3)
    )
    member = factories.MemberFactory(delegation=delegation, phone="", preferred_language=Language.UKRAINIAN)
    access, token = services.issue_guest_access(delegation=delegation, member=member)

    response = Client().post(
        f"/g/{token}/uk/angaben/",
        {"arrival_date": "", "departure_date": "", "dietary_needs": "без глютену", "photo_consent": "given"},
    )

    assert response.status_code == 302
    assert Member.objects.get(pk=member.pk).dietary_needs == "без глютену"
    assert GuestAccess.objects.get(pk=access.pk).last_used_at is not None
