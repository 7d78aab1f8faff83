from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """Official invitation letters with a public check page, letterhead, badges."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "letters"
    verbose_name = _("Einladungsschreiben")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)
