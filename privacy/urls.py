"""URLs of the privacy app (included at the site root, before the admin's catch-all)."""

app_name = "privacy"

urlpatterns = []
