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

__all__ = ["assign_lanes", "caption", "describe_date", "drawing", "figure_and_axes", "fit_axes",
           "fit_column", "fit_height", "freeze_layout", "grow_top", "hand_over", "new_figure",
           "resolve_countries", "resolve_date", "run_layout", "text_extents", "tick_labels_shown",
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


def figure_and_axes(ax: Axes | None, figsize: tuple[float, float],
                    layout: str = "constrained") -> tuple[Figure, Axes, bool]:
    """Return ``(figure, axes, created)``: a new pyplot figure unless ``ax`` is given.

    ``layout`` is the new figure's layout engine; ``"none"`` for a chart that places its axes
    itself (:func:`fit_axes`). A new figure comes from :func:`new_figure`.
    """
    if ax is not None:
        return ax.figure, ax, False
    fig = new_figure(figsize, layout)
    return fig, fig.add_subplot(), True


def new_figure(figsize: tuple[float, float], layout: str = "constrained") -> Figure:
    """A new pyplot figure for a chart: a :class:`~._display.CourseFigure`.

    A notebook shows it with one render, without the inline backend's tight-box pass (the
    chart fits its figure: ``layout``, or :func:`fit_axes` with ``layout="none"``).
    """
    import matplotlib.pyplot as plt

    from ._display import CourseFigure, show_in_one_pass

    fig = plt.figure(figsize=figsize, layout=layout, FigureClass=CourseFigure)
    show_in_one_pass()
    return fig


@contextmanager
def drawing(ax: Axes | None, figsize: tuple[float, float],
            layout: str = "constrained") -> Iterator[tuple[Figure, Axes, bool]]:
    """:func:`figure_and_axes` that closes the new figure again if drawing fails."""
    fig, new_ax, created = figure_and_axes(ax, figsize, layout)
    try:
        yield fig, new_ax, created
    except BaseException:
        if created:
            import matplotlib.pyplot as plt

            plt.close(fig)
        raise
    if created:
        hand_over(fig)


def hand_over(fig: Figure) -> None:
    """Tell the notebook's inline backend that a finished chart needs no extra draw.

    After each cell, pyplot redraws every figure marked stale (its ``post_execute`` hook), and
    with the inline backend that is a full render whose pixels nobody sees: the backend then
    renders the figure again to show it. Marking a chart up to date when it is returned skips
    the wasted render (one of three; a third of the cell's time, measured in a kernel). It is
    only done under the inline backend, which shows every open figure whether stale or not;
    anything a learner changes afterwards marks the figure stale again.
    """
    import matplotlib

    if "inline" in str(matplotlib.get_backend()).lower():
        fig.stale = False


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


def run_layout(fig: Figure) -> Any:
    """Place the axes (the figure's layout engine, if any) and return the figure's renderer.

    Cheaper than ``fig.draw_without_rendering()``: it runs only the layout (constrained layout
    measures each axes' decorations) and draws nothing, which is all that text extents and
    tight boxes need. Measured on ``membership_chart``: 0.13 s against 0.25 s for a full
    draw without rendering.
    """
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "execute"):
        engine.execute(fig)
    return fig.canvas.get_renderer()


def freeze_layout(fig: Figure) -> None:
    """Run the layout once more and keep it: later draws skip the layout engine.

    Constrained layout runs on every draw, and the notebook's inline backend draws a figure
    twice to show it (once to find the tight box, once to render). A chart that is finished
    when it is returned needs its layout once: freezing saved about a third of the time to
    show ``membership_chart`` (0.45 s to 0.29 s). Artists a learner adds afterwards
    are still shown in full, since the inline backend crops to everything drawn; only the
    axes no longer move to make room for them.
    """
    run_layout(fig)
    fig.set_layout_engine("none")


