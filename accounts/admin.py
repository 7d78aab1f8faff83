"""Admin of the two-factor requirement per group."""

from django.contrib import admin

from accounts.models import TwoFactorRequirement
from core.admin_queries import FewQueriesAdminMixin


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ["group", "required"]
    list_editable = ["required"]
    list_select_related = ["group"]
