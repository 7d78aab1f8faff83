"""URLs of the accounts app (included at the site root, before the admin's catch-all)."""

app_name = "accounts"

urlpatterns = []
