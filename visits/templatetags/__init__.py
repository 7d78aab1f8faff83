"""Template tags of the visits app."""
