"""The delegation's and the member's admin pages with what the visit adds to them.

`delegations.admin` knows nothing of the programme. Here its `DelegationAdmin` and `MemberAdmin` are
extended, as a project extends Django's `UserAdmin`, and registered in their place: the programme column and
count, the programme page with its copy and downloads, the documents link, and the guest links' actions and
inlines. URL names stay those of the delegation's admin (`admin:delegations_delegation_programme`, …).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.queries import count_per_row
from delegations import admin as delegations_admin
from delegations.models import Delegation, Member

from ..models import ProgrammeItem
from .guest import (
    DELEGATION_ACTIONS,
    DELEGATION_INLINES,
    MANAGE_LINKS,
    MEMBER_ACTIONS,
    MEMBER_INLINES,
    make_links_on_delegation_page,
)
from .staff_links import MANAGE_STAFF_LINKS, make_staff_links_on_delegation_page

admin.site.unregister(Delegation)
admin.site.unregister(Member)


@admin.register(Delegation)
class DelegationAdmin(delegations_admin.DelegationAdmin):
    list_display = [*delegations_admin.DelegationAdmin.list_display, "item_count", "programme_link"]
    inlines = [*delegations_admin.DelegationAdmin.inlines, *DELEGATION_INLINES]
    actions = [*delegations_admin.DelegationAdmin.actions, *DELEGATION_ACTIONS]

    def get_queryset(self, request):
        items = ProgrammeItem.objects.for_staff(request.user)
        return super().get_queryset(request).annotate(item_count=count_per_row(items, link="delegation"))

    @admin.display(description=_("Programmpunkte"), ordering="item_count")
    def item_count(self, obj) -> int:
        return obj.item_count

    @admin.display(description=_("Programm"))
    def programme_link(self, obj) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegations_delegation_programme", args=[obj.pk]),
            _("Programm ansehen"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/programme/",
                self.admin_site.admin_view(self.programme_view),
                name="delegations_delegation_programme",
            ),
            path(
                "<path:object_id>/copy-programme/",
                self.admin_site.admin_view(self.copy_programme_view),
                name="delegations_delegation_copy_programme",
            ),
            path(
                "<path:object_id>/guest-links/",
                self.admin_site.admin_view(self.guest_links_view),
                name="delegations_delegation_guest_links",
            ),
            path(
                "<path:object_id>/staff-links/",
                self.admin_site.admin_view(self.staff_links_view),
                name="delegations_delegation_staff_links",
            ),
            path(
                "<path:object_id>/programme.<str:fmt>",
                self.admin_site.admin_view(self.programme_export_view),
                name="delegations_delegation_programme_export",
            ),
            *super().get_urls(),
        ]

    def programme_view(self, request, object_id) -> TemplateResponse:
        from visits.views.staff import delegation_programme

        return delegation_programme(request, object_id, model_admin=self)

    def copy_programme_view(self, request, object_id):
        from visits.views.copy import copy_programme_view

        return copy_programme_view(request, object_id, model_admin=self)

    def guest_links_view(self, request, object_id):
        delegation = self.get_object(request, unquote(object_id))
        if delegation is None:
            raise Http404(_("Diese Delegation gibt es nicht."))
        return make_links_on_delegation_page(request, delegation, model_admin=self)

    def staff_links_view(self, request, object_id):
        delegation = self.get_object(request, unquote(object_id))
        if delegation is None:
            raise Http404(_("Diese Delegation gibt es nicht."))
        return make_staff_links_on_delegation_page(request, delegation, model_admin=self)

    def programme_export_view(self, request, object_id, fmt):
        from visits.views.programme_export import programme_download

        return programme_download(request, object_id, fmt=fmt, model_admin=self)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from visits.views.documents import BRIEFING_BOOK_PERMISSIONS, LIST_KINDS

        extra_context = dict(extra_context or {})
        user = request.user
        # The documents page (briefing book and lists) opens for whoever may read one of its documents.
        if object_id.isdigit() and (
            user.has_perms(BRIEFING_BOOK_PERMISSIONS)
            or any(user.has_perms(kind.permissions) for kind in LIST_KINDS.values())
        ):
            extra_context["documents_url"] = reverse("documents:index", kwargs={"pk": object_id})
        extra_context["may_make_guest_links"] = request.user.has_perm(
            MANAGE_LINKS
        ) and self.has_change_permission(request)
        extra_context["may_make_staff_links"] = request.user.has_perm(
            MANAGE_STAFF_LINKS
        ) and self.has_change_permission(request)
        if request.user.has_perm("visits.view_programmeitem"):
            extra_context["programme_item_count"] = (
                ProgrammeItem.objects.for_staff(request.user).filter(delegation_id=object_id).count()
                if object_id.isdigit()
                else 0
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Member)
class MemberAdmin(delegations_admin.MemberAdmin):
    actions = [*delegations_admin.MemberAdmin.actions, *MEMBER_ACTIONS]
    inlines = [*delegations_admin.MemberAdmin.inlines, *MEMBER_INLINES]
