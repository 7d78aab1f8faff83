"""Guest pages, found by a personal link's secret token: itinerary, calendar, PDF, offline files, own details.

Every answer, including the 404 for a bad token, carries headers that keep the token out of referrers, search
engines and shared caches. Unknown, expired and revoked tokens are indistinguishable. A valid link always
opens; failures are counted per address and per token prefix (`visits.throttle`) and answered 429 past the
limit. `GuestLinkMiddleware` opens the link before sessions and the request's transaction, so a bad token is
answered there from a page rendered once per process.

The itinerary page is personal, so it is cached per link only (`core.page_cache`): under the
access's own key with the stamps of the latest release, the visit and its members, for the current minute at
most (the page says "as of" to the minute and marks what is on now). A guest never gets another link's page.
"""

import datetime as dt
import functools
import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import _lazy_re_compile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_http_methods, require_safe

from core import links, page_cache
from delegations.models import Member

from .. import services, throttle
from ..exports.itinerary import build_itinerary, guest_items, release_changes
from ..forms import GuestDetailsForm
from ..models import GuestAccess, ProgrammeRelease

LANGUAGES = ("uk", "en", "de")
# Each language named in itself, for the switch.
LANGUAGE_NAMES = {"uk": "Українська", "en": "English", "de": "Deutsch"}
LANGUAGE_COOKIE = "guest_language"
# As GZipMiddleware and gzip_page decide whether the client takes gzip.
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")


