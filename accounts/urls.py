"""URLs of the accounts app (included at the site root, before the admin's catch-all)."""

from django.urls import path

from accounts.views import security_txt, two_factor

app_name = "accounts"

urlpatterns = [
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path("admin/zwei-faktoren/pruefen/", two_factor.verify, name="verify"),
    path("admin/zwei-faktoren/einrichten/", two_factor.setup, name="setup"),
]
