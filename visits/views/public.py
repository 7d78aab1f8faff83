"""Public pages (issue 4 builds them)."""

from django.http import Http404
from django.shortcuts import render


def home(request):
    return render(request, "public/home.html")


def visit(request, slug):
    raise Http404


def event(request, slug):
    raise Http404
