"""Text descriptions of the course's charts, written from the data each chart drew.

Every course chart keeps what it drew on the figure (and on its axes) as a :class:`ChartRecord`;
:func:`describe` turns that record into sentences: a short first sentence that says what the
chart is (with the title the chart shows), then the details a sighted reader takes from it.
The notebook shows the description as the chart's alt text and under a "Describe this chart"
toggle (:mod:`course_lib.charts._display`).

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.membership_map("2010-01-01")  # doctest: +SKIP
>>> print(cl.charts.describe(fig))  # doctest: +SKIP
Map. CSTO membership on 1 January 2010: 7 member states. ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..exceptions import NotACourseChartError

__all__ = ["ChartRecord", "chart_record", "describe", "format_date", "record", "summary"]

#: The attribute a course chart sets on its Figure and Axes.
ATTRIBUTE = "course_chart"


@dataclass
class ChartRecord:
    """What one course chart drew, kept for :func:`describe`.

    Parameters
    ----------
    kind : str
        The chart function's name, e.g. ``"membership_map"``.
    ax : matplotlib.axes.Axes
        The axes it drew into (its title is read when the description is written, so the
        description always names the title the chart shows).
    data : dict
        The rows the chart drew, as plain Python values.

    Examples
    --------
    >>> ChartRecord("figures_chart", None, {"panels": []}).kind
    'figures_chart'
    """

    kind: str
    ax: Any
    data: dict[str, Any] = field(default_factory=dict)


def record(fig: Any, ax: Any, created: bool, kind: str, **data: Any) -> ChartRecord:
    """Keep what a chart drew on its axes (and on its figure when the chart made it).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot()
    >>> record(fig, ax, True, "drills_matrix", drills=[]).kind
    'drills_matrix'
    >>> fig.course_chart is ax.course_chart
    True
    """
    entry = ChartRecord(kind, ax, data)
    setattr(ax, ATTRIBUTE, entry)
    if created:
        setattr(fig, ATTRIBUTE, entry)
    return entry


def chart_record(obj: Any) -> ChartRecord | None:
    """The :class:`ChartRecord` of a course chart's Figure or Axes, or None.

    A learner's figure holding one course chart drawn into its ``ax=`` gives that chart's
    record.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> chart_record(Figure()) is None
    True
    """
    entry = getattr(obj, ATTRIBUTE, None)
    if isinstance(entry, ChartRecord):
        return entry
    inner = [getattr(ax, ATTRIBUTE, None) for ax in getattr(obj, "axes", [])]
    inner = [e for e in inner if isinstance(e, ChartRecord)]
    return inner[0] if len(inner) == 1 else None


def format_date(value: Any, precision: str | None = "day") -> str:
    """A date as a reader says it, no more precise than it is known.

    Examples
    --------
    >>> format_date("1992-05-15")
    '15 May 1992'
    >>> format_date("2024-02", "month")
    'February 2024'
    >>> format_date("1993", "year")
    '1993'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "an unknown date"
    text = str(value)
    precision = precision or {4: "year", 7: "month"}.get(len(text), "day")
    try:
        when = pd.Timestamp(text if len(text) > 4 else f"{text}-01-01")
    except ValueError:
        return text
    if precision == "year":
        return f"{when:%Y}"
    if precision == "month":
        return f"{when:%B %Y}"
    return f"{when.day} {when:%B %Y}"


def _title(entry: ChartRecord) -> str:
    """The title the chart shows: its axes' title, or the figure's for a chart of panels."""
    drawn = entry.ax
    if drawn is None:
        return ""
    if hasattr(drawn, "get_suptitle"):
        title = drawn.get_suptitle()
    else:
        title = drawn.get_title(loc="left") or drawn.get_title()
    return " ".join(title.split())


def _first(kind: str, entry: ChartRecord) -> str:
    """The first sentence: what kind of chart, and its title."""
    title = _title(entry)
    return f"{kind}. {_sentence(title)}" if title else f"{kind}."


