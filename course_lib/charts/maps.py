"""The membership map: each state coloured by its status (treaty party or CSTO member) on a date.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.membership_map("2010-01-01")  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch, Rectangle

import course_lib as _cl
from course_lib.bodies import member_count

from . import _common
from . import description as _description
from .geo import BORDER_NOTE, outlines, region_limits
from .palette import (
    EDGE_COLOR,
    MUTED_TEXT_COLOR,
    SEA_COLOR,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUS_ORDER,
    TEXT_COLOR,
    UNCERTAIN_HATCH,
)

__all__ = ["membership_map", "map_statuses", "MapLayer"]

# Where a state's name goes (lon, lat), and for the small Caucasus states a label offset
# drawn with a leader line so the names do not sit on each other.
_LABELS: dict[str, tuple[float, float]] = {
    "RUS": (100.0, 63.0),
    "KAZ": (67.5, 48.0),
    "UZB": (63.0, 42.2),
    "TKM": (58.8, 39.0),
    "TJK": (71.0, 38.7),
    "KGZ": (75.0, 41.5),
    "BLR": (28.0, 53.5),
    "UKR": (31.5, 49.0),
    "ARM": (44.9, 40.25),
    "AZE": (47.9, 40.45),
    "GEO": (43.6, 42.15),
    "AFG": (65.5, 33.8),
    "MNG": (103.0, 46.8),
    "CHN": (96.0, 36.0),
    "IRN": (54.0, 32.5),
}
# Extra names where there is room: regional crops and the Caucasus inset.
_LABELS_ZOOMED: dict[str, tuple[float, float]] = {
    "TUR": (40.0, 39.0),
    "MDA": (28.5, 47.1),
    "IRN": (48.5, 38.6),
    "PAK": (68.5, 35.0),
}
_CAUCASUS = frozenset({"ARM", "AZE", "GEO", "TUR", "IRN"})
_INSET_ONLY = frozenset({"ARM", "AZE", "GEO"})
_LEADER_OFFSETS: dict[str, tuple[float, float]] = {
    # (dx, dy) in points from the anchor, for states too small for an inline name
    "TJK": (22.0, -20.0),
    "KGZ": (26.0, 10.0),
}
# Where the Caucasus inset sits on a wide map (axes fraction): over the Pacific and Japan.
_INSET_BOUNDS = (0.705, 0.015, 0.29, 0.40)
_DARK_FILLS = {STATUS_COLORS["member"], STATUS_COLORS["withdrawn"]}


def map_statuses(frame: pd.DataFrame) -> dict[str, tuple[str, bool]]:
    """Turn a :func:`course_lib.members_on` frame into ``{iso3: (status, certain)}``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of ``cl.members_on(date)`` (columns ``iso3``, ``status``, ``certain``).

    Returns
    -------
    dict of str to (str, bool)
        One entry per state in the frame; states not in it are ``never`` parties.

    Examples
    --------
    >>> import course_lib as cl
    >>> map_statuses(cl.members_on("2010-01-01"))["RUS"]  # doctest: +SKIP
    ('member', True)
    """
    return {
        str(iso3): (str(status), bool(certain))
        for iso3, status, certain in zip(frame["iso3"], frame["status"], frame["certain"])
    }


class MapLayer:
    """The country patches of one map, recoloured in place when statuses change.

    Widgets keep one ``MapLayer`` and call :meth:`update`; nothing is re-created, so an
    update costs only the patches whose status changed plus one redraw.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    region : str or tuple, default ``"csto"``
        See :func:`course_lib.charts.geo.region_limits`.
    labels : bool, default True
        Write the names of the treaty's states (and a few neighbours) on the map.

    Attributes
    ----------
    patches : dict of str to matplotlib.patches.PathPatch
        One compound patch per country, keyed by ISO alpha-3 code.
    statuses : dict of str to (str, bool)
        What each patch currently shows: ``(status, certain)``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> layer = MapLayer(Figure().add_subplot())  # doctest: +SKIP
    >>> layer.update({"RUS": ("member", True)})  # doctest: +SKIP
    {'RUS'}
    """

    def __init__(self, ax: Axes, region: str | tuple[float, float, float, float] = "csto",
                 labels: bool = True, inset: bool | None = None) -> None:
        xlim, ylim, _aspect = region_limits(region)
        self.ax = ax
        self.patches: dict[str, list[PathPatch]] = {}
        self.statuses: dict[str, tuple[str, bool]] = {}
        self.labels: dict[str, Any] = {}
        self.inset: Axes | None = None
        self._setup_axes(ax, region)
        self._add_patches(ax)
        wide = (xlim[1] - xlim[0]) > 60
        if labels:
            self._draw_labels(ax, small=wide)
        if inset if inset is not None else wide:
            # The Caucasus states are a few pixels wide on the whole map: show them again,
            # enlarged, in a corner that holds only the Pacific and non-member states.
            self.inset = ax.inset_axes(list(_INSET_BOUNDS))
            self._setup_axes(self.inset, "caucasus")
            self._add_patches(self.inset)
            self.inset.text(0.02, 0.97, "Caucasus, enlarged", transform=self.inset.transAxes,
                            ha="left", va="top", fontsize=7.5, color=MUTED_TEXT_COLOR, zorder=6,
                            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                  "alpha": 0.85, "edgecolor": "none"})
            for spine in self.inset.spines.values():
                spine.set_edgecolor(MUTED_TEXT_COLOR)
            if labels:
                self._draw_labels(self.inset, small=False, only=_CAUCASUS)
            (cx0, cx1), (cy0, cy1), _ = region_limits("caucasus")
            ax.add_patch(Rectangle((cx0, cy0), cx1 - cx0, cy1 - cy0, fill=False, zorder=4,
                                   edgecolor=MUTED_TEXT_COLOR, linewidth=0.7))
        for iso3 in self.patches:
            self.statuses[iso3] = ("never", True)

    @staticmethod
    def _setup_axes(ax: Axes, region: str | tuple[float, float, float, float]) -> None:
        xlim, ylim, aspect = region_limits(region)
        ax.set_facecolor(SEA_COLOR)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect(aspect)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#BFBFBF")

    def _add_patches(self, ax: Axes) -> None:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        for iso3, outline in outlines().items():
            west, south, east, north = outline.bounds
            if east < x0 or west > x1 or north < y0 or south > y1:
                continue  # wholly outside this view: nothing to draw
            patch = PathPatch(outline.path, facecolor=STATUS_COLORS["never"], edgecolor=EDGE_COLOR,
                              linewidth=0.4, hatch=None, zorder=1)
            patch.set_gid(iso3)
            # add_artist, not add_patch: the limits are fixed, and add_patch would walk every
            # vertex of every outline to update them (seconds for Russia alone)
            ax.add_artist(patch)
            self.patches.setdefault(iso3, []).append(patch)

    def _draw_labels(self, ax: Axes, small: bool, only: frozenset[str] | None = None) -> None:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        shapes = outlines()
        positions = _LABELS if small else {**_LABELS, **_LABELS_ZOOMED}
        for iso3, (lon, lat) in positions.items():
            if only is not None and iso3 not in only:
                continue
            if small and iso3 in _INSET_ONLY:
                continue  # named in the inset instead
            mx, my = (x1 - x0) * 0.04, (y1 - y0) * 0.04  # names too near an edge get cut
            if iso3 not in shapes or not (x0 + mx <= lon <= x1 - mx and y0 + my <= lat <= y1 - my):
                continue
            offset = _LEADER_OFFSETS.get(iso3) if small else None
            arrow = None
            if offset is not None:
                arrow = {"arrowstyle": "-", "color": MUTED_TEXT_COLOR, "lw": 0.6,
                         "shrinkA": 1, "shrinkB": 0}
            text = ax.annotate(shapes[iso3].name, (lon, lat), xytext=offset or (0, 0),
                               textcoords="offset points", ha="center", va="center",
                               fontsize=8 if small else 8.5, color=TEXT_COLOR, zorder=5,
                               arrowprops=arrow, annotation_clip=True)
            text.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75,
                           "edgecolor": "none"})
            self.labels.setdefault(iso3, text)

    def update(self, statuses: Mapping[str, tuple[str, bool]]) -> set[str]:
        """Recolour the patches whose ``(status, certain)`` changed.

        Parameters
        ----------
        statuses : mapping of str to (str, bool)
            ``{iso3: (status, certain)}``; countries missing from it are shown as ``never``.

        Returns
        -------
        set of str
            The ISO codes whose patch changed (empty when nothing needs redrawing).
        """
        changed: set[str] = set()
        for iso3, patches in self.patches.items():
            state = statuses.get(iso3, ("never", True))
            if state == self.statuses.get(iso3):
                continue
            status, certain = state
            fill = STATUS_COLORS.get(status, STATUS_COLORS["never"])
            for patch in patches:
                patch.set_facecolor(fill)
                if certain:
                    patch.set_hatch(None)
                else:
                    patch.set_hatch(UNCERTAIN_HATCH)
                    _set_hatch_color(patch, "white" if fill in _DARK_FILLS else EDGE_COLOR)
            self.statuses[iso3] = state
            changed.add(iso3)
        return changed

    def legend(self, member_label: str | None = None, **kwargs: Any) -> Any:
        """Draw the status legend (every status, plus the hatch for "uncertain").

        ``member_label`` names the ``member`` status for the date on show (``cl.body_on``:
        "party to the Collective Security Treaty" before 2002, "CSTO member" after).
        """
        labels = dict(STATUS_LABELS, **({"member": member_label} if member_label else {}))
        handles = [Patch(facecolor=STATUS_COLORS[s], edgecolor=EDGE_COLOR, linewidth=0.4,
                         label=labels[s]) for s in STATUS_ORDER]
        uncertain = Patch(facecolor=STATUS_COLORS["member"], edgecolor=EDGE_COLOR, linewidth=0.4,
                          hatch=UNCERTAIN_HATCH, label="uncertain: inside an imprecise date")
        _set_hatch_color(uncertain, "white")
        handles.append(uncertain)
        options = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.01), "ncol": 4,
                   "frameon": False, "fontsize": 8, "handlelength": 1.6, "columnspacing": 1.2}
        options.update(kwargs)
        return self.ax.legend(handles=handles, **options)


def _set_hatch_color(patch: Patch, color: str) -> None:
    """Colour a patch's hatch lines without touching its outline."""
    setter = getattr(patch, "set_hatchcolor", None)  # matplotlib >= 3.11
    if setter is not None:
        setter(color)
    else:
        # matplotlib 3.10 has no setter: hatches are drawn in ``_hatch_color``. Setting the
        # edge colour instead would recolour the state's outline for good, so a map that had
        # passed through an uncertain month looked different from a fresh one.
        patch._hatch_color = to_rgba(color)
        patch.stale = True


