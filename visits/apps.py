from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Besuche und Programm")

    def ready(self) -> None:
        # With a shared cache, every committed change anywhere (web, commands, shell) starts a new generation
        # of cached pages, so none is served stale (kleve_partnership/page_cache.py).
        from kleve_partnership import page_cache

        page_cache.connect_generation()
