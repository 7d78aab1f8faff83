"""The planners' on-the-day screen under ``admin/tag/``, made for a phone. Every view needs a staff login
(``admin.site.admin_view``) and checks the permissions to change programme items and to release the programme
itself; changes only by POST (`visits/views/visit_day.py`).

visit_day:day    a visit's day: ``?delegation=ID&date=YYYY-MM-DD`` (none: the visit under way today, else
                 a chooser)
visit_day:delay  (item_pk) GET: preview of a delay (``date``, and ``quick``, ``late`` or ``early``);
                 POST: apply it (``date``, ``minutes``, ``fingerprint``)
visit_day:undo   (pk)      GET: what undoing the visit's last delay restores; POST: undo it (``batch``)
"""

from django.contrib import admin
from django.urls import path

from visits.views import visit_day

app_name = "visit_day"

urlpatterns = [
    path("", admin.site.admin_view(visit_day.day_page), name="day"),
    path("punkt/<int:item_pk>/verspaetung/", admin.site.admin_view(visit_day.delay_page), name="delay"),
    path("besuch/<int:pk>/rueckgaengig/", admin.site.admin_view(visit_day.undo_page), name="undo"),
]
