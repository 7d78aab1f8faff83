"""Staff pages of the protocol app, each wrapped in `admin.site.admin_view` by urls.py and checked."""
