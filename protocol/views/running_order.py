"""A programme item's running order (speeches) and seating plan: printable page, PDF and place cards."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..documents import place_cards_for_delegation, running_order
from ..exports import place_cards_pdf, running_order_pdf
from .access import VIEW_PRECEDENCE, VIEW_SEATING, admin_context, delegation_for, item_for


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


def page(request, item_pk: int) -> TemplateResponse:
    item = item_for(request, item_pk)
    context = admin_context(request, title=_("Ablauf und Sitzordnung"), delegation=item.delegation)
    context.update(order=running_order(item), item=item, printed_at=timezone.localtime())
    return TemplateResponse(request, "protocol/running_order_page.html", context)


def pdf(request, item_pk: int) -> HttpResponse:
    item = item_for(request, item_pk)
    return _pdf_response(running_order_pdf(running_order(item)), f"sitzordnung-{item.pk}.pdf")


def item_place_cards(request, item_pk: int) -> HttpResponse:
    item = item_for(request, item_pk)
    cards = running_order(item).seated
    return _pdf_response(place_cards_pdf(cards, title=item.title), f"tischkarten-{item.pk}.pdf")


def delegation_place_cards(request, pk: int) -> HttpResponse:
    """Place cards for everyone of the visit, when no seating plan is needed (e.g. a meeting table)."""
    delegation = delegation_for(request, pk, VIEW_PRECEDENCE, *VIEW_SEATING)
    cards = place_cards_for_delegation(delegation)
    return _pdf_response(place_cards_pdf(cards, title=str(delegation)), f"tischkarten-{delegation.slug}.pdf")
