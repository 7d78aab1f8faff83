"""The public site's URLs, inside the language prefix (/de/, /uk/, /en/); their names are `public:…`."""

from django.urls import path

from . import views
from .feeds import EventPagesAtomFeed, EventPagesRssFeed

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("besuche/<slug:slug>/", views.visit, name="visit"),
    path("besuche/<slug:slug>/programm.ics", views.visit_calendar, name="visit_calendar"),
    path("besuche/<slug:slug>/schedule.xml", views.visit_schedule_xml, name="visit_schedule_xml"),
    path("besuche/<slug:slug>/schedule.json", views.visit_schedule_json, name="visit_schedule_json"),
    path("veranstaltungen/", views.event_list, name="event_list"),
    path("veranstaltungen/<slug:slug>/", views.event, name="event"),
    path("feeds/atom.xml", views.kept_until_public_change(EventPagesAtomFeed()), name="feed_atom"),
    path("feeds/rss.xml", views.kept_until_public_change(EventPagesRssFeed()), name="feed_rss"),
]
