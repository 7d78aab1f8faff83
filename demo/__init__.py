"""The demo visit: the first real visit (Rajon Podilsk, November 2025) as data files, and `seed_demo`."""
