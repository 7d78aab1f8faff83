"""Exports of the visits app: builders that turn programme items into calendar files and PDFs."""
