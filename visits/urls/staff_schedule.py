"""Staff schedule URLs: a host's, interpreter's or driver's personal link, outside /de/, /uk/, /en/.

The token segment takes any text, so that a malformed token gets the same 404 as an unknown one.
"""

from django.urls import path

from visits.views import staff_schedule

app_name = "staff_schedule"

urlpatterns = [
    path("<str:token>/", staff_schedule.page, name="page"),
    path("<str:token>/dienstplan.ics", staff_schedule.calendar, name="calendar"),
]
