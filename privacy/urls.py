"""Staff URLs of the data protection duties (included at the site root, before the admin's catch-all).

privacy:record                the record of processing activities (any staff member)
privacy:member-export  (pk)   all data held about a member as JSON
privacy:member-erase   (pk)   anonymise a member (asks first)
"""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        "admin/datenschutz/verarbeitungsverzeichnis/",
        admin.site.admin_view(views.record_of_processing),
        name="record",
    ),
    path(
        "admin/datenschutz/mitglied/<int:pk>/daten.json",
        admin.site.admin_view(views.member_export),
        name="member-export",
    ),
    path(
        "admin/datenschutz/mitglied/<int:pk>/anonymisieren/",
        admin.site.admin_view(views.member_erase),
        name="member-erase",
    ),
]
