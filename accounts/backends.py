"""Authentication backends: the login rate limit (django-axes) and the permissions read in one query."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class LoginRateLimitBackend(AxesStandaloneBackend):
    """django-axes' check for every login that comes with a request (the admin's login form).

    A login without a request (the test client's `login()`, a shell) has no address to limit and no page to
    show a lockout on; it is left to the next backend instead of failing with axes' "request required" error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PermissionBackend(ModelBackend):
    """Django's model backend, reading a user's own and their groups' permissions in one query, not two.

    Every admin page asks for the permissions (the sidebar lists what the user may open), so the second query
    would be paid on each of them. The answer is kept on the user object for the request, as Django does.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.order_by().values_list("content_type__app_label", "codename")
            else:
                names = ("content_type__app_label", "codename")
                own = Permission.objects.filter(user=user_obj).order_by().values_list(*names)
                of_groups = Permission.objects.filter(group__user=user_obj).order_by().values_list(*names)
                rows = own.union(of_groups).order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
