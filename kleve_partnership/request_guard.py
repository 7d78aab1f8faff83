"""Refuse a NUL byte in a URL's path or query string with 400, before any view or database sees it.

No URL of ours contains one, and PostgreSQL cannot compare or store text holding it (psycopg raises
ValueError), so without this guard an admin list filter, a search or a code in a path would answer 500.
Form fields refuse NUL bytes themselves (Django's ProhibitNullCharactersValidator).
"""

from django.core.exceptions import SuspiciousOperation


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "\x00" in query or "%00" in query:
            # Django answers 400 and logs it to django.security.SuspiciousOperation.
            raise SuspiciousOperation("NUL byte in the URL")
        return self.get_response(request)
