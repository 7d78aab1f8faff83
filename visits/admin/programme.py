"""Venues, programme items, company appointments and the programme page in the admin."""
