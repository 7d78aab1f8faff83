"""Partnerships, organisations, contacts, delegations and members in the admin."""
