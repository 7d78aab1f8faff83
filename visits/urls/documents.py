"""Staff URLs of a delegation's documents, under ``admin/delegation/<pk>/documents/``; every view needs a
staff login (``admin.site.admin_view``) and checks its own permissions.

documents:index                  the list of documents of the delegation
documents:briefing-book          the briefing book PDF (``?lang=uk`` or ``?lang=en`` for the guests' language)
documents:list      (kind)       a list as an admin page: catering, transport, hotel, interpreters
documents:download  (kind, fmt)  the same list as pdf, csv or xlsx
"""

from django.contrib import admin
from django.urls import path

from visits.views import documents

app_name = "documents"

urlpatterns = [
    path("", admin.site.admin_view(documents.index), name="index"),
    path("besuchermappe.pdf", admin.site.admin_view(documents.briefing_book), name="briefing-book"),
    path("<slug:kind>/", admin.site.admin_view(documents.staff_list), name="list"),
    path("<slug:kind>.<slug:fmt>", admin.site.admin_view(documents.staff_list_download), name="download"),
]
