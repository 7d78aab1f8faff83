"""Public URLs, inside the language prefix (/de/, /uk/, /en/)."""

from django.urls import path

from visits.feeds import EventPagesAtomFeed, EventPagesRssFeed
from visits.views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("besuche/<slug:slug>/", public.visit, name="visit"),
    path("besuche/<slug:slug>/programm.ics", public.visit_calendar, name="visit_calendar"),
    path("besuche/<slug:slug>/schedule.xml", public.visit_schedule_xml, name="visit_schedule_xml"),
    path("besuche/<slug:slug>/schedule.json", public.visit_schedule_json, name="visit_schedule_json"),
    path("veranstaltungen/", public.event_list, name="event_list"),
    path("veranstaltungen/<slug:slug>/", public.event, name="event"),
    path("feeds/atom.xml", EventPagesAtomFeed(), name="feed_atom"),
    path("feeds/rss.xml", EventPagesRssFeed(), name="feed_rss"),
]
