"""The legal pages and the accessibility feedback channel, in every language of the public site."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import page_cache

from .forms import AccessibilityFeedbackForm
from .models import LegalPage, LegalPageKind


def _render(request, kind: str, form=None, status=200):
    page = get_object_or_404(LegalPage, kind=kind)
    context = {"page": page}
    if kind == LegalPageKind.ACCESSIBILITY:
        context["form"] = form or AccessibilityFeedbackForm()
    return render(request, "pages/legal_page.html", context, status=status)


@transaction.non_atomic_requests
@page_cache.kept
@require_GET
def imprint(request):
    return _render(request, LegalPageKind.IMPRINT)


@transaction.non_atomic_requests
@page_cache.kept
@require_GET
def privacy(request):
    return _render(request, LegalPageKind.PRIVACY)


@require_GET
def accessibility(request):
    return _render(request, LegalPageKind.ACCESSIBILITY)


@require_POST
def accessibility_feedback(request):
    form = AccessibilityFeedbackForm(request.POST)
    if not form.is_valid():
        return _render(request, LegalPageKind.ACCESSIBILITY, form=form, status=400)
    feedback = form.save(commit=False)
    feedback.language = get_language()
    feedback.save()
    messages.success(request, _("Vielen Dank! Ihre Nachricht ist bei uns angekommen."))
    return redirect("pages:accessibility")
