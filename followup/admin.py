"""Outcomes, commitments and actions in the admin; the follow-up pages themselves are in views.py."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin
from delegations.models import Delegation

from .models import Action, Outcome


class OutcomeDelegationFilter(admin.SimpleListFilter):
    """By delegation, whether the record is kept on a programme item or on a company appointment."""

    title = _("Delegation")
    parameter_name = "delegation"

    def lookups(self, request, model_admin):
        return [
            (str(delegation.pk), delegation.title) for delegation in Delegation.objects.only("pk", "title")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(programme_item__delegation_id=self.value()) | Q(appointment__delegation_id=self.value())
            )
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("Fälligkeit")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("überfällig")), ("no", _("nicht überfällig"))]

    def queryset(self, request, queryset):
        overdue = queryset.model.objects.overdue(timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue.values("pk"))
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class BackToFollowupMixin:
    """After "save" on an add form opened from a delegation's follow-up page, go back to that page."""

    RETURN_PARAMETER = "return_to"

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        wants_page = request.GET.get(self.RETURN_PARAMETER) == "followup"
        if wants_page and not {"_continue", "_addanother", "_popup"} & set(request.POST):
            return HttpResponseRedirect(reverse("followup:delegation", kwargs={"pk": obj.delegation_id}))
        return response


@admin.register(Outcome)
class OutcomeAdmin(FewQueriesAdminMixin, BackToFollowupMixin, admin.ModelAdmin):
    list_display = ["text_short", "kind", "committed_by", "programme_item", "appointment", "created_at"]
    list_filter = ["kind", "committed_by", OutcomeDelegationFilter]
    list_select_related = ["programme_item", "appointment__company", "appointment__topic"]
    search_fields = ["text", "programme_item__title_de", "appointment__company__name"]
    autocomplete_fields = ["programme_item", "appointment", "member", "contact", "organisation"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (
            _("Wo"),
            {
                "fields": ["programme_item", "appointment"],
                "description": _("Genau eines von beiden: den Programmpunkt oder den Unternehmenstermin."),
            },
        ),
        (None, {"fields": ["kind", "text", "committed_by"]}),
        (_("Beteiligte"), {"fields": ["member", "contact", "organisation", "created_at"]}),
    ]

    @admin.display(description=_("Text"), ordering="text")
    def text_short(self, obj) -> str:
        return str(obj).split(": ", 1)[-1]


@admin.register(Action)
class ActionAdmin(FewQueriesAdminMixin, BackToFollowupMixin, admin.ModelAdmin):
    list_display = ["title", "delegation", "owner_display", "due_display", "state"]
    list_filter = ["state", ("owner", admin.RelatedOnlyFieldListFilter), OverdueFilter, "delegation"]
    list_select_related = ["delegation", "owner"]
    search_fields = ["title", "description", "external_owner", "delegation__title_de"]
    autocomplete_fields = ["delegation", "follows_from"]
    date_hierarchy = "due_on"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["delegation", "follows_from", "title", "description"]}),
        (_("Zuständigkeit"), {"fields": ["owner", "external_owner", "due_on", "state"]}),
        (_("Änderungsstand"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            # Owners are staff; a plain choice, since planners may not browse the user admin's autocomplete.
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("zuständig"), ordering="owner__username")
    def owner_display(self, obj) -> str:
        return obj.owner_display or "–"

    @admin.display(description=_("fällig am"), ordering="due_on")
    def due_display(self, obj) -> str:
        if obj.due_on is None:
            return "–"
        if obj.is_overdue():
            return format_html(
                '<span class="followup-overdue">{} ({})</span>',
                date_format(obj.due_on, "SHORT_DATE_FORMAT"),
                _("überfällig"),
            )
        return date_format(obj.due_on, "SHORT_DATE_FORMAT")
