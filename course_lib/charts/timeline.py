"""The events timeline: dated events on a time line, one label per row so none overlap.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.events_timeline(category="membership")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import course_lib as _cl

from ..dates import NOT_STATED_SHORT, marked_date
from . import _common
from . import description as _description
from .palette import EDGE_COLOR, MUTED_TEXT_COLOR, TEXT_COLOR, category_color, category_marker

__all__ = ["events_timeline", "select_events"]

_MAX_LABEL = 110


def _num(ts: Any) -> float:
    return float(mdates.date2num(pd.Timestamp(ts).to_pydatetime()))


def select_events(category: str | list[str] | None = None, countries: Any = None) -> pd.DataFrame:
    """The rows of ``events`` a timeline shows, sorted by date.

    Parameters
    ----------
    category : str or list of str, optional
        Keep only these categories (``cl.load("events")["category"]`` lists them).
    countries : str or list of str, optional
        Keep only events naming one of these states (names, ISO codes or aliases).

    Returns
    -------
    pandas.DataFrame
        Rows of ``cl.load("events")``.

    Raises
    ------
    UnknownOptionError
        For a category that does not exist ("did you mean ...?").
    UnknownCountryError
        For a country the data does not know.

    Examples
    --------
    >>> select_events("membership", "Uzbekistan")["event_id"].tolist()  # doctest: +SKIP
    ['E011', 'E012', 'E026', 'E027', 'E029', 'E046']
    """
    events = _cl.load("events")
    if category is not None:
        wanted = [category] if isinstance(category, str) else list(category)
        known = [str(c) for c in events["category"].cat.categories] \
            if hasattr(events["category"], "cat") else sorted(events["category"].dropna().unique())
        for item in wanted:
            if item not in known:
                close = difflib.get_close_matches(str(item), known, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise _cl.UnknownOptionError(
                    f"No event category {item!r}.{hint} The categories are: {', '.join(known)}.")
        events = events[events["category"].astype(str).isin(wanted)]
    codes = _common.resolve_countries(countries)
    if codes is not None:
        named = events["countries"].fillna("").astype(str).map(
            lambda cell: bool(set(c.strip() for c in cell.split(";")) & set(codes)))
        events = events[named.astype(bool)]
    return events.sort_values(["date_earliest", "event_id"], kind="stable")


def _label(row: Any) -> str:
    title = str(row.title)
    if len(title) > _MAX_LABEL:
        title = title[: _MAX_LABEL - 1].rstrip(" ,;:") + "…"
    return f"{marked_date(row.date, getattr(row, 'date_basis', None))}   {title}"


# Horizontal layout, in axes fraction: the time axis, the bend of the leader lines, the labels.
_AXIS_X, _BEND_X, _LABEL_X = 0.085, 0.115, 0.165
_LEGEND_COLUMNS = 7


def events_timeline(
    category: str | list[str] | None = None,
    countries: Any = None,
    ax: Axes | None = None,
) -> Figure | Axes:
    """Draw dated events on a time line, one label per row, so labels never collide.

    Time runs down a vertical axis, to scale. Each event is a dot on it (known to the day)
    or a bar over every day it can mean (known only to the month or year, or lasting); a
    leader line takes it to its label, and labels sit one per row in date order. Colours are
    event categories. A date its source does not state (inferred from context, or known from
    outside the sources) is marked † after it, and the legend has a key for the mark.

    Parameters
    ----------
    category : str or list of str, optional
        Only these categories, e.g. ``"membership"`` or ``["treaty", "institution"]``.
    countries : str or list of str, optional
        Only events naming one of these states (names, ISO codes or aliases).
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes (its figure is not resized); by default a new figure about 10
        inches wide and as tall as the events need (about 0.2 inch each).

    Returns
    -------
    matplotlib.figure.Figure or matplotlib.axes.Axes
        The new Figure, or ``ax`` when one was given.

    Raises
    ------
    UnknownOptionError
        For an unknown category ("did you mean ...?").
    UnknownCountryError
        For an unknown country ("did you mean ...?").

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.events_timeline(category="membership")  # doctest: +SKIP
    >>> fig = cl.charts.events_timeline(countries="Armenia")  # doctest: +SKIP
    """
    events = select_events(category, countries)
    n = len(events)
    marked = _not_stated(events)
    legend_rows = -(-(events["category"].nunique() + 1) // _LEGEND_COLUMNS) + int(marked)
    top_in, bottom_in = 0.45, 0.25 + 0.2 * legend_rows
    height = max(3.2, top_in + bottom_in + 0.2 * n)
    with _common.drawing(ax, figsize=(10, height)) as (fig, ax, created):
        if created:
            fig.set_layout_engine("none")
            ax.set_position((0.01, bottom_in / height, 0.98, 1 - (top_in + bottom_in) / height))
        what = _describe(category, countries)
        ax.set_title(f"Events: {what}" if what else "Events", loc="left", fontsize=12,
                     color=TEXT_COLOR, pad=6)
        _description.record(fig, ax, created, "events_timeline", events=[
            {"date": str(r.date), "precision": str(r.date_precision), "title": str(r.title),
             "category": str(r.category),
             "end": None if pd.isna(r.date_end) else str(r.date_end),
             "end_precision": None if pd.isna(r.date_end) else str(r.date_end_precision)}
            for r in events.itertuples(index=False)])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_axis_off()
        if events.empty:
            ax.text(0.5, 0.5, "No events match these filters.", ha="center", va="center",
                    color=MUTED_TEXT_COLOR)
            return fig if created else ax
        starts = [pd.Timestamp(t) for t in events["date_earliest"]]
        ends = []
        for row in events.itertuples(index=False):
            end = row.date_latest
            if not pd.isna(row.date_end_latest):
                end = max(end, row.date_end_latest)
            ends.append(pd.Timestamp(end))
        lo, hi = _num(min(starts)), _num(max(ends))
        pad = max(60.0, (hi - lo) * 0.015)
        lo, hi = lo - pad, hi + pad

        def frac(ts: pd.Timestamp) -> float:  # time runs down: earliest at the top
            return 1 - (_num(ts) - lo) / (hi - lo)

        ax.plot([_AXIS_X, _AXIS_X], [0, 1], color=EDGE_COLOR, linewidth=0.9, zorder=1)
        _year_ticks(ax, lo, hi, frac)
        categories = sorted(events["category"].astype(str).unique())
        # Shapes are gathered and drawn as a few collections (bars, leader lines, one line of
        # markers per category): four artists per event made the chart slow to lay out and draw.
        bars: list[tuple[list[tuple[float, float]], str]] = []
        leaders: list[tuple[list[tuple[float, float]], str]] = []
        dots: dict[str, tuple[list[float], list[float]]] = {}
        for i, (row, start, end) in enumerate(zip(events.itertuples(index=False), starts, ends)):
            category = str(row.category)
            colour = category_color(category, categories)
            y_event = frac(start)
            y_label = 1 - (i + 0.5) / n
            xs, ys = dots.setdefault(category, ([], []))
            if (end - start).days >= 2:  # imprecise or lasting: a bar over its days
                bars.append(([(_AXIS_X, frac(start)), (_AXIS_X, frac(end))], colour))
                y_event = (frac(start) + frac(end)) / 2
            else:  # known to the day: a dot on the axis
                xs.append(_AXIS_X)
                ys.append(y_event)
            leaders.append(([(_AXIS_X, y_event), (_BEND_X, y_event), (_LABEL_X - 0.012, y_label)],
                            colour))
            xs.append(_LABEL_X - 0.008)  # and a small one before the label
            ys.append(y_label)
            ax.text(_LABEL_X, y_label, _label(row), ha="left", va="center", fontsize=7.5,
                    color=TEXT_COLOR, zorder=4)
        if bars:
            ax.add_collection(LineCollection([b for b, _ in bars], colors=[c for _, c in bars],
                                             linewidths=5, capstyle="butt", alpha=0.8, zorder=2,
                                             gid="bars"))
        ax.add_collection(LineCollection([seg for seg, _ in leaders],
                                         colors=[c for _, c in leaders], linewidths=0.6,
                                         alpha=0.8, zorder=1, gid="leaders"))
        for category, (xs, ys) in dots.items():
            ax.plot(xs, ys, linestyle="none", marker=category_marker(category, categories),
                    markersize=4.5, color=category_color(category, categories), zorder=3,
                    gid=f"events:{category}")
        handles = [Line2D([], [], marker=category_marker(c, categories), linestyle="none",
                          color=category_color(c, categories), label=c) for c in categories]
        handles.append(Line2D([], [], linewidth=5, color="#7F7F7F", alpha=0.8,
                              label="bar: known only to the month or year, or lasting"))
        if marked:  # the key for the mark on dates their source does not state
            handles.append(Line2D([], [], linestyle="none", label=NOT_STATED_SHORT))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0),
                  ncol=_LEGEND_COLUMNS, frameon=False, fontsize=7.5, handletextpad=0.3,
                  columnspacing=1.0, borderaxespad=0.3)
    return fig if created else ax


def _not_stated(events: pd.DataFrame) -> bool:
    """Whether any event's date is not stated by its source (so its label is marked)."""
    if "date_basis" not in events.columns:
        return False
    return bool(events["date_basis"].astype("object").isin(["context", "outside"]).any())


def _year_ticks(ax: Axes, lo: float, hi: float, frac: Any) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=12)
    for tick in locator.tick_values(mdates.num2date(lo), mdates.num2date(hi)):
        if not lo <= tick <= hi:
            continue
        when = pd.Timestamp(mdates.num2date(tick)).tz_localize(None)
        y = frac(when)
        ax.plot([_AXIS_X - 0.006, _AXIS_X], [y, y], color=EDGE_COLOR, linewidth=0.8)
        text = f"{when:%Y}" if when.month == 1 and when.day == 1 else f"{when:%b %Y}"
        ax.text(_AXIS_X - 0.01, y, text, ha="right", va="center", fontsize=7.5,
                color=MUTED_TEXT_COLOR)


def _describe(category: Any, countries: Any) -> str:
    parts = []
    if category is not None:
        parts.append(category if isinstance(category, str) else ", ".join(category))
    if countries is not None:
        names = countries if isinstance(countries, str) else ", ".join(countries)
        parts.append(f"naming {names}")
    return "; ".join(parts)