def membership_map(
    date: Any = None,
    ax: Axes | None = None,
    *,
    region: str | tuple[float, float, float, float] = "csto",
    labels: bool = True,
) -> Figure | Axes:
    """Draw the region's states coloured by their CSTO status on a date.

    Statuses come from :func:`course_lib.members_on`: member, frozen, suspended, withdrawn and
    not yet (for states that joined later); every other state is "never a party". A state whose
    status is uncertain on that date (the date falls inside an imprecise transition such as
    "in 1993") is hatched. The caption names the data and the border basis.

    Parameters
    ----------
    date : str, datetime.date, datetime or pandas.Timestamp, optional
        ``'YYYY'``, ``'YYYY-MM'`` or ``'YYYY-MM-DD'`` (a year or month means its first day, as
        in ``members_on``). Default: today.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes; by default a new figure about 10 inches wide is made.
    region : str or tuple, default ``"csto"``
        ``"csto"`` (all member states, Russia to Chukotka), ``"all"``, ``"central asia"``,
        ``"caucasus"``, ``"europe"``, or ``(lon_min, lon_max, lat_min, lat_max)``.
    labels : bool, default True
        Write state names on the map.

    Returns
    -------
    matplotlib.figure.Figure or matplotlib.axes.Axes
        The new Figure, or ``ax`` when one was given.

    Raises
    ------
    InvalidDateError
        For a date that cannot be read or does not exist (``'2010-13-01'``).

    Examples
    --------
    >>> import course_lib as cl
    >>> fig = cl.charts.membership_map("2010-01-01")  # doctest: +SKIP
    >>> fig = cl.charts.membership_map("1993", region="caucasus")  # doctest: +SKIP
    """
    when, precision = _common.resolve_date(date)
    frame = _cl.members_on(when if precision == "day" else date)
    (x0, x1), (y0, y1), aspect = region_limits(region)  # a bad region fails before any figure
    # as tall as the region's shape needs at 10 inches wide, plus title and legend; the
    # caption's room is added once it is drawn (fit_height)
    height = min(max(9.6 * (y1 - y0) * aspect / (x1 - x0) + 1.6, 4.0), 8.5)
    with _common.drawing(ax, figsize=(10, height)) as (fig, ax, created):
        layer = MapLayer(ax, region=region, labels=labels)
        layer.update(map_statuses(frame))
        legend = layer.legend(_cl.body_on(when).member,
                              ncol=4 if (x1 - x0) / ((y1 - y0) * aspect) > 1.6 else 3)
        ax.set_title(map_title(when, precision, frame), loc="left", fontsize=12,
                     color=TEXT_COLOR)
        ax.annotate(map_caption(when, frame), xy=(0.0, 0.0), xycoords=legend, xytext=(0, -6),
                    textcoords="offset points", ha="left", va="top", fontsize=7.5,
                    color=MUTED_TEXT_COLOR)
        _description.record(fig, ax, created, "membership_map", region=region, date=f"{when:%Y-%m-%d}",
                            members=_cl.body_on(when).members,
                         date_text=_common.describe_date(when, precision),
                         states=frame[["country", "status", "certain", "counts_as_member"]]
                         .astype({"status": str, "certain": bool, "counts_as_member": bool})
                         .to_dict("records"))
        if created:
            _common.fit_height(fig)
            _common.freeze_layout(fig)
    return fig if created else ax


