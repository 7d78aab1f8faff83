"""Staff views of a delegation's funding: the page with rules, budget and costs (and booking a cost), the
receipts, and the proof of use as PDF and XLSX.

`funding/urls.py` wraps every view in `admin.site.admin_view` (staff login); each request then checks the
permissions of what it serves, receipts and downloads included.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core import private_files
from delegations.models import Delegation, Member

from .allowances import compute_allowances
from .forms import CostForm
from .models import Cost
from .proof import build_proof, proof_pdf, proof_xlsx
from .queries import costs_of, funding_figures, funding_of
from .rules import check_funding

VIEW_FUNDING = ("funding.view_delegationfunding", "funding.view_budgetline", "funding.view_cost")
BOOK_COST = ("funding.add_cost",)
# The proof lists the participants by name, so it needs the permission to see members too.
PROOF = (*VIEW_FUNDING, "delegations.view_member")
RECEIPT = ("funding.view_cost", "funding.view_receipt")

PROOF_FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _delegation(request, pk: int, permissions) -> Delegation:
    """The delegation, if the user has all `permissions` (else 403)."""
    if not request.user.has_perms(permissions):
        raise PermissionDenied
    return get_object_or_404(Delegation.objects.select_related("partnership"), pk=pk)


def delegation_funding(request, pk: int) -> TemplateResponse:
    """The funding of one delegation: the rule check, budget lines planned against booked, the costs; a POST
    books a cost with its receipt."""
    delegation = _delegation(request, pk, VIEW_FUNDING)
    funding = funding_of(delegation)
    may_book = funding is not None and request.user.has_perms(BOOK_COST)
    form = None
    if request.method == "POST":
        if not may_book:
            raise PermissionDenied
        form = CostForm(request.POST, request.FILES, funding=funding)
        if form.is_valid():
            cost = form.save_booked(booked_by=request.user)
            messages.success(
                request,
                _("Die Ausgabe „%(description)s“ über %(amount)s € ist gebucht.")
                % {
                    "description": cost.description,
                    "amount": formats.number_format(cost.amount, 2, use_l10n=True, force_grouping=True),
                },
            )
            return redirect("funding:delegation", pk=delegation.pk)
    elif may_book:
        form = CostForm(funding=funding, initial={"spent_on": timezone.localdate()})

    context = {
        **admin.site.each_context(request),
        "title": _("Förderung"),
        "subtitle": str(delegation),
        "delegation": delegation,
        "opts": Delegation._meta,
        "funding": funding,
        "form": form,
        "may_see_receipts": request.user.has_perms(RECEIPT),
        "may_read_proof": request.user.has_perms(PROOF),
        "may_add_funding": request.user.has_perm("funding.add_delegationfunding"),
        "may_change_funding": request.user.has_perm("funding.change_delegationfunding"),
    }
    if funding is not None:
        figures = funding_figures(funding)
        context.update(
            figures=figures,
            warnings=check_funding(funding, figures=figures),
            costs=list(costs_of(funding)),
        )
        if request.user.has_perms(PROOF):  # the allowances are listed by name, as in the proof
            context.update(
                allowances=compute_allowances(funding, Member.objects.filter(delegation=delegation)),
                may_see_rates=request.user.has_perm("funding.view_dailyrate"),
            )
        if not figures.lines:
            context["form"] = None  # costs are booked on budget lines: none yet, nothing to book on
    status = 400 if form is not None and form.is_bound else 200
    return TemplateResponse(request, "funding/delegation.html", context, status=status)


def receipt(request, pk: int) -> FileResponse:
    """A cost's receipt as a download, for those who may see receipts; checked on every request."""
    if not request.user.has_perms(RECEIPT):
        raise PermissionDenied
    cost = get_object_or_404(Cost.objects.only("pk", "receipt", "receipt_name"), pk=pk)
    if not cost.receipt:
        raise Http404
    suffix = cost.receipt.name.rsplit(".", 1)[-1]
    return private_files.download_response(
        cost.receipt,
        filename=cost.receipt_name or f"beleg-{cost.pk}.{suffix}",
        content_type=cost.receipt_content_type,
    )


def proof_of_use(request, pk: int, fmt: str) -> HttpResponse:
    """The proof of use as PDF (shown for printing) or XLSX (saved)."""
    if fmt not in PROOF_FORMATS:
        raise Http404
    delegation = _delegation(request, pk, PROOF)
    funding = funding_of(delegation)
    if funding is None:
        raise Http404
    proof = build_proof(funding)
    content = proof_pdf(proof) if fmt == "pdf" else proof_xlsx(proof)
    response = HttpResponse(
        content,
        content_type=PROOF_FORMATS[fmt],
        headers={
            "Content-Disposition": content_disposition_header(
                fmt != "pdf", f"verwendungsnachweis-{delegation.slug}.{fmt}"
            )
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
