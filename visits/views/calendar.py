"""The planners' calendar in the admin: every visit's items by month, week or day, for all or one resource,
and a private `.ics` per resource for staff (`visits.calendar` reads them; these views only answer).

Both need a staff login (`admin.site.admin_view`, in `visits/urls/calendar.py`) and the permission to see
programme items; what each user sees of the items is `ProgrammeItem.objects.for_staff`.
"""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core.links import absolute_url

from ..calendar import (
    VIEW_MEMBERS,
    CalendarForm,
    CalendarView,
    Period,
    Resource,
    calendar_items,
    find_resource,
    read_calendar,
)
from ..enums import VenueKind
from ..exports.ics import build_calendar
from ..models import ProgrammeItem

VIEW_ITEMS = "visits.view_programmeitem"


def _may_see_items(request) -> None:
    if not request.user.has_perm(VIEW_ITEMS):
        raise PermissionDenied


def calendar_url(day: dt.date, view: str, resource: Resource | None) -> str:
    """The calendar's address for a date and view, keeping the chosen resource."""
    query = {"date": day.isoformat(), "view": view}
    if resource is not None:
        query["resource"] = resource.key
    return f"{reverse('calendar:index')}?{urlencode(query)}"


def calendar_page(request) -> TemplateResponse:
    """The month's grid, or the week's or day's agenda, with the chooser, the way on and the conflicts."""
    _may_see_items(request)
    today = timezone.localdate()
    # What is not asked for is the default, and the form shows it; what is asked for wrongly stays as typed.
    data = {"date": today.isoformat(), "view": CalendarView.MONTH, **request.GET.dict()}
    form = CalendarForm(data, user=request.user)
    view = form.choice("view", CalendarView.MONTH)
    period = Period(view, form.choice("date", today))
    resource = form.choice("resource", None)
    days, with_conflicts = read_calendar(period, user=request.user, resource=resource)

    def link(day, to_view=view):
        return calendar_url(day, to_view, resource) if day is not None else None

    for day in days:
        day.url = link(day.date, CalendarView.DAY)
    context = {
        **admin.site.each_context(request),
        "is_nav_sidebar_enabled": False,  # the grid needs the whole width
        "title": _("Kalender aller Besuche"),
        "subtitle": resource.label if resource else None,
        "form": form,
        "period": period,
        "view": view,
        "resource": resource,
        "days": days,
        "weeks": [days[start : start + 7] for start in range(0, len(days), 7)],
        "weekdays": [(WEEKDAYS[number], WEEKDAYS_ABBR[number]) for number in range(7)],
        "item_count": len({item.pk for day in days if day.in_period for item in day.items}),
        "with_conflicts": with_conflicts,
        "show_conflicts": request.user.has_perm(VIEW_MEMBERS),
        "previous_url": link(period.previous),
        "next_url": link(period.next),
        "today_url": link(today),
        "view_links": [(choice, label, link(period.date, choice)) for choice, label in CalendarView.choices],
        "all_visits_url": calendar_url(period.date, view, None) if resource else None,
        "ics_url": f"{reverse('calendar:resource-ics')}?{urlencode({'resource': resource.key})}"
        if resource
        else None,
        "time_zone": timezone.get_current_timezone_name(),
        "can_change_items": request.user.has_perm("visits.change_programmeitem"),
    }
    return TemplateResponse(request, "admin/visits/calendar/page.html", context)


def resource_ics(request) -> HttpResponse:
    """Every item of one resource as a calendar file, for the staff member's own calendar app (private: a
    staff login with the permission to see programme items, and never cached on the way)."""
    _may_see_items(request)
    value = request.GET.get("resource", "").strip()
    if not value:
        return HttpResponseBadRequest(
            _("Bitte eine Auswahl angeben: ?resource=ART:NUMMER, zum Beispiel venue:3."),
            content_type="text/plain; charset=utf-8",
        )
    try:
        resource = find_resource(value, request.user)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    items = list(calendar_items(request.user).filter(resource.q()))
    if not request.user.has_perm(VIEW_MEMBERS):
        for item in items:  # where guests sleep, only for those who may see the members
            if item.venue is not None and item.venue.kind == VenueKind.HOTEL:
                item.venue = None
    content = build_calendar(
        items,
        name=_("Kalender: %(resource)s") % {"resource": resource.label},
        url_for=lambda item: absolute_url(
            reverse("admin:visits_programmeitem_change", args=[item.pk]), request
        ),
        describe=_describe,
        time_zone=timezone.get_current_timezone_name(),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"kalender-{resource.kind.key}-{resource.obj.pk}.ics"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _describe(item: ProgrammeItem) -> str:
    """Who and what an item books, for the event's description in the staff member's calendar."""
    lines = [_("Delegation: %(delegation)s") % {"delegation": item.delegation.title}]
    hosts = ", ".join(host.full_name for host in item.hosts.all())
    for label, value in (
        (_("Gastgeber/innen"), hosts),
        (_("Dolmetschung"), item.interpreter.full_name if item.interpreter else ""),
        (_("Fahrer/in"), item.driver.full_name if item.driver else ""),
        (_("Fahrzeug"), str(item.vehicle) if item.vehicle else ""),
        (_("Status"), item.get_status_display()),
    ):
        if value:
            lines.append(f"{label}: {value}")
    if item.description:
        lines += ["", item.description]
    return "\n".join(lines)
