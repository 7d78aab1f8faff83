"""Security middleware: the resource policy header, the sessions' idle timeout, and two-factor verification in
front of the admin."""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.two_factor import second_factor_due

# A user who needs no second factor is asked again only after this many seconds, so admin pages cost no extra
# query. A changed requirement stamps the cache and is asked about at once; a device set up in another
# session of the same user counts here within this time.
RECHECK_SECONDS = 300
CLEAR_AT_KEY = "accounts_two_factor_clear_at"
REQUIREMENTS_CHANGED_KEY = "accounts.two_factor.requirements_changed_at"


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


# A session with data is saved again (its end moved a full SESSION_COOKIE_AGE on) once this many seconds have
# passed since it was last saved, not on every request: a page costs no write, and the idle timeout is kept to
# within this margin.
SESSION_REFRESH_SECONDS = 60
REFRESHED_AT_KEY = "accounts_session_refreshed_at"


class SessionRefreshMiddleware:
    """The idle timeout of staff sessions: a request moves the session's end on, at most once a minute.

    In place of SESSION_SAVE_EVERY_REQUEST, which writes the session row (and its transaction) on every page.
    Only requests that bring a session cookie look at the session, so public pages stay free of it. Place
    after Django's `SessionMiddleware`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = request.session
            refreshed_at = session.get(REFRESHED_AT_KEY, 0)  # loads it: a stale cookie's session is empty
            if not session.is_empty() and time.time() - refreshed_at >= SESSION_REFRESH_SECONDS:
                remember_refreshed(request)  # modified, so SessionMiddleware saves it
        return response


def remember_refreshed(request) -> None:
    """Stamp the session as saved now (the stamp modifies it, so it is saved with this response)."""
    request.session[REFRESHED_AT_KEY] = time.time()


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
            if (
                user.is_authenticated
                and user.is_staff
                and not _known_clear(request)
                and not user.is_verified()
            ):
                due = second_factor_due(user)
                if due is None:
                    remember_clear(request)
                else:
                    return redirect_with_next(f"accounts:{due}", request)
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


def remember_clear(request) -> None:
    """Remember in the session, for `RECHECK_SECONDS`, that its user owes no second factor."""
    request.session[CLEAR_AT_KEY] = time.time()


def _known_clear(request) -> bool:
    clear_at = request.session.get(CLEAR_AT_KEY, 0)
    fresh = time.time() - clear_at < RECHECK_SECONDS
    return fresh and cache.get(REQUIREMENTS_CHANGED_KEY, 0) < clear_at


def requirements_changed() -> None:
    """Make every session ask again at its next admin page (called when a requirement changes)."""
    cache.set(REQUIREMENTS_CHANGED_KEY, time.time(), None)


def redirect_with_next(view_name: str, request):
    """Redirect to `view_name`, coming back to the page asked for afterwards."""
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