def map_title(when: pd.Timestamp, precision: str, frame: pd.DataFrame) -> str:
    """The title of a membership map: what the states belonged to on the date, and how many.

    Before the organization existed (2002) they are parties to the Collective Security Treaty,
    after it CSTO members (:func:`course_lib.bodies.body_on`); uncertain states are counted apart
    (:func:`course_lib.bodies.member_count`).

    Examples
    --------
    >>> import course_lib as cl, pandas as pd
    >>> map_title(pd.Timestamp("1993-06-01"), "day", cl.members_on("1993-06-01"))
    'Parties to the Collective Security Treaty on 1 June 1993: 6 certain, 3 uncertain'
    """
    body = _cl.body_on(when)
    return f"{body.heading} on {_common.describe_date(when, precision)}: {member_count(frame)}"


def map_caption(when: pd.Timestamp, frame: pd.DataFrame) -> str:
    """The caption of a membership map: what the data is and what the borders are."""
    uncertain = frame.loc[~frame["certain"].astype(bool), "country"].astype(str).tolist()
    note = ""
    if uncertain:
        note = f" Hatched (status uncertain on this date): {', '.join(uncertain)}."
    text = (f"Data: course_lib.members_on('{when:%Y-%m-%d}') from datasets/memberships.csv; "
            f"every spell quotes its source.{note} {BORDER_NOTE}")
    return "\n".join(textwrap.wrap(text, 140))
