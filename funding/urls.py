"""Staff URLs of the funding app (included at the site root, before the admin's catch-all); every view needs
a staff login (``admin.site.admin_view``) and checks its own permissions.

funding:delegation  (pk)       a delegation's funding: rule check, budget, costs, booking a cost (POST)
funding:proof       (pk, fmt)  its proof of use ("Verwendungsnachweis") as pdf or xlsx
funding:receipt     (pk)       a cost's receipt, as a download
"""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path(
        "admin/delegation/<int:pk>/foerderung/",
        admin.site.admin_view(views.delegation_funding),
        name="delegation",
    ),
    path(
        "admin/delegation/<int:pk>/foerderung/verwendungsnachweis.<slug:fmt>",
        admin.site.admin_view(views.proof_of_use),
        name="proof",
    ),
    path("admin/foerderung/beleg/<int:pk>/", admin.site.admin_view(views.receipt), name="receipt"),
]
