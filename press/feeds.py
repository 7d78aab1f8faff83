"""Atom and RSS feeds of the published event pages, one per language (the URL's language prefix decides)."""

import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import links

from .models import EventPage

FEED_LENGTH = 30


def _link(path: str) -> str:
    """Absolute from `DJANGO_SITE_URL`; else the path, which the feed completes from the request's host.

    A feed's methods see no request, and Django makes a link absolute only where it is a path.
    """
    base = links.fixed_base()
    return base + path if base else path


class EventPagesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Kreis Kleve – Besuche aus den Partnerregionen")
    description = _("Neue Berichte über die Besuche von Delegationen aus den Partnerregionen des Kreises.")
    author_name = _("Kreis Kleve, Pressestelle")

    def link(self):
        return _link(reverse("public:event_list"))

    def feed_url(self):
        return _link(reverse("public:feed_rss"))

    def item_link(self, item):
        return _link(item.get_absolute_url())

    def items(self):
        return list(
            EventPage.objects.published(timezone.now())
            .newest_first()
            .select_related("delegation")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.visible_from

    def item_updateddate(self, item):
        return max(item.updated_at, item.visible_from)

    item_guid_is_permalink = False

    def item_guid(self, item):
        # One entry per page and language, stable when the slug changes: readers of two feeds see two entries.
        # From the setting, never the request's host: an identifier, not a link.
        name = f"{settings.SITE_URL}/eventpage/{item.pk}/{get_language()}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def item_categories(self, item):
        return [item.delegation.title]


class EventPagesAtomFeed(EventPagesRssFeed):
    feed_type = Atom1Feed
    subtitle = EventPagesRssFeed.description

    def feed_url(self):
        return _link(reverse("public:feed_atom"))
