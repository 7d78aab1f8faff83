from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegationen")

    def ready(self) -> None:
        from .admin_widgets import guard_autocomplete_optgroups

        guard_autocomplete_optgroups()