def _names(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


# -- one writer per chart -------------------------------------------------------------------

def _membership_map(entry: ChartRecord) -> list[str]:
    data = entry.data
    states = data["states"]
    counted = [s["country"] for s in states if s["counts_as_member"]]
    frozen = [s["country"] for s in states if s["status"] == "frozen"]
    by = {status: [s["country"] for s in states if s["status"] == status]
          for status in ("suspended", "withdrawn", "not yet")}
    unsure = [f"{s['country']} (moving to {s['status']})" for s in states if not s["certain"]]
    lines = [_first("Map", entry),
             f"Counted as {data.get('members', 'members')} on {data['date_text']}, {len(counted)} "
             f"state{'s' if len(counted) != 1 else ''}: {_names(counted)}."]
    if frozen:
        lines.append(f"Frozen (counted, not taking part): {_names(frozen)}.")
    if by["suspended"]:
        lines.append(f"Suspended (not counted): {_names(by['suspended'])}.")
    if by["withdrawn"]:
        lines.append(f"Withdrawn: {_names(by['withdrawn'])}.")
    if by["not yet"]:
        lines.append(f"Not yet parties: {_names(by['not yet'])}.")
    if unsure:
        lines.append("Uncertain on this date, because the date falls inside a transition known "
                     f"only to the year or month (hatched on the map): {_names(unsure)}.")
    lines.append("Every other state on the map never was a party (grey).")
    if data.get("region") not in (None, "csto", "all"):
        lines.append(f"The map shows the region {data['region']!s}; the lists name every party, "
                     "shown or not.")
    return lines


def _spell_text(spell: dict[str, Any]) -> str:
    text = f"{spell['status']} from {format_date(spell['start'], spell['start_precision'])}"
    if spell["end"] is not None:
        text += f" to {format_date(spell['end'], spell['end_precision'])}"
    return text


def _membership_chart(entry: ChartRecord) -> list[str]:
    data = entry.data
    rows = data["rows"]
    end = data["until_text"]
    lines = [_first("Chart", entry),
             f"One row per state ({len(rows)}), with its membership spells from 1992 to {end}; "
             "a date known only to the year or month is drawn as a fade over that period."]
    for row in rows:
        spells = "; ".join(_spell_text(s) for s in row["spells"]) or "no spell by then"
        lines.append(f"{row['country']}: {spells}.")
    if data["events"]:
        marks = "; ".join(f"{format_date(e['date'], e['precision'])}, {e['label']}"
                          for e in data["events"])
        lines.append(f"Key events marked: {marks}.")
    return lines


def _events_timeline(entry: ChartRecord) -> list[str]:
    events = entry.data["events"]
    if not events:
        return [_first("Time line", entry), "No events match these filters."]
    first = format_date(events[0]["date"], events[0]["precision"])
    last = format_date(events[-1]["date"], events[-1]["precision"])
    categories = sorted({e["category"] for e in events})
    lines = [_first("Time line", entry),
             f"{len(events)} event{'s' if len(events) != 1 else ''} from {first} to {last}, in "
             f"date order; each category has its own shape and colour ({', '.join(categories)})."]
    for number, event in enumerate(events, 1):
        when = format_date(event["date"], event["precision"])
        if event.get("end"):
            when += f" to {format_date(event['end'], event['end_precision'])}"
        lines.append(f"{number}. {when} ({event['category']}): {_sentence(event['title'])}")
    return lines


def _figures_chart(entry: ChartRecord) -> list[str]:
    panels = entry.data["panels"]
    lines = [_first("Bar chart", entry)]
    if not panels:
        lines.append("No figures match.")
        return lines
    lines.append(f"{sum(len(p['bars']) for p in panels)} numbers in {len(panels)} "
                 f"panel{'s' if len(panels) != 1 else ''}, one per unit ("
                 f"{', '.join(p['unit'] for p in panels)}), largest first; a number the source "
                 "gives as about, over or up to is drawn differently from an exact one.")
    for panel in panels:
        bars = "; ".join(f"{b['subject']}: {b['text']}" for b in panel["bars"])
        lines.append(f"In {panel['unit']}: {bars}.")
    return lines


def _drills_matrix(entry: ChartRecord) -> list[str]:
    data = entry.data
    drills = data["drills"]
    lines = [_first("Matrix", entry),
             f"{len(drills)} exercises in date order, {len(data['states'])} states "
             f"({_names(data['states'])}); for each exercise, who took part, observed or stayed "
             "away as the sources say, and who hosted it; for a state not named, the source "
             "does not say."]
    for drill in drills:
        when = ", ".join([format_date(drill["start"], drill["start_precision"]),
                          *drill.get("notes", [])])
        host = f", host {drill['host']}" if drill["host"] else ""
        parts = [f"{drill['name']} ({when}{host})"]
        parts += [f"{label}: {_names(states)}" for label, states in drill["roles"]]
        if not drill["roles"]:
            parts.append("the sources name no state's part")
        lines.append("; ".join(parts) + ".")
    return lines


_WRITERS = {
    "membership_map": _membership_map,
    "membership_chart": _membership_chart,
    "events_timeline": _events_timeline,
    "figures_chart": _figures_chart,
    "drills_matrix": _drills_matrix,
}


def describe(fig: Any) -> str:
    """A text description of a course chart, written from the data it drew.

    The first sentence says what the chart is and repeats its title; the sentences after it
    give what a sighted reader reads off the chart (who was a member, each state's spells,
    each event, each number, who took part in each exercise).

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        What a chart of :mod:`course_lib.charts` returned (or a figure holding one course chart
        drawn into its ``ax=``).

    Returns
    -------
    str
        Sentences separated by newlines.

    Raises
    ------
    NotACourseChartError
        For a figure no course chart drew (also a ``ValueError``).

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.drills_matrix(countries=["Armenia"])
    >>> print(cl.charts.describe(fig).splitlines()[0])
    Matrix. Who took part in CSTO exercises.
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    entry = chart_record(fig)
    if entry is None:
        raise NotACourseChartError(
            f"describe() writes descriptions of the course's charts (cl.charts.membership_map, "
            f"membership_chart, events_timeline, figures_chart, drills_matrix), and "
            f"{type(fig).__name__} {fig!r} was not drawn by one of them. For your own chart, "
            "write one sentence of what it shows in the markdown cell beside it.")
    return "\n".join(_WRITERS[entry.kind](entry))


def summary(fig: Any) -> str:
    """The first sentence of :func:`describe`: short enough for an image's alt text.

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.figures_chart("force")
    >>> summary(fig)
    'Bar chart. What the sources count: force.'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    return describe(fig).split("\n", 1)[0]
