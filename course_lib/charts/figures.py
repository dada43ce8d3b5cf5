"""The numbers the sources give (force sizes, money, seizures, lengths), with units and qualifiers.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.figures_chart("force")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import textwrap
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

import course_lib as _cl

from ..dates import NOT_STATED_LEGEND, marked_date
from . import _common
from . import description as _description
from .palette import EDGE_COLOR, MUTED_TEXT_COLOR, OKABE_ITO, TEXT_COLOR

__all__ = ["QUALIFIER_STYLES", "figures_chart", "format_figure"]

#: How each qualifier is drawn: a solid bar for an exact number, a pale hatched one for an
#: approximate number, an arrow past the end for "over", an outline for "up to".
QUALIFIER_STYLES: dict[str, dict[str, Any]] = {
    "exactly": {"alpha": 1.0, "hatch": None, "fill": True},
    "about": {"alpha": 0.45, "hatch": "////", "fill": True},
    "close to": {"alpha": 0.45, "hatch": "////", "fill": True},
    "some": {"alpha": 0.45, "hatch": "////", "fill": True},
    "over": {"alpha": 1.0, "hatch": None, "fill": True},
    "up to": {"alpha": 1.0, "hatch": None, "fill": False},
}
_BAR_COLOUR = OKABE_ITO["blue"]


def format_figure(value: float, unit: str, qualifier: str | None = None, refers_to: Any = None,
                  basis: Any = None) -> str:
    """A number as a reader would say it: ``'over 5,000 personnel (2024)'``.

    ``basis`` is how ``refers_to`` is known: a date the source does not state (``context`` or
    ``outside``) is marked †.

    Examples
    --------
    >>> format_figure(3600.0, "personnel", "exactly", "2007")
    '3,600 personnel (2007)'
    >>> format_figure(20000.0, "personnel", "exactly", "2009", "context")
    '20,000 personnel (2009†)'
    >>> format_figure(33e9, "RUB", "some")
    'some 33 billion RUB'
    """
    if value >= 1e9 and value % 1e7 == 0:
        number = f"{value / 1e9:g} billion"
    elif value >= 1e6 and value % 1e4 == 0:
        number = f"{value / 1e6:g} million"
    elif float(value).is_integer():
        number = f"{int(value):,}"
    else:
        number = f"{value:,.1f}"
    if value == 1 and unit.endswith("s") and not unit.endswith("ss"):
        unit = unit[:-1]  # 1 brigade, not 1 brigades
    words = f"{number} {unit}"
    if qualifier and qualifier != "exactly":
        words = f"{qualifier} {words}"
    if refers_to is not None and not pd.isna(refers_to) and str(refers_to):
        words += f" ({marked_date(refers_to, basis)})"
    return words


def figures_chart(category: str | list[str] | None = "force", *, unit: str | None = None) -> Figure:
    """Bar charts of the numbers the sources give, one panel per unit.

    Every bar is labelled the way the source puts it ("over 40,000 troops (2007-03)"), and the
    qualifier shows in the bar too: solid for an exact number, pale and hatched for "about",
    "close to" or "some", an arrow past the end for "over", an outline for "up to". Numbers in
    different units never share an axis.

    Parameters
    ----------
    category : str or list of str or None, default ``"force"``
        Which figures (the ``category`` column of ``figures``: ``force``, ``money``,
        ``seizure``, ``border``, ``exercise``, ...); None for all.
    unit : str, optional
        Only figures in this unit (e.g. ``"personnel"``).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per unit, about 10 inches wide.

    Raises
    ------
    UnknownOptionError
        For a category or unit that does not occur ("did you mean ...?").

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.figures_chart("force")  # doctest: +SKIP
    >>> fig = cl.charts.figures_chart("seizure")  # doctest: +SKIP
    """
    figures = _cl.load("figures")
    figures = _filter(figures, "category", category)
    figures = _filter(figures, "unit", unit)
    figures = figures.dropna(subset=["value"])
    import matplotlib.pyplot as plt

    # biggest numbers first: force sizes in people before counts of brigades
    order = figures.groupby(figures["unit"].astype(str))["value"].max().sort_values(ascending=False)
    units = [str(u) for u in order.index]
    counts = [int((figures["unit"] == u).sum()) for u in units]
    ratios = [c + 0.6 for c in counts]  # each panel's share of the height: its bars, its title
    height = 1.5 + sum(0.36 * c + 0.6 for c in counts)
    # the chart places its panels itself (fit_column), measuring only what sticks out of
    # them: constrained layout measured every artist of every panel, twice per draw
    fig = _common.new_figure((10, max(2.5, height)), layout="none")
    panels = []
    for this_unit in units:
        rows = figures[figures["unit"] == this_unit].sort_values("value", ascending=False)
        panels.append({"unit": this_unit, "bars": [
            {"subject": str(r.subject), "figure_id": str(r.figure_id),
             "text": format_figure(float(r.value), this_unit, str(r.qualifier), r.refers_to)}
            for r in rows.itertuples(index=False)]})
    try:
        if not units:
            _description.record(fig, fig, True, "figures_chart", panels=panels)
            fig.text(0.5, 0.5, "No figures match.", ha="center", color=MUTED_TEXT_COLOR)
            return fig
        axes = fig.subplots(len(units), 1, squeeze=False)[:, 0]  # fit_column places them
        around = [_panel(ax, figures[figures["unit"] == this_unit].sort_values("value"),
                         this_unit) for ax, this_unit in zip(axes, units)]
        what = category if isinstance(category, str) else ", ".join(category) if category else "all"
        title = fig.suptitle(f"What the sources count: {what}", x=0.01, ha="left",
                             fontsize=12, color=TEXT_COLOR)
        handles = [
            Patch(facecolor=_BAR_COLOUR, label="exact number"),
            Patch(facecolor=_BAR_COLOUR, alpha=0.45, hatch="////", edgecolor="white",
                  label="about / close to / some"),
            Patch(facecolor="white", edgecolor=_BAR_COLOUR, label="up to (a maximum)"),
        ]
        # the key sits on the first panel's title line, right-aligned
        over = plt.Line2D([], [], marker=">", color=_BAR_COLOUR, linestyle="none",
                          label="over (a minimum)")
        key = axes[0].legend(handles=[*handles, over], loc="lower right",
                             bbox_to_anchor=(1.0, 1.0), ncol=4, frameon=False, fontsize=8,
                             borderaxespad=0.1)
        caption = fig.supxlabel(
            "Data: datasets/figures.csv; every number quotes its source "
            "(cl.load('figures')[['figure_id', 'value', 'unit', 'qualifier', 'quote']]). "
            "Numbers in different units are never drawn on one axis."
            + (f"\n{NOT_STATED_LEGEND}." if _not_stated(figures) else ""),
            x=0.01, ha="left", fontsize=7.5, color=MUTED_TEXT_COLOR)
        around[0].append(key)
        _description.record(fig, fig, True, "figures_chart", panels=panels)
        _common.fit_column(fig, list(axes), around, ratios, title=title, caption=caption)
    except BaseException:
        plt.close(fig)
        raise
    _common.hand_over(fig)
    return fig


def _not_stated(figures: pd.DataFrame) -> bool:
    """Whether any figure's date is not stated by its source (so its label is marked)."""
    if "refers_to_basis" not in figures.columns:
        return False
    return bool(figures["refers_to_basis"].astype("object").isin(["context", "outside"]).any())


