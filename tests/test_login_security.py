"""Admin login: rate limits per account and per address (django-axes), two-factor login (django-otp)."""

import io
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import TwoFactorRequirement
from core.addresses import client_address
from delegations import roles
from tests import factories

PASSWORD = "correct horse battery staple"
pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD, address="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Rate limits


def test_five_wrong_passwords_lock_the_account_with_a_clear_german_page_and_a_warning(caplog):
    factories.UserFactory(username="kollegin")
    client = Client()
    for _ in range(4):
        assert _login(client, "kollegin", "falsch").status_code == 200
    with caplog.at_level(logging.WARNING):
        locked = _login(client, "kollegin", "falsch")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert '<html lang="de"' in page
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "Bitte in 15 Minuten erneut versuchen." in page
    assert locked["Retry-After"] == "900"
    assert any(
        record.name == "accounts.security" and "'kollegin' from address 192.0.2.10" in record.getMessage()
        for record in caplog.records
        if record.levelno == logging.WARNING
    )
    # Even the right password is refused now, from any address.
    assert _login(Client(), "kollegin", address="198.51.100.7").status_code == 429


def test_the_lockout_page_speaks_the_language_the_user_chose():
    factories.UserFactory(username="kollegin")
    client = Client()
    client.cookies["django_language"] = "en"
    for _ in range(5):
        response = _login(client, "kollegin", "falsch")
    assert response.status_code == 429
    assert '<html lang="en"' in response.content.decode()


def test_the_lockout_ends_after_fifteen_minutes():
    factories.UserFactory(username="kollegin")
    for _ in range(5):
        _login(Client(), "kollegin", "falsch")
    assert _login(Client(), "kollegin").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(Client(), "kollegin").status_code == 302


def test_an_address_is_locked_after_twenty_failures_across_accounts():
    factories.UserFactory(username="kollegin")
    for index in range(19):  # four per account at most: no account is locked
        assert _login(Client(), f"konto{index % 5}", "falsch").status_code == 200
    assert _login(Client(), "kollegin").status_code == 302  # the 19 failures alone lock nothing
    assert _login(Client(), "konto0", "falsch").status_code == 429  # the 20th
    assert _login(Client(), "kollegin").status_code == 429  # the address is locked, for every account
    assert _login(Client(), "kollegin", address="198.51.100.7").status_code == 302


def test_axes_reset_lifts_every_lockout():
    factories.UserFactory(username="kollegin")
    for _ in range(5):
        _login(Client(), "kollegin", "falsch")
    call_command("axes_reset", stdout=io.StringIO())
    assert _login(Client(), "kollegin").status_code == 302


def test_a_login_without_a_request_is_not_rate_limited_nor_broken():
    """The test client's `login()` (and a shell's `authenticate()`) pass no request; they still work."""
    factories.UserFactory(username="kollegin")
    assert Client().login(username="kollegin", password=PASSWORD) is True


def test_the_client_address_trusts_x_forwarded_for_only_behind_the_configured_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.20"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # the proxy appended the address it saw; the client wrote the first
    assert client_address(request) == "198.51.100.20"


# Two-factor login


def _user_with_totp(username="kollegin", groups=()):
    user = factories.UserFactory(username=username)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    return user, device


def test_with_a_confirmed_app_the_login_asks_for_the_code_and_accepts_a_valid_one():
    _, device = _user_with_totp()
    client = Client()
    assert _login(client, "kollegin").status_code == 302
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify") + "?next=%2Fadmin%2F"
    assert "Code" in client.get(response["Location"]).content.decode()

    verified = client.post(reverse("accounts:verify"), {"otp_token": _code(device), "next": "/admin/"})
    assert (verified.status_code, verified["Location"]) == (302, "/admin/")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused_and_opens_nothing():
    _, device = _user_with_totp()
    client = Client()
    _login(client, "kollegin")
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:verify"), {"otp_token": wrong, "next": "/admin/"})
    assert response.status_code == 400
    assert "Der Code stimmt nicht oder ist abgelaufen." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    # django-otp slows guessing down: right after a wrong code, even the right one waits.
    assert client.post(reverse("accounts:verify"), {"otp_token": _code(device)}).status_code == 400


