"""The public check page of an invitation letter, found by the code its QR code carries.

Whoever scans a letter (a border officer, a hotel) learns only that it is genuine, its reference, the
member's name and the visit's dates. A wrong code and an expired letter get the same 404. Nothing of the page
may be kept by a proxy, passed on as a referrer or indexed.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from ..models import InvitationLetter
from ..texts import CHECK_TEXTS


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    return response


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    # The reader's language is unknown: the page is German with Ukrainian and English beside every label.
    with translation.override("de"):
        return HttpResponse(
            render_to_string(template, {**context, "texts": CHECK_TEXTS}, request=request), status=status
        )


@require_safe
def check(request, code: str) -> HttpResponse:
    letter = (
        InvitationLetter.objects.valid(timezone.now())
        .select_related("member__delegation")
        .only(
            "reference",
            "member__first_name",
            "member__last_name",
            "member__first_name_original",
            "member__last_name_original",
            "member__delegation__arrival_date",
            "member__delegation__departure_date",
        )
        .filter(code=code)
        .first()
    )
    if letter is None:
        return _private(_render(request, "letters/check_not_found.html", {}, status=404))
    return _private(_render(request, "letters/check.html", {"letter": letter}))
