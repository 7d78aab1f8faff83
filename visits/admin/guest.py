"""Guest links in the admin: make, show once, revoke, re-make and email members' and delegations' links.

The lists below are added to MemberAdmin and DelegationAdmin (delegations/admin.py), so the guest-link actions
and inlines live here, beside the GuestAccess admin. Only a hash of each token is stored: a link can be shown
only on the page right after it was made, and re-making (or emailing) a link revokes the previous one.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_queries import FewQueriesAdminMixin

from .. import services
from ..models import GuestAccess

MANAGE_LINKS = "visits.add_guestaccess"


def _may_manage_links(modeladmin, request) -> bool:
    if request.user.has_perm(MANAGE_LINKS):
        return True
    modeladmin.message_user(request, _("Sie dürfen keine Gastlinks erzeugen."), messages.ERROR)
    return False


def _holder(access: GuestAccess) -> str:
    return access.member.full_name if access.member_id else str(_("ganze Delegation"))


def show_new_links(
    request, links: list[tuple[GuestAccess, str]], *, title, back: str | None = None
) -> TemplateResponse:
    """The only page that ever shows the raw guest links: right after making them, never cached."""
    rows = [
        {
            "holder": _holder(access),
            "delegation": access.delegation,
            "email": access.member.email if access.member_id else "",
            "url": services.guest_link_url(token, request),
            "expires_at": access.expires_at,
        }
        for access, token in links
    ]
    return new_links_page(
        request, rows, title=title, opts=GuestAccess._meta, back=back or request.get_full_path()
    )


def new_links_page(request, rows: list[dict], *, title, opts, back: str) -> TemplateResponse:
    """The page of links just made, guests' or staff's (holder, delegation, email, url, expires_at per row):
    never cached, and its address sent to no one."""
    context = {**admin.site.each_context(request), "title": title, "rows": rows, "opts": opts, "back": back}
    response = TemplateResponse(request, "guest/admin_new_links.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# Actions for the member list


@admin.action(
    description=_("Gastlinks erzeugen und anzeigen (alte Links werden ungültig)"), permissions=["change"]
)
def make_member_links(modeladmin, request, queryset):
    if not _may_manage_links(modeladmin, request):
        return None
    links = [
        services.issue_guest_access(delegation=member.delegation, member=member, created_by=request.user)
        for member in queryset.select_related("delegation")
    ]
    return show_new_links(request, links, title=_("Neue Gastlinks"))


@admin.action(
    description=_("Gastlinks per E-Mail senden (alte Links werden ungültig)"), permissions=["change"]
)
def email_member_links(modeladmin, request, queryset):
    if not _may_manage_links(modeladmin, request):
        return
    sent, skipped = services.send_guest_links(
        members=queryset.select_related("delegation"), created_by=request.user, request=request
    )
    if sent:
        modeladmin.message_user(
            request,
            ngettext(
                "Ein neuer Gastlink wurde per E-Mail verschickt.",
                "%(count)d neue Gastlinks wurden per E-Mail verschickt, jeder in der Sprache des Mitglieds.",
                len(sent),
            )
            % {"count": len(sent)},
            messages.SUCCESS,
        )
    if skipped:
        modeladmin.message_user(
            request,
            _("Ohne E-Mail-Adresse, daher nicht verschickt: %(names)s")
            % {"names": ", ".join(member.full_name for member in skipped)},
            messages.WARNING,
        )


MEMBER_ACTIONS = [make_member_links, email_member_links]


# Actions for the delegation list


@admin.action(
    description=_("Gastlink für die ganze Delegation erzeugen und anzeigen"), permissions=["change"]
)
def make_delegation_link(modeladmin, request, queryset):
    if not _may_manage_links(modeladmin, request):
        return None
    links = [
        services.issue_guest_access(delegation=delegation, created_by=request.user) for delegation in queryset
    ]
    return show_new_links(request, links, title=_("Neue Gastlinks für ganze Delegationen"))


@admin.action(description=_("Gastlinks für alle Mitglieder erzeugen und anzeigen"), permissions=["change"])
def make_links_for_all_members(modeladmin, request, queryset):
    if not _may_manage_links(modeladmin, request):
        return None
    links = []
    for delegation in queryset:
        for member in delegation.members.active().select_related("delegation"):
            links.append(
                services.issue_guest_access(delegation=delegation, member=member, created_by=request.user)
            )
    return show_new_links(request, links, title=_("Neue Gastlinks"))


DELEGATION_ACTIONS = [make_delegation_link, make_links_for_all_members]


def make_links_on_delegation_page(request, delegation, *, model_admin):
    """The delegation page's button: new links for every active member, shown once (POST only)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (request.user.has_perm(MANAGE_LINKS) and model_admin.has_change_permission(request, delegation)):
        raise PermissionDenied
    links = [
        services.issue_guest_access(delegation=delegation, member=member, created_by=request.user)
        for member in delegation.members.active().select_related("delegation")
    ]
    if not links:
        model_admin.message_user(request, _("Die Delegation hat keine Mitglieder: kein Gastlink erzeugt."))
        return HttpResponseRedirect(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    return show_new_links(
        request,
        links,
        title=_("Neue Gastlinks: %(delegation)s") % {"delegation": delegation},
        back=reverse("admin:delegations_delegation_change", args=[delegation.pk]),
    )


# Inlines: the links of a member or of a delegation, read-only, with their last use


class LinkStateMixin:
    """A guest's or a staff link's state as a column: valid, expired or revoked."""

    @admin.display(description=_("Zustand"))
    def state(self, obj) -> str:
        return link_state(obj)


class PersonalLinkAdminMixin(LinkStateMixin):
    """The state column and the action that revokes links, for the admins of guest and staff links."""

    @admin.action(description=_("Ausgewählte Links widerrufen"), permissions=["change"])
    def revoke_links(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("Ein Link wurde widerrufen.", "%(count)d Links wurden widerrufen.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class GuestAccessInline(LinkStateMixin, admin.TabularInline):
    model = GuestAccess
    fk_name = "member"
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("Gastlink")
    verbose_name_plural = _("Gastlinks (anlegen über die Aktionen der Liste)")
    fields = ["state", "expires_at", "last_used_at", "last_seen_at", "created_at", "created_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        # The row's name (`__str__`) names the member or the delegation: read with the row, not once per row.
        return super().get_queryset(request).select_related("created_by", "member", "delegation")


class DelegationGuestAccessInline(GuestAccessInline):
    fk_name = "delegation"
    verbose_name_plural = _("Gastlinks für die ganze Delegation (anlegen über die Aktionen der Liste)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(member__isnull=True)


MEMBER_INLINES = [GuestAccessInline]
DELEGATION_INLINES = [DelegationGuestAccessInline]


def link_state(access: GuestAccess, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if access.revoked_at is not None:
        return str(_("widerrufen"))
    if access.expires_at <= now:
        return str(_("abgelaufen"))
    return str(_("gültig"))


class GuestAccessAddForm(forms.ModelForm):
    class Meta:
        model = GuestAccess
        fields = ["delegation", "member", "expires_at"]

    def clean(self):
        cleaned = super().clean()
        delegation, member = cleaned.get("delegation"), cleaned.get("member")
        if delegation and member and member.delegation_id != delegation.pk:
            self.add_error("member", _("Dieses Mitglied gehört zu einer anderen Delegation."))
        return cleaned


class LinkStateFilter(admin.SimpleListFilter):
    title = _("Zustand")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("valid", _("gültig")), ("expired", _("abgelaufen")), ("revoked", _("widerrufen"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "valid":
            return queryset.valid(now)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(GuestAccess)
class GuestAccessAdmin(PersonalLinkAdminMixin, FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "holder",
        "delegation",
        "state",
        "expires_at",
        "last_used_at",
        "last_seen_at",
        "created_by",
    ]
    list_filter = [LinkStateFilter, "delegation"]
    list_select_related = ["delegation", "member", "created_by"]
    search_fields = ["member__first_name", "member__last_name", "delegation__title", "delegation__slug"]
    date_hierarchy = "created_at"
    actions = ["revoke_links", "remake_links"]
    readonly_fields = ["state", "revoked_at", "last_used_at", "last_seen_at", "created_by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["delegation", "member", "expires_at"]
        return ["delegation", "member", "state", "expires_at", *self.readonly_fields[1:]]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["delegation", "member", *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = GuestAccessAddForm
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            expires = form.base_fields["expires_at"]
            expires.required = False
            expires.help_text = _("Leer lassen: 14 Tage nach der Abreise der Delegation.")
            form.base_fields["member"].help_text = _(
                "Leer: ein Link für die ganze Delegation. Ein neuer Link macht den bisherigen ungültig."
            )
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            from delegations.models import Member

            kwargs["queryset"] = Member.objects.active().select_related("delegation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        access, token = services.issue_guest_access(
            delegation=obj.delegation, member=obj.member, expires_at=obj.expires_at, created_by=request.user
        )
        # The admin logs and redirects with `obj`: make it the stored link.
        obj.__dict__.update({k: v for k, v in access.__dict__.items() if k != "_state"})
        obj._state.adding, obj._state.db = False, access._state.db
        request._new_guest_links = [(access, token)]

    def response_add(self, request, obj, post_url_continue=None):
        links = getattr(request, "_new_guest_links", None)
        if links:
            return show_new_links(request, links, title=_("Neuer Gastlink"))
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("für"), ordering="member__last_name")
    def holder(self, obj) -> str:
        return _holder(obj)

    @admin.action(
        description=_("Neu erzeugen und anzeigen (der alte Link wird ungültig)"), permissions=["add"]
    )
    def remake_links(self, request, queryset):
        # One new link per holder, however many of their old links were selected.
        holders = {(a.delegation_id, a.member_id): a for a in queryset.select_related("delegation", "member")}
        links = [
            services.issue_guest_access(
                delegation=access.delegation, member=access.member, created_by=request.user
            )
            for access in holders.values()
        ]
        return show_new_links(request, links, title=_("Neue Gastlinks"))
