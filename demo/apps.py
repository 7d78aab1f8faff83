from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """At the top of the house: the demo builds on every domain app, and no app imports it."""

    name = "demo"
    verbose_name = _("Demo")
