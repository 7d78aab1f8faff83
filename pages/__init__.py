"""The pages a German public body must have: Impressum, Datenschutz, Erklärung zur Barrierefreiheit."""