def _private(response: HttpResponse) -> HttpResponse:
    """Keep the token where it is: no referrer, no index, no shared or stored copy."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Cache-Control"] = "private, no-store"
    return response


# A refused link's page: the same in all three languages, since the reader's is not known (lazy texts, each
# rendered in the language around it).
REFUSALS = {
    404: (
        gettext_lazy("Dieser Link gilt nicht (mehr)."),
        gettext_lazy("Bitte fragen Sie Ihre Ansprechperson im Kreis Kleve nach einem neuen Link."),
    ),
    429: (
        gettext_lazy("Zu viele ungültige Links von dieser Adresse."),
        gettext_lazy("Bitte versuchen Sie es in einer Viertelstunde noch einmal."),
    ),
}


@functools.cache
def _plain_page(status: int) -> bytes:
    # The same bytes for every request (all three languages, nothing of the request): rendered once per
    # process, so a failure costs no template rendering.
    headline, advice = REFUSALS[status]
    context = {"status": status, "headline": headline, "advice": advice}
    return render_to_string("guest/refused.html", context).encode()


def _not_found() -> HttpResponse:
    # Identical for every bad token, whatever the reason, in all three languages since none is known.
    return HttpResponse(_plain_page(404), status=404)


def _too_many() -> HttpResponse:
    response = HttpResponse(_plain_page(429), status=429)
    response["Retry-After"] = str(settings.GUEST_TOKEN_FAILURE_WINDOW)
    return response


def open_link(request, token: str) -> GuestAccess | HttpResponse:
    """The valid access a token opens (with the page cache's stamps), or the answer to a bad token.

    A valid link always opens, however often others (or the holder) failed from the same address or with the
    same first characters: the counts (`throttle`) change only how a failure is answered, 429 past a limit
    instead of 404. A malformed token is answered without a query, a failure after its one look-up.
    """
    if not GuestAccess.is_well_formed(token):
        return _failed(request, token, well_formed=False)
    access = _find_stamped_access(token, timezone.now())
    if access is None:
        return _failed(request, token, well_formed=True)
    return access


def _failed(request, token: str, *, well_formed: bool) -> HttpResponse:
    over = throttle.count_failure(request, token, well_formed=well_formed)
    return _private(_too_many() if over else _not_found())


def _find_stamped_access(token: str, now: dt.datetime) -> GuestAccess | None:
    """`services.find_guest_access` (same rules, same one query) with the page cache's stamps on the row."""
    if not GuestAccess.is_well_formed(token):
        return None
    return ACCESS_BY_HASH.first(GuestAccess.hash_token(token), now)


def _stamped_accesses(token_hash: str, now):
    """Valid links with the latest release of their visit and its members' last change on the same row."""
    latest = ProgrammeRelease.objects.filter(delegation=OuterRef("delegation")).order_by("-version")
    members = (
        Member.objects.filter(delegation=OuterRef("delegation"))
        .order_by()
        .values("delegation")
        .annotate(changed=Max("updated_at"))
    )
    return (
        GuestAccess.objects.valid(now)
        .annotate(
            stamp_release=Subquery(latest.values("pk")[:1]),
            stamp_released_at=Subquery(latest.values("released_at")[:1]),
            stamp_members=Subquery(members.values("changed")[:1]),
        )
        .select_related("delegation", "delegation__host_contact", "member", "member__hotel")
        .filter(token_hash=token_hash)[:1]
    )


# Compiled once per process: the page cache's hit is this look-up and the one update.
ACCESS_BY_HASH = page_cache.PreparedQuery(_stamped_accesses)


def opened_access(request, token: str) -> GuestAccess | HttpResponse:
    """The access `GuestLinkMiddleware` opened for this request, else `open_link` (views called directly)."""
    early = page_cache.stamped(request)
    if early is not None:
        return early.obj
    access = getattr(request, "guest_access", None)
    return access if access is not None else open_link(request, token)


def guest_link(view):
    """Give the view the token's valid access (a bad token gets the plain 404 or 429); set private headers.

    The access carries what the page cache's key needs (`_stamped_accesses`), read in the same one query.
    """

    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        access = opened_access(request, token)
        if isinstance(access, HttpResponse):
            return access
        return _private(view(request, access, token, *args, **kwargs))

    return wrapper


def _language(request, access, lang: str | None) -> str:
    """The language asked for in the URL, else the one chosen before for this link, else the holder's own."""
    if lang in LANGUAGES:
        return lang
    remembered = request.COOKIES.get(LANGUAGE_COOKIE)
    if remembered in LANGUAGES:
        return remembered
    if access.member_id:
        return access.member.preferred_language
    return "uk"


def _remember_language(request, response, token: str, lang: str | None) -> None:
    # A cookie limited to this link's path: the next visit to the bare link opens in the chosen language.
    if lang in LANGUAGES and request.COOKIES.get(LANGUAGE_COOKIE) != lang:
        response.set_cookie(
            LANGUAGE_COOKIE,
            lang,
            max_age=60 * 60 * 24 * 90,
            path=reverse("guest:itinerary", kwargs={"token": token}),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )


def _links(request, token: str, language: str) -> dict:
    kwargs = {"token": token, "lang": language}
    calendar = reverse("guest:calendar", kwargs=kwargs)
    return {
        "itinerary": reverse("guest:itinerary_in", kwargs=kwargs),
        "details": reverse("guest:details", kwargs=kwargs),
        "pdf": reverse("guest:pdf", kwargs=kwargs),
        "calendar": calendar,
        # Absolute: a phone hands it to its calendar app. In debug mode it may follow the request's host; the
        # page cache's key holds the host, so no page carries another host's address.
        "webcal": links.webcal_url(calendar, request),
        "manifest": reverse("guest:manifest", kwargs={"token": token}),
        "service_worker": reverse("guest:service_worker", kwargs={"token": token}),
        "scope": reverse("guest:itinerary", kwargs={"token": token}),
    }


def _switch(token: str, language: str, url_name: str) -> list[dict]:
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "url": reverse(url_name, kwargs={"token": token, "lang": code}),
            "current": code == language,
        }
        for code in LANGUAGES
    ]


def _common(request, access, token: str, language: str, url_name: str) -> dict:
    member = access.member
    return {
        "access": access,
        "delegation": access.delegation,
        "member": member,
        "holder_name": member.name_in(language) if member else access.delegation.title,
        "links": _links(request, token, language),
        "languages": _switch(token, language, url_name),
        "self_service": member is not None,
        "emergency_number": settings.EMERGENCY_NUMBER,
    }


# How precisely "last used" is kept: a reload within this time writes nothing, unless there is news.
USE_RECORDING_INTERVAL = dt.timedelta(seconds=60)


