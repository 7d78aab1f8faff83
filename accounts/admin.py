"""Admin of the two-factor requirement per group."""

from django.contrib import admin

from accounts.models import TwoFactorRequirement


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(admin.ModelAdmin):
    list_display = ["group", "required"]
    list_editable = ["required"]
    list_select_related = ["group"]
