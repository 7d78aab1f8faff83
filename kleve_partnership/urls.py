"""URL map: the staff admin, guests' personal links, the public site per language, and service endpoints."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("g/", include("visits.urls.guest")),
    path("healthz", views.healthz, name="healthz"),
]
urlpatterns += i18n_patterns(path("", include("visits.urls.public")), prefix_default_language=True)