def _use_worth_recording(access, *, now, released_at) -> bool:
    """Write the look unless it was noted a moment ago and nothing was released since the last look.

    "Seen" only decides which items are marked as changed since the last look; a look after the latest
    release already covers everything released, so a reload within the interval changes nothing one could
    see. Skipping its write keeps a busy guest page from being one database write per request.
    """
    if access.last_used_at is None or now - access.last_used_at >= USE_RECORDING_INTERVAL:
        return True
    seen = access.last_seen_at
    return seen is None or (released_at is not None and seen < released_at)


def _news_since_last_look(access) -> bool:
    """Has a release come since the guest's last look? Its changes are marked for them: rendered afresh."""
    seen, released_at = access.last_seen_at, access.stamp_released_at
    return seen is not None and released_at is not None and seen < released_at


def _itinerary_look_up(request, token, lang=None):
    """The page cache's key for this link's own page, or None where the view must answer.

    The access is the one `GuestLinkMiddleware` opened before (it has answered bad links already); without
    that middleware, a bad link gives None and the view answers it. None also when a new release's changes
    are to be marked. The key holds the access itself, so one link's page is never served for another.
    """
    now = timezone.now()
    access = getattr(request, "guest_access", None) or _find_stamped_access(token, now)
    if access is None or _news_since_last_look(access):
        return None
    language = _language(request, access, lang)
    member = access.member
    key_parts = (
        "guest",
        access.pk,
        language,
        # The page is compressed for clients that take gzip (gzip_page); others get it plain.
        bool(ACCEPTS_GZIP.search(request.headers.get("accept-encoding", ""))),
        *page_cache.stamps(
            access.delegation.updated_at,
            member.updated_at if member else None,
            access.stamp_members,
            access.stamp_release,
        ),
    )

    def on_hit():
        if _use_worth_recording(access, now=now, released_at=access.stamp_released_at):
            services.record_guest_use(access, now=now, seen_programme=True)

    def finish(response):
        _remember_language(request, response, token, lang)

    return page_cache.Stamped(key_parts, access, now, finish=finish, on_hit=on_hit)


# Compressed here, not site-wide: phones abroad pay per byte, and this page reflects no input an attacker
# controls and carries no CSRF token, so compression reveals nothing (BREACH needs both).
@page_cache.cacheable(_itinerary_look_up)
@gzip_page
@require_safe
@guest_link
def itinerary(request, access, token, lang=None):
    """The itinerary page: day by day, what is next, what changed since the last look, the practical block."""
    language = _language(request, access, lang)
    early = page_cache.stamped(request)
    now = early.now if early is not None else timezone.now()
    previous_seen = access.last_seen_at
    news = _news_since_last_look(access)
    if _use_worth_recording(access, now=now, released_at=access.stamp_released_at):
        services.record_guest_use(access, now=now, seen_programme=True)
    with translation.override(language):
        context = _common(request, access, token, language, "guest:itinerary_in")
        context["itinerary"] = build_itinerary(access, now=now, previous_seen=previous_seen)
        context["visit_started"] = services.visit_has_started(access.delegation, now=now)
        response = render(request, "guest/itinerary.html", context)
    response["Content-Language"] = language
    if early is None:
        _remember_language(request, response, token, lang)  # else the page cache's middleware does
    if news:
        return response  # items changed since the last look are marked for this look alone
    # "As of" is shown to the minute; what is on now and next changes when an item starts or ends.
    minute_ends = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    moments = [moment for e in context["itinerary"].entries for moment in (e.item.starts_at, e.item.ends_at)]
    return page_cache.fill(response, page_cache.earliest(minute_ends, *moments, after=now))


