"""Partnerships, organisations, contacts, delegations and members in the admin.

The delegation's and member's pages are complete here without the programme; `visits.admin.delegation` extends
them with it (programme page, downloads, documents, guest links) and registers the extended classes instead.
"""

import zoneinfo

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.concurrency import VersionedAdminMixin, VersionedModelForm
from core.queries import count_per_row

from .admin_base import (
    VIEW_CONTACT_DETAILS,
    VIEW_MEMBERS,
    VIEW_SPECIAL_CATEGORIES,
    HistoryTranslationAdmin,
    StaffTranslationAdmin,
    constraint_message,
    texts_fieldsets,
)
from .admin_import_export import StaffImportExportMixin
from .enums import DelegationStatus
from .models import Contact, Delegation, Member, Organisation, Partnership, Topic
from .resources import ContactResource, MemberResource, MemberWithNeedsResource, OrganisationResource

admin.site.site_header = _("Kreis Kleve – Partnerschaften")
admin.site.site_title = _("Partnerschaften Kreis Kleve")
admin.site.index_title = _("Delegationsbesuche planen")


@admin.register(Topic)
class TopicAdmin(StaffTranslationAdmin):
    list_display = ["name", "description"]
    search_fields = ["name_de", "name_uk", "name_en"]
    fieldsets = texts_fieldsets("name", "description")


@admin.register(Partnership)
class PartnershipAdmin(StaffTranslationAdmin):
    list_display = [
        "name",
        "partner_region",
        "partner_country",
        "kind",
        "council_resolution_on",
        "signed_on",
        "signing_mode",
        "delegation_count",
    ]
    list_filter = ["kind", "signing_mode", "partner_country"]
    search_fields = ["name_de", "name_uk", "name_en", "partner_region"]
    autocomplete_fields = ["topics"]
    fieldsets = [
        (_("Partner"), {"fields": ["partner_region", "partner_country", "kind"]}),
        (_("Vereinbarung"), {"fields": ["council_resolution_on", ("signed_on", "signing_mode")]}),
        (_("Förderung"), {"fields": ["funding_programme", "funder"]}),
        (_("Themen"), {"fields": ["topics"]}),
        *texts_fieldsets("name", "focus_areas", "description"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(delegation_count=Count("delegations"))

    @admin.display(description=_("Delegationen"), ordering="delegation_count")
    def delegation_count(self, obj) -> int:
        return obj.delegation_count


@admin.register(Organisation)
class OrganisationAdmin(StaffImportExportMixin, StaffTranslationAdmin):
    resource_classes = [OrganisationResource]
    export_permissions = (VIEW_CONTACT_DETAILS,)
    list_display = ["name", "kind", "city", "country", "website", "has_coordinates"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["topics"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "website", "topics"]}),
        (_("Adresse"), {"fields": ["street", ("postcode", "city"), "country", ("latitude", "longitude")]}),
        *texts_fieldsets("profile"),
    ]

    @admin.display(description=_("Koordinaten"), boolean=True)
    def has_coordinates(self, obj) -> bool:
        return obj.has_coordinates


@admin.register(Contact)
class ContactAdmin(StaffImportExportMixin, StaffTranslationAdmin):
    resource_classes = [ContactResource]
    export_permissions = (VIEW_CONTACT_DETAILS,)
    list_display = ["last_name", "first_name", "role", "function", "organisation", "phone", "email"]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["role", "is_public_figure"]
    list_select_related = ["organisation"]
    search_fields = ["first_name", "last_name", "organisation__name", "email", "phone"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("first_name", "last_name"),
                    "role",
                    "organisation",
                    "languages",
                    "is_public_figure",
                ]
            },
        ),
        (_("Erreichbarkeit"), {"fields": ["phone", "email"]}),
        (_("Dolmetschen"), {"fields": ["interpreting_languages", "interpreting_mode"]}),
        *texts_fieldsets("function"),
    ]
    restricted_fields = {VIEW_CONTACT_DETAILS: ("phone", "email")}


class MemberInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Each form checks the rule against the database alone; two new heads in one submission need this.
        heads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_head") and not form.cleaned_data.get("DELETE", False)
        ]
        if len(heads) > 1:
            raise ValidationError(constraint_message(Member, "member_one_head_per_delegation"))


class MemberInline(admin.TabularInline):
    """The members in a compact table; travel, hotel and needs are edited on the member's own page."""

    model = Member
    formset = MemberInlineFormSet
    form = VersionedModelForm  # an edited row is refused, with what changed, if the member was saved since
    fields = [
        "first_name",
        "last_name",
        "first_name_original",
        "last_name_original",
        "preferred_language",
        "needs_interpreter",
        "is_head",
        "seen_version",
    ]
    extra = 0
    show_change_link = True

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        return [field for field in fields if field != "seen_version"]  # read-only rows carry no version


# Up to this many members the delegation's page edits them in its table; a larger delegation's page lists
# them compactly, each linked to its own page, with links to the member list and the add form: a table of
# hundreds of rows is slow to render and to send, and beyond Django's limit of fields in one submission.
MEMBERS_EDITED_ON_THE_PAGE_UP_TO = 30


class DelegationForm(forms.ModelForm):
    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"]
        if name not in zoneinfo.available_timezones():
            raise ValidationError(
                _("Unbekannte Zeitzone: bitte z. B. Europe/Berlin oder Europe/Kyiv angeben.")
            )
        return name


