"""Shared test set-up. Each area's fixtures live in its own folder's conftest.py."""

import os

# Charts render off-screen in tests; no window, no display needed.
os.environ.setdefault("MPLBACKEND", "Agg")


import pytest


@pytest.fixture(scope="session")
def playwright_session():
    """One Python playwright for the whole run, shared by the JupyterLab and the book tests.

    playwright's sync API keeps an asyncio loop running in the main thread while it is
    started, so a second ``sync_playwright()`` in the same pytest process (the book's tests
    after JupyterLab's) fails with "using Playwright Sync API inside the asyncio loop". Both
    areas take their browser from this one instance instead; code that needs a loop of its
    own (the hub test) runs it in a thread.
    """
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()
