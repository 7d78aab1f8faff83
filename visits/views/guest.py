"""Guest pages, found by a personal link's secret token: itinerary, calendar, PDF, offline files, own details.

Every answer, including the 404 for a bad token, carries headers that keep the token out of referrers, search
engines and shared caches. Unknown, expired and revoked tokens are indistinguishable. A valid link always
opens; failures are counted per address and per token prefix (`visits.throttle`) and answered 429 past the
limit. `PersonalLinkMiddleware` opens the link before sessions and the request's transaction, so a bad token
is answered there from a page rendered once per process (`visits.personal_links`, shared with staff links).

The documents shared with a link (`document`) are answered fresh every time, private and not stored by any
cache on the way; the itinerary lists them and the service worker fetches them for offline use.

The itinerary, its calendar, PDF, manifest and service worker are kept finished per link (`core.page_cache`:
the key holds the URL, so the token): rendered once per link and generation, answered before Django's stack
until anything changes (a release, a revoked link) or the clock does (an item starts or ends, a day of the
visit begins or ends, the link expires). A read writes nothing, except a link's last use, noted at most once
an hour and in a way that leaves the kept pages alone. "Changed since your last visit" is marked by the
guest's own device; "now" and "next" are rendered for the moment and kept true by the device as time passes
(`static/guest/guest.js`), since a phone keeps the page open, and offline, past the moments the server knows.
"""

import datetime as dt
import functools
import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core import links, page_cache

from .. import personal_links, services
from ..attachments import file_response
from ..exports.itinerary import build_itinerary, guest_items, release_changes
from ..forms import GuestDetailsForm
from ..models import Attachment, GuestAccess

LANGUAGES = ("uk", "en", "de")
# Each language named in itself, for the switch.
LANGUAGE_NAMES = {"uk": "Українська", "en": "English", "de": "Deutsch"}
LANGUAGE_COOKIE = "guest_language"


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


LINK = personal_links.LinkKind(
    namespace="guest",
    first_url="itinerary",
    is_well_formed=GuestAccess.is_well_formed,
    find=services.find_guest_access,
    refusal_page=_plain_page,
    request_attribute="guest_access",
)


def _not_found() -> HttpResponse:
    # Identical for every bad token, whatever the reason, in all three languages since none is known.
    return personal_links.refusal(LINK, 404)


# Give the view the token's valid access (a bad token gets the plain 404 or 429); set private headers.
guest_link = personal_links.link_view(LINK)


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


def _note_use(access, *, now: dt.datetime, seen_programme: bool) -> None:
    personal_links.note_use(
        access,
        now=now,
        record=lambda: services.record_guest_use(access, now=now, seen_programme=seen_programme),
    )


def _kept_until(response: HttpResponse, access, *moments, now: dt.datetime) -> HttpResponse:
    """Keep a link's answer until the link expires or one of the moments comes (core.page_cache).

    Its only cookie remembers the language in the URL, on the link's own path: the same for everyone with
    this URL and cookie (the page cache's key holds both), so the answer is kept with it.
    """
    until = page_cache.earliest(access.expires_at, *moments, after=now)
    return page_cache.fill(response, until, cookies_follow_url=True)


@transaction.non_atomic_requests
@require_safe
@guest_link
def itinerary(request, access, token, lang=None):
    """The itinerary page: day by day, what is next, what changed in this release, the practical block."""
    language = _language(request, access, lang)
    now = timezone.now()
    _note_use(access, now=now, seen_programme=True)
    with translation.override(language):
        context = _common(request, access, token, language, "guest:itinerary_in")
        context["itinerary"] = build_itinerary(access, now=now)
        context["visit_started"] = services.visit_has_started(access.delegation, now=now)
        context["documents"] = _documents(access, token, context["itinerary"])
        response = render(request, "guest/itinerary.html", context)
    response["Content-Language"] = language
    _remember_language(request, response, token, lang)
    # What is on now and next changes when an item starts or ends, what is today at midnight.
    return _kept_until(response, access, *context["itinerary"].moments, now=now)


def _document_url(token: str, attachment: Attachment) -> str:
    return reverse(
        "guest:document", kwargs={"token": token, "code": attachment.code, "filename": attachment.file_name}
    )


def _documents(access, token: str, itinerary=None) -> list[dict]:
    """The documents shared with the link (one query), each with its address and, for an item's document,
    the item as the guest's itinerary shows it."""
    shown = {entry.item.item_id: entry.item for entry in itinerary.entries} if itinerary else {}
    return [
        {
            "attachment": attachment,
            "url": _document_url(token, attachment),
            "item": shown.get(attachment.item_id),
        }
        for attachment in Attachment.objects.for_link(access).in_order()
    ]


@transaction.non_atomic_requests
@require_safe
@guest_link
def document(request, access, token, code, filename):
    """A document shared with the link, as a download; never kept by the page cache or any other cache."""
    attachment = Attachment.objects.for_link(access).filter(code=code, file_name=filename).first()
    if attachment is None:
        return _not_found()
    _note_use(access, now=timezone.now(), seen_programme=False)
    return file_response(attachment)


@transaction.non_atomic_requests
@require_safe
@guest_link
def calendar(request, access, token, lang):
    """The link's programme as an `.ics` subscription (webcal:) or download."""
    from ..exports.ics import build_calendar

    now = timezone.now()
    _note_use(access, now=now, seen_programme=False)
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
    return _kept_until(response, access, now=now)


@transaction.non_atomic_requests
@require_safe
@guest_link
def pdf(request, access, token, lang):
    """The itinerary on paper, in the chosen language, with a QR code of this link."""
    from ..exports.pdf import build_itinerary_pdf

    now = timezone.now()
    _note_use(access, now=now, seen_programme=False)
    with translation.override(lang):
        context = _common(request, access, token, lang, "guest:itinerary_in")
        context["itinerary"] = build_itinerary(access, now=now)
        data = build_itinerary_pdf(context, link_url=services.guest_link_url(token, request), language=lang)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{access.delegation.slug}-{lang}.pdf"'
    return _kept_until(response, access, *context["itinerary"].moments, now=now)


@transaction.non_atomic_requests
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
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")
    return _kept_until(response, access, now=timezone.now())


@transaction.non_atomic_requests
@require_safe
@guest_link
def service_worker(request, access, token):
    """The service worker of this link; served under the link, so its scope covers exactly the link."""
    start = reverse("guest:itinerary", kwargs={"token": token})
    assets = [static(name) for name in ("guest/guest.css", "guest/guest.js", "guest/icon.svg")]
    # The shared documents too, so they open offline; each address names one file for good (a new file gets
    # a new code), and one no longer shared leaves the device with the old cache.
    documents = [entry["url"] for entry in _documents(access, token)]
    # A new release (new asset names) or another set of documents makes a new cache name; the worker drops
    # the old cache on activation.
    version = hashlib.sha256("|".join([*assets, *documents]).encode()).hexdigest()[:12]
    context = {
        "start": json.dumps(start),
        "precache": json.dumps([start, *assets]),
        "documents": json.dumps(documents),
        # STATIC_URL itself: the manifest storage knows files only, and refuses "" with debug off.
        "static_prefix": json.dumps(settings.STATIC_URL),
        "version": json.dumps(version),
    }
    response = HttpResponse(
        render_to_string("guest/sw.js", context), content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = start
    return _kept_until(response, access, now=timezone.now())


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
    _note_use(access, now=now, seen_programme=False)
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
