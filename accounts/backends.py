"""The login rate limit as an authentication backend: django-axes refuses locked-out accounts, addresses."""

from axes.backends import AxesStandaloneBackend


class LoginRateLimitBackend(AxesStandaloneBackend):
    """django-axes' check for every login that comes with a request (the admin's login form).

    A login without a request (the test client's `login()`, a shell) has no address to limit and no page to
    show a lockout on; it is left to the next backend instead of failing with axes' "request required" error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
