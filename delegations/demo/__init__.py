"""The first real visit as demo data: the delegation from Rajon Podilsk in Kreis Kleve, 16–22 November 2025.

The content is declared in the modules beside this one; `seeding.seed_demo` turns it into rows.
"""
