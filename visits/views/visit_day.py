"""The planners' on-the-day screen, made for a phone: today's items of a visit under way, a delay marked on
one of them, its preview (what moves, what stays, what clashes, who is told), applying it, undoing the last.

`visits.delays` does the work; these views ask and answer. Every view needs a staff login
(`admin.site.admin_view`, in `visits/urls/visit_day.py`) and the permissions to change programme items and to
release the programme, as applying a delay releases it. The previews are GETs and change nothing; applying and
undoing are POSTs that redirect to the day. The form of a preview carries its plan's fingerprint: when the
programme changed in between, nothing is applied and the new preview is shown.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from delegations.admin_base import VIEW_MEMBERS
from delegations.enums import DelegationStatus
from delegations.models import Delegation

from .. import delays
from ..copying import source_time_zone
from ..enums import ItemStatus
from ..forms import DelayForm, VisitDayForm
from ..models import DelayRecord, ProgrammeItem

PERMISSIONS = ("visits.change_programmeitem", "visits.release_programme")
# The quick buttons of "running late": the minutes a planner reports most.
QUICK_MINUTES = (10, 15, 25, 30)
NOW, NEXT, OVER, CANCELLED = "now", "next", "over", "cancelled"


def _may_move_items(request) -> None:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied


def day_url(delegation: Delegation, day: dt.date, item: ProgrammeItem | None = None) -> str:
    """The screen's address for a visit's day (and an item on it)."""
    url = f"{reverse('visit_day:day')}?{urlencode({'delegation': delegation.pk, 'date': day.isoformat()})}"
    return f"{url}#item-{item.pk}" if item is not None else url


def local_day(moment: dt.datetime, delegation: Delegation) -> dt.date:
    return moment.astimezone(source_time_zone(delegation)).date()


def visits_under_way(now: dt.datetime) -> list[Delegation]:
    """The visits whose days include today, today counted in each visit's own time zone."""
    around = timezone.localdate(now)
    candidates = (
        Delegation.objects.exclude(status=DelegationStatus.CANCELLED)
        .filter(
            arrival_date__lte=around + dt.timedelta(days=1), departure_date__gte=around - dt.timedelta(days=1)
        )
        .order_by("arrival_date", "pk")
    )
    return [d for d in candidates if d.arrival_date <= local_day(now, d) <= d.departure_date]


def _last_delay(delegation: Delegation) -> list[DelayRecord]:
    """The records of the delegation's last applied delay that is not undone (what undo would restore)."""
    last = (
        DelayRecord.objects.filter(delegation=delegation, undone_at=None)
        .order_by("-applied_at", "-pk")
        .first()
    )
    if last is None:
        return []
    return list(
        DelayRecord.objects.filter(batch=last.batch)
        .select_related("item", "applied_by")
        .order_by("old_starts_at")
    )


@dataclass
class DayEntry:
    item: ProgrammeItem
    state: str  # now, next, over, cancelled, or "" for later
    moved_by: int | None  # the minutes of the last delay, when it moved the item


def day_entries(
    items: list[ProgrammeItem], *, now: dt.datetime, moved: dict[int, int], is_today: bool
) -> list[DayEntry]:
    """Each item with its state; "next" is the first one not begun, and only today."""
    entries, next_marked = [], not is_today
    for item in items:
        if item.status == ItemStatus.CANCELLED:
            state = CANCELLED
        elif item.ends_at <= now:
            state = OVER
        elif item.starts_at <= now:
            state = NOW
        elif not next_marked:
            state, next_marked = NEXT, True
        else:
            state = ""
        entries.append(DayEntry(item=item, state=state, moved_by=moved.get(item.pk)))
    return entries


def _page(request, template: str, context: dict, *, status: int = 200) -> TemplateResponse:
    context = {
        "quick_minutes": QUICK_MINUTES,
        "may_see_members": request.user.has_perm(VIEW_MEMBERS),
        **context,
    }
    return TemplateResponse(request, f"visit_day/{template}", context, status=status)


@require_safe
def day_page(request) -> TemplateResponse:
    """A visit's day in order, each item with its state and the delay forms; the chooser when it is unclear
    which visit (none or several under way today, or a bad choice)."""
    _may_move_items(request)
    now = timezone.now()
    form = VisitDayForm(request.GET)
    if not form.is_valid():
        return _page(request, "day.html", {"form": form, "under_way": visits_under_way(now)}, status=400)
    delegation = form.cleaned_data["delegation"]
    if delegation is None:
        under_way = visits_under_way(now)
        if len(under_way) != 1:
            return _page(request, "day.html", {"form": form, "under_way": under_way})
        delegation = under_way[0]
    zone = source_time_zone(delegation)
    today = local_day(now, delegation)
    day = form.cleaned_data["date"] or today
    starts = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    ends = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    items = list(
        ProgrammeItem.objects.for_staff(request.user)
        .filter(delegation=delegation, starts_at__gte=starts, starts_at__lt=ends)
        .select_related("venue")
        .in_order()
    )
    last = _last_delay(delegation)
    moved = {record.item_id: record.minutes for record in last}
    delayed = next((record for record in last if record.delayed_item), last[0] if last else None)
    context = {
        "form": form,
        "delegation": delegation,
        "day": day,
        "is_today": day == today,
        "time_zone": zone.key,
        "now": now,
        "entries": day_entries(items, now=now, moved=moved, is_today=day == today),
        "last_delay": delayed,
        "last_delay_count": len(last),
        "previous_url": day_url(delegation, day - dt.timedelta(days=1)),
        "next_url": day_url(delegation, day + dt.timedelta(days=1)),
        "today_url": day_url(delegation, today),
    }
    return _page(request, "day.html", context)


