from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Besuche und Programm")

    def ready(self) -> None:
        from delegations.roles import contribute

        from .roles import PERMISSIONS

        contribute(PERMISSIONS)  # this app's part of the staff roles (delegations/roles.py)

        from . import attention

        attention.register()  # what it finds for the planner's desk (delegations/attention.py)

        # The task queue's own rows are the worker's business: staff follow notices in their delivery record
        # (ReleaseNotification), which says in their words what reached whom. The admin registered the
        # queue's model when it loaded every app's admin module, before this app was ready.
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
