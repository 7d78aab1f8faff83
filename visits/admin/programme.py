"""Venues, programme items and company appointments in the admin (the programme page is in views/staff.py)."""

import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.concurrency import VersionedAdminMixin, VersionedModelForm
from core.place_admin import CoordinatesAdminMixin
from delegations.admin_base import (
    VIEW_MEMBERS,
    HistoryAdmin,
    HistoryTranslationAdmin,
    StaffTranslationAdmin,
    texts_fieldsets,
)

from ..conflicts import Conflict, conflicts_for_item
from ..enums import AppointmentStatus, ItemStatus, VenueKind
from ..models import CompanyAppointment, ProgrammeItem, Venue
from .programme_import import ProgrammeImportAdminMixin


def local_datetime(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "D, d.m.Y, H:i")


class VenueKindFilter(admin.SimpleListFilter):
    """The kind of venue; hotels are not offered to those who may not see them."""

    title = _("Art")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        hide_hotels = not request.user.has_perm(VIEW_MEMBERS)
        return [
            (kind.value, kind.label) for kind in VenueKind if not (hide_hotels and kind == VenueKind.HOTEL)
        ]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Venue)
class VenueAdmin(CoordinatesAdminMixin, StaffTranslationAdmin):
    list_display = ["name", "kind", "city", "organisation", "has_coordinates"]
    list_filter = [VenueKindFilter, "city"]
    list_select_related = ["organisation"]
    search_fields = ["name_de", "name_uk", "name_en", "street", "city"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["kind", "organisation"]}),
        (
            _("Adresse"),
            {
                "fields": [
                    "street",
                    ("postcode", "city"),
                    "country",
                    ("latitude", "longitude"),
                    "map_link",
                    "phone",
                ]
            },
        ),
        *texts_fieldsets("name", "accessibility_notes"),
    ]

    def get_queryset(self, request):
        # Also what autocomplete offers, so a hotel never shows up for the press office.
        return super().get_queryset(request).for_staff(request.user)

    @admin.display(description=_("Koordinaten"), boolean=True)
    def has_coordinates(self, obj) -> bool:
        return obj.has_coordinates


class DayFilter(admin.SimpleListFilter):
    """The days that have items (of the chosen delegation, if one is chosen), in Berlin time."""

    title = _("Tag")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        items = ProgrammeItem.objects.for_staff(request.user)
        delegation = request.GET.get("delegation__id__exact", "")
        if delegation.isdigit():
            items = items.filter(delegation_id=delegation)
        days = (
            items.annotate(day=TruncDate("starts_at"))
            .order_by("day")
            .values_list("day", flat=True)
            .distinct()
        )
        return [(day.isoformat(), date_format(day, "D, j. N Y")) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            raise IncorrectLookupParameters(self.value()) from None
        start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
        return queryset.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))


class ProgrammeItemForm(VersionedModelForm):
    def clean(self):
        cleaned = super().clean()
        delegation = cleaned.get("delegation")
        participants = cleaned.get("participants")
        if delegation is not None and participants:
            strangers = [member.full_name for member in participants if member.delegation_id != delegation.pk]
            if strangers:
                self.add_error(
                    "participants",
                    _("Nicht in der Delegation dieses Programmpunkts: %(names)s.")
                    % {"names": ", ".join(strangers)},
                )
        return cleaned


