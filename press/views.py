"""The public site: the home page, visits with their public programme, event pages, and the files beside them.

Everything here reads through the visibility methods (`Delegation.objects.published()`,
`ReleasedItem.objects.public()`, `EventPage.objects.published()`, `Photo.objects.public()`); a view never
decides by itself what the public may see. The programme is the delegation's latest release (`ReleasedItem`),
never the working programme staff are editing; before the first release the public programme is empty.

Every answer here is the same for every visitor: it is kept finished (`core.page_cache`) and answered before
Django's stack until the database changes or the clock makes it untrue (a page goes public, a held-back item
ends, a visit becomes past at midnight): each view says when that is.
"""

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Min, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from core import links, page_cache
from delegations.models import Contact, Delegation
from visits.exports.ics import build_calendar
from visits.models import ProgrammeRelease, ReleasedItem

from .exports import frab
from .images import RENDITION_FORMATS, find_rendition
from .models import EventPage, Photo

EVENT_PAGES_PER_PAGE = 12
LATEST_ON_HOME = 6


def _next_public_change(now: datetime, delegation: Delegation | None = None) -> datetime | None:
    """The next moment the clock alone changes what the public sees: a page goes public or its embargo ends.

    Kept answers are true until then (`core.page_cache`); any change in the database ends them sooner.
    """
    pages = EventPage.objects.all() if delegation is None else EventPage.objects.filter(delegation=delegation)
    moments = pages.aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        embargo=Min("embargo_until", filter=Q(embargo_until__gt=now)),
    )
    return page_cache.earliest(moments["publish"], moments["embargo"], after=now)


def _valid_until(delegation: Delegation, items, now: datetime) -> datetime | None:
    """Until when a visit's public answers hold by the clock: a page goes public, a held-back item ends."""
    ends = [item.ends_at for item in items] if delegation.withhold_public_details else []
    return page_cache.earliest(_next_public_change(now, delegation), *ends, after=now)


def kept_until_public_change(view):
    """A view of what is public (feeds, sitemap): kept until the database changes or a page goes public."""

    @transaction.non_atomic_requests
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        now = timezone.now()
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        return page_cache.fill(response, _next_public_change(now))

    return wrapper


