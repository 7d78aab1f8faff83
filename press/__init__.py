"""The press office's room and what the public reads: event pages, photos, the public site and its feeds."""