def _filter(frame: pd.DataFrame, column: str, wanted: str | list[str] | None) -> pd.DataFrame:
    if wanted is None:
        return frame
    items = [wanted] if isinstance(wanted, str) else list(wanted)
    known = sorted(frame[column].dropna().astype(str).unique())
    for item in items:
        if item not in known:
            close = difflib.get_close_matches(str(item), known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise _cl.UnknownOptionError(
                f"No figures with {column} {item!r}.{hint} The {column} values are: "
                f"{', '.join(known)}.")
    return frame[frame[column].astype(str).isin(items)]


def _tick(value: float, top: float) -> str:
    if top >= 1e9:
        return f"{value / 1e9:g} bn"
    if top >= 1e6:
        return f"{value / 1e6:g} m"
    return f"{value:,.0f}" if top >= 10 else f"{value:g}"


def _panel(ax: Any, rows: pd.DataFrame, unit: str) -> list[Any]:
    """Draw one unit's bars into ``ax``; return what sticks out of it (for ``fit_column``)."""
    labels = ["\n".join(textwrap.wrap(str(s), 48)[:2]) for s in rows["subject"]]
    values = [float(v) for v in rows["value"]]
    top = max(values) if values else 1.0
    bases = rows["refers_to_basis"] if "refers_to_basis" in rows.columns else [None] * len(rows)
    for y, (value, qualifier, refers_to, basis, figure_id) in enumerate(
            zip(values, rows["qualifier"].astype(str), rows["refers_to"], bases, rows["figure_id"])):
        style = QUALIFIER_STYLES.get(qualifier, QUALIFIER_STYLES["exactly"])
        ax.barh(y, value, height=0.6, color=_BAR_COLOUR if style["fill"] else "white",
                alpha=style["alpha"], hatch=style["hatch"], edgecolor=_BAR_COLOUR,
                linewidth=0.0 if style["fill"] else 1.2, gid=str(figure_id))
        end = value
        if qualifier == "over":
            ax.annotate("", xy=(value + top * 0.07, y), xytext=(value, y),
                        arrowprops={"arrowstyle": "-|>", "color": _BAR_COLOUR, "lw": 1.4})
            end = value + top * 0.07
        ax.text(end + top * 0.015, y, format_figure(value, unit, qualifier, refers_to, basis),
                va="center", ha="left", fontsize=8, color=TEXT_COLOR)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlim(0, top * 1.55)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=all(
        float(v).is_integer() for v in values)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _tick(v, top)))
    ax.tick_params(axis="x", labelsize=7.5, colors=MUTED_TEXT_COLOR)
    ax.tick_params(axis="y", length=0)
    title = ax.set_title(unit, loc="left", fontsize=9, color=MUTED_TEXT_COLOR,
                         fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(EDGE_COLOR)
    ax.grid(axis="x", color="#E6E6E6", linewidth=0.6)
    ax.set_axisbelow(True)
    return [title, *_common.tick_labels_shown(ax.xaxis), *ax.get_yticklabels(), *ax.texts]