def _next_midnight(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def _public_items(delegation: Delegation, now: datetime) -> list[ReleasedItem]:
    """The visit's public programme as last released, in time order, with public hosts and published pages.

    Event pages point at the working item; each copy gets its origin's published pages as `published_pages`.
    """
    copies = list(
        ReleasedItem.objects.public()
        .filter(release__delegation=delegation)
        .in_order()
        .select_related("venue", "item")
        .prefetch_related(
            Prefetch("hosts", queryset=Contact.objects.public_figures(), to_attr="public_hosts"),
            Prefetch(
                "item__event_pages",
                queryset=EventPage.objects.published(now).order_by("pk"),
                to_attr="published_pages",
            ),
        )
    )
    for copy in copies:
        copy.published_pages = copy.item.published_pages if copy.item is not None else []
    return copies


def _details_shown(delegation: Delegation, now: datetime):
    """May an item's time and place be shown? Always, or once it is over if the visit holds them back."""
    if not delegation.withhold_public_details:
        return lambda item: True
    return lambda item: item.is_over(now)


@dataclass
class ProgrammeDay:
    day: date
    entries: list


def _programme_days(items, shown) -> list[ProgrammeDay]:
    days: list[ProgrammeDay] = []
    for item in items:
        day = timezone.localdate(item.starts_at)
        if not days or days[-1].day != day:
            days.append(ProgrammeDay(day, []))
        days[-1].entries.append({"item": item, "details": shown(item), "venue": item.public_venue})
    return days


@transaction.non_atomic_requests
@require_safe
def home(request):
    now = timezone.now()
    today = timezone.localdate(now)
    visits = Delegation.objects.published()
    context = {
        "upcoming": list(visits.current_and_upcoming(today)[:12]),
        "past": list(visits.past(today)[:12]),
        "latest": list(
            EventPage.objects.published(now)
            .newest_first()
            .select_related("delegation", "hero")[:LATEST_ON_HOME]
        ),
        "today": today,
    }
    response = render(request, "public/home.html", context)
    # Visits move from "coming" to "past" at midnight.
    until = page_cache.earliest(_next_midnight(now), _next_public_change(now), after=now)
    return page_cache.fill(response, until)


@transaction.non_atomic_requests
@require_safe
def visit(request, slug):
    now = timezone.now()
    delegation = get_object_or_404(Delegation.objects.published().select_related("partnership"), slug=slug)
    items = _public_items(delegation, now)
    context = {
        "delegation": delegation,
        "days": _programme_days(items, _details_shown(delegation, now)),
        # "Being prepared" before the first release.
        "released": bool(items) or ProgrammeRelease.objects.filter(delegation=delegation).exists(),
        "pages": list(
            EventPage.objects.published(now)
            .filter(delegation=delegation)
            .newest_first()
            .select_related("hero")
        ),
        "public_figures": list(delegation.members.public_figures().order_by("-is_head", "last_name")),
        "now": now,
    }
    response = render(request, "public/visit.html", context)
    return page_cache.fill(response, _valid_until(delegation, items, now))


def _event_json_ld(request, page: EventPage, item: ReleasedItem | None, details: bool, picture) -> str:
    """schema.org `Event` of a page as a JSON-LD block; time and place only where the public may know them."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(page.title),
        "description": page.summary or "",
        "url": links.absolute_url(page.get_absolute_url(), request),
        "inLanguage": get_language(),
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": "Kreis Kleve",
            "url": links.absolute_url("/", request),
        },
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if item is not None:
        data["eventStatus"] = (
            "https://schema.org/EventCancelled" if item.is_cancelled else "https://schema.org/EventScheduled"
        )
        if details:
            data["startDate"] = timezone.localtime(item.starts_at).isoformat()
            data["endDate"] = timezone.localtime(item.ends_at).isoformat()
            venue = item.public_venue
            if venue is not None:
                data["location"] = {
                    "@type": "Place",
                    "name": str(venue.name),
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": venue.street,
                        "postalCode": venue.postcode,
                        "addressLocality": venue.city,
                        "addressCountry": venue.country,
                    },
                }
        else:
            data["startDate"] = timezone.localdate(item.starts_at).isoformat()
    else:
        data["startDate"] = page.delegation.arrival_date.isoformat()
        data["endDate"] = page.delegation.departure_date.isoformat()
    if "location" not in data:
        data["location"] = {"@type": "Place", "name": "Kreis Kleve", "address": "Kreis Kleve, DE"}
    if picture:
        data["image"] = [links.absolute_url(picture["largest_url"], request)]
    text = json.dumps(data, ensure_ascii=False)
    # Inside <script> only "<" can end the block early; escaped, the JSON means the same.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@transaction.non_atomic_requests
@require_safe
def event(request, slug):
    now = timezone.now()
    pages = EventPage.objects.published(now).select_related("delegation", "hero")
    page = get_object_or_404(pages, slug=slug)
    response, item = _event_page(request, page, now)
    return page_cache.fill(response, _valid_until(page.delegation, [item] if item else [], now))


def render_event_page(request, page: EventPage, now: datetime, *, preview: bool = False):
    """The event page; the admin's preview uses it too, for a page that is not public yet."""
    return _event_page(request, page, now, preview=preview)[0]


def _event_page(request, page: EventPage, now: datetime, *, preview: bool = False):
    """The event page's response and the released item it shows (None without one)."""
    # The page points at a working item; it shows that item's copy in the latest release, if it is there.
    # The preview shows a page before its visit is public, so it asks what the member of staff may see.
    copies = ReleasedItem.objects.for_staff(request.user) if preview else ReleasedItem.objects.public()
    item = None
    if page.programme_item_id is not None:
        item = copies.filter(item_id=page.programme_item_id).select_related("venue").first()
    details = item is not None and _details_shown(page.delegation, now)(item)
    hero = page.hero if page.hero is not None and (preview or page.hero.consent_confirmed) else None
    gallery = page.gallery.all() if preview else page.gallery.public(now)
    picture = hero.picture if hero else None
    context = {
        "page": page,
        "item": item,
        "details": details,
        "venue": item.public_venue if item else None,
        "hero": hero,
        "hero_picture": picture,
        # The hero is shown above; the gallery does not repeat it.
        "gallery": [p for p in gallery.order_by("pk") if p.renditions and p.pk != page.hero_id],
        "json_ld": _event_json_ld(request, page, item, details, picture),
        "preview": preview,
    }
    return render(request, "public/event.html", context), item


@transaction.non_atomic_requests
@require_safe
def event_list(request):
    now = timezone.now()
    pages = EventPage.objects.published(now).newest_first().select_related("delegation", "hero")
    page_obj = Paginator(pages, EVENT_PAGES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page_obj, "pages": page_obj.object_list}
    return page_cache.fill(render(request, "public/event_list.html", context), _next_public_change(now))


def _visit_for_files(slug):
    return get_object_or_404(Delegation.objects.published(), slug=slug)


def _item_url(request, delegation):
    visit_url = links.absolute_url(delegation.get_absolute_url(), request)
    # Named by the working item, so a link stays the same across releases.
    return lambda item: f"{visit_url}#item-{item.origin_pk}"


@transaction.non_atomic_requests
@require_safe
def visit_calendar(request, slug):
    """The visit's public programme as an `.ics` file to subscribe to."""
    now = timezone.now()
    delegation = _visit_for_files(slug)
    items = _public_items(delegation, now)
    for item in items:
        # Only for this response, never saved: the calendar shows the public place, never a hotel.
        item.venue = item.public_venue
    body = build_calendar(
        items,
        name=f"{delegation.title} – {gettext('öffentliches Programm')}",
        show_details=_details_shown(delegation, now),
        url_for=_item_url(request, delegation),
        language=get_language(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{delegation.slug}-{get_language()}.ics"'
    return page_cache.fill(response, _valid_until(delegation, items, now))


def _schedule(request, slug) -> tuple[dict, datetime | None]:
    """The visit's public programme in the frab schedule format, and until when it is true."""
    now = timezone.now()
    delegation = _visit_for_files(slug)
    items = _public_items(delegation, now)
    schedule = frab.build_schedule(
        delegation,
        items,
        show_details=_details_shown(delegation, now),
        base_url=links.absolute_url(delegation.get_absolute_url(), request),
        url_for=_item_url(request, delegation),
        links_for=lambda item: [
            (links.absolute_url(page.get_absolute_url(), request), str(page.title))
            for page in item.published_pages
        ],
        persons_for=lambda item: [(host.pk, host.full_name) for host in item.public_hosts],
        room_for=lambda item: str(item.public_venue.name) if item.public_venue else None,
        kind_label=lambda item: str(item.get_kind_display()),
        language=get_language(),
        no_room=gettext("Kreis Kleve"),
    )
    return schedule, _valid_until(delegation, items, now)


@transaction.non_atomic_requests
@require_safe
def visit_schedule_xml(request, slug):
    schedule, valid_until = _schedule(request, slug)
    response = HttpResponse(frab.schedule_xml(schedule), content_type="application/xml; charset=utf-8")
    return page_cache.fill(response, valid_until)


@transaction.non_atomic_requests
@require_safe
def visit_schedule_json(request, slug):
    schedule, valid_until = _schedule(request, slug)
    response = HttpResponse(frab.schedule_json(schedule), content_type="application/json")
    # Schedule apps and web viewers fetch it from other origins; it holds only what the page shows.
    response["Access-Control-Allow-Origin"] = "*"
    return page_cache.fill(response, valid_until)


@transaction.non_atomic_requests
@page_cache.kept
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /g/",
        "Disallow: /i18n/",
        "Allow: /",
        "",
        f"Sitemap: {links.absolute_url(reverse('sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included; ours is an SVG static file.
    return redirect(static("public/favicon.svg"))


@require_safe
def photo_rendition(request, key, filename):
    """A rendition of a photo on a published page; staff who may see photos also get the others (preview)."""
    user = request.user
    staff = user.is_authenticated and user.is_staff and user.has_perm("press.view_photo")
    photos = Photo.objects.filter(rendition_key=key)
    if not staff:
        photos = photos.public(timezone.now())
    photo = photos.first()
    entry = find_rendition(photo, filename) if photo else None
    if entry is None:
        raise Http404
    try:
        handle = photo.image.storage.open(entry["name"], "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=RENDITION_FORMATS[entry["format"]][1])
    # A rendition's URL names one image for good (its key changes with the image), so a visitor's browser
    # keeps it; a proxy or CDN in front for an hour only, so a photo taken down leaves it within the hour.
    response["Cache-Control"] = (
        "private, no-store" if staff else "public, max-age=31536000, s-maxage=3600, immutable"
    )
    return response
