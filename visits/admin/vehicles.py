"""Vehicles in the admin: what programme items book besides venues and people (offered by autocomplete)."""

from django.contrib import admin

from ..models import Vehicle


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["name", "registration", "seats"]
    search_fields = ["name", "registration"]
    fieldsets = [(None, {"fields": ["name", "registration", "seats", "notes"]})]
