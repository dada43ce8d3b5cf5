"""Shared test set-up. Each area's fixtures live in its own folder's conftest.py."""

import os

# Charts render off-screen in tests; no window, no display needed.
os.environ.setdefault("MPLBACKEND", "Agg")
