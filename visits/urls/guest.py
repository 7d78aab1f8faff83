"""Guest URLs: a personal link per member or delegation, found by its secret token."""

from django.urls import path

from visits.views import guest

app_name = "guest"

urlpatterns = [
    path("<str:token>/", guest.itinerary, name="itinerary"),
]