def test_other_admin_pages_and_staff_pages_wait_for_the_code_too():
    _, _device = _user_with_totp()
    client = Client()
    _login(client, "kollegin")
    for path in (reverse("admin:delegations_delegation_changelist"), reverse("accounts:setup")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:verify")), path


def test_a_group_that_requires_two_factors_sends_its_members_to_set_up_an_app(planner_client, reader_client):
    TwoFactorRequirement.objects.create(group=Group.objects.get(name=roles.PLANNERS), required=True)
    response = planner_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:setup"))
    # Read-only staff are not in a group that requires it.
    assert reader_client.get(reverse("admin:index")).status_code == 200


def test_a_requirement_switched_off_requires_nothing(planner_client):
    TwoFactorRequirement.objects.create(group=Group.objects.get(name=roles.PLANNERS), required=False)
    assert planner_client.get(reverse("admin:index")).status_code == 200


def test_setting_up_an_app_takes_one_valid_code_and_hands_out_backup_codes(planner_client):
    TwoFactorRequirement.objects.create(group=Group.objects.get(name=roles.PLANNERS), required=True)
    page = planner_client.get(reverse("accounts:setup"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=planner_client.user)
    assert device.confirmed is False
    secret = html.split('<code id="totp-secret">')[1].split("</code>")[0].replace(" ", "")
    from base64 import b32decode

    assert b32decode(secret) == device.bin_key

    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    assert planner_client.post(reverse("accounts:setup"), {"otp_token": wrong}).status_code == 400
    device.refresh_from_db()
    assert device.confirmed is False
    device.throttle_reset()

    done = planner_client.post(reverse("accounts:setup"), {"otp_token": _code(device), "next": "/admin/"})
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    codes = StaticDevice.objects.get(user=planner_client.user).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert planner_client.get(reverse("admin:index")).status_code == 200  # this session is verified


def test_a_backup_code_works_once():
    user, _ = _user_with_totp()
    from accounts.two_factor import new_backup_codes

    code = new_backup_codes(user)[0]
    first = Client()
    _login(first, "kollegin")
    assert first.post(reverse("accounts:verify"), {"otp_token": code, "next": "/admin/"}).status_code == 302
    second = Client()
    _login(second, "kollegin", address="192.0.2.11")
    assert second.post(reverse("accounts:verify"), {"otp_token": code}).status_code == 400


def test_a_superuser_who_lost_the_phone_recovers_with_addstatictoken():
    chefin = factories.UserFactory(username="chefin", is_superuser=True)
    TOTPDevice.objects.create(user=chefin, name="Telefon", confirmed=True)  # the phone that is gone
    out = io.StringIO()
    call_command("addstatictoken", "chefin", stdout=out)
    token = out.getvalue().strip()
    client = Client()
    _login(client, "chefin")
    assert client.post(reverse("accounts:verify"), {"otp_token": token, "next": "/admin/"}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_planners_set_the_requirement_in_the_admin(planner_client, reader_client):
    group = Group.objects.get(name=roles.PLANNERS)
    response = planner_client.post(
        reverse("admin:accounts_twofactorrequirement_add"), {"group": group.pk, "required": "on"}
    )
    assert response.status_code == 302
    assert TwoFactorRequirement.objects.get().group == group
    assert reader_client.get(reverse("admin:accounts_twofactorrequirement_changelist")).status_code == 403


def test_the_two_factor_check_costs_admin_pages_no_query_once_a_user_is_clear(planner_client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:delegations_delegation_changelist")
    with CaptureQueriesContext(connection) as checked:  # the login settled it, even for the first page
        assert planner_client.get(url).status_code == 200
    # The same page without the middleware (a new client loads the middleware anew).
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "accounts.middleware.TwoFactorMiddleware"
    ]
    unchecked_client = Client()
    unchecked_client.force_login(planner_client.user)
    unchecked_client.get(url)
    with CaptureQueriesContext(connection) as unchecked:
        assert unchecked_client.get(url).status_code == 200
    assert len(checked) == len(unchecked)
    # Without the remembered answer, the check is one query, and the answer is remembered: the session is
    # saved (its UPDATE, in a savepoint here; other pages save it at most once a minute).
    session = planner_client.session
    session.pop("accounts_two_factor_clear_at")
    session.save()
    with CaptureQueriesContext(connection) as first:
        planner_client.get(url)
    assert len(first) == len(unchecked) + 1 + 3
    assert sum('UPDATE "django_session"' in query["sql"] for query in first) == 1


def test_a_device_set_up_in_another_session_counts_within_five_minutes(planner_client):
    from accounts.middleware import CLEAR_AT_KEY

    assert planner_client.get(reverse("admin:index")).status_code == 200
    TOTPDevice.objects.create(user=planner_client.user, name="Telefon", confirmed=True)
    assert planner_client.get(reverse("admin:index")).status_code == 200  # still within the five minutes
    session = planner_client.session
    session[CLEAR_AT_KEY] -= 301
    session.save()
    response = planner_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))
