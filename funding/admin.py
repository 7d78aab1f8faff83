"""Funding programmes, delegations' fundings with their budget, and costs in the admin.

The rule check shows on the funding's change page and after saving, as warnings: saving is always allowed.
Receipts are never linked to the storage: only `funding:receipt` serves them, to users who may see them.
"""

import datetime as dt

from django.contrib import admin, messages
from django.db.models import Value
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin
from delegations.models import Delegation

from .forms import CostAdminForm
from .models import BudgetLine, Cost, DelegationFunding, FundingProgramme
from .rules import check_funding
from .views import RECEIPT as RECEIPT_PERMISSIONS


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ["name", "funder", "max_people", "min_days", "max_days", "min_notice_days", "max_grant"]
    search_fields = ["name", "funder"]
    fieldsets = [
        (None, {"fields": ["name", "funder", "url", "description"]}),
        (
            _("Förderregeln"),
            {
                "fields": ["max_people", "min_days", "max_days", "min_notice_days", "max_grant"],
                "description": _("Leere Felder bedeuten: keine Regel."),
            },
        ),
    ]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["category", "planned_amount"]


@admin.register(DelegationFunding)
class DelegationFundingAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "delegation",
        "programme",
        "state",
        "applied_on",
        "amount_granted",
        "co_financing_percent",
    ]
    list_filter = ["state", "programme"]
    list_select_related = ["delegation", "programme"]
    search_fields = ["delegation__title_de", "delegation__slug", "reference", "programme__name"]
    autocomplete_fields = ["delegation"]
    inlines = [BudgetLineInline]
    readonly_fields = ["rule_check"]

    class Media:
        css = {"all": ["funding/admin.css"]}

    fieldsets = [
        (_("Prüfung der Förderregeln"), {"fields": ["rule_check"]}),
        (None, {"fields": ["delegation", "programme", "state", "applied_on", "reference"]}),
        (_("Bewilligung"), {"fields": ["amount_granted", "co_financing_percent", "note"]}),
    ]

    def get_queryset(self, request):
        # The rule check on the change form reads the trip and the programme's rules.
        return super().get_queryset(request).select_related("delegation", "programme")

    @admin.display(description=_("Hinweise"))
    def rule_check(self, obj):
        if obj is None or obj.pk is None:
            return _("Die Regeln werden nach dem Speichern geprüft.")
        warnings = check_funding(obj)
        page = format_html(
            '<a href="{}">{}</a>',
            reverse("funding:delegation", kwargs={"pk": obj.delegation_id}),
            _("Budget, Ausgaben und Verwendungsnachweis"),
        )
        if not warnings:
            return format_html("{} {}", _("Alle Regeln des Programms sind eingehalten."), page)
        items = format_html_join("", "<li>{}</li>", ((warning,) for warning in warnings))
        return format_html('<ul class="rule-warnings">{}</ul>{}', items, page)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Warn, never refuse: a funder may accept an exception, but staff should know before they apply.
        for warning in check_funding(form.instance):
            self.message_user(request, warning, messages.WARNING)


class DelegationFilter(admin.SimpleListFilter):
    title = _("Delegation")
    parameter_name = "delegation"

    def lookups(self, request, model_admin):
        return [
            (str(d.pk), str(d))
            for d in Delegation.objects.filter(funding__isnull=False).order_by("-arrival_date")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(line__funding__delegation_id=self.value())
        return queryset


class MonthFilter(admin.SimpleListFilter):
    title = _("Monat")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        return [
            (f"{month:%Y-%m}", formats.date_format(month, "YEAR_MONTH_FORMAT"))
            for month in Cost.objects.dates("spent_on", "month", order="DESC")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            month = dt.datetime.strptime(self.value(), "%Y-%m").date()
        except ValueError:
            return queryset.none()
        return queryset.filter(spent_on__year=month.year, spent_on__month=month.month)


@admin.register(Cost)
class CostAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    form = CostAdminForm
    list_display = [
        "spent_on",
        "description",
        "payee",
        "amount",
        "line_category",
        "delegation",
        "receipt_link",
    ]
    list_filter = [DelegationFilter, "line__category", MonthFilter]
    list_select_related = ["line__funding__delegation"]
    search_fields = ["description", "payee"]
    readonly_fields = ["receipt_link", "booked_by", "created_at"]

    def get_fields(self, request, obj=None):
        fields = ["line", "spent_on", "description", "payee", "amount", "receipt"]
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only users see whether a receipt exists, never the storage's file name.
            fields[-1] = "receipt_link"
        elif obj is not None:
            fields.append("receipt_link")
        if obj is not None:
            fields += ["booked_by", "created_at"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "line" in form.base_fields:
            field = form.base_fields["line"]
            field.queryset = field.queryset.select_related("funding__delegation")
            field.label_from_instance = lambda line: (
                f"{line.funding.delegation} – {line.get_category_display()}"
            )
        return form

    @admin.display(description=_("Budgetposten"), ordering="line__category")
    def line_category(self, obj):
        return obj.line.get_category_display()

    @admin.display(description=_("Delegation"), ordering="line__funding__delegation__arrival_date")
    def delegation(self, obj):
        return obj.line.funding.delegation

    def get_queryset(self, request):
        # Whether this user may download receipts travels with each row: the admin instance is shared.
        may_download = request.user.has_perms(RECEIPT_PERMISSIONS)
        return super().get_queryset(request).annotate(may_download_receipt=Value(may_download))

    @admin.display(description=_("Beleg"))
    def receipt_link(self, obj):
        if obj is None or not obj.receipt:
            return "–"
        if getattr(obj, "may_download_receipt", False):
            return format_html(
                '<a href="{}">{}</a>', reverse("funding:receipt", kwargs={"pk": obj.pk}), _("herunterladen")
            )
        return _("liegt vor")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.booked_by = request.user
        form._apply_receipt_name(obj)
        super().save_model(request, obj, form, change)
