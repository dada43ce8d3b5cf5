"""Fixtures for the chart and widget tests: off-screen matplotlib, no figure left behind."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_figure_leaks():
    """Every test starts with no pyplot figures; widgets must not add any."""
    plt.close("all")
    yield
    plt.close("all")


@pytest.fixture
def png_of():
    """Render a Figure (or the Figure of an Axes) to PNG bytes, and close it."""
    import io

    def render(obj) -> bytes:
        fig = obj.figure if hasattr(obj, "get_figure") and not hasattr(obj, "savefig") else obj
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=60)
        plt.close(fig)
        return buffer.getvalue()

    return render
