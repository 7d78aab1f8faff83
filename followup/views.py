"""Staff pages of the follow-up: open actions across visits, one delegation's follow-up, the visit report.

`followup/urls.py` wraps every view in `admin.site.admin_view` (staff login); each view checks its own
permissions: viewing needs the view permissions of outcomes and actions, changing a state needs change_action.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from delegations.models import Delegation
from visits.models import CompanyAppointment, ProgrammeItem

from .forms import ActionStateForm
from .models import Action, Outcome
from .report import REPORT_LANGUAGES, visit_report_pdf

VIEW_FOLLOWUP = ("followup.view_outcome", "followup.view_action")
# The report lists the members by name, which needs the right to see members.
VIEW_REPORT = (*VIEW_FOLLOWUP, "delegations.view_member")


def _require(request, permissions) -> None:
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def _admin_context(request, title: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": title, **extra}


def _actions_with_relations():
    return Action.objects.select_related("delegation", "owner", "follows_from")


@require_GET
def open_actions(request) -> TemplateResponse:
    """Every unfinished action of every delegation, the earliest due first; `?mine=1` for one's own."""
    _require(request, ("followup.view_action",))
    mine = request.GET.get("mine") == "1"
    actions = _actions_with_relations().unfinished()
    if mine:
        actions = actions.filter(owner=request.user)
    today = timezone.localdate()
    rows = [{"action": action, "overdue": action.is_overdue(today)} for action in actions]
    context = _admin_context(
        request,
        _("Offene Aufgaben aller Besuche"),
        rows=rows,
        mine=mine,
        overdue_count=sum(row["overdue"] for row in rows),
        may_change=request.user.has_perm("followup.change_action"),
        states=ActionStateForm.base_fields["state"].choices,
        opts=Action._meta,
    )
    return TemplateResponse(request, "followup/open_actions.html", context)


@require_POST
def change_action_state(request, pk: int) -> HttpResponse:
    """Set an action's state from the lists, then go back where the form was."""
    _require(request, ("followup.change_action",))
    action = get_object_or_404(Action, pk=pk)
    form = ActionStateForm(request.POST)
    fallback = reverse("followup:open-actions")
    if not form.is_valid():
        messages.error(request, _("Diesen Stand gibt es nicht; die Aufgabe bleibt unverändert."))
        return redirect(fallback)
    action.state = form.cleaned_data["state"]
    action.save(update_fields=["state", "updated_at"])
    messages.success(
        request,
        _("„%(title)s“ ist jetzt: %(state)s.") % {"title": action.title, "state": action.get_state_display()},
    )
    target = form.cleaned_data["next"]
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _outcomes_prefetch() -> Prefetch:
    return Prefetch(
        "outcomes",
        queryset=Outcome.objects.select_related("member", "contact", "organisation").prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner"))
        ),
    )


@require_GET
def delegation_followup(request, pk: int) -> TemplateResponse:
    """One delegation's programme as held and its company appointments, each with its records and actions."""
    _require(request, VIEW_FOLLOWUP)
    delegation = get_object_or_404(Delegation, pk=pk)
    items = (
        ProgrammeItem.objects.filter(delegation=delegation)
        .not_cancelled()
        .select_related("venue")
        .prefetch_related(_outcomes_prefetch())
        .in_order()
    )
    appointments = (
        CompanyAppointment.objects.filter(delegation=delegation)
        .select_related("company", "topic", "programme_item")
        .prefetch_related(_outcomes_prefetch())
        .order_by("company__name", "pk")
    )
    today = timezone.localdate()
    open_rows = [
        {"action": action, "overdue": action.is_overdue(today)}
        for action in _actions_with_relations().filter(delegation=delegation).unfinished()
    ]
    user = request.user
    context = _admin_context(
        request,
        _("Nachbereitung"),
        subtitle=str(delegation),
        delegation=delegation,
        items=items,
        appointments=appointments,
        open_rows=open_rows,
        may_add_outcome=user.has_perm("followup.add_outcome"),
        may_change_outcome=user.has_perm("followup.change_outcome"),
        may_add_action=user.has_perm("followup.add_action"),
        may_change=user.has_perm("followup.change_action"),
        may_read_report=user.has_perms(VIEW_REPORT),
        report_languages=[("de", _("Deutsch")), ("uk", _("Ukrainisch")), ("en", _("Englisch"))],
        states=ActionStateForm.base_fields["state"].choices,
        opts=Delegation._meta,
    )
    return TemplateResponse(request, "followup/delegation.html", context)


@require_GET
def visit_report(request, pk: int) -> HttpResponse:
    """The visit report as PDF, in German or, with ``?lang=uk`` or ``?lang=en``, in the partners' language."""
    language = request.GET.get("lang", "de")
    if language not in REPORT_LANGUAGES:
        return HttpResponseBadRequest(
            _("Den Besuchsbericht gibt es nur auf Deutsch (de), Ukrainisch (uk) und Englisch (en).")
        )
    _require(request, VIEW_REPORT)
    delegation = get_object_or_404(Delegation.objects.select_related("partnership"), pk=pk)
    content = visit_report_pdf(delegation, language=language)
    filename = f"besuchsbericht-{delegation.slug}-{language}.pdf"
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )
