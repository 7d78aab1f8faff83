"""URLs of the letters app (included at the site root, before the admin's catch-all).

letters:check            (code)            the public check page of a letter, outside /de/, /uk/, /en/
letters:delegation       (pk)              staff: a delegation's members with their letters, issue, badges
letters:issue            (pk)              staff, POST: issue letters to the members without one
letters:member-pdf       (pk, member_pk)   staff: one member's letter as PDF
letters:delegation-pdf   (pk)              staff: all letters of the delegation in one PDF
letters:badges           (pk)              staff: badges as PDF (``?who=hosts``, ``?item=<id>``)
"""

from django.contrib import admin
from django.urls import path

from .views import public, staff

app_name = "letters"

urlpatterns = [
    # Any text as the code, so a malformed code gets the same 404 as an unknown one.
    path("brief/<str:code>/", public.check, name="check"),
    path(
        "admin/delegation/<int:pk>/einladungen/",
        admin.site.admin_view(staff.delegation_letters),
        name="delegation",
    ),
    path(
        "admin/delegation/<int:pk>/einladungen/ausstellen/", admin.site.admin_view(staff.issue), name="issue"
    ),
    path(
        "admin/delegation/<int:pk>/einladungen/alle.pdf",
        admin.site.admin_view(staff.delegation_letters_pdf),
        name="delegation-pdf",
    ),
    path(
        "admin/delegation/<int:pk>/einladungen/<int:member_pk>.pdf",
        admin.site.admin_view(staff.member_letter_pdf),
        name="member-pdf",
    ),
    path(
        "admin/delegation/<int:pk>/namensschilder.pdf",
        admin.site.admin_view(staff.badges),
        name="badges",
    ),
]
