"""Admin pages of the two-factor login: the second step after the password, and setting up an app."""

import django_otp
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from accounts import two_factor
from accounts.forms import ConfirmDeviceForm, VerifyForm
from accounts.middleware import redirect_with_next


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("admin:index")


def _staff_only(request):
    if not (request.user.is_authenticated and request.user.is_staff):
        return redirect_to_login(request.get_full_path(), login_url="admin:login")
    return None


def _context(request, **extra):
    return admin.site.each_context(request) | {"next": _next_url(request)} | extra


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
def verify(request):
    """The second step of the login: a code from the app, or one of the backup codes."""
    if refusal := _staff_only(request):
        return refusal
    if request.user.is_verified() or not two_factor.has_confirmed_device(request.user):
        return redirect(_next_url(request))
    form = VerifyForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/verify.html",
        _context(request, form=form, title=_("Anmeldung bestätigen")),
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with one code.

    Someone who already has a device must have given a code in this session first, so a stolen password
    alone cannot add a second app.
    """
    if refusal := _staff_only(request):
        return refusal
    user = request.user
    if two_factor.has_confirmed_device(user) and not user.is_verified():
        return redirect_with_next("accounts:verify", request)
    device = two_factor.pending_totp_device(user)
    form = ConfirmDeviceForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        codes = two_factor.new_backup_codes(user)
        messages.success(request, _("Die Authenticator-App ist eingerichtet."))
        return render(
            request,
            "accounts/backup_codes.html",
            _context(request, codes=codes, title=_("Ersatzcodes")),
        )
    return render(
        request,
        "accounts/setup.html",
        _context(
            request,
            form=form,
            title=_("Zwei-Faktor-Anmeldung einrichten"),
            qr_code=two_factor.qr_code_data_uri(device),
            secret=two_factor.base32_secret(device),
            already_set_up=two_factor.has_confirmed_device(user),
            required=two_factor.two_factor_required(user),
        ),
        status=200 if request.method == "GET" else 400,
    )
