"""URLs of the funding app (included at the site root, before the admin's catch-all)."""

app_name = "funding"

urlpatterns = []
