"""A delegation's working programme as an XLSX sheet for staff: every item the user may see, in time order."""

import zoneinfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _


def programme_rows(items, *, zone: zoneinfo.ZoneInfo, show_participants: bool) -> list[tuple]:
    """One row per item: day, local start and end, kind, German title, venue, people, status, visibility."""
    rows = []
    with translation.override("de"):
        for item in items:
            start = timezone.localtime(item.starts_at, zone)
            end = timezone.localtime(item.ends_at, zone)
            if show_participants:
                participants = ", ".join(m.full_name for m in item.participants.all()) or _(
                    "ganze Delegation"
                )
            else:
                participants = "–"
            rows.append(
                (
                    start.strftime("%d.%m.%Y"),
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%d.%m.%Y %H:%M"),
                    str(item.get_kind_display()),
                    item.title_de or item.title,
                    item.venue.name if item.venue else "",
                    item.venue.address if item.venue else "",
                    participants,
                    ", ".join(
                        f"{h.full_name} ({h.organisation.name})" if h.organisation else h.full_name
                        for h in item.hosts.all()
                    ),
                    item.interpreter.full_name if item.interpreter else "",
                    str(item.get_status_display()),
                    str(item.get_visibility_display()),
                )
            )
    return rows


def programme_xlsx(delegation, items, *, zone: zoneinfo.ZoneInfo, show_participants: bool) -> bytes:
    """The XLSX bytes; `items` come filtered, in order, with venue, interpreter, hosts and participants."""
    from ..documents.lists import StaffList
    from ..documents.tables import list_xlsx

    with translation.override("de"):
        columns = (
            _("Datum"),
            _("Beginn (%(zone)s)") % {"zone": zone.key},
            _("Ende (%(zone)s)") % {"zone": zone.key},
            _("Art"),
            _("Titel"),
            _("Ort"),
            _("Adresse"),
            _("Teilnehmende"),
            _("Gastgeber/innen"),
            _("Dolmetschung"),
            _("Status"),
            _("Sichtbarkeit"),
        )
        staff_list = StaffList(
            slug="programme",
            title=_("Programm"),
            delegation=delegation,
            columns=columns,
            rows=programme_rows(items, zone=zone, show_participants=show_participants),
            notes=(_("Alle Zeiten in Ortszeit %(zone)s.") % {"zone": zone.key},),
        )
        return list_xlsx(staff_list)
