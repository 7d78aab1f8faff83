"""The protocol app in the admin: precedence, seating plans with their tables and seats, speeches, gifts."""

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.admin_queries import FewQueriesAdminMixin, FewQueriesInlineMixin

from .models import Gift, PrecedenceEntry, Seat, SeatingPlan, Speech, Table


@admin.register(PrecedenceEntry)
class PrecedenceEntryAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ["position", "person_name", "side", "protocol_title", "delegation"]
    list_display_links = ["person_name"]
    list_filter = ["delegation"]
    list_select_related = ["delegation", "member", "contact"]
    search_fields = [
        "member__last_name",
        "member__last_name_original",
        "contact__last_name",
        "protocol_title",
    ]
    autocomplete_fields = ["delegation", "member", "contact"]
    fields = ["delegation", "position", "member", "contact", "protocol_title", "remark"]

    @admin.display(description=_("Person"))
    def person_name(self, obj) -> str:
        return str(obj.person)

    @admin.display(description=pgettext_lazy("protocol side", "Seite"))
    def side(self, obj) -> str:
        return obj.side


class TableInline(admin.TabularInline):
    model = Table
    extra = 0
    fields = ["number", "name", "shape", "seats"]


class SeatFormSet(BaseInlineFormSet):
    """Refuses the same guest or host twice among the seats sent together, which the database would refuse
    only on saving (its rule has a condition, which formsets do not check across forms)."""

    def clean(self):
        super().clean()
        seen: set[tuple[str, int]] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            for field, message in (
                ("member", _("Dieser Gast hat in der Sitzordnung schon einen Platz.")),
                ("contact", _("Diese/r Gastgeber/in hat in der Sitzordnung schon einen Platz.")),
            ):
                person = form.cleaned_data.get(field)
                if person is None:
                    continue
                if (field, person.pk) in seen:
                    form.add_error(field, message)
                seen.add((field, person.pk))


class SeatInline(FewQueriesInlineMixin, admin.TabularInline):
    """The seats of every table of the plan; the table is chosen among the plan's own (saved) tables, so
    a new plan gets its tables saved first."""

    model = Seat
    formset = SeatFormSet
    fk_name = "plan"
    extra = 0
    fields = ["table", "number", "member", "contact", "name"]
    autocomplete_fields = ["member", "contact"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("table", "member", "contact")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "table":
            plan_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Table.objects.filter(plan_id=plan_id) if plan_id else Table.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The plan's tables, read once for every seat's choice rather than once per seat.
        table = formset.form.base_fields["table"]
        table.choices = [(getattr(value, "value", value), label) for value, label in table.choices]
        return formset


@admin.register(SeatingPlan)
class SeatingPlanAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ["programme_item", "delegation", "table_count", "seat_count", "printable"]
    list_filter = ["programme_item__delegation"]
    autocomplete_fields = ["programme_item"]
    inlines = [TableInline, SeatInline]
    search_fields = ["programme_item__title_de"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("programme_item", "programme_item__delegation")
            .annotate(table_count=Count("tables", distinct=True), seat_count=Count("seats", distinct=True))
        )

    @admin.display(description=_("Delegation"))
    def delegation(self, obj):
        return obj.programme_item.delegation

    @admin.display(description=_("Tische"), ordering="table_count")
    def table_count(self, obj) -> int:
        return obj.table_count

    @admin.display(description=_("besetzte Plätze"), ordering="seat_count")
    def seat_count(self, obj) -> int:
        return obj.seat_count

    @admin.display(description=_("Druckansicht"))
    def printable(self, obj) -> str:
        url = reverse("protocol:running-order", kwargs={"item_pk": obj.programme_item_id})
        return format_html('<a href="{}">{}</a>', url, _("Ablauf und Sitzordnung"))


@admin.register(Speech)
class SpeechAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "programme_item",
        "position",
        "speaker",
        "language",
        "interpreter",
        "planned_minutes",
        "topic",
    ]
    list_display_links = ["speaker"]
    list_filter = ["programme_item__delegation", "language"]
    list_select_related = ["programme_item", "member", "contact", "interpreter"]
    autocomplete_fields = ["programme_item", "member", "contact"]
    fields = [
        "programme_item",
        "position",
        "member",
        "contact",
        "name",
        "language",
        "interpreter",
        "planned_minutes",
        "topic",
    ]
    ordering = ["programme_item__starts_at", "position"]

    @admin.display(description=_("Redner/in"))
    def speaker(self, obj) -> str:
        return str(obj.person)


@admin.register(Gift)
class GiftAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "date",
        "direction",
        "description",
        "giver",
        "recipient",
        "value_eur",
        "kept_at",
        "delegation",
    ]
    list_display_links = ["description"]
    list_filter = ["direction", "delegation", "date"]
    list_select_related = ["delegation"]
    search_fields = ["description", "giver", "recipient", "kept_at"]
    date_hierarchy = "date"
    autocomplete_fields = [
        "delegation",
        "giver_member",
        "giver_contact",
        "recipient_member",
        "recipient_contact",
        "occasion",
    ]
    fieldsets = [
        (None, {"fields": ["delegation", "direction", "description", "date", "occasion", "value_eur"]}),
        (_("Schenkende/r"), {"fields": ["giver", ("giver_member", "giver_contact")]}),
        (_("Empfänger/in"), {"fields": ["recipient", ("recipient_member", "recipient_contact")]}),
        (_("Verbleib"), {"fields": ["kept_at", "remark"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        """The list with the count and value of the gifts it shows, per direction (filters applied)."""
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:  # not on a redirect after an action
            context["gift_totals"] = context["cl"].queryset.order_by().totals()
        return response
