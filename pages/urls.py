"""URLs of the legal pages, inside the language prefix."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/rueckmeldung/", views.accessibility_feedback, name="accessibility_feedback"),
]
