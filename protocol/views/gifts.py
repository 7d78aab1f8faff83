"""The gifts register of a delegation as a staff page, with totals, and as CSV and XLSX."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..exports import gifts_csv, gifts_xlsx
from ..models import Gift
from .access import VIEW_GIFTS, admin_context, delegation_for

DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def gift_list(request, pk: int) -> TemplateResponse:
    delegation = delegation_for(request, pk, VIEW_GIFTS)
    gifts = Gift.objects.filter(delegation=delegation)
    context = admin_context(request, title=_("Geschenkeregister"), delegation=delegation)
    context.update(
        gifts=list(gifts.for_list()),
        totals=gifts.totals(),
        formats=list(DOWNLOAD_TYPES),
        may_add=request.user.has_perm("protocol.add_gift"),
    )
    return TemplateResponse(request, "protocol/gifts.html", context)


def gift_download(request, pk: int, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOAD_TYPES:
        raise Http404
    delegation = delegation_for(request, pk, VIEW_GIFTS)
    gifts = list(Gift.objects.filter(delegation=delegation).for_list())
    if fmt == "csv":
        content = gifts_csv(gifts)
    else:
        content = gifts_xlsx(gifts, title=f"{_('Geschenkeregister')}: {delegation}")
    return HttpResponse(
        content,
        content_type=DOWNLOAD_TYPES[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, f"geschenke-{delegation.slug}.{fmt}")
        },
    )
