"""Staff pages inside the admin: the printable day-by-day programme of a delegation."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import Contact, Delegation

from ..enums import ItemStatus
from ..models import ProgrammeItem


@dataclass
class ProgrammeDay:
    date: dt.date
    items: list[ProgrammeItem] = field(default_factory=list)


def delegation_time_zone(delegation: Delegation) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(delegation.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def programme_days(delegation: Delegation, items, tz: zoneinfo.ZoneInfo) -> list[ProgrammeDay]:
    """Every day of the visit, plus any day outside it that has items, each with its items in time order."""
    days = {
        delegation.arrival_date + dt.timedelta(days=offset): ProgrammeDay(
            delegation.arrival_date + dt.timedelta(days=offset)
        )
        for offset in range(max(delegation.days, 0))
    }
    for item in items:
        start = timezone.localtime(item.starts_at, tz)
        item.ends_on_other_day = timezone.localtime(item.ends_at, tz).date() != start.date()
        days.setdefault(start.date(), ProgrammeDay(start.date())).items.append(item)
    return [days[day] for day in sorted(days)]


def get_delegation_for_programme(request, object_id, model_admin) -> Delegation:
    """The delegation, if the user may see it and its programme items; 404 or 403 otherwise."""
    delegation = model_admin.get_object(request, unquote(object_id))
    if delegation is None:
        raise Http404(_("Diese Delegation gibt es nicht."))
    if not (
        model_admin.has_view_or_change_permission(request, delegation)
        and request.user.has_perm("visits.view_programmeitem")
    ):
        raise PermissionDenied
    return delegation


def delegation_programme(request, object_id, *, model_admin) -> TemplateResponse:
    """One section per day, items in time order with who, where and in which state; printable."""
    delegation = get_delegation_for_programme(request, object_id, model_admin)
    tz = delegation_time_zone(delegation)
    show_participants = request.user.has_perm("delegations.view_member")
    items = (
        ProgrammeItem.objects.for_staff(request.user)
        .filter(delegation=delegation)
        .in_order()
        .select_related("venue", "interpreter")
        .prefetch_related(Prefetch("hosts", queryset=Contact.objects.select_related("organisation")))
    )
    if show_participants:
        items = items.prefetch_related("participants")
    items = list(items)
    context = {
        **model_admin.admin_site.each_context(request),
        # The programme needs the whole width, on screen as on paper.
        "is_nav_sidebar_enabled": False,
        "title": _("Programm: %(delegation)s") % {"delegation": delegation},
        "opts": model_admin.opts,
        "app_label": model_admin.opts.app_label,
        "delegation": delegation,
        "days": programme_days(delegation, items, tz),
        "programme_time_zone": tz.key,
        "item_count": len(items),
        "cancelled_count": sum(item.status == ItemStatus.CANCELLED for item in items),
        "show_participants": show_participants,
        "can_change_items": request.user.has_perm("visits.change_programmeitem"),
        "can_add_items": request.user.has_perm("visits.add_programmeitem"),
        "printed_at": timezone.localtime(timezone.now(), tz),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/delegations/delegation/programme.html", context)
