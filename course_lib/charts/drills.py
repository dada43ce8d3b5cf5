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
from .palette import EDGE_COLOR, MUTED_TEXT_COLOR, ROLE_COLORS, ROLE_MARKERS, TEXT_COLOR

__all__ = ["ROLE_LABELS", "drills_matrix", "participation_table"]

#: What the legend says for each role.
ROLE_LABELS: dict[str, str] = {
    "participant": "took part",
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
        ``participant``, ``observer``, ``absent`` or empty (the source does not say).

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


def drills_matrix(countries: Any = None, ax: Axes | None = None) -> Figure | Axes:
    """Draw which state took part in, observed, or stayed away from each CSTO exercise.

    Columns are the exercises in ``datasets/drills.csv`` in date order, rows the states named
    in ``datasets/drill_parties.csv`` (treaty parties first, then others). A filled circle:
    took part; a diamond: observer; a cross: absent (the source says the state stayed away);
    a blank: the source does not say. A square marks the host.

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
            ax.plot(xs, ys, linestyle="none", gid=kind, **style)
        described = []
        for drill_id in table.columns:
            row = drills.loc[drill_id]
            host = row["host_iso3"]
            roles: dict[str, list[str]] = {}
            for state in table.index:
                roles.setdefault(str(table.loc[state, drill_id]), []).append(str(state))
            described.append({"name": str(row["name"]), "start": str(row["start"]),
                              "start_precision": str(row["start_precision"]),
                              "host": None if pd.isna(host) else str(names.get(host, host)),
                              "roles": {r: v for r, v in roles.items() if r in ROLE_MARKERS},
                              "unknown": roles.get("", [])})
        _description.record(fig, ax, created, "drills_matrix", drills=described,
                         states=[str(s) for s in table.index])
        labels = []
        for drill_id in table.columns:
            row = drills.loc[drill_id]
            labels.append("\n".join(textwrap.wrap(str(row["name"]), 18)) + f"\n{row['start']}")
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
                          markersize=8, label=ROLE_LABELS[r]) for r in ROLE_MARKERS]
        handles.append(Line2D([], [], marker="s", markerfacecolor="none", color=EDGE_COLOR,
                              linestyle="none", markersize=12, label="host"))
        handles.append(Line2D([], [], marker=".", color="#C8C8C8", linestyle="none",
                              label="the source does not say"))
        legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0),
                           ncol=5, frameon=False, fontsize=8, borderaxespad=0.6)
        ax.set_title("Who took part in CSTO exercises", loc="left", fontsize=12,
                     color=TEXT_COLOR)
        ax.annotate("Data: datasets/drills.csv and drill_parties.csv (every row quotes its "
                    "source). Grey names: states that never were treaty parties. Organisations "
                    "at the drills are in drill_parties.", xy=(0.0, 0.0), xycoords=legend,
                    xytext=(0, -4), textcoords="offset points", ha="left", va="top",
                    fontsize=7.5, color=MUTED_TEXT_COLOR)
    return fig if created else ax
