"""Staff URLs of a visit's translations, under ``admin/delegation/<pk>/translations/``; every view needs a
staff login (``admin.site.admin_view``) and checks its own permissions. ``?language=uk`` or ``?language=en``.

translations:index   the open texts with their German, editable (POST saves)
translations:export  the open texts as an XLIFF 1.2 file
translations:import  POST an XLIFF file: a preview; POST the preview: applied
"""

from django.contrib import admin
from django.urls import path

from visits.views import translations

app_name = "translations"

urlpatterns = [
    path("", admin.site.admin_view(translations.translations_page), name="index"),
    path("export.xlf", admin.site.admin_view(translations.export_xliff), name="export"),
    path("import/", admin.site.admin_view(translations.import_xliff), name="import"),
]
