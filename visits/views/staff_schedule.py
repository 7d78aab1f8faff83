"""The staff schedule: a host's, interpreter's or driver's own items of a visit, found by a personal link.

German only (the county's people read it). Opened like a guest link, by `PersonalLinkMiddleware` before the
rest of the stack (`visits.personal_links`): found by a secret token, unknown, expired, revoked and malformed
tokens are the same 404, failures are counted (`visits.throttle`), every answer keeps the token out of
referrers, search engines and shared caches, and the link's use is noted hourly. The page and its calendar
are kept finished per link (`core.page_cache`) until the link expires, an item starts or ends, or anything
changes.
"""

import datetime as dt
import functools

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import links, page_cache

from .. import personal_links, staff
from ..exports.ics import build_calendar
from ..models import StaffAccess


@functools.cache
def _refusal_page(status: int) -> bytes:
    # The same bytes for every bad token (German, nothing of the request), rendered once per process.
    with translation.override("de"):
        return render_to_string("staff_schedule/refused.html", {"too_many": status == 429}).encode()


LINK = personal_links.LinkKind(
    namespace="staff_schedule",
    first_url="page",
    is_well_formed=StaffAccess.is_well_formed,
    find=staff.find_staff_access,
    refusal_page=_refusal_page,
    request_attribute="staff_access",
)


def staff_link(view):
    """Give the view the token's valid access (a bad token gets the plain 404 or 429) and the time, in German;
    note the link's use; set private headers (`personal_links.link_view`)."""

    @personal_links.link_view(LINK)
    @functools.wraps(view)
    def wrapper(request, access, token, *args, **kwargs):
        now = timezone.now()
        personal_links.note_use(
            access,
            now=now,
            record=lambda: StaffAccess.objects.filter(pk=access.pk).update(last_used_at=now),
        )
        with translation.override("de"):
            response = view(request, access, token, *args, now=now, **kwargs)
        response["Content-Language"] = "de"
        return response

    return wrapper


def _kept_until(response: HttpResponse, access, *moments, now: dt.datetime) -> HttpResponse:
    return page_cache.fill(response, page_cache.earliest(access.expires_at, *moments, after=now))


@transaction.non_atomic_requests
@require_safe
@staff_link
def page(request, access, token, *, now):
    """The contact's items of the latest release, day by day, with what their roles need."""
    days = staff.build_schedule(access)
    calendar = reverse("staff_schedule:calendar", kwargs={"token": token})
    roles = sorted(
        {role for day in days for entry in day.entries for role in entry.roles}, key=staff.ROLES.index
    )
    context = {
        "access": access,
        "delegation": access.delegation,
        "contact": access.contact,
        "days": days,
        "roles": [staff.ROLE_LABELS[role] for role in roles],
        "time_zone": access.delegation.time_zone,
        "generated_at": now,
        "calendar_url": calendar,
        "webcal_url": links.webcal_url(calendar, request),
    }
    response = render(request, "staff_schedule/page.html", context)
    moments = [m for day in days for e in day.entries for m in (e.item.starts_at, e.item.ends_at)]
    return _kept_until(response, access, *moments, now=now)


@transaction.non_atomic_requests
@require_safe
@staff_link
def calendar(request, access, token, *, now):
    """The contact's items as an `.ics` subscription, each described for their roles on it."""
    entries = [entry for day in staff.build_schedule(access) for entry in day.entries]
    texts = {entry.item.pk: staff.calendar_text(entry) for entry in entries}
    data = build_calendar(
        [entry.item for entry in entries],
        name=_("Dienstplan: %(title)s") % {"title": access.delegation.title},
        language="de",
        time_zone=access.delegation.time_zone,
        url_for=lambda item: staff.staff_link_url(token, request),
        describe=lambda item: texts[item.pk],
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dienstplan-{access.delegation.slug}.ics"'
    return _kept_until(response, access, now=now)
