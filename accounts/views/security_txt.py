"""/.well-known/security.txt (RFC 9116): where and in which languages to report a vulnerability."""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core import links

# RFC 9116 recommends an expiry less than a year ahead; the file is rebuilt on every request, so it never
# runs out while the site runs.
VALID_FOR = timedelta(days=360)


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def security_txt(request):
    today = datetime.combine(datetime.now(UTC).date(), time(), tzinfo=UTC)
    expires = (today + VALID_FOR).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        "Preferred-Languages: de, en, uk",
        f"Canonical: {links.absolute_url(reverse('accounts:security_txt'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
