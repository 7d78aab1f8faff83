"""Fetch what a protocol page shows and check the user's permissions in one step (else 403)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from delegations.models import Delegation
from visits.models import ProgrammeItem

VIEW_PRECEDENCE = "protocol.view_precedenceentry"
CHANGE_PRECEDENCE = "protocol.change_precedenceentry"
ADD_PRECEDENCE = "protocol.add_precedenceentry"
VIEW_SEATING = ("protocol.view_seatingplan", "protocol.view_speech")
VIEW_GIFTS = "protocol.view_gift"


def require(request, *permissions: str) -> None:
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def delegation_for(request, pk: int, *permissions: str) -> Delegation:
    require(request, *permissions)
    return get_object_or_404(Delegation.objects.select_related("partnership"), pk=pk)


def item_for(request, pk: int) -> ProgrammeItem:
    require(request, *VIEW_SEATING)
    return get_object_or_404(
        ProgrammeItem.objects.select_related("delegation", "venue", "interpreter"), pk=pk
    )


def admin_context(request, *, title: str, delegation: Delegation) -> dict:
    return {
        **admin.site.each_context(request),
        "title": title,
        "subtitle": str(delegation),
        "delegation": delegation,
        "opts": Delegation._meta,
    }
