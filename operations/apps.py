from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the service: backup and restore, benchmarks' data, the pieces an IT department operates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "operations"
    verbose_name = _("Betrieb")
