"""The protocol page of a delegation: order of precedence (arranged here), Golden Book, plans, gifts."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from visits.enums import ItemKind
from visits.models import ProgrammeItem

from .. import services
from ..models import SEATED_KINDS, PrecedenceEntry
from .access import (
    ADD_PRECEDENCE,
    CHANGE_PRECEDENCE,
    VIEW_GIFTS,
    VIEW_PRECEDENCE,
    VIEW_SEATING,
    admin_context,
    delegation_for,
)


def overview(request, pk: int) -> TemplateResponse:
    delegation = delegation_for(request, pk, VIEW_PRECEDENCE)
    user = request.user
    entries = list(PrecedenceEntry.objects.for_delegation(delegation))
    may_add = user.has_perm(ADD_PRECEDENCE)
    missing_members, missing_contacts = services.missing_people(delegation) if may_add else ([], [])
    items = list(
        ProgrammeItem.objects.filter(delegation=delegation)
        .filter(kind__in=SEATED_KINDS)
        .select_related("venue", "seating_plan")
        .annotate(speech_count=Count("speeches", distinct=True))
        .in_order()
    )
    context = admin_context(request, title=_("Protokoll"), delegation=delegation)
    context.update(
        entries=entries,
        may_change=user.has_perm(CHANGE_PRECEDENCE),
        may_add=may_add,
        missing_count=len(missing_members) + len(missing_contacts),
        may_see_seating=user.has_perms(VIEW_SEATING),
        may_see_gifts=user.has_perm(VIEW_GIFTS),
        may_add_plan=user.has_perm("protocol.add_seatingplan"),
        items=items,
        golden_book_items=[item for item in items if item.kind == ItemKind.GOLDEN_BOOK],
    )
    return TemplateResponse(request, "protocol/overview.html", context)


@require_POST
def move(request, pk: int, entry_pk: int, direction: str):
    """Move one entry up or down by one place, then back to the page."""
    if direction not in (services.UP, services.DOWN):
        raise Http404
    delegation = delegation_for(request, pk, CHANGE_PRECEDENCE)
    entry = get_object_or_404(
        PrecedenceEntry.objects.select_related("member", "contact"), pk=entry_pk, delegation=delegation
    )
    if services.move_entry(entry=entry, direction=direction):
        messages.success(request, _("%(person)s wurde verschoben.") % {"person": entry.person})
    else:
        messages.info(
            request, _("%(person)s steht schon an dieser Stelle der Rangfolge.") % {"person": entry.person}
        )
    return redirect("protocol:overview", pk=delegation.pk)


@require_POST
def add_missing(request, pk: int):
    """Append every guest and host of the programme not yet in the order."""
    delegation = delegation_for(request, pk, ADD_PRECEDENCE)
    added = services.add_missing_participants(delegation=delegation)
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d Person wurde an die Rangfolge angehängt.",
                "%(count)d Personen wurden an die Rangfolge angehängt.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("Alle Gäste und Gastgeber/innen stehen schon in der Rangfolge."))
    return redirect("protocol:overview", pk=delegation.pk)
