"""The record of delays on the day (`visits.delays`): which items a delay moved, from when to when, by whom.

Read only: a delay is applied and undone on the on-the-day screen (`/admin/tag/`, `visits/views/visit_day.py`,
linked as "Verspätung melden" from a programme item of today) or by `manage.py delay`; both release the
programme each time. A record edited by hand would make the undo restore times nobody had.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin

from ..models import DelayRecord


def _span(start, end) -> str:
    return f"{timezone.localtime(start):%d.%m.%Y %H:%M}\N{EN DASH}{timezone.localtime(end):%H:%M}"


@admin.register(DelayRecord)
class DelayRecordAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "item",
        "delegation",
        "minutes",
        "before",
        "after",
        "applied_at",
        "applied_by",
        "undone_at",
    ]
    list_select_related = ["item", "delegation", "applied_by"]
    list_filter = ["delegation"]
    date_hierarchy = "applied_at"
    readonly_fields = [
        "batch",
        "delegation",
        "item",
        "delayed_item",
        "minutes",
        "old_starts_at",
        "old_ends_at",
        "new_starts_at",
        "new_ends_at",
        "version_after",
        "applied_at",
        "applied_by",
        "undone_at",
    ]

    @admin.display(description=_("vorher"))
    def before(self, record: DelayRecord) -> str:
        return _span(record.old_starts_at, record.old_ends_at)

    @admin.display(description=_("nachher"))
    def after(self, record: DelayRecord) -> str:
        return _span(record.new_starts_at, record.new_ends_at)

    def has_add_permission(self, request):
        return False  # made by applying a delay

    def has_change_permission(self, request, obj=None):
        return False  # the undo relies on the recorded times

    def has_delete_permission(self, request, obj=None):
        return False  # goes with its item or delegation