def picks_an_appointments_item(request) -> bool:
    """The request is the autocomplete of a company appointment's programme item."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == "visits"
        and request.GET.get("model_name") == "companyappointment"
        and request.GET.get("field_name") == "programme_item"
    )


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(ProgrammeImportAdminMixin, VersionedAdminMixin, HistoryTranslationAdmin):
    form = ProgrammeItemForm
    list_display = [
        "starts",
        "ends",
        "title_display",
        "delegation",
        "kind",
        "venue",
        "participant_display",
        "status_display",
        "visibility",
    ]
    list_display_links = ["starts", "title_display"]
    list_filter = ["delegation", DayFilter, "kind", "status", "visibility", "press_access"]
    list_select_related = ["delegation", "venue"]
    search_fields = ["title_de", "title_uk", "title_en", "venue__name_de", "delegation__title_de"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["delegation", "venue", "participants", "hosts", "interpreter", "driver", "vehicle"]
    readonly_fields = ["sequence", "changed_at", "created_at"]
    fieldsets = [
        (_("Wann und wo"), {"fields": ["delegation", ("starts_at", "ends_at"), "kind", "venue"]}),
        (_("Status und Sichtbarkeit"), {"fields": ["status", "visibility", "press_access"]}),
        *texts_fieldsets("title", "description", "transport_note", "dress_code"),
        (_("Beteiligte"), {"fields": ["participants", "hosts", "interpreter", ("driver", "vehicle")]}),
        (_("Intern"), {"fields": ["internal_notes"]}),
        (_("Änderungsstand"), {"fields": ["sequence", "changed_at", "created_at"], "classes": ["collapse"]}),
    ]
    actions = ["confirm_items", "cancel_items"]
    restricted_fields = {VIEW_MEMBERS: ("participants", "participant_display", "internal_notes")}
    # The conflict check above the form reads the company appointment's state (`conflicts_for_item`).
    change_form_select_related = ("appointment",)

    def get_queryset(self, request):
        participants = (
            ProgrammeItem.participants.through.objects.filter(programmeitem=OuterRef("pk"))
            .order_by()
            .values("programmeitem")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .for_staff(request.user)
            .annotate(
                participant_count=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0))
            )
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if picks_an_appointments_item(request):
            # A company appointment's item comes from the appointment's own delegation, which the picker's
            # script sends along (static/admin/kleve/appointment-item-picker.js); none chosen, none offered.
            delegation = request.GET.get("delegation", "")
            queryset = queryset.filter(delegation_id=delegation) if delegation.isdigit() else queryset.none()
        return queryset, may_have_duplicates

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if "delegation__id__exact" in request.GET:
            # One delegation chosen: its title in every row says nothing and takes the room of the others.
            return [column for column in columns if column != "delegation"]
        return columns

    def item_conflicts(self, request, item: ProgrammeItem, **chosen) -> list[Conflict]:
        """The item's conflicts as this user may read them: without member data, none that names members."""
        conflicts = conflicts_for_item(item, **chosen)
        if request.user.has_perm(VIEW_MEMBERS):
            return conflicts
        return [conflict for conflict in conflicts if not conflict.members]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved, many-to-many included: warn about what clashes now (saving stays allowed).
        chosen = {
            field: form.cleaned_data[field]
            for field in ("participants", "hosts")
            if field in form.cleaned_data
        }
        for conflict in self.item_conflicts(request, form.instance, **chosen):
            messages.warning(request, conflict.message)

    def _back_to_programme(self, request, obj):
        """Opened from the delegation's programme page (`?from=programme`): back there after "Sichern"."""
        if request.GET.get("from") != "programme" or obj.delegation_id is None:
            return None
        url = reverse("admin:delegations_delegation_programme", args=[obj.delegation_id])
        return HttpResponseRedirect(f"{url}#item-{obj.pk}")

    def response_post_save_change(self, request, obj):
        return self._back_to_programme(request, obj) or super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        return self._back_to_programme(request, obj) or super().response_post_save_add(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if request.method == "GET":
            item = self.get_object(request, unquote(object_id))
            if item is not None:
                extra_context["item_conflicts"] = self.item_conflicts(request, item)
                extra_context["delay_url"] = self.delay_url(request, item)
        return super().change_view(request, object_id, form_url, extra_context)

    def delay_url(self, request, item: ProgrammeItem) -> str | None:
        """The on-the-day screen at this item, for a planner, when the item is today or on a day still to come
        of a visit under way (`visits.views.visit_day`); None otherwise."""
        from ..views.visit_day import PERMISSIONS, day_url, local_day

        if item.is_cancelled or not request.user.has_perms(PERMISSIONS):
            return None
        delegation = item.delegation
        today, day = local_day(timezone.now(), delegation), local_day(item.starts_at, delegation)
        under_way = delegation.arrival_date <= today <= delegation.departure_date
        if day == today or (under_way and today < day <= delegation.departure_date):
            return day_url(delegation, day, item)
        return None

    @admin.display(description=_("Beginn"), ordering="starts_at")
    def starts(self, obj) -> str:
        return local_datetime(obj.starts_at)

    @admin.display(description=_("Ende"), ordering="ends_at")
    def ends(self, obj) -> str:
        start, end = timezone.localtime(obj.starts_at), timezone.localtime(obj.ends_at)
        return date_format(end, "H:i") if start.date() == end.date() else local_datetime(obj.ends_at)

    @admin.display(description=_("Titel"), ordering="title")
    def title_display(self, obj) -> str:
        if obj.is_cancelled:
            return format_html("<del>{}</del>", obj.title)
        return obj.title

    @admin.display(description=_("Teilnehmende"), ordering="participant_count")
    def participant_display(self, obj) -> str:
        if not obj.participant_count:
            return _("ganze Delegation")
        return ngettext("%(count)d Person", "%(count)d Personen", obj.participant_count) % {
            "count": obj.participant_count
        }

    @admin.display(description=_("Status"), ordering="status")
    def status_display(self, obj) -> str:
        return format_html(
            '<span class="kleve-status kleve-status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    def _set_status(self, request, queryset, status: ItemStatus) -> None:
        changed = 0
        for item in queryset.exclude(status=status):
            item.status = status
            item._history_user = request.user
            item.save()  # a full save, so the change stamp guests and calendars see moves on
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Programmpunkt ist jetzt „%(status)s“.",
                "%(count)d Programmpunkte sind jetzt „%(status)s“.",
                changed,
            )
            % {"count": changed, "status": status.label},
        )

    @admin.action(description=_("Als bestätigt markieren"), permissions=["change"])
    def confirm_items(self, request, queryset):
        self._set_status(request, queryset, ItemStatus.CONFIRMED)

    @admin.action(description=_("Absagen"), permissions=["change"])
    def cancel_items(self, request, queryset):
        self._set_status(request, queryset, ItemStatus.CANCELLED)


