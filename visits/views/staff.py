"""Staff pages inside the admin: the printable day-by-day programme of a delegation, with its conflicts."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.models import Delegation

from ..conflicts import Conflict, ConflictKind, ConflictSeverity, find_conflicts, group_by_item
from ..enums import ItemStatus
from ..models import ProgrammeItem


@dataclass
class ProgrammeDay:
    date: dt.date
    items: list[ProgrammeItem] = field(default_factory=list)


@dataclass
class ConflictGroup:
    """The conflicts of one kind, for the summary at the top of the programme page."""

    kind: ConflictKind
    severity: ConflictSeverity
    conflicts: list[Conflict]
    items: list[ProgrammeItem]  # the items of this page they involve, in programme order


def conflict_groups(conflicts: list[Conflict], items: list[ProgrammeItem]) -> list[ConflictGroup]:
    """Conflicts counted by kind (in the order of the kinds), each with the page's items it involves."""
    on_page = {item.pk: item for item in items}
    order = {item.pk: index for index, item in enumerate(items)}
    groups = []
    for kind in ConflictKind:
        of_kind = [conflict for conflict in conflicts if conflict.kind == kind]
        if not of_kind:
            continue
        involved = {item.pk for conflict in of_kind for item in conflict.items if item.pk in on_page}
        groups.append(
            ConflictGroup(
                kind=kind,
                severity=of_kind[0].severity,
                conflicts=of_kind,
                items=[on_page[pk] for pk in sorted(involved, key=order.__getitem__)],
            )
        )
    return groups


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
    home = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for item in items:
        start = timezone.localtime(item.starts_at, tz)
        item.ends_on_other_day = timezone.localtime(item.ends_at, tz).date() != start.date()
        # Beside a destination's time, Berlin's: it may fall on another day than the destination's.
        home_start = timezone.localtime(item.starts_at, home)
        item.home_starts_on_other_day = home_start.date() != start.date()
        item.home_ends_on_other_day = timezone.localtime(item.ends_at, home).date() != home_start.date()
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
    items = list(ProgrammeItem.objects.for_programme_of(delegation, request.user))
    # Conflicts name members and their whereabouts: only for those who may see the members.
    conflicts = find_conflicts(delegation) if show_participants else []
    by_item = group_by_item(conflicts)
    for item in items:
        item.conflicts = by_item.get(item.pk, [])
    home_time_zone = settings.TIME_ZONE
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
        # An outgoing trip: the destination's time first, Berlin's beside it.
        "home_time_zone": home_time_zone if tz.key != home_time_zone else None,
        "show_conflicts": show_participants,
        "conflict_count": len(conflicts),
        "conflict_groups": conflict_groups(conflicts, items),
        "item_count": len(items),
        "cancelled_count": sum(item.status == ItemStatus.CANCELLED for item in items),
        "show_participants": show_participants,
        "can_change_items": request.user.has_perm("visits.change_programmeitem"),
        "can_add_items": request.user.has_perm("visits.add_programmeitem"),
        "can_release": request.user.has_perm("visits.release_programme"),
        "printed_at": timezone.localtime(timezone.now(), tz),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/delegations/delegation/programme.html", context)
