"""Staff links in the admin: made on the delegation's page for its hosts, interpreters and drivers, shown
once; each contact's links listed with their last use, revoked there or in their own list."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import staff
from ..models import StaffAccess
from .guest import LinkStateFilter, PersonalLinkAdminMixin, new_links_page

MANAGE_STAFF_LINKS = "visits.add_staffaccess"


def make_staff_links_on_delegation_page(request, delegation, *, model_admin):
    """The delegation page's button: a new link for every host, interpreter and driver, shown once (POST)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (
        request.user.has_perm(MANAGE_STAFF_LINKS) and model_admin.has_change_permission(request, delegation)
    ):
        raise PermissionDenied
    back = reverse("admin:delegations_delegation_change", args=[delegation.pk])
    roles = staff.staff_roles(delegation)
    if not roles:
        model_admin.message_user(
            request,
            _(
                "Im freigegebenen Programm ist niemand als Gastgeber/in, Dolmetscher/in oder Fahrer/in "
                "eingeteilt."
            ),
            messages.WARNING,
        )
        return HttpResponseRedirect(back)
    links = {}
    for _role, contact in roles:
        if contact.pk not in links:
            links[contact.pk] = staff.issue_staff_access(
                delegation=delegation, contact=contact, created_by=request.user
            )
    rows = [
        {
            "holder": f"{contact.full_name} ({staff.ROLE_LABELS[role]})",
            "delegation": delegation,
            "email": contact.email,
            "url": staff.staff_link_url(links[contact.pk][1], request),
            "expires_at": links[contact.pk][0].expires_at,
        }
        for role, contact in roles
    ]
    title = _("Neue Dienstplan-Links: %(delegation)s") % {"delegation": delegation}
    return new_links_page(request, rows, title=title, opts=StaffAccess._meta, back=back)


@admin.register(StaffAccess)
class StaffAccessAdmin(PersonalLinkAdminMixin, admin.ModelAdmin):
    list_display = ["contact", "delegation", "state", "expires_at", "last_used_at", "created_by"]
    list_filter = [LinkStateFilter, "delegation"]
    list_select_related = ["delegation", "contact", "created_by"]
    search_fields = ["contact__first_name", "contact__last_name", "delegation__title", "delegation__slug"]
    fields = ["delegation", "contact", "state", "expires_at", "revoked_at", "last_used_at", "created_by"]
    readonly_fields = fields
    actions = ["revoke_links"]

    def has_add_permission(self, request) -> bool:
        return False  # made on the delegation's page, where the links are shown once
