"""URLs of the followup app (included at the site root, before the admin's catch-all)."""

app_name = "followup"

urlpatterns = []
