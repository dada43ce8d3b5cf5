"""Who took part in which exercise: a participation matrix of states by drill.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.drills_matrix()  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import course_lib as _cl

from . import _common
from . import description as _description
from ..dates import NOT_STATED_SHORT, marked_date
from .palette import (EDGE_COLOR, HOLLOW_ROLES, MUTED_TEXT_COLOR, ROLE_COLORS, ROLE_MARKERS,
                      TEXT_COLOR)

__all__ = ["ROLE_LABELS", "drills_matrix", "participation_table", "matrix_title", "drill_label",
           "is_csto_exercise"]

#: What the legend says for each role.
ROLE_LABELS: dict[str, str] = {
    "participant": "took part",
    "planned": "planned to take part",
    "observer": "observer",
    "absent": "absent (the source says so)",
}


def participation_table(countries: Any = None) -> pd.DataFrame:
    """States by drill: the role each state had at each exercise, as the sources give it.

    Parameters
    ----------
    countries : str or list of str, optional
        Only these states (names, ISO codes or aliases).

    Returns
    -------
    pandas.DataFrame
        Index: state names (treaty parties first); columns: drill ids in date order; cells:
        ``participant``, ``planned`` (named in a plan: the drill is reported as planned),
        ``observer``, ``absent`` or empty (the source does not say).

    Examples
    --------
    >>> table = participation_table()  # doctest: +SKIP
    >>> table.loc["Armenia", "interaction-2024"]  # doctest: +SKIP
    'absent'
    """
    drills = _cl.load("drills").sort_values(["start_earliest", "drill_id"], kind="stable")
    parties = _cl.load("drill_parties")
    states = parties[parties["iso3"].notna()].copy()
    codes = _common.resolve_countries(countries)
    if codes is not None:
        states = states[states["iso3"].isin(codes)]
    names = _cl.load("countries").set_index("iso3")["country"]
    states["state"] = states["iso3"].map(names).fillna(states["party"])
    table = states.pivot_table(index="state", columns="drill_id", values="role",
                               aggfunc="first", observed=True)
    table = table.reindex(columns=list(drills["drill_id"]))
    parties_ever = set(_cl.members_on(_common.today())["country"].astype(str))
    order = sorted(table.index, key=lambda s: (s not in parties_ever, s))
    if codes is not None:
        wanted = [str(names.get(c, c)) for c in codes]
        order = [s for s in wanted if s in table.index] + \
            [s for s in wanted if s not in table.index]
        table = table.reindex(order)
    else:
        table = table.reindex(order)
    return table.astype("object").where(table.notna(), "")


def is_csto_exercise(drill: pd.Series) -> bool:
    """Whether a drill's source calls it the CSTO's: its ``organiser`` is ``CSTO``."""
    return str(drill.get("organiser")) == "CSTO"


def matrix_title(drills: pd.DataFrame) -> str:
    """The matrix's title: "CSTO exercises" only when every drill shown is called one.

    Examples
    --------
    >>> import course_lib as cl
    >>> matrix_title(cl.load("drills"))
    'Who took part in the exercises the sources describe'
    >>> matrix_title(cl.load("drills").query("organiser == 'CSTO'"))
    'Who took part in CSTO exercises'
    """
    if len(drills) and all(is_csto_exercise(row) for _, row in drills.iterrows()):
        return "Who took part in CSTO exercises"
    return "Who took part in the exercises the sources describe"


def drill_label(drill: pd.Series) -> str:
    """A drill's column label: name, start (marked † if not stated), how it is reported, by whom.

    Examples
    --------
    >>> import course_lib as cl
    >>> print(drill_label(cl.load("drills").set_index("drill_id").loc["birlestik-2024"]))
    Birlestik (Unity)
    2024-07†
    planned
    not called CSTO's
    """
    lines = textwrap.wrap(str(drill["name"]), 18)
    lines.append(marked_date(drill["start"], drill.get("start_basis")))
    if str(drill.get("reported_as")) not in ("held", "nan", "<NA>"):
        lines.append(str(drill["reported_as"]))
    if not is_csto_exercise(drill):
        lines.append("not called CSTO's" if str(drill.get("organiser")) == "unknown"
                     else f"run by {drill['organiser']}")
    return "\n".join(lines)


def drills_matrix(countries: Any = None, ax: Axes | None = None) -> Figure | Axes:
    """Draw which state took part in, planned to, observed, or stayed away from each exercise.

    Columns are the exercises in ``datasets/drills.csv`` in date order, rows the states named
    in ``datasets/drill_parties.csv`` (treaty parties first, then others). A filled circle:
    took part; a diamond: observer; a cross: absent (the source says the state stayed away);
    a blank: the source does not say; a hollow circle: named in a plan to take part (the drill
    is reported as planned, not held). A square marks the host. Each column says when the
    drill began (marked † when its source does not state it), how it is reported (planned,
    under way) and, when its source does not call it the CSTO's, who runs it. The title says
    "CSTO exercises" only when every drill shown has the organiser ``CSTO``.

    Parameters
    ----------
    countries : str or list of str, optional
        Only these states (names, ISO codes or aliases).
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; by default a new figure about 10 inches wide.

    Returns
    -------
    matplotlib.figure.Figure or matplotlib.axes.Axes
        The new Figure, or ``ax`` when one was given.

    Raises
    ------
    UnknownCountryError
        For a country the data does not know ("did you mean ...?").

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.drills_matrix()  # doctest: +SKIP
    """
    table = participation_table(countries)
    drills = _cl.load("drills").set_index("drill_id")
    names = _cl.load("countries").set_index("iso3")["country"]
    parties_ever = set(_cl.members_on(_common.today())["country"].astype(str))
    n_rows, n_cols = table.shape
    height = 2.4 + 0.3 * n_rows
    with _common.drawing(ax, figsize=(10, height)) as (fig, ax, created):
        # One line of markers per kind of mark (gid "host", "role:<role>", "unknown"), not one
        # artist per cell: 90 Line2D objects took half of the chart's time to lay out and draw.
        marks: dict[str, tuple[list[int], list[int]]] = {}
        for x, drill_id in enumerate(table.columns):
            host = drills.loc[drill_id, "host_iso3"]
            host_name = None if pd.isna(host) else str(names.get(host, host))
            for y, state in enumerate(table.index):
                role = table.loc[state, drill_id]
                kinds = ["host"] if state == host_name else []
                kinds.append(f"role:{role}" if role in ROLE_MARKERS else "unknown")
                for kind in kinds:
                    xs, ys = marks.setdefault(kind, ([], []))
                    xs.append(x)
                    ys.append(y)
        for kind, (xs, ys) in marks.items():
            if kind == "host":
                style = dict(marker="s", markersize=17, markerfacecolor="none",
                             markeredgecolor=EDGE_COLOR, markeredgewidth=1.0, zorder=2)
            elif kind == "unknown":
                style = dict(marker=".", color="#C8C8C8", markersize=3, zorder=1)
            else:
                role = kind.removeprefix("role:")
                style = dict(marker=ROLE_MARKERS[role], color=ROLE_COLORS[role],
                             markersize=10 if role != "observer" else 8, zorder=3)
                if role in HOLLOW_ROLES:  # a plan to take part is not drawn as taking part
                    style.update(markerfacecolor="white", markeredgewidth=1.6)
            ax.plot(xs, ys, linestyle="none", gid=kind, **style)
        _description.record(fig, ax, created, "drills_matrix", states=[str(s) for s in table.index],
                            drills=[_described(drills.loc[d], table[d], names) for d in table.columns])
        labels = [drill_label(drills.loc[drill_id]) for drill_id in table.columns]
        marked = any(str(drills.loc[d, "start_basis"]) in ("context", "outside") for d in table.columns)
        ax.set_xticks(range(n_cols), labels, fontsize=7.5)
        ax.xaxis.tick_top()
        ax.set_yticks(range(n_rows), list(table.index), fontsize=8.5)
        for tick in ax.get_yticklabels():
            if tick.get_text() not in parties_ever:
                tick.set_color(MUTED_TEXT_COLOR)
        ax.set_xlim(-0.6, n_cols - 0.4)
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.tick_params(which="both", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        parties_shown = sum(1 for s in table.index if s in parties_ever)
        if 0 < parties_shown < n_rows:
            ax.axhline(parties_shown - 0.5, color="#BFBFBF", linewidth=0.8)
        ax.set_xticks([x + 0.5 for x in range(n_cols - 1)], minor=True)
        ax.grid(axis="x", which="minor", color="#EEEEEE", linewidth=0.8)
        handles = [Line2D([], [], marker=ROLE_MARKERS[r], color=ROLE_COLORS[r], linestyle="none",
                          markersize=8, label=ROLE_LABELS[r],
                          **(dict(markerfacecolor="white", markeredgewidth=1.4)
                             if r in HOLLOW_ROLES else {})) for r in ROLE_MARKERS]
        handles.append(Line2D([], [], marker="s", markerfacecolor="none", color=EDGE_COLOR,
                              linestyle="none", markersize=12, label="host"))
        handles.append(Line2D([], [], marker=".", color="#C8C8C8", linestyle="none",
                              label="the source does not say"))
        if marked:
            handles.append(Line2D([], [], linestyle="none", label=NOT_STATED_SHORT))
        legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0),
                           ncol=4, frameon=False, fontsize=8, borderaxespad=0.6)
        ax.set_title(matrix_title(drills.loc[list(table.columns)]), loc="left", fontsize=12,
                     color=TEXT_COLOR)
        ax.annotate("Data: datasets/drills.csv and drill_parties.csv (every row quotes its "
                    "source). Grey names: states that never were treaty parties. Organisations "
                    "at the drills are in drill_parties.", xy=(0.0, 0.0), xycoords=legend,
                    xytext=(0, -4), textcoords="offset points", ha="left", va="top",
                    fontsize=7.5, color=MUTED_TEXT_COLOR)
    return fig if created else ax


def _described(drill: pd.Series, column: pd.Series, names: pd.Series) -> dict[str, Any]:
    """What the matrix shows of one drill, as plain values for ``charts.describe``."""
    notes = []
    if str(drill.get("start_basis")) in ("context", "outside"):
        notes.append("date not stated by its source")
    if str(drill.get("reported_as")) not in ("held", "nan", "<NA>"):
        notes.append(f"reported as {drill['reported_as']}")
    if not is_csto_exercise(drill):
        notes.append("not called CSTO's" if str(drill.get("organiser")) == "unknown"
                     else f"run by {drill['organiser']}")
    host = drill["host_iso3"]
    return {"name": str(drill["name"]), "start": str(drill["start"]),
            "start_precision": str(drill["start_precision"]), "notes": notes,
            "host": None if pd.isna(host) else str(names.get(host, host)),
            "roles": [(ROLE_LABELS[role], [str(s) for s in column.index[column == role]])
                      for role in ROLE_LABELS if (column == role).any()]}
