from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Outcomes, commitments and actions after a visit; the visit report."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "followup"
    verbose_name = _("Nachbereitung")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)

        from . import attention

        attention.register()  # what it finds for the planner's desk (delegations/attention.py)
