"""The planners' translation work: guest-visible texts missing or outdated, edited, exchanged as XLIFF."""
