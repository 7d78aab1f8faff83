"""URL map: the staff admin, guests' personal links, the public site per language, and service endpoints."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from press import views as public_views
from press.sitemaps import SITEMAPS

from . import views

urlpatterns = [
    # A delegation's documents (briefing book, lists): before admin/, whose catch-all would take them.
    path("admin/delegation/<int:pk>/documents/", include("visits.urls.documents")),
    # A delegation's translations for the guests (list, editor, XLIFF out and in), for the same reason.
    path("admin/delegation/<int:pk>/translations/", include("visits.urls.translations")),
    # The planners' calendar of every visit (and its .ics per resource), before admin/ for the same reason.
    path("admin/calendar/", include("visits.urls.calendar")),
    # The on-the-day screen for a phone (delays: preview, apply, undo), before admin/ for the same reason.
    path("admin/tag/", include("visits.urls.visit_day")),
    # The apps around the visit: staff pages under admin/… (each view checks login and permission), and the
    # letters' public check page.
    path("", include("protocol.urls")),
    path("", include("funding.urls")),
    path("", include("followup.urls")),
    path("", include("letters.urls")),
    path("", include("privacy.urls")),
    path("", include("accounts.urls")),
    # Event pages and photos were under admin/visits/ until the press app took them: old bookmarks still work.
    re_path(
        r"^admin/visits/(?P<rest>(?:eventpage|photo)/.*)$",
        RedirectView.as_view(url="/admin/press/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("g/", include("visits.urls.guest")),
    path("dienst/", include("visits.urls.staff_schedule")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("favicon.ico", public_views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        public_views.kept_until_public_change(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # Renditions of published photos only (the view checks); originals have no URL at all.
    path("bilder/<str:key>/<str:filename>", public_views.photo_rendition, name="photo_rendition"),
]
urlpatterns += i18n_patterns(
    path("", include("press.urls")),
    path("", include("pages.urls")),
    prefix_default_language=True,
)
