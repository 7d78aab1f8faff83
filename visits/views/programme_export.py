"""Staff downloads of a delegation's working programme: XLSX and a calendar file with internal items too."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from ..exports.ics import build_calendar
from ..exports.programme_xlsx import programme_xlsx
from ..models import ProgrammeItem
from .staff import delegation_time_zone, get_delegation_for_programme

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar; charset=utf-8",
}


def programme_download(request, object_id, *, fmt: str, model_admin) -> HttpResponse:
    """The programme the user may see (the press office: public items only) as XLSX or `.ics`."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    delegation = get_delegation_for_programme(request, object_id, model_admin)
    zone = delegation_time_zone(delegation)
    show_participants = request.user.has_perm("delegations.view_member")
    items = ProgrammeItem.objects.for_programme_of(delegation, request.user)
    if fmt == "xlsx":
        content = programme_xlsx(delegation, list(items), zone=zone, show_participants=show_participants)
    else:
        # The calendar names nobody: its items without their people.
        content = build_calendar(
            items.prefetch_related(None),
            name=delegation.title_de or delegation.title,
            language="de",
            time_zone=zone.key,
        )
    return HttpResponse(
        content,
        content_type=CONTENT_TYPES[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, f"{delegation.slug}-programm.{fmt}")
        },
    )
