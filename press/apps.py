from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """The press office's room: event pages, photos and the public site they publish."""

    name = "press"
    verbose_name = _("Presse")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)
