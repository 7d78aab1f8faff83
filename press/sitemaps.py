"""sitemap.xml: the public site in its three languages, each URL with its language alternates."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from core import links
from delegations.models import Delegation

from .models import EventPage


class _Multilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    # The addresses come from `DJANGO_SITE_URL` (`core.links`); in debug mode without it, from the request.
    def get_protocol(self, protocol=None):
        base = links.fixed_base()
        return urlsplit(base).scheme if base else super().get_protocol(protocol)

    def get_domain(self, site=None):
        base = links.fixed_base()
        return urlsplit(base).netloc if base else super().get_domain(site)


class StaticPagesSitemap(_Multilingual):
    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:event_list",
            "pages:imprint",
            "pages:privacy",
            "pages:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class VisitSitemap(_Multilingual):
    changefreq = "daily"

    def items(self):
        return Delegation.objects.published().order_by("-arrival_date", "pk")

    def lastmod(self, item):
        return item.updated_at


class EventPageSitemap(_Multilingual):
    changefreq = "weekly"

    def items(self):
        return EventPage.objects.published(timezone.now()).newest_first()

    def lastmod(self, item):
        return max(item.updated_at, item.visible_from)


SITEMAPS = {"pages": StaticPagesSitemap, "visits": VisitSitemap, "events": EventPageSitemap}
