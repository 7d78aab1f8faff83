"""Views of the letters app: `staff` (admin pages and downloads) and `public` (the check page)."""
