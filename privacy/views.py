"""Staff pages of the data protection duties: the record of processing, a member's export and erasure.

Every view is wrapped in `admin.site.admin_view` (staff login) in urls.py and checks its permission on every
request; the export is personal data and is never cached.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from delegations.models import Member

from . import records, services
from .models import ErasureReason

EXPORT = "privacy.export_personal_data"
ERASE = "privacy.erase_personal_data"


@require_GET
def record_of_processing(request) -> TemplateResponse:
    """Art. 30 GDPR: what the software stores, why, on what basis, who receives it and for how long."""
    context = {
        **admin.site.each_context(request),
        "title": _("Verzeichnis der Verarbeitungstätigkeiten"),
        "activities": records.activities(),
        "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
    }
    return TemplateResponse(request, "privacy/record_of_processing.html", context)


def _member_for(request, pk: int, permission: str) -> Member:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Member.objects.select_related("delegation"), pk=pk)


@require_GET
def member_export(request, pk: int) -> HttpResponse:
    """All data held about one member as a JSON file (Art. 15 and 20 GDPR)."""
    member = _member_for(request, pk, EXPORT)
    filename = f"personenbezogene-daten-{member.pk}-{timezone.localdate():%Y-%m-%d}.json"
    return HttpResponse(
        services.export_member_json(member),
        content_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )


@require_http_methods(["GET", "POST"])
def member_erase(request, pk: int):
    """Ask, then anonymise one member everywhere (Art. 17 GDPR); the programme and statistics remain."""
    member = _member_for(request, pk, ERASE)
    change_url = reverse("admin:delegations_member_change", args=[member.pk])
    if member.is_anonymised:
        messages.info(request, _("Dieses Mitglied ist bereits anonymisiert."))
        return redirect(change_url)
    if request.method == "POST":
        result = services.erase_member(member=member, reason=ErasureReason.REQUEST, by=request.user)
        if result is not None:
            messages.success(
                request,
                _(
                    "Das Mitglied wurde anonymisiert: %(history)d Versionen im Änderungsverlauf bereinigt, "
                    "%(links)d Gastlinks gelöscht. Programm und Statistik bleiben erhalten."
                )
                % {"history": result.history_rows_anonymised, "links": result.guest_links_deleted},
            )
        return redirect(change_url)
    context = {
        **admin.site.each_context(request),
        "title": _("Mitglied anonymisieren"),
        "member": member,
        "opts": Member._meta,
        "change_url": change_url,
        "kept": [
            _("Teilnahme an Programmpunkten (ohne Namen)"),
            _("Anreise- und Abreisezeit, Hotel, Sprache"),
        ],
    }
    return TemplateResponse(request, "privacy/confirm_erasure.html", context)
