from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from .checks import check_site_url

        checks.register(check_site_url, checks.Tags.security, deploy=True)

        # Every committed write starts a new generation of kept pages (core/page_cache.py).
        from django.db.backends.signals import connection_created

        from . import page_cache

        connection_created.connect(page_cache.watch, dispatch_uid="page-cache-watch")
