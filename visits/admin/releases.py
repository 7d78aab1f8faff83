"""Programme releases in the admin: the page that releases a delegation's programme, and the versions with
their changelogs and the notices sent (who was told what, when, in which language)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.admin_queries import FewQueriesAdminMixin
from delegations.models import Delegation, Member

from .. import readiness, releases
from ..models import ProgrammeItem, ProgrammeRelease
from ..models.releases import UNDELIVERED_STATES
from .notices import RESEND_PERMISSION

CHANGE_LABELS = {
    releases.NEW: _("neu"),
    releases.DROPPED: _("entfällt"),
    releases.TIME: _("Zeit geändert"),
    releases.VENUE: _("Ort geändert"),
    releases.STATUS: _("Status geändert"),
}


class ReleaseForm(forms.Form):
    delegation = forms.ModelChoiceField(Delegation.objects.order_by("-arrival_date"), label=_("Delegation"))
    # The note per language: each member reads it in their own, or marked as German where it is missing.
    note = forms.CharField(
        label=_("Notiz (Deutsch)"),
        max_length=300,
        required=False,
        help_text=_("Steht in der Versionsliste und am Ende jeder Änderungsmitteilung."),
    )
    note_uk = forms.CharField(
        label=_("Notiz (Ukrainisch)"),
        max_length=300,
        required=False,
        help_text=_(
            "Fehlt sie, lesen ukrainische Mitteilungen die englische oder deutsche, als solche markiert."
        ),
    )
    note_en = forms.CharField(
        label=_("Notiz (Englisch)"),
        max_length=300,
        required=False,
        help_text=_("Fehlt sie, lesen englische Mitteilungen die deutsche, als solche markiert."),
    )
    accept = forms.BooleanField(
        label=_("Blockierende Befunde bewusst akzeptieren und trotzdem freigeben"), required=False
    )
    accept_reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Pflicht, wenn blockierende Befunde akzeptiert werden; steht bei der Version."),
    )
    # The keys of the blocking findings the planner saw, so that nothing found later is accepted unseen.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def check_acceptance(self, findings: list[readiness.Finding]) -> bool:
        """With blocking findings, require the tick and a reason; False (with the form's errors) otherwise."""
        if not readiness.blocking(findings):
            return True
        data = self.cleaned_data
        if not data.get("accept"):
            self.add_error(
                "accept",
                _(
                    "Es gibt blockierende Befunde. Beheben Sie sie, oder akzeptieren Sie sie bewusst mit "
                    "einer Begründung."
                ),
            )
        if not data.get("accept_reason", "").strip():
            self.add_error(
                "accept_reason", _("Bitte begründen Sie, warum trotz der Befunde freigegeben wird.")
            )
        return not self.errors

    @property
    def note_fields(self) -> list:
        return [self["note"], self["note_uk"], self["note_en"]]

    @property
    def seen_keys(self) -> list[str]:
        return [key for key in self.cleaned_data.get("seen", "").split() if key]


def changelog_rows(entries: list[dict], *, time_zone: str, working: bool = False) -> list[dict]:
    """The changelog for staff: what changed and for whom, with a constant number of queries."""
    lines = releases.describe_changes(entries, time_zone=time_zone, working=working)
    members = Member.objects.in_bulk({pk for entry in entries for pk in entry["members"]})
    return [
        {
            "change": CHANGE_LABELS.get(entry["change"], entry["change"]),
            "line": line,
            "members": [str(members[pk]) for pk in entry["members"] if pk in members],
        }
        for entry, line in zip(entries, lines, strict=True)
    ]


@admin.register(ProgrammeRelease)
class ProgrammeReleaseAdmin(FewQueriesAdminMixin, admin.ModelAdmin):
    list_display = [
        "delegation",
        "version",
        "released_at",
        "released_by",
        "note",
        "change_count",
        "notice_count",
        "accepted_with_findings",
    ]
    list_display_links = ["delegation", "version"]
    list_select_related = ["delegation", "released_by"]
    list_filter = ["delegation"]
    fields = ["delegation", "version", "released_at", "released_by", "note_de", "note_uk", "note_en"]
    readonly_fields = fields
    change_form_template = "admin/visits/programmerelease/change_form.html"
    change_list_template = "admin/visits/programmerelease/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("delegation", "released_by")
            .annotate(notice_count=Count("notifications"))
        )

    def has_add_permission(self, request):
        return False  # a release is made on the release page, from the working programme

    def has_change_permission(self, request, obj=None):
        return False  # a released version is a record: it is never edited

    def has_release_permission(self, request) -> bool:
        return request.user.has_perm("visits.release_programme")

    @admin.display(description=_("Änderungen"))
    def change_count(self, obj) -> int:
        return len(obj.changes)

    @admin.display(description=_("trotz Befunden freigegeben"), boolean=True)
    def accepted_with_findings(self, obj) -> bool:
        return bool(obj.accepted_findings)

    @admin.display(description=_("Mitteilungen"), ordering="notice_count")
    def notice_count(self, obj) -> int:
        return obj.notice_count

    def get_urls(self):
        return [
            path(
                "freigeben/",
                self.admin_site.admin_view(self.release_view),
                name="visits_programmerelease_release",
            ),
            path(
                "freigeben/bereitschaft/",
                self.admin_site.admin_view(self.readiness_view),
                name="visits_programmerelease_readiness",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_release": self.has_release_permission(request)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        release = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if release is not None:
            time_zone = release.delegation.time_zone
            rows = changelog_rows(release.changes, time_zone=time_zone)
            told_lines = dict(zip(map(_key, release.changes), rows, strict=True))
            extra_context["changelog"] = rows
            extra_context["notifications"] = [
                {
                    "notice": notification,
                    "member": notification.member
                    or _("%(name)s (Kontakt)") % {"name": notification.contact.full_name},
                    "language": translation.get_language_info(notification.language)["name_translated"],
                    "told": [
                        told_lines[_key(entry)]["line"]
                        for entry in notification.changes
                        if _key(entry) in told_lines
                    ],
                    "undelivered": notification.state in UNDELIVERED_STATES,
                }
                for notification in release.notifications.select_related("member", "contact")
            ]
            extra_context["undelivered_count"] = sum(
                row["undelivered"] for row in extra_context["notifications"]
            )
            extra_context["may_resend"] = request.user.has_perm(RESEND_PERMISSION)
        return super().change_view(request, object_id, form_url, extra_context)

    def release_view(self, request):
        """Pick a delegation, see what would change for whom and what the readiness check finds, add a note,
        release (POST, then redirect). Blocking findings need a tick and a reason."""
        if not self.has_release_permission(request):
            raise PermissionDenied
        data = (
            request.POST
            if request.method == "POST"
            else (request.GET if "delegation" in request.GET else None)
        )
        form = ReleaseForm(data)
        findings = None
        if request.method == "POST" and form.is_valid():
            delegation = form.cleaned_data["delegation"]
            findings = readiness.check(delegation)
            if form.check_acceptance(findings):
                try:
                    release = releases.release_programme(
                        delegation=delegation,
                        note=form.cleaned_data["note"],
                        note_uk=form.cleaned_data["note_uk"],
                        note_en=form.cleaned_data["note_en"],
                        released_by=request.user,
                        accept_reason=form.cleaned_data["accept_reason"],
                        accepted_keys=form.seen_keys,
                    )
                except releases.ReleaseBlocked as blocked:
                    findings = blocked.findings
                    form.add_error(
                        None,
                        _(
                            "Seit Sie die Befunde angesehen haben, sind neue blockierende Befunde "
                            "hinzugekommen. Bitte prüfen Sie sie."
                        ),
                    )
                else:
                    self.message_user(
                        request,
                        _(
                            "Version %(version)d freigegeben. Die Mitglieder, die es betrifft, werden "
                            "benachrichtigt."
                        )
                        % {"version": release.version},
                    )
                    return HttpResponseRedirect(
                        reverse("admin:visits_programmerelease_change", args=[release.pk])
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Programm freigeben"),
            "opts": self.opts,
            "form": form,
            "preview": None,
        }
        form.is_valid()  # a preview (GET) is cleaned here; a refused release keeps its errors
        delegation = getattr(form, "cleaned_data", {}).get("delegation")
        if delegation is not None:
            if findings is None:
                findings = readiness.check(delegation)
            previous = releases.latest_release(delegation)
            entries = releases.preview_changes(delegation=delegation)
            blocking = readiness.blocking(findings)
            context.update(
                delegation=delegation,
                previous=previous,
                preview=changelog_rows(entries, time_zone=delegation.time_zone, working=True),
                item_count=ProgrammeItem.objects.filter(
                    delegation=delegation, visibility__in=releases.GUEST_VISIBLE
                ).count(),
                blocking=blocking,
                warnings=readiness.warnings(findings),
                seen_keys=" ".join(finding.key for finding in blocking),
                readiness_url=_readiness_url(delegation),
            )
        return TemplateResponse(request, "admin/visits/programmerelease/release.html", context)

    def readiness_view(self, request):
        """What would reach guests wrongly if the delegation's programme were released now (GET only)."""
        if not self.has_release_permission(request):
            raise PermissionDenied
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        form = ReadinessForm(request.GET if "delegation" in request.GET else None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Bereit zur Freigabe?"),
            "opts": self.opts,
            "form": form,
            "delegation": None,
        }
        if form.is_valid():
            delegation = form.cleaned_data["delegation"]
            findings = readiness.check(delegation)
            context.update(
                title=_("Bereit zur Freigabe? %(delegation)s") % {"delegation": delegation},
                delegation=delegation,
                blocking=readiness.blocking(findings),
                warnings=readiness.warnings(findings),
                gaps_by_language=readiness.translation_gaps_by_language(findings),
                gap_count=sum(count for _language, count in readiness.translation_gaps_by_language(findings)),
                release_url=reverse("admin:visits_programmerelease_release") + f"?delegation={delegation.pk}",
            )
        return TemplateResponse(request, "admin/visits/programmerelease/readiness.html", context)


class ReadinessForm(forms.Form):
    delegation = forms.ModelChoiceField(Delegation.objects.order_by("-arrival_date"), label=_("Delegation"))


def _readiness_url(delegation) -> str:
    return reverse("admin:visits_programmerelease_readiness") + f"?delegation={delegation.pk}"


def _key(entry: dict) -> tuple:
    return (entry["item"], entry["copy"], entry["change"])
