"""The delivery record in the admin: every notice of every release, what reached whom, and sending again.

Staff read it per release (the release's page lists its notices), per member (the member's page links the list
filtered to them) and per delegation (its page shows a red count of notices that did not arrive). Sending
again is a POST to one URL, for one notice or for every undelivered notice of a release.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_queries import FewQueriesAdminMixin

from .. import notices
from ..models import ProgrammeRelease, ReleaseNotification
from ..models.releases import NoticeState

RESEND_PERMISSION = "visits.release_programme"


class DeliveryFilter(admin.SimpleListFilter):
    title = _("Zustellung")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("undelivered", _("nicht angekommen (fehlgeschlagen oder aufgegeben)")),
            ("pending", _("unterwegs (wartet oder neuer Versuch geplant)")),
            ("sent", _("gesendet")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "undelivered":
                return queryset.undelivered()
            case "pending":
                return queryset.pending()
            case "sent":
                return queryset.filter(state=NoticeState.SENT)
        return queryset


@admin.register(ReleaseNotification)
class ReleaseNotificationAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "recipient",
        "delegation",
        "version",
        "channel",
        "state_badge",
        "attempts",
        "queued_at",
        "sent_at",
        "next_attempt",
        "error_summary",
    ]
    list_select_related = ["member", "contact", "release__delegation"]
    list_filter = [DeliveryFilter, "state", "channel", "release__delegation"]
    search_fields = [
        "member__first_name",
        "member__last_name",
        "member__last_name_original",
        "contact__first_name",
        "contact__last_name",
    ]
    fields = [
        "release",
        "member",
        "contact",
        "channel",
        "language",
        "state",
        "attempts",
        "queued_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["resend_selected"]
    date_hierarchy = "queued_at"

    def lookup_allowed(self, lookup, value, request=None):
        # The release's page and the member's page link to this list filtered to them.
        allowed = {"release__id__exact", "member__id__exact", "contact__id__exact"}
        return lookup in allowed or super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False  # notices are made by a release

    def has_change_permission(self, request, obj=None):
        return False  # a delivery record is a record: only the worker writes it

    def has_delete_permission(self, request, obj=None):
        return False  # it goes with its release (or is anonymised with its member), never on its own

    @admin.display(description=_("an"), ordering="member__last_name")
    def recipient(self, obj) -> str:
        if obj.contact_id is not None:
            return _("%(name)s (Kontakt)") % {"name": obj.contact.full_name}
        return str(obj.member)

    @admin.display(description=_("Delegation"), ordering="release__delegation__title")
    def delegation(self, obj) -> str:
        return str(obj.release.delegation)

    @admin.display(description=_("Version"), ordering="release__version")
    def version(self, obj) -> int:
        return obj.release.version

    @admin.display(description=_("Zustand"), ordering="state")
    def state_badge(self, obj):
        return format_html(
            '<span class="kleve-notice kleve-notice--{}">{}</span>', obj.state, obj.get_state_display()
        )

    @admin.display(description=_("nächster Versuch"), ordering="next_attempt_at")
    def next_attempt(self, obj):
        return obj.next_attempt_at if obj.state in notices.PENDING else "–"

    @admin.display(description=_("letzter Fehler"))
    def error_summary(self, obj) -> str:
        return (obj.last_error[:117] + "…") if len(obj.last_error) > 120 else (obj.last_error or "–")

    @admin.action(description=_("Ausgewählte Mitteilungen erneut senden"))
    def resend_selected(self, request, queryset):
        if not request.user.has_perm(RESEND_PERMISSION):
            self.message_user(request, _("Sie dürfen keine Mitteilungen senden."), messages.ERROR)
            return None
        self._report(request, notices.resend(queryset))
        return None

    def get_urls(self):
        return [
            path(
                "erneut-senden/",
                self.admin_site.admin_view(self.resend_view),
                name="visits_releasenotification_resend",
            ),
            *super().get_urls(),
        ]

    def resend_view(self, request):
        """POST `notice` (one notice) or `release` (every undelivered notice of it); back to `next`."""
        if not request.user.has_perm(RESEND_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if "notice" in request.POST:
            notice = get_object_or_404(ReleaseNotification, pk=_number(request.POST["notice"]))
            selected, release = ReleaseNotification.objects.filter(pk=notice.pk), notice.release
        else:
            release = get_object_or_404(ProgrammeRelease, pk=_number(request.POST.get("release")))
            selected = release.notifications.undelivered()
        self._report(request, notices.resend(selected))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:visits_programmerelease_change", args=[release.pk])
        return HttpResponseRedirect(target)

    def _report(self, request, count: int) -> None:
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Mitteilung wird erneut gesendet.",
                    "%(count)d Mitteilungen werden erneut gesendet.",
                    count,
                )
                % {"count": count},
            )
        else:
            self.message_user(request, _("Keine Mitteilung zum erneuten Senden."), messages.WARNING)


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0  # no row has it: get_object_or_404 answers 404
