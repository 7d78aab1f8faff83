"""The log of erasures in the admin: read-only, since it is evidence that a duty was done."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin

from .models import Erasure


@admin.register(Erasure)
class ErasureAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "erased_at",
        "member_link",
        "delegation",
        "reason",
        "erased_by",
        "history_rows_anonymised",
    ]
    list_filter = ["reason", "delegation"]
    list_select_related = ["member", "delegation", "erased_by"]
    date_hierarchy = "erased_at"

    @admin.display(description=_("Delegationsmitglied"), ordering="member")
    def member_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegations_member_change", args=[obj.member_id]),
            obj.member,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
