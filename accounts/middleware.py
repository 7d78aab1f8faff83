"""Security middleware: the resource policy header, and two-factor verification in front of the admin."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.two_factor import has_confirmed_device, two_factor_required


class CrossOriginResourcePolicyMiddleware:
    """Send `Cross-Origin-Resource-Policy` (SECURE_CROSS_ORIGIN_RESOURCE_POLICY), which Django does not.

    Placed before WhiteNoise, so static files get it too. A response that sets its own value keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "SECURE_CROSS_ORIGIN_RESOURCE_POLICY", None)
        if policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        return response


class TwoFactorMiddleware:
    """Under the admin, a signed-in user who has to give a second factor is sent to do so first.

    Who has to: anyone with a confirmed device (they chose it), and members of a group whose
    `TwoFactorRequirement` is on (sent to set up a device if they have none). Only admin paths look at the
    user, so public and guest pages never touch the session and stay cacheable. Place after django-otp's
    `OTPMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if request.path_info.startswith(admin_root) and not self._exempt(request.path_info):
            user = request.user
            if user.is_authenticated and user.is_staff and not user.is_verified():
                if has_confirmed_device(user):
                    return redirect_with_next("accounts:verify", request)
                if two_factor_required(user):
                    return redirect_with_next("accounts:setup", request)
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = {
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
            reverse("accounts:verify"),
            reverse("accounts:setup"),
        }
        return path in exempt


def redirect_with_next(view_name: str, request):
    """Redirect to `view_name`, coming back to the page asked for afterwards."""
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