@admin.register(Delegation)
class DelegationAdmin(HistoryTranslationAdmin):
    form = DelegationForm
    list_display = [
        "title",
        "partnership",
        "arrival_date",
        "departure_date",
        "status",
        "is_public",
        "member_count",
    ]
    list_filter = ["status", "direction", "is_public", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["title_de", "title_uk", "title_en", "slug", "partnership__name_de"]
    date_hierarchy = "arrival_date"
    autocomplete_fields = ["partnership", "home_organisation", "host_contact"]
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        *texts_fieldsets("title", "summary"),
        (
            _("Reise"),
            {
                "fields": [
                    "partnership",
                    "direction",
                    "slug",
                    "status",
                    ("arrival_date", "departure_date"),
                    "time_zone",
                ]
            },
        ),
        (_("Zuständig"), {"fields": ["home_organisation", "lead", "host_contact"]}),
        (_("Öffentlichkeit"), {"fields": ["is_public", "withhold_public_details"]}),
        (_("Stand"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [MemberInline]
    actions = ["mark_confirmed", "mark_completed"]
    restricted_fields = {VIEW_MEMBERS: ("member_count",)}

    def get_queryset(self, request):
        members = count_per_row(Member.objects.all(), link="delegation")
        return super().get_queryset(request).annotate(member_count=members)

    def edits_members_on_the_page(self, request, obj) -> bool:
        """Whether the members' table is on the page; a submission is read as the page it came from was."""
        if request.method == "POST":
            return "members-TOTAL_FORMS" in request.POST  # the table's formset was on that page
        return obj is None or obj.member_count <= MEMBERS_EDITED_ON_THE_PAGE_UP_TO

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if self.edits_members_on_the_page(request, obj):
            return inlines
        return [inline for inline in inlines if inline is not MemberInline]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if (
            obj is not None
            and request.user.has_perm(VIEW_MEMBERS)
            and not self.edits_members_on_the_page(request, obj)
        ):
            context["member_list"] = obj.members.only(
                "first_name",
                "last_name",
                "first_name_original",
                "last_name_original",
                "is_head",
                "delegation_id",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead":
            # Planners may not browse user accounts, so no autocomplete: a short list of active staff.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Mitglieder"), ordering="member_count")
    def member_count(self, obj) -> int:
        return obj.member_count

    def _set_status(self, request, queryset, status: DelegationStatus) -> None:
        changed = 0
        for delegation in queryset.exclude(status=status):
            delegation.status = status
            delegation._history_user = request.user
            delegation.save(update_fields=["status", "updated_at"])
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Delegation hat jetzt den Status „%(status)s“.",
                "%(count)d Delegationen haben jetzt den Status „%(status)s“.",
                changed,
            )
            % {"count": changed, "status": status.label},
        )

    @admin.action(description=_("Als bestätigt markieren"), permissions=["change"])
    def mark_confirmed(self, request, queryset):
        self._set_status(request, queryset, DelegationStatus.CONFIRMED)

    @admin.action(description=_("Als abgeschlossen markieren"), permissions=["change"])
    def mark_completed(self, request, queryset):
        self._set_status(request, queryset, DelegationStatus.COMPLETED)


@admin.register(Member)
class MemberAdmin(VersionedAdminMixin, StaffImportExportMixin, HistoryTranslationAdmin):
    resource_classes = [MemberResource]
    special_resource_class = MemberWithNeedsResource
    list_display = [
        "last_name",
        "first_name",
        "original_name",
        "delegation",
        "is_head",
        "preferred_language",
        "needs_interpreter",
        "hotel",
        "room",
        "photo_consent",
        "needs_summary",
    ]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["delegation", "is_head", "preferred_language", "needs_interpreter", "photo_consent"]
    list_select_related = ["delegation", "hotel"]
    search_fields = ["first_name", "last_name", "first_name_original", "last_name_original", "email"]
    autocomplete_fields = ["delegation", "organisation", "hotel"]
    readonly_fields = ["is_anonymised", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Person"),
            {
                "fields": [
                    "delegation",
                    ("first_name", "last_name"),
                    ("first_name_original", "last_name_original"),
                    "organisation",
                    "is_head",
                    "is_public_figure",
                ]
            },
        ),
        (_("Sprache"), {"fields": ["preferred_language", "languages_spoken", "needs_interpreter"]}),
        (_("Erreichbarkeit"), {"fields": ["email", "phone", "notify_by", "messenger"]}),
        (
            _("Reise"),
            {
                "fields": [
                    ("arrival_at", "arrival_mode", "arrival_reference"),
                    ("departure_at", "departure_mode", "departure_reference"),
                ]
            },
        ),
        (_("Unterkunft"), {"fields": ["hotel", "room"]}),
        (
            _("Ernährung und Barrierefreiheit"),
            {
                "fields": ["dietary_needs", "accessibility_needs"],
                "description": _(
                    "Besondere Kategorien personenbezogener Daten (Art. 9 DSGVO): "
                    "nur für die Planung des Besuchs."
                ),
            },
        ),
        (_("Einwilligungen"), {"fields": ["photo_consent"]}),
        *texts_fieldsets("function"),
        (_("Stand"), {"fields": ["is_anonymised", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    restricted_fields = {VIEW_SPECIAL_CATEGORIES: ("dietary_needs", "accessibility_needs", "needs_summary")}

    @admin.display(description=_("Name (Originalschrift)"), ordering="last_name_original")
    def original_name(self, obj) -> str:
        return obj.original_name

    @admin.display(description=_("Ernährung / Barrierefreiheit"))
    def needs_summary(self, obj) -> str:
        return " · ".join(need for need in (obj.dietary_needs, obj.accessibility_needs) if need) or "–"
