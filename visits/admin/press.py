"""Event pages and photos in the admin, for the press office (issue 4 builds the workflow)."""
