"""The planners' calendar under ``admin/calendar/``; both views need a staff login (``admin.site.admin_view``)
and check the permission to see programme items themselves.

calendar:index         the calendar: ``?date=YYYY-MM-DD&view=month|week|day&resource=KIND:ID``
calendar:resource-ics  one resource's items as ``.ics``: ``?resource=KIND:ID``
"""

from django.contrib import admin
from django.urls import path

from visits.views import calendar

app_name = "calendar"

urlpatterns = [
    path("", admin.site.admin_view(calendar.calendar_page), name="index"),
    path("resource.ics", admin.site.admin_view(calendar.resource_ics), name="resource-ics"),
]
