"""Helpers shared by the chart modules: dates, figures, captions (private)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import course_lib as _cl

from .palette import MUTED_TEXT_COLOR

__all__ = ["caption", "describe_date", "drawing", "figure_and_axes", "resolve_countries", "resolve_date",
           "today"]


def today() -> pd.Timestamp:
    """Today's date (midnight, no time zone)."""
    return pd.Timestamp.today().normalize()


def resolve_date(value: Any) -> tuple[pd.Timestamp, str]:
    """``cl.parse_date`` with a default of today; its errors pass through unchanged."""
    if value is None:
        return today(), "day"
    return _cl.parse_date(value)


def describe_date(when: pd.Timestamp, precision: str = "day") -> str:
    """'1 January 2010'; for a month or year given, say which day stands for it."""
    day = f"{when.day} {when:%B %Y}"
    if precision == "year":
        return f"{day} (start of {when:%Y})"
    if precision == "month":
        return f"{day} (start of {when:%B %Y})"
    return day


def resolve_countries(countries: Any) -> list[str] | None:
    """Names, codes or aliases (one or a list) to ISO alpha-3 codes, via ``cl.resolve_country``."""
    if countries is None:
        return None
    if isinstance(countries, str):
        countries = [countries]
    return [_cl.resolve_country(c) for c in countries]


def figure_and_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes, bool]:
    """Return ``(figure, axes, created)``: a new pyplot figure unless ``ax`` is given."""
    if ax is not None:
        return ax.figure, ax, False
    import matplotlib.pyplot as plt

    fig, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, new_ax, True


@contextmanager
def drawing(ax: Axes | None, figsize: tuple[float, float]) -> Iterator[tuple[Figure, Axes, bool]]:
    """:func:`figure_and_axes` that closes the new figure again if drawing fails."""
    fig, new_ax, created = figure_and_axes(ax, figsize)
    try:
        yield fig, new_ax, created
    except BaseException:
        if created:
            import matplotlib.pyplot as plt

            plt.close(fig)
        raise


def caption(ax: Axes, text: str, y: float = -0.1) -> Any:
    """Write a small grey caption under the axes (left-aligned)."""
    return ax.text(0.0, y, text, transform=ax.transAxes, ha="left", va="top", fontsize=7.5,
                   color=MUTED_TEXT_COLOR, wrap=False)


def assign_lanes(extents: list[tuple[float, float]], pad: float = 0.0) -> list[int]:
    """Greedy lanes for labels so that no two in one lane overlap.

    Parameters
    ----------
    extents : list of (start, end)
        Each label's horizontal extent (any unit, e.g. pixels).
    pad : float
        Space to keep between neighbours in a lane.

    Returns
    -------
    list of int
        The lane of each label (0 = nearest the axis), in the input order.

    Examples
    --------
    >>> assign_lanes([(0, 10), (5, 12), (11, 20)])
    [0, 1, 0]
    """
    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1]))
    lane_ends: list[float] = []
    lanes = [0] * len(extents)
    for i in order:
        start, end = extents[i]
        for lane, last in enumerate(lane_ends):
            if start >= last + pad:
                lanes[i] = lane
                lane_ends[lane] = end
                break
        else:
            lanes[i] = len(lane_ends)
            lane_ends.append(end)
    return lanes


def text_extents(fig: Figure, texts: list[Any]) -> list[tuple[float, float]]:
    """The horizontal pixel extent of each Text, after the figure's layout has run."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [(b.x0, b.x1) for b in boxes]


def fit_height(fig: Figure, tries: int = 3) -> None:
    """Fit a figure's height to everything drawn in it, title to caption.

    Grows the figure where something sticks out (``savefig`` without ``bbox_inches="tight"``
    would cut it off) and trims empty bands above and below an axes of fixed aspect.
    """
    for _ in range(tries):
        fig.draw_without_rendering()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        width, height = fig.get_size_inches()
        needed = box.height + 0.12
        if box.y0 >= 0 and box.y1 <= height and abs(needed - height) < 0.2:
            return
        fig.set_size_inches(width, max(needed, 2.0))
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    if box.y0 < 0 or box.y1 > height:  # never leave anything outside
        fig.set_size_inches(width, height + max(0.0, -box.y0) + max(0.0, box.y1 - height) + 0.1)
