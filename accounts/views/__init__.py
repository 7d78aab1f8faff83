"""Views of the accounts app: security.txt and the two-factor pages of the admin."""
