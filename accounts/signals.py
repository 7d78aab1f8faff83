"""At login: settle whether the user owes a second factor (no extra query on the first admin page) and stamp
the session as just saved (no second write on the first page). A changed requirement makes open sessions
ask again."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.middleware import remember_clear, remember_refreshed, requirements_changed
from accounts.models import TwoFactorRequirement
from accounts.two_factor import second_factor_due


@receiver(user_logged_in, dispatch_uid="accounts.two_factor_at_login")
def settle_second_factor(sender, request, user, **kwargs):
    if (
        request is not None
        and hasattr(request, "session")
        and user.is_staff
        and second_factor_due(user) is None
    ):
        remember_clear(request)


@receiver(user_logged_in, dispatch_uid="accounts.session_saved_at_login")
def stamp_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_refreshed(request)  # the login saves the session: its idle timeout starts now


@receiver(post_save, sender=TwoFactorRequirement, dispatch_uid="accounts.requirement_saved")
@receiver(post_delete, sender=TwoFactorRequirement, dispatch_uid="accounts.requirement_deleted")
def requirement_changed(sender, **kwargs):
    requirements_changed()
