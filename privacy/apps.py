from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection duties: export and erasure of a member's data, purging, the record of processing."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)
