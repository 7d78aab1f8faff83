"""Public URLs, inside the language prefix (/de/, /uk/, /en/)."""

from django.urls import path

from visits.views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("besuche/<slug:slug>/", public.visit, name="visit"),
    path("veranstaltungen/<slug:slug>/", public.event, name="event"),
]
