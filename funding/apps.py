from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """Funding programmes, a delegation's funding and budget, costs with receipts, proof of use."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)

        from . import attention

        attention.register()  # what it finds for the planner's desk (delegations/attention.py)
