"""The membership explorer: a month slider (with play) driving the map and the member table.

Examples
--------
>>> import course_lib as cl
>>> explorer = cl.widgets.membership_explorer("2010-01-01")
>>> explorer.set_date("1999-06-01")
>>> explorer.current.loc[explorer.current["iso3"] == "GEO", "status"].item()
'withdrawn'
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import ipywidgets as widgets
import pandas as pd

import course_lib as _cl
from course_lib.bodies import member_count

from ..charts import _common
from ..charts.geo import BORDER_NOTE
from ..charts.maps import MapLayer, map_statuses
from ..dates import NOT_STATED_KEY, marked_date
from . import _html
from ._a11y import KEYS_TO_WIDGET, aria_bridge
from ._render import TextOverlay, offscreen_figure

__all__ = ["MembershipExplorer", "membership_explorer"]

#: The slider's first month: the Tashkent treaty was signed in May 1992.
FIRST_MONTH = pd.Timestamp("1992-01-01")


def _months(until: pd.Timestamp) -> list[pd.Timestamp]:
    return list(pd.date_range(FIRST_MONTH, until.replace(day=1), freq="MS"))


class MembershipExplorer(widgets.VBox):
    """A map and a table of the treaty's parties or the CSTO's members on a date, with a month slider.

    Build it with :func:`membership_explorer`. Nothing is displayed until the notebook shows
    the widget (make it the last expression of a cell, or ``display(explorer)``).

    Attributes
    ----------
    date : pandas.Timestamp
        The date on show.
    current : pandas.DataFrame
        ``cl.members_on(date)``: the frame on show, one row per state.
    slider : ipywidgets.SelectionSlider
        The month control; moving it shows the first day of that month.
    play : ipywidgets.Play
        Steps the slider month by month.
    map_layer : course_lib.charts.maps.MapLayer
        The map's country patches (their colours follow ``current``).
    map_image : ipywidgets.Image
        The rendered map.
    header, table : ipywidgets.HTML
        The date with the member count, and the states with status, since and quote. The
        header is a live region: screen readers read out each new date and count.
    aria : anywidget.AnyWidget
        Names the slider's handle (and speaks its month), the play buttons and the map for
        screen readers (see ``course_lib.widgets._a11y``).
    """

    def __init__(self, date: Any = None, *, region: str | tuple[float, float, float, float] = "csto") -> None:
        when, _precision = _common.resolve_date(date)
        self._months = _months(max(_common.today(), when))
        labels = [(f"{m:%b %Y}", i) for i, m in enumerate(self._months)]
        self.slider = widgets.SelectionSlider(
            options=labels, value=0, description="Month", continuous_update=True,
            layout=widgets.Layout(width="100%"), style={"description_width": "auto"},
        )
        self.play = widgets.Play(min=0, max=len(self._months) - 1, step=1, interval=350,
                                 description="Play month by month")
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.header = widgets.HTML()
        self.table = widgets.HTML()
        self._figure = offscreen_figure(figsize=(10, 5.15), dpi=80)
        ax = self._figure.add_axes((0.003, 0.003, 0.994, 0.994))
        self.map_layer = MapLayer(ax, region=region)
        # the names on the map never change: draw them once, paste them over each redraw
        self._overlay = TextOverlay(self._figure, [ax] + ([self.map_layer.inset]
                                                          if self.map_layer.inset else []))
        self.map_image = widgets.Image(format="png",
                                       layout=widgets.Layout(width="100%", max_width="800px"))
        self._images: dict[tuple, bytes] = {}
        self._frames: dict[pd.Timestamp, pd.DataFrame] = {}
        self._holding = False
        self.date: pd.Timestamp = when
        self.current: pd.DataFrame = pd.DataFrame()
        self.legend = legend = widgets.HTML(_html.legend_html())
        caption = widgets.HTML(_html.muted(
            "Data: <code>course_lib.members_on(date)</code> from datasets/memberships.csv; every "
            "spell quotes its source (table below). " + _html.esc(BORDER_NOTE)))
        # Names for what ipywidgets leaves unnamed (the slider's handle, the play buttons, the
        # map image), and the header as a live region: a new date is read out when it shows.
        self.header.add_class("csto-live")
        self._spoken_months = [f"{m:%B %Y}" for m in self._months]
        self.aria = aria_bridge(".csto-membership-explorer", self._aria_rules(when),
                                valuetexts={".noUi-handle": self._spoken_months})
        super().__init__([widgets.HBox([self.play, self.slider]), self.header, self.map_image,
                          legend, caption, self.table, self.aria])
        self.add_class("csto-membership-explorer")
        self.slider.observe(self._on_slider, names="value")
        self.set_date(date if date is not None else when)

    # -- driving it -------------------------------------------------------------------------
    def set_date(self, date: Any) -> None:
        """Show the states on ``date`` and move the slider to its month.

        Parameters
        ----------
        date : str, datetime.date, datetime or pandas.Timestamp
            As for :func:`course_lib.members_on` (``'YYYY'``, ``'YYYY-MM'``, ``'YYYY-MM-DD'``).

        Raises
        ------
        InvalidDateError
            For a date that cannot be read or does not exist; nothing on show changes.

        Examples
        --------
        >>> import course_lib as cl
        >>> explorer = cl.widgets.membership_explorer()
        >>> explorer.set_date("2006-09")
        >>> explorer.date
        Timestamp('2006-09-01 00:00:00')
        """
        when, precision = _cl.parse_date(date)
        frame = _cl.members_on(date if precision != "day" else when)
        self._show(when, frame)
        index = self._month_index(when)
        if self.slider.value != index:
            with self._hold():
                self.slider.value = index

    def _on_slider(self, change: dict) -> None:
        if self._holding:
            return
        when = self._months[int(change["new"])]
        frame = self._frames.get(when)
        if frame is None:
            frame = self._frames[when] = _cl.members_on(when)
        self._show(when, frame)

    # -- drawing ----------------------------------------------------------------------------
    def _show(self, when: pd.Timestamp, frame: pd.DataFrame) -> None:
        self.date = when
        self.current = frame
        statuses = map_statuses(frame)
        self.map_layer.update(statuses)
        key = tuple(sorted(self.map_layer.statuses.items()))
        image = self._images.get(key)
        if image is None:  # a combination of statuses not drawn yet: draw it once
            image = self._images[key] = self._overlay.png()
        if self.map_image.value != image:
            self.map_image.value = image
        self.header.value = self._header_html(when, frame)
        legend = _html.legend_html(member_label=_cl.body_on(when).member)
        if self.legend.value != legend:
            self.legend.value = legend
        self.table.value = self._table_html(frame)
        if hasattr(self, "aria"):
            self.aria.rules = self._aria_rules(when)

    @staticmethod
    def _aria_rules(when: pd.Timestamp) -> dict[str, dict[str, str]]:
        """What a screen reader is told about each control and the map (``aria_bridge``)."""
        return {
            **KEYS_TO_WIDGET,
            ".noUi-handle": {"aria-label": "Month shown on the map"},
            ".widget-play button:nth-child(1)": {"aria-label": "Play or pause, month by month",
                                                 "title": "Play or pause, month by month"},
            ".widget-play button:nth-child(2)": {"aria-label": "Stop and go back to the first "
                                                 "month", "title": "Stop"},
            ".widget-play button:nth-child(3)": {"aria-label": "Repeat from the start at the end",
                                                 "title": "Repeat"},
            ".csto-live": {"aria-live": "polite", "role": "status", "aria-atomic": "true"},
            ".widget-image": {"alt": f"Map of each state's status in the treaty on {when.day} "
                                     f"{when:%B %Y}; the sentence above counts the members and "
                                     "the table below lists every state's status in words."},
        }

    @staticmethod
    def _header_html(when: pd.Timestamp, frame: pd.DataFrame) -> str:
        unsure = frame.loc[~frame["certain"].astype(bool), "country"].astype(str).tolist()
        body = _cl.body_on(when)  # treaty parties before 2002, CSTO members after
        text = (f'<b style="font-size:1.15em">{_html.esc(body.heading)} on {when.day} {when:%B %Y}</b>: '
                f"{_html.esc(member_count(frame))}")
        if unsure:
            text += f" ({_html.esc(', '.join(unsure))})"
        return f"<div>{text}</div>"

    @staticmethod
    def _table_html(frame: pd.DataFrame) -> str:
        rows = []
        for rec in frame.to_dict("records"):
            status = str(rec["status"])
            certain = bool(rec["certain"])
            state = f'{_html.swatch(status, uncertain=not certain)}{_html.esc(rec["country"])}'
            shown = _html.esc(status) + ("" if certain else " " + _html.muted("(uncertain)"))
            since = ""
            if not _html.is_missing(rec.get("since")):
                since = (f'{_html.esc(marked_date(rec["since"], rec.get("since_basis")))} '
                         f'{_html.muted(_html.esc(rec.get("since_precision")))}')
            quote = ""
            if not _html.is_missing(rec.get("quote")):
                quote = (f'“{_html.esc(rec["quote"])}” '
                         f'{_html.muted("— " + _html.esc(rec.get("source_id")))}')
            rows.append([state, shown, since, quote])
        marked = any(str(r.get("since_basis")) in ("context", "outside") for r in frame.to_dict("records"))
        return _html.table(["State", "Status", "Since", "Quote (source)"], rows,
                           widths=["14%", "14%", "12%", "60%"]) + (
            _html.muted(_html.esc(NOT_STATED_KEY)) if marked else "")

    # -- helpers ----------------------------------------------------------------------------
    def _month_index(self, when: pd.Timestamp) -> int:
        first = self._months[0]
        index = (when.year - first.year) * 12 + (when.month - first.month)
        return min(max(index, 0), len(self._months) - 1)

    @contextmanager
    def _hold(self) -> Iterator[None]:
        self._holding = True
        try:
            yield
        finally:
            self._holding = False


def membership_explorer(date: Any = None, *, region: str | tuple[float, float, float, float] = "csto") -> MembershipExplorer:
    """A month slider (with play) driving a membership map and a table of states with quotes.

    Parameters
    ----------
    date : str, datetime.date, datetime or pandas.Timestamp, optional
        The date to show first (default: today). ``'YYYY'``, ``'YYYY-MM'`` or ``'YYYY-MM-DD'``.
    region : str or tuple, default ``"csto"``
        The map extent, as for :func:`course_lib.charts.membership_map`.

    Returns
    -------
    MembershipExplorer
        An ``ipywidgets.VBox``; it shows when it is the last expression of a cell. Drive it
        with ``explorer.set_date(...)``; ``explorer.current`` is ``cl.members_on`` of the date
        on show.

    Raises
    ------
    InvalidDateError
        For a date that cannot be read or does not exist.

    Examples
    --------
    >>> import course_lib as cl
    >>> explorer = cl.widgets.membership_explorer("1993-06-01")
    >>> int(explorer.current["counts_as_member"].sum())
    9
    """
    return MembershipExplorer(date, region=region)