def _sticking_out(ax: Axes, around: list[Any], renderer: Any) -> tuple[float, float, float, float]:
    """Pixels by which ``around`` sticks out of ``ax``: (left, right, top, bottom), each >= 0.

    Invisible artists and empty texts are skipped.
    """
    from matplotlib.transforms import Bbox

    boxes = [ax.bbox.frozen()]
    for artist in around:
        if not artist.get_visible() or (hasattr(artist, "get_text") and not artist.get_text()):
            continue
        boxes.append(artist.get_window_extent(renderer))
    used = Bbox.union(boxes)
    x0, y0, x1, y1 = ax.bbox.extents
    return x0 - used.x0, used.x1 - x1, used.y1 - y1, y0 - used.y0


def fit_axes(fig: Figure, ax: Axes, around: list[Any], pad: float = 3.0, tries: int = 2) -> Any:
    """Place a figure's one axes so that it and the artists ``around`` it fill the figure.

    A stand-in for constrained layout on a chart that knows which of its artists stick out of
    the axes (tick labels, a legend below, a caption, a title): measuring those few costs a
    fraction of constrained layout's pass, which measures every artist, leader lines and all
    (0.1 s of ``membership_chart``'s 0.2 s). Each side is moved by what sticks out past it,
    plus ``pad`` points (constrained layout's own padding); a second try settles what moves
    with the axes' size (a text placed in data coordinates near an edge).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure without a layout engine (``layout="none"``) whose only axes is ``ax``.
    ax : matplotlib.axes.Axes
        The axes to place.
    around : list of Artist
        Everything that may stick out of the axes; empty texts are skipped.
    pad : float
        Points between the outermost artist and the figure's edge.
    tries : int
        Measure-and-move rounds.

    Returns
    -------
    RendererBase
        The figure's renderer, to measure more artists against the final placement.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(4, 3), layout="none")
    >>> _ = ax.set_title("A title")
    >>> _ = fit_axes(fig, ax, [ax.title, *ax.get_xticklabels(), *ax.get_yticklabels()])
    >>> bool(0.05 < ax.get_position().x0 < 0.2)
    True
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    room = pad * fig.dpi / 72
    for _ in range(tries):
        left, right, above, below = _sticking_out(ax, around, renderer)
        x0, y0 = room + left, room + below
        x1, y1 = width - room - right, height - room - above
        ax.set_position((x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height))
    return renderer


def tick_labels_shown(axis: Any) -> list[Any]:
    """The major tick labels of ``axis`` that a draw shows: those inside the axis' limits.

    ``axis.get_ticklabels()`` also returns the labels of ticks the locator puts past the
    limits (``75,000`` on an axis that ends at 62,000), which are never drawn; measuring them
    would leave room for nothing.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xlim(0, 6.2)
    >>> [t.get_text() for t in tick_labels_shown(ax.xaxis)]
    ['0', '1', '2', '3', '4', '5', '6']
    >>> plt.close(fig)
    """
    lo, hi = sorted(axis.get_view_interval())
    slack = (hi - lo) * 1e-9
    labels = axis.get_majorticklabels()
    return [label for loc, label in zip(axis.get_majorticklocs(), labels)
            if lo - slack <= loc <= hi + slack]


def fit_column(fig: Figure, axes: list[Axes], around: list[list[Any]],
               height_ratios: list[float], title: Any = None, caption: Any = None,
               pad: float = 3.0, tries: int = 2) -> Any:
    """Place a column of axes, one above the other, so that they and what sticks out fill the figure.

    :func:`fit_axes` for a chart of several panels: the axes share their left and right
    edges (the widest tick labels of any panel set them), each panel gets room above and
    below for its own title and tick labels plus twice ``pad`` points between panels, and
    the height left is shared out by ``height_ratios``. The figure's ``title`` (a suptitle)
    goes ``pad`` points below the top edge and its ``caption`` (a supxlabel) ``pad`` points
    above the bottom. Constrained layout measures every artist of every panel, twice;
    measuring these few instead took ``figures_chart("force")`` (five panels) from 230 to
    205 ms in a kernel.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure without a layout engine (``layout="none"``).
    axes : list of matplotlib.axes.Axes
        The panels, top to bottom.
    around : list of list of Artist
        For each panel, everything that may stick out of it (tick labels, its title, a
        legend, texts near an edge); empty texts are skipped.
    height_ratios : list of float
        Each panel's share of the height left for the panels.
    title, caption : matplotlib.text.Text, optional
        The figure's title at the top and caption at the bottom.
    pad : float
        Points between the outermost artists and the figure's edge, and on each side of the
        gap between two panels.
    tries : int
        Measure-and-move rounds; the second settles what moves with a panel's size.

    Returns
    -------
    RendererBase
        The figure's renderer.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(4, 4), layout="none")
    >>> top, bottom = fig.subplots(2, 1)
    >>> _ = fit_column(fig, [top, bottom], [[top.set_title("One"), *top.get_xticklabels()],
    ...                                     [bottom.set_title("Two"), *bottom.get_xticklabels()]],
    ...                height_ratios=[1, 1])
    >>> bool(top.get_position().y0 > bottom.get_position().y1)
    True
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    room = pad * fig.dpi / 72
    top, bottom = height - room, room
    if title is not None and title.get_text():
        title.set_verticalalignment("top")
        title.set_y(top / height)
        top -= title.get_window_extent(renderer).height + room
    if caption is not None and caption.get_text():
        caption.set_verticalalignment("bottom")
        caption.set_y(bottom / height)
        bottom += caption.get_window_extent(renderer).height + room
    total = float(sum(height_ratios))
    for _ in range(tries):
        out = [_sticking_out(ax, artists, renderer) for ax, artists in zip(axes, around)]
        left = room + max(o[0] for o in out)
        right = width - room - max(o[1] for o in out)
        gaps = sum(o[2] + o[3] for o in out) + 2 * room * (len(axes) - 1)
        free = max(top - bottom - gaps, 1.0)
        y = top
        for ax, (_, _, above, below), share in zip(axes, out, height_ratios):
            y -= above
            panel = free * share / total
            ax.set_position((left / width, (y - panel) / height, (right - left) / width,
                             panel / height))
            y -= panel + below + 2 * room
    return renderer


