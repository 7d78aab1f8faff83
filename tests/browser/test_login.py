"""The admin login in Chromium under the strict Content-Security-Policy: password, then the code from the
authenticator app; the changelist and change form raise no policy violation; the setup shows its QR code."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import TwoFactorRequirement
from delegations import roles
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def planner(transactional_db):
    # A transactional test empties the tables after each test, the groups of the data migration too.
    roles.apply_role_permissions(apps)
    user = factories.UserFactory(username="browser-planner")
    user.groups.add(Group.objects.get(name=roles.PLANNERS))
    return user


def _page_watching_the_policy(browser):
    page = browser.new_context(viewport=DESKTOP).new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Content Security Policy" in message.text
            and violations.append(message.text)
        ),
    )
    return page, violations


def _password_step(page, live_server):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "browser-planner")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_login_with_password_and_code_then_admin_pages_keep_the_policy(live_server, browser, planner):
    device = TOTPDevice.objects.create(user=planner, name="Telefon", confirmed=True)
    delegation = factories.DelegationFactory()
    page, violations = _page_watching_the_policy(browser)

    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}{reverse('accounts:verify')}?next=%2Fadmin%2F")
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code").fill(code)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("admin:index"))

    for path in (
        reverse("admin:delegations_delegation_changelist"),
        reverse("admin:delegations_delegation_change", args=[delegation.pk]),
        reverse("admin:accounts_twofactorrequirement_add"),
    ):
        response = page.goto(live_server.url + path, wait_until="networkidle")
        assert response.status == 200, path
    assert violations == []


def test_the_setup_page_shows_its_qr_code_under_the_policy(live_server, browser, planner):
    TwoFactorRequirement.objects.create(group=Group.objects.get(name=roles.PLANNERS), required=True)
    page, violations = _page_watching_the_policy(browser)
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}{reverse('accounts:setup')}?next=%2Fadmin%2F")
    qr_code = page.get_by_alt_text("QR-Code für die Authenticator-App")
    qr_code.wait_for()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0") is True
    assert violations == []


def test_the_lockout_page_after_five_wrong_passwords(live_server, browser, planner):
    page, violations = _page_watching_the_policy(browser)
    for _ in range(5):
        page.goto(live_server.url + reverse("admin:login"))
        page.fill("#id_username", "browser-planner")
        page.fill("#id_password", "falsch")
        with page.expect_navigation() as navigation:
            page.click("input[type=submit]")
    assert navigation.value.status == 429
    assert page.get_by_role("heading", name="Anmeldung vorübergehend gesperrt").is_visible()
    assert violations == []