def _check_day(item: ProgrammeItem, day: dt.date) -> None:
    """Refuse a delay of an item that is not on the day the screen showed: a form from another day."""
    item_day = local_day(item.starts_at, item.delegation)
    if item_day != day:
        raise delays.DelayError(
            _("„%(title)s“ liegt nicht auf dem gewählten Tag, sondern am %(day)s.")
            % {"title": item.title, "day": date_format(item_day, "SHORT_DATE_FORMAT")}
        )


@require_http_methods(["GET", "HEAD", "POST"])
def delay_page(request, item_pk: int) -> TemplateResponse | HttpResponseRedirect:
    """GET: the preview of a delay of one item. POST: apply the previewed delay (its fingerprint must still
    hold), release, and back to the day with a message."""
    _may_move_items(request)
    item = get_object_or_404(
        ProgrammeItem.objects.for_staff(request.user).select_related("delegation", "venue"), pk=item_pk
    )
    form = DelayForm(request.POST if request.method == "POST" else request.GET)
    day = local_day(item.starts_at, item.delegation)
    context = {
        "item": item,
        "delegation": item.delegation,
        "form": form,
        "day": day,
        "back_url": day_url(item.delegation, day, item),
    }
    if not form.is_valid():
        return _page(request, "delay.html", context, status=400)
    minutes = form.cleaned_data["signed_minutes"]
    status, error = 200, None
    try:
        _check_day(item, form.cleaned_data["date"])
        if request.method == "POST":
            if not form.cleaned_data["fingerprint"]:
                raise delays.PlanChanged(_("Bitte bestätigen Sie die Verschiebung in der Vorschau."))
            plan, release = delays.apply_delay(
                item=item, minutes=minutes, applied_by=request.user, expected=form.cleaned_data["fingerprint"]
            )
            _applied_message(request, plan, release)
            return HttpResponseRedirect(day_url(item.delegation, day, item))
    except delays.PlanChanged as changed:
        status, error = 409, " ".join(changed.messages)
    except delays.DelayError as refused:
        context["error"] = " ".join(refused.messages)
        return _page(request, "delay.html", context, status=400)
    try:
        plan = delays.plan_delay(item, minutes)
    except delays.DelayError as refused:
        context["error"] = " ".join(refused.messages)
        return _page(request, "delay.html", context, status=400)
    conflicts = plan.conflicts
    if not request.user.has_perm(VIEW_MEMBERS):
        conflicts = [conflict for conflict in conflicts if not conflict.members]
    told = delays.told_of(plan)
    context.update(
        error=error,
        plan=plan,
        minutes=minutes,
        abs_minutes=abs(minutes),
        conflicts=conflicts,
        told=told,
        told_count=len(told.members) + len(told.contacts),
        fingerprint=plan.fingerprint(),
        time_zone=source_time_zone(item.delegation).key,
    )
    return _page(request, "delay.html", context, status=status)


def _applied_message(request, plan: delays.DelayPlan, release) -> None:
    count, notices = len(plan.moves), release.notifications.count()
    moved = ngettext(
        "%(count)d Programmpunkt um %(minutes)d Minuten verschoben.",
        "%(count)d Programmpunkte um %(minutes)d Minuten verschoben.",
        count,
    ) % {"count": count, "minutes": plan.minutes}
    messages.success(request, f"{moved} {_released(release.version, notices)}")


def _released(version: int, notices: int) -> str:
    return ngettext(
        "Version %(version)d freigegeben, %(count)d Mitteilung vorgemerkt.",
        "Version %(version)d freigegeben, %(count)d Mitteilungen vorgemerkt.",
        notices,
    ) % {"version": version, "count": notices}


@require_http_methods(["GET", "HEAD", "POST"])
def undo_page(request, pk: int) -> TemplateResponse | HttpResponseRedirect:
    """GET: what undoing the visit's last delay would restore. POST: undo it (the one previewed), release,
    and back to the day with a message; a refusal is a message too."""
    _may_move_items(request)
    delegation = get_object_or_404(Delegation, pk=pk)
    now = timezone.now()
    records = _last_delay(delegation)
    delayed = next((record for record in records if record.delayed_item), records[0] if records else None)
    back = day_url(delegation, local_day(delayed.old_starts_at if delayed else now, delegation))
    if request.method == "POST":
        if delayed is None or request.POST.get("batch") != str(delayed.batch):
            messages.error(
                request,
                _("Die angezeigte Verschiebung ist nicht mehr die letzte; es wurde nichts zurückgenommen."),
            )
            return HttpResponseRedirect(back)
        try:
            restored, release = delays.undo_last_delay(item=delayed.item, undone_by=request.user)
        except delays.DelayError as refused:
            messages.error(request, " ".join(refused.messages))
            return HttpResponseRedirect(back)
        count = len(restored)
        text = ngettext(
            "Verschiebung zurückgenommen: %(count)d Programmpunkt hat wieder seine alte Zeit.",
            "Verschiebung zurückgenommen: %(count)d Programmpunkte haben wieder ihre alten Zeiten.",
            count,
        ) % {"count": count}
        messages.success(request, f"{text} {_released(release.version, release.notifications.count())}")
        return HttpResponseRedirect(back)
    context = {
        "delegation": delegation,
        "records": records,
        "delayed": delayed,
        "back_url": back,
        "time_zone": source_time_zone(delegation).key,
    }
    return _page(request, "undo.html", context)
