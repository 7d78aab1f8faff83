"""URLs of the protocol app (included at the site root, before the admin's catch-all)."""

app_name = "protocol"

urlpatterns = []
