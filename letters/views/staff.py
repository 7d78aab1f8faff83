"""Staff pages of a delegation's invitation letters and badges, under ``admin/delegation/<pk>/…``.

`letters/urls.py` wraps every view in `admin.site.admin_view` (staff login); each view checks the
permissions of what it shows or changes, downloads included.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from delegations.models import Delegation

from ..documents import BADGE_HOSTS, badges_pdf, letters_pdf
from ..forms import BadgeOptionsForm
from ..models import InvitationLetter, Letterhead
from ..services import issue_letters

VIEW_LETTERS = ("letters.view_invitationletter", "delegations.view_member")
ISSUE_LETTERS = ("letters.add_invitationletter", "delegations.view_member")
PRINT_BADGES = ("letters.print_badges", "delegations.view_member")
PRINT_HOST_BADGES = ("letters.print_badges", "delegations.view_contact")


def delegation_for(request, pk: int, permissions) -> Delegation:
    """The delegation, if the user has all `permissions` (else 403; an unknown delegation is 404)."""
    if not request.user.has_perms(permissions):
        raise PermissionDenied
    return get_object_or_404(Delegation.objects.select_related("partnership"), pk=pk)


def _letters_of(delegation: Delegation):
    return (
        InvitationLetter.objects.filter(member__delegation=delegation, member__is_anonymised=False)
        .select_related("member__delegation__partnership", "member__organisation")
        .order_by("-member__is_head", "member__last_name", "member__first_name", "pk")
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(False, filename),
            "Cache-Control": "private, no-store",
        },
    )


@require_safe
def delegation_letters(request, pk: int) -> TemplateResponse:
    """The members with their letters, the button to issue the missing ones, downloads and badges."""
    delegation = delegation_for(request, pk, VIEW_LETTERS)
    members = list(
        delegation.members.active()
        .select_related("invitation_letter", "organisation")
        .order_by("-is_head", "last_name", "first_name", "pk")
    )
    rows = [(member, getattr(member, "invitation_letter", None)) for member in members]
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Einladungsschreiben und Namensschilder"),
        "subtitle": str(delegation),
        "delegation": delegation,
        "opts": Delegation._meta,
        "rows": rows,
        "missing": sum(1 for _member, letter in rows if letter is None),
        "issued": sum(1 for _member, letter in rows if letter is not None),
        "may_issue": user.has_perms(ISSUE_LETTERS),
        "may_print_badges": user.has_perms(PRINT_BADGES),
        "may_print_host_badges": user.has_perms(PRINT_HOST_BADGES),
        "badge_form": BadgeOptionsForm(delegation=delegation),
        "now": timezone.now(),
        "letterhead_set": Letterhead.objects.exists(),
    }
    return TemplateResponse(request, "letters/delegation_letters.html", context)


@require_POST
def issue(request, pk: int):
    """Issue letters to the members who have none yet; existing letters stay as they are."""
    delegation = delegation_for(request, pk, ISSUE_LETTERS)
    letters = issue_letters(delegation=delegation, issued_by=request.user)
    if letters:
        messages.success(
            request,
            ngettext(
                "%(count)d Einladungsschreiben ausgestellt.",
                "%(count)d Einladungsschreiben ausgestellt.",
                len(letters),
            )
            % {"count": len(letters)},
        )
    else:
        messages.info(request, _("Alle Mitglieder haben schon ein Einladungsschreiben."))
    return redirect("letters:delegation", pk=delegation.pk)


@require_safe
def member_letter_pdf(request, pk: int, member_pk: int) -> HttpResponse:
    delegation = delegation_for(request, pk, VIEW_LETTERS)
    letter = get_object_or_404(_letters_of(delegation), member__pk=member_pk)
    return _pdf_response(letters_pdf([letter], request=request), f"einladung-{letter.reference}.pdf")


@require_safe
def delegation_letters_pdf(request, pk: int) -> HttpResponse:
    delegation = delegation_for(request, pk, VIEW_LETTERS)
    letters = list(_letters_of(delegation))
    if not letters:
        messages.warning(request, _("Diese Delegation hat noch keine Einladungsschreiben."))
        return redirect("letters:delegation", pk=delegation.pk)
    return _pdf_response(letters_pdf(letters, request=request), f"einladungen-{delegation.slug}.pdf")


@require_safe
def badges(request, pk: int) -> HttpResponse:
    """Badges as PDF: ``?who=hosts`` for the hosts instead of the members, ``?item=<id>`` for one event."""
    delegation = delegation_for(request, pk, PRINT_BADGES)
    form = BadgeOptionsForm(request.GET, delegation=delegation)
    if not form.is_valid():
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    who = form.cleaned_data["who"]
    if who == BADGE_HOSTS and not request.user.has_perms(PRINT_HOST_BADGES):
        raise PermissionDenied
    item = form.cleaned_data["item"]
    suffix = f"-{item.pk}" if item else ""
    content = badges_pdf(delegation, who=who, item=item)
    return _pdf_response(content, f"namensschilder-{delegation.slug}-{who}{suffix}.pdf")
