"""URLs of the letters app (included at the site root, before the admin's catch-all)."""

app_name = "letters"

urlpatterns = []
