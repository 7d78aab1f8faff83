from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    """Order of precedence, seating plans, speeches, gifts register, place cards."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "protocol"
    verbose_name = _("Protokoll")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)
