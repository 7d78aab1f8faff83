"""Exports of the press app: the public programme in formats other programs read."""