@admin.register(CompanyAppointment)
class CompanyAppointmentAdmin(HistoryAdmin):
    list_display = [
        "company",
        "topic",
        "delegation",
        "status_display",
        "contact",
        "programme_item_link",
        "updated_at",
    ]
    list_filter = ["status", "delegation", "topic"]
    list_select_related = ["company", "topic", "delegation", "contact", "programme_item"]
    search_fields = [
        "company__name",
        "topic__name_de",
        "contact__first_name",
        "contact__last_name",
        "delegation__title_de",
    ]
    date_hierarchy = "delegation__arrival_date"
    autocomplete_fields = ["delegation", "company", "topic", "contact", "programme_item"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["delegation", "company", "topic", "contact", "status"]}),
        (_("Termin"), {"fields": ["proposed_slots", "programme_item"]}),
        (_("Vorbereitung"), {"fields": ["briefing_notes"]}),
        (_("Ergebnis und Nachbereitung"), {"fields": ["outcome", "follow_ups", "updated_at"]}),
    ]
    actions = ["mark_requested", "mark_declined"]

    class Media:
        # After Django's jQuery: the item picker sends the chosen delegation with each search.
        js = ["admin/js/jquery.init.js", "admin/kleve/appointment-item-picker.js"]

    @admin.display(description=_("Status"), ordering="status")
    def status_display(self, obj) -> str:
        return format_html(
            '<span class="kleve-status kleve-status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("Programmpunkt"), ordering="programme_item__starts_at")
    def programme_item_link(self, obj) -> str:
        if obj.programme_item is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:visits_programmeitem_change", args=[obj.programme_item_id]),
            local_datetime(obj.programme_item.starts_at),
        )

    @admin.action(description=_("Als angefragt markieren"), permissions=["change"])
    def mark_requested(self, request, queryset):
        changed = 0
        for appointment in queryset.filter(status=AppointmentStatus.TO_ASK):
            appointment.status = AppointmentStatus.REQUESTED
            appointment.save()
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Termin als angefragt markiert.",
                "%(count)d Termine als angefragt markiert.",
                changed,
            )
            % {"count": changed},
        )

    @admin.action(description=_("Als abgesagt markieren"), permissions=["change"])
    def mark_declined(self, request, queryset):
        # A declined appointment has no programme item (a database rule): those with one are left alone.
        with_item = queryset.filter(programme_item__isnull=False).count()
        changed = 0
        for appointment in queryset.filter(programme_item__isnull=True).exclude(
            status=AppointmentStatus.DECLINED
        ):
            appointment.status = AppointmentStatus.DECLINED
            appointment.save()
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Termin als abgesagt markiert.", "%(count)d Termine als abgesagt markiert.", changed
            )
            % {"count": changed},
        )
        if with_item:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Termin steht schon im Programm: erst den Programmpunkt lösen oder absagen.",
                    "%(count)d Termine stehen schon im Programm: erst die Programmpunkte lösen oder absagen.",
                    with_item,
                )
                % {"count": with_item},
                level="warning",
            )
