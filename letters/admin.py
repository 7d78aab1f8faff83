"""Admin of the letterhead (one row: the change form opens directly) and of the issued letters.

Letters are issued on a delegation's letters page (reference numbers are given out there, in order); here they
can be read, their purpose texts changed, and the PDF and check page opened. Reference and code never change.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin

from .models import InvitationLetter, Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    fieldsets = (
        (_("Absender"), {"fields": ("county_name", "authority", "address", "logo")}),
        (_("Kontakt"), {"fields": ("phone", "email", "website")}),
        (_("Unterschrift"), {"fields": ("signatory_name", "signatory_title")}),
        (_("Fußzeile und Aktenzeichen"), {"fields": ("footer", "reference_prefix")}),
    )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not Letterhead.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_model_perms(self, request):
        # The sidebar and the index offer no "add" link: the letterhead's link opens the form that creates it
        # when there is none. Asking would cost every admin page a look for the letterhead.
        return {
            "add": False,
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
            "view": self.has_view_permission(request),
        }

    def changelist_view(self, request, extra_context=None):
        """There is only one letterhead: go straight to its form (or to the form that creates it)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if Letterhead.objects.exists():
            return HttpResponseRedirect(
                reverse("admin:letters_letterhead_change", args=[Letterhead.SINGLETON_ID])
            )
        if self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:letters_letterhead_add"))
        return super().changelist_view(request, extra_context)


class ValidityFilter(admin.SimpleListFilter):
    title = _("Gültigkeit")
    parameter_name = "gueltig"

    def lookups(self, request, model_admin):
        return [("ja", _("gültig")), ("nein", _("abgelaufen"))]

    def queryset(self, request, queryset):
        valid = InvitationLetter.objects.valid(timezone.now()).values("pk")
        if self.value() == "ja":
            return queryset.filter(pk__in=valid)
        if self.value() == "nein":
            return queryset.exclude(pk__in=valid)
        return queryset


@admin.register(InvitationLetter)
class InvitationLetterAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "member", "delegation", "issued_at", "valid_until_display", "issued_by")
    list_select_related = ("member__delegation", "issued_by")
    list_filter = (ValidityFilter, "year")
    search_fields = ("reference", "member__first_name", "member__last_name", "member__last_name_original")
    readonly_fields = (
        "reference",
        "member",
        "delegation",
        "issued_at",
        "issued_by",
        "valid_until_display",
        "code",
        "links",
    )
    fields = (*readonly_fields, "purpose_de", "purpose_translated")

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("Delegation"), ordering="member__delegation__arrival_date")
    def delegation(self, letter: InvitationLetter):
        return letter.member.delegation

    @admin.display(description=_("gültig bis"), ordering="issued_at")
    def valid_until_display(self, letter: InvitationLetter):
        return timezone.localtime(letter.valid_until).date()

    @admin.display(description=_("Dokumente"))
    def links(self, letter: InvitationLetter):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}" rel="noreferrer">{}</a>',
            reverse(
                "letters:member-pdf",
                kwargs={"pk": letter.member.delegation_id, "member_pk": letter.member_id},
            ),
            _("Schreiben als PDF"),
            letter.get_check_path(),
            _("Prüfseite"),
        )
