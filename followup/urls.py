"""URLs of the followup app (included at the site root, before the admin's catch-all).

followup:open-actions   every open action of every visit (staff)
followup:action-state   POST: change an action's state
followup:delegation     one delegation's follow-up: programme as held, records, actions
followup:report         the visit report as PDF (?lang=uk|en)
"""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path(
        "admin/nachbereitung/offene-aufgaben/",
        admin.site.admin_view(views.open_actions),
        name="open-actions",
    ),
    path(
        "admin/nachbereitung/aufgaben/<int:pk>/stand/",
        admin.site.admin_view(views.change_action_state),
        name="action-state",
    ),
    path(
        "admin/delegation/<int:pk>/nachbereitung/",
        admin.site.admin_view(views.delegation_followup),
        name="delegation",
    ),
    path(
        "admin/delegation/<int:pk>/nachbereitung/besuchsbericht.pdf",
        admin.site.admin_view(views.visit_report),
        name="report",
    ),
]
