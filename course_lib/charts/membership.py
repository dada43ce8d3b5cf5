"""The membership chart: every state's spells from 1992 to today, Gantt style.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.membership_chart()  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import Affine2D

import course_lib as _cl

from ..dates import NOT_STATED_SHORT, NOT_STATED_MARK
from ..membership import founding_year
from . import _common
from . import description as _description
from .palette import (
    EDGE_COLOR,
    MUTED_TEXT_COLOR,
    STATUS_COLORS,
    STATUS_LABELS,
    TEXT_COLOR,
)

__all__ = ["KEY_EVENTS", "membership_chart"]

#: Events marked on the chart by default (event_id in datasets/events.csv: short label).
KEY_EVENTS: dict[str, str] = {
    "E006": "Treaty signed\nin Tashkent",
    "E008": "In force",
    "E010": "Treaty expires;\nsix carry on",
    "E018": "Renamed CSTO",
    "E055": "Article 4\ninvoked",
}

_START = pd.Timestamp("1992-01-01")
_BAR = 0.62  # bar height (rows are 1 apart)


def _num(ts: pd.Timestamp) -> float:
    return float(mdates.date2num(pd.Timestamp(ts).to_pydatetime()))


def _fade(ax: Axes, x0: float, x1: float, y: float, old: str | None, new: str | None,
          dotted: list[Path]) -> None:
    """A horizontal gradient from the old status colour to the new one over [x0, x1].

    ``old=None`` fades in from nothing (a first spell); ``new=None`` fades out to nothing (an
    imprecise end that no later spell picks up). The fade's outline is added to ``dotted``,
    which :func:`_dot_fades` covers with dots in one patch.
    """
    steps = 64
    t = np.linspace(0, 1, steps)[None, :, None]
    start = np.array(to_rgba(old) if old else to_rgba(new, 0.0))
    end = np.array(to_rgba(new) if new else to_rgba(old, 0.0))
    image = start * (1 - t) + end * t
    y0, y1 = y - _BAR / 2, y + _BAR / 2
    ax.imshow(image, extent=(x0, x1, y0, y1), aspect="auto", interpolation="bilinear", zorder=2)
    dotted.append(Path([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], closed=True))


def _dot_fades(ax: Axes, dotted: list[Path]) -> None:
    """White dots over every fade, as one patch.

    Agg renders a hatch's tile again for every patch it fills; one compound patch draws the
    same dots (the pattern is fixed to the figure's pixels) once: eight dotted patches took
    17 ms of each draw, one compound patch takes 0.2 ms (measured).
    """
    if dotted:
        ax.add_patch(PathPatch(Path.make_compound_path(*dotted), fill=False, hatch="....",
                               edgecolor="white", linewidth=0, zorder=3, gid="fades"))


def membership_chart(
    ax: Axes | None = None,
    *,
    until: Any = None,
    events: dict[str, str] | list[str] | None = None,
    countries: Any = None,
) -> Figure | Axes:
    """Draw every state's membership spells on one time line, from 1992 to today.

    Each row is a state that was ever a party to the treaty; each bar a spell (member, frozen,
    suspended, withdrawn) in the palette's colours. Where a transition is known only to the
    year or the month ("joined in 1993"), the bar *fades* from the old colour to the new one
    across the whole period it could have happened in, dotted, instead of pretending to a
    precise day. A start or end its source does not state (inferred from context, or known
    from outside the sources) is marked †, as is a key event so dated. Key events are marked as
    dashed vertical lines. The title speaks of parties to the Collective Security Treaty before
    the organization existed (2002) and of CSTO members after (:func:`course_lib.body_on`).

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; by default a new figure about 10 inches wide is made.
    until : date-like, optional
        Right end of the time axis (default: today).
    events : dict or list, optional
        Events to mark: ``{event_id: label}``, or a list of event ids (labelled with their
        year). Default :data:`KEY_EVENTS`; ``[]`` marks none.
    countries : str or list of str, optional
        Only these states (names, ISO codes or aliases).

    Returns
    -------
    matplotlib.figure.Figure or matplotlib.axes.Axes
        The new Figure, or ``ax`` when one was given.

    Raises
    ------
    UnknownCountryError
        For a country the data does not know ("did you mean ...?").
    UnknownOptionError
        For a state that never was a party (it has no spells to draw).
    UnknownRecordError
        For an event id that is not in ``events.csv``.
    InvalidDateError
        For an impossible ``until``.

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.membership_chart()  # doctest: +SKIP
    >>> fig = cl.charts.membership_chart(countries=["Uzbekistan", "Armenia"])  # doctest: +SKIP
    """
    end, _ = _common.resolve_date(until)
    wanted = _common.resolve_countries(countries)
    spells = _cl.load("memberships")
    states = _cl.members_on(end)[["country", "iso3"]]
    if wanted is not None:
        missing = [c for c in wanted if c not in set(states["iso3"])]
        if missing:
            names = ", ".join(missing)
            raise _cl.UnknownOptionError(
                f"{names} never took part in the treaty, so it has no membership spells. "
                f"States with spells: {', '.join(states['country'])}.")
        states = states[states["iso3"].isin(wanted)]
    # events after the right end of the time axis are not marked (their labels would hang
    # far outside it and squash the chart)
    marks = [m for m in _event_marks(events) if m[0] <= end]
    rows = list(states.itertuples(index=False))
    height = 2.1 + 0.42 * len(rows)
    # each state's spells in date order, as plain records (pandas filtering per state and per
    # spell was a tenth of the chart's time)
    by_state: dict[str, list[Any]] = {}
    for spell in spells.sort_values("start_earliest", kind="stable").itertuples(index=False):
        by_state.setdefault(str(spell.iso3), []).append(spell)
    with _common.drawing(ax, figsize=(10, height), layout="none") as (fig, ax, created):
        x_end = _num(end)
        seen: set[str] = set()
        dotted: list[Path] = []
        not_stated: list[tuple[float, float]] = []
        for y, state in enumerate(reversed(rows)):
            own = by_state.get(state.iso3, [])
            previous: str | None = None
            for number, spell in enumerate(own):
                status = str(spell.status)
                seen.add(status)
                colour = STATUS_COLORS[status]
                s0, s1 = _num(spell.start_earliest), _num(spell.start_latest)
                if pd.isna(spell.end_earliest):
                    e0 = x_end
                else:
                    e0 = _num(spell.end_earliest)
                if s0 > x_end:
                    continue
                e0 = min(e0, x_end)
                if s1 > s0:  # an imprecise start: fade in over the period
                    _fade(ax, s0, min(s1, x_end), y, previous and STATUS_COLORS[previous], colour,
                          dotted)
                solid0 = min(s1, x_end)
                if e0 > solid0:
                    ax.add_patch(Rectangle((solid0, y - _BAR / 2), e0 - solid0, _BAR,
                                           facecolor=colour, edgecolor="none", zorder=2,
                                           gid=f"{spell.spell_id}"))
                later = [s.start_earliest for s in own[number + 1:]
                         if s.start_earliest > spell.start_earliest]
                e1 = e0 if pd.isna(spell.end_latest) else min(_num(spell.end_latest), x_end)
                if e1 > e0 and (not later or _num(later[0]) > e0):
                    _fade(ax, e0, e1, y, colour, None, dotted)  # an imprecise end nobody picks up
                if status != "member" and e0 - s0 > 900:
                    ax.text((max(s1, s0) + e0) / 2, y, status, ha="center", va="center",
                            fontsize=7.5, color="white" if status == "withdrawn" else TEXT_COLOR,
                            zorder=4)
                for at, basis in ((s0, spell.start_basis), (e0, spell.end_basis)):
                    if str(basis) in ("context", "outside") and at <= x_end:
                        not_stated.append((at, y))
                previous = status
        _dot_fades(ax, dotted)
        for at, y in not_stated:  # the mark on a start or end its source does not state
            ax.text(at, y + _BAR / 2, NOT_STATED_MARK, ha="center", va="bottom", fontsize=8,
                    color=TEXT_COLOR, zorder=5, gid="not-stated")
        ax.set_yticks(range(len(rows)), [r.country for r in reversed(rows)], fontsize=9)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_xlim(_num(_START), x_end + 200)
        # Fixed ticks on 1 January: date locators recompute on every draw (a third of the
        # chart's drawing time, measured with pyinstrument).
        first_year, last_year = _START.year, pd.Timestamp(end).year + 1
        years = range(first_year, last_year + 1)
        ax.xaxis.set_major_locator(FixedLocator(
            [_num(pd.Timestamp(year=y, month=1, day=1)) for y in years if y % 4 == 0]))
        # Year marks as one line of tick-shaped markers on the axis: 35 minor Tick objects
        # (two lines and two texts each) were a quarter of the chart's layout time.
        marks_x = [x for x in (_num(pd.Timestamp(year=y, month=1, day=1)) for y in years if y % 4)
                   if x <= x_end + 200]  # inside the axis: the line is not clipped
        ax.plot(marks_x, [0.0] * len(marks_x), linestyle="none", marker=3,
                markersize=2.0, markeredgewidth=0.6, color=mpl.rcParams["xtick.color"],
                transform=ax.get_xaxis_transform(), clip_on=False, zorder=1, gid="year-marks")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", which="major", color="#E0E0E0", linewidth=0.6, zorder=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.axvline(x_end, color=MUTED_TEXT_COLOR, linewidth=0.8, linestyle=":", zorder=1)
        until_label = ax.text(x_end, -0.65, f" {end:%d %b %Y}", fontsize=7,
                              color=MUTED_TEXT_COLOR, ha="left", va="bottom", gid="until")
        labels = _draw_events(ax, marks, len(rows))
        _description.record(fig, ax, created, "membership_chart", until_text=(
            "today" if until is None else _description.format_date(f"{end:%Y-%m-%d}")),
            events=[{"date": f"{when:%Y-%m-%d}", "precision": precision,
                     "label": " ".join(label.split())} for when, label, precision in marks],
            rows=[{"country": str(state.country), "spells": [
                {"status": str(s.status), "start": str(s.start),
                 "start_precision": str(s.start_precision),
                 "end": str(s.end) if not pd.isna(s.end) and s.end_earliest <= end else None,
                 "end_precision": None if pd.isna(s.end) else str(s.end_precision)}
                for s in by_state.get(state.iso3, []) if s.start_earliest <= end]}
                for state in rows])
        handles = [Patch(facecolor=STATUS_COLORS[s], label=STATUS_LABELS[s])
                   for s in ("member", "frozen", "suspended", "withdrawn") if s in seen]
        fade = Patch(facecolor="#9FC3E0", hatch="....", edgecolor="white",
                     label="fade: date known only to the year or month")
        handles.append(fade)
        if not_stated or any(m[1].endswith(NOT_STATED_MARK) for m in marks):
            handles.append(Patch(facecolor="none", edgecolor="none", label=NOT_STATED_SHORT))
        legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                           borderaxespad=2.6, ncol=3, frameon=False, fontsize=8)
        title = ax.set_title(_title(end), **_TITLE_STYLE, pad=_title_pad(1 if labels else 0))
        caption = ax.annotate(
            "Data: datasets/memberships.csv (every spell quotes its source; see "
            "cl.membership_history). Dashed lines: key events from datasets/events.csv.",
            xy=(0.0, 0.0), xycoords=legend, xytext=(0, -4), textcoords="offset points",
            ha="left", va="top", fontsize=7.5, color=MUTED_TEXT_COLOR)
        # The axes are placed once (room for one lane of event labels above them); the labels
        # are then measured and stacked in lanes, and a new figure grows at the top by the
        # extra lanes. On a new figure the chart places its axes itself (fit_axes): constrained
        # layout's pass over every artist was half the time to build the chart.
        renderer = _common.fit_axes(fig, ax, [
            *ax.get_yticklabels(), *ax.get_xticklabels(), until_label, legend, caption,
            title]) if created else None
        extents = _common.text_extents(fig, labels, renderer)
        lanes = _common.assign_lanes(extents, pad=6) if labels else []
        for text, lane in zip(labels, lanes):
            text.xyann = (0, 1 + _LANE_PT * lane)
        _draw_leaders(ax, [text.xy[0] for text in labels], lanes)
        if labels:
            extra_pt = _title_pad(max(lanes) + 1) - _title_pad(1)
            ax.set_title(_title(end), **_TITLE_STYLE, pad=_title_pad(max(lanes) + 1))
            if created and extra_pt:
                _common.grow_top(fig, extra_pt / 72)
    return fig if created else ax


#: Points between two lanes of event labels above the chart.
_LANE_PT = 22

def _title(end: pd.Timestamp) -> str:
    """Treaty parties before the organization existed, CSTO members after (cl.body_on)."""
    before, after = _cl.body_on(_START), _cl.body_on(end)
    if before.key == after.key:
        return f"{before.heading}, {_START.year} to {end.year}"
    return f"{before.heading} (to {founding_year()}), then {after.members}"
_TITLE_STYLE: dict[str, Any] = {"loc": "left", "fontsize": 12, "color": TEXT_COLOR}


def _title_pad(lanes: int) -> float:
    """The title's distance above the axes (points) when ``lanes`` lanes of labels are there."""
    return 8 + 23 * lanes


def _event_marks(events: dict[str, str] | list[str] | None) -> list[tuple[pd.Timestamp, str, str]]:
    if events is None:
        events = KEY_EVENTS
    if not events:
        return []
    table = _cl.load("events").set_index("event_id")
    labelled = events if isinstance(events, dict) else {e: "" for e in events}
    marks = []
    for event_id, label in labelled.items():
        if event_id not in table.index:
            raise _cl.UnknownRecordError(f"No event {event_id!r} in datasets/events.csv; "
                                         "event ids look like 'E006' (see cl.load('events')).")
        row = table.loc[event_id]
        label = label or str(row["date"])
        if str(row.get("date_basis")) in ("context", "outside"):
            label += NOT_STATED_MARK
        marks.append((pd.Timestamp(row["date_earliest"]), label, str(row["date_precision"])))
    return marks


def _draw_events(ax: Axes, marks: list[tuple[pd.Timestamp, str, str]], n_rows: int) -> list[Any]:
    """Dashed lines with labels above the rows, all in the first lane for now.

    Returns the labels; :func:`membership_chart` stacks them in lanes once it can measure them,
    and :func:`_draw_leaders` joins each to its line.
    """
    top = n_rows - 0.3
    texts = []
    for when, label, _precision in marks:
        x = _num(when)
        ax.axvline(x, color=EDGE_COLOR, linewidth=0.7, linestyle=(0, (4, 3)), zorder=3,
                   alpha=0.6)
        texts.append(ax.annotate(label, (x, top), xytext=(0, 1), textcoords="offset points",
                                 ha="center", va="bottom", fontsize=7, color=TEXT_COLOR,
                                 zorder=5, linespacing=1.0, annotation_clip=False))
    return texts


def _draw_leaders(ax: Axes, xs: list[float], lanes: list[int]) -> None:
    """Thin lines from the top of the axes up to each event label, in one collection.

    Each label sits ``1 + _LANE_PT * lane`` points above the axes; its leader is drawn in
    points from a foot on the axes' top edge (x in data, y in axes fraction), so it keeps its
    length however the figure is resized. One collection draws faster than an arrow per
    label.
    """
    if not xs:
        return
    to_points = Affine2D().scale(1 / 72) + ax.figure.dpi_scale_trans
    segments = [[(0.0, 0.0), (0.0, 1.0 + _LANE_PT * lane)] for lane in lanes]
    ax.add_collection(LineCollection(
        segments, transform=to_points, offsets=[(x, 1.0) for x in xs],
        offset_transform=ax.get_xaxis_transform(), colors=EDGE_COLOR, linewidths=0.5,
        alpha=0.6, zorder=5, clip_on=False, gid="event-leaders"), autolim=False)
