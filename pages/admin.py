"""The legal pages and the accessibility feedback in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_queries import FewQueriesAdminMixin
from delegations.admin_base import HistoryTranslationAdmin, texts_fieldsets

from .models import AccessibilityFeedback, FeedbackStatus, LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(HistoryTranslationAdmin):
    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [(None, {"fields": ["kind", "updated_at"]}), *texts_fieldsets("title", "body")]

    def has_add_permission(self, request):
        # One page of each kind, made by a migration; staff edit them, nobody adds a fourth.
        return super().has_add_permission(request) and LegalPage.objects.count() < len(
            LegalPage._meta.get_field("kind").choices
        )

    def get_model_perms(self, request):
        # The sidebar and the index offer no "add" link: a missing page is added from the list. Asking would
        # cost every admin page a count of the legal pages.
        return {
            "add": False,
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
            "view": self.has_view_permission(request),
        }

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "kind"] if obj else self.readonly_fields


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "short_message", "page_url", "language", "status"]
    list_filter = ["status", "language"]
    search_fields = ["message", "page_url", "name", "email"]
    readonly_fields = ["created_at", "message", "page_url", "name", "email", "language"]
    fields = ["created_at", "message", "page_url", "name", "email", "language", "status", "staff_note"]
    actions = ["mark_closed"]

    @admin.display(description=_("Nachricht"))
    def short_message(self, obj) -> str:
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"

    def has_add_permission(self, request):
        # Messages come from the public form only.
        return False

    @admin.action(description=_("Als erledigt markieren"), permissions=["change"])
    def mark_closed(self, request, queryset):
        count = queryset.update(status=FeedbackStatus.CLOSED)
        self.message_user(
            request,
            ngettext(
                "%(count)d Rückmeldung als erledigt markiert.",
                "%(count)d Rückmeldungen als erledigt markiert.",
                count,
            )
            % {"count": count},
        )
