"""Guest pages (issue 3 builds them)."""

from django.http import Http404


def itinerary(request, token):
    raise Http404