def grow_top(fig: Figure, inches: float) -> None:
    """Make a figure taller by ``inches`` at the top, every axes keeping its size in inches.

    For a figure whose layout is fixed (no layout engine): the new room above the axes is for
    things placed after the layout ran, such as a title moved up.
    """
    width, height = fig.get_size_inches()
    new_height = round(height + inches, 2)  # a size that reads well: 10 x 6.2 in
    for ax in fig.axes:
        x0, y0, w, h = ax.get_position(original=True).bounds
        ax.set_position((x0, y0 * height / new_height, w, h * height / new_height))
    fig.set_size_inches(width, new_height)


def text_extents(fig: Figure, texts: list[Any], renderer: Any = None) -> list[tuple[float, float]]:
    """The horizontal pixel extent of each Text, after the figure's layout has run.

    Pass the ``renderer`` that :func:`fit_axes` returns when the axes are already placed: the
    layout engine is then not run.
    """
    if renderer is None:
        renderer = run_layout(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [(b.x0, b.x1) for b in boxes]


def fit_height(fig: Figure, tries: int = 3) -> None:
    """Fit a figure's height to everything drawn in it, title to caption.

    Grows the figure where something sticks out (``savefig`` without ``bbox_inches="tight"``
    would cut it off) and trims empty bands above and below an axes of fixed aspect. Each try
    costs one layout pass (:func:`run_layout`), not a draw.
    """
    for _ in range(tries):
        box = fig.get_tightbbox(run_layout(fig))
        width, height = fig.get_size_inches()
        needed = box.height + 0.12
        if box.y0 >= 0 and box.y1 <= height and abs(needed - height) < 0.2:
            return
        fig.set_size_inches(width, max(needed, 2.0))
    box = fig.get_tightbbox(run_layout(fig))
    width, height = fig.get_size_inches()
    if box.y0 < 0 or box.y1 > height:  # never leave anything outside
        fig.set_size_inches(width, height + max(0.0, -box.y0) + max(0.0, box.y1 - height) + 0.1)