@require_safe
@guest_link
def calendar(request, access, token, lang):
    """The link's programme as an `.ics` subscription (webcal:) or download."""
    from ..exports.ics import build_calendar

    services.record_guest_use(access, now=timezone.now(), seen_programme=False)
    with translation.override(lang):
        name = _("Programm: %(title)s") % {"title": access.delegation.title}
        _released, brought = release_changes(access)
        labels = {
            "new": _("Neu in der aktuellen Fassung."),
            "changed": _("Geändert in der aktuellen Fassung."),
        }

        def describe(item):
            # What the latest release changed comes first, so a phone's calendar shows it at a glance.
            label = labels.get(brought.get(item.item_id), "")
            return "\n\n".join(part for part in (label, item.description) if part)

        data = build_calendar(
            guest_items(access),
            name=name,
            language=lang,
            time_zone=access.delegation.time_zone,
            url_for=lambda item: services.guest_link_url(token, request),
            describe=describe,
        )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{access.delegation.slug}.ics"'
    return response


@require_safe
@guest_link
def pdf(request, access, token, lang):
    """The itinerary on paper, in the chosen language, with a QR code of this link."""
    from ..exports.pdf import build_itinerary_pdf

    now = timezone.now()
    services.record_guest_use(access, now=now, seen_programme=False)
    with translation.override(lang):
        context = _common(request, access, token, lang, "guest:itinerary_in")
        context["itinerary"] = build_itinerary(access, now=now)
        data = build_itinerary_pdf(context, link_url=services.guest_link_url(token, request), language=lang)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{access.delegation.slug}-{lang}.pdf"'
    return response


@require_safe
@guest_link
def manifest(request, access, token):
    """The web app manifest: the link opens like an app from the home screen, on the itinerary."""
    language = _language(request, access, None)
    start = reverse("guest:itinerary", kwargs={"token": token})
    with translation.override(language):
        data = {
            "name": str(access.delegation.title),
            "short_name": _("Programm"),
            "lang": language,
            "start_url": start,
            "scope": start,
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b3d6b",
            "icons": [
                {"src": static("guest/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("guest/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {"src": static("guest/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


@require_safe
@guest_link
def service_worker(request, access, token):
    """The service worker of this link; served under the link, so its scope covers exactly the link."""
    start = reverse("guest:itinerary", kwargs={"token": token})
    assets = [static(name) for name in ("guest/guest.css", "guest/guest.js", "guest/icon.svg")]
    # A new release (new asset names) makes a new cache name; the worker drops the old cache on activation.
    version = hashlib.sha256("|".join(assets).encode()).hexdigest()[:12]
    context = {
        "start": json.dumps(start),
        "precache": json.dumps([start, *assets]),
        # STATIC_URL itself: the manifest storage knows files only, and refuses "" with debug off.
        "static_prefix": json.dumps(settings.STATIC_URL),
        "version": json.dumps(version),
    }
    response = HttpResponse(
        render_to_string("guest/sw.js", context), content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = start
    return response


# No CSRF check: the secret in the URL is the only credential, so a forged request needs the very secret it
# would steal (no cookie rides along), and under `Referrer-Policy: no-referrer` browsers post `Origin: null`,
# which Django's origin check refuses.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@guest_link
def details(request, access, token, lang):
    """A member's own travel details, needs and consents: editable until the visit starts, then read-only."""
    if access.member_id is None:
        return _not_found()
    member = access.member
    now = timezone.now()
    services.record_guest_use(access, now=now, seen_programme=False)
    locked = services.visit_has_started(access.delegation, now=now)
    status = 200
    with translation.override(lang):
        if request.method == "POST" and not locked:
            form = GuestDetailsForm(request.POST, member=member)
            if form.is_valid():
                changed = services.save_guest_details(member=member, details=form.details)
                if changed:
                    messages.success(request, _("Danke! Ihre Angaben sind gespeichert."))
                else:
                    messages.info(request, _("Es gab nichts zu ändern."))
                return redirect("guest:details", token=token, lang=lang)
        else:
            form = GuestDetailsForm(member=member, locked=locked)
            if request.method == "POST":
                status = 403
                messages.error(
                    request, _("Der Besuch hat begonnen: Ihre Angaben können Sie jetzt nicht mehr ändern.")
                )
        context = _common(request, access, token, lang, "guest:details")
        context.update(form=form, locked=locked)
        response = render(request, "guest/details.html", context, status=status)
    response["Content-Language"] = lang
    _remember_language(request, response, token, lang)
    return response
