"""The parties at one drill: pick an exercise, see who the sources say took part, stayed away or watched.

Examples
--------
>>> import course_lib as cl
>>> viewer = cl.widgets.drill_parties("interaction-2024")
>>> int((viewer.parties["role"] == "observer").sum())
13
>>> viewer.dropdown.value = "anti-terrorism-drills-2021"
>>> len(viewer.parties)
0
"""

from __future__ import annotations

import pandas as pd
import ipywidgets as widgets

import course_lib as _cl

from ..exceptions import UnknownRecordError
from . import _html

__all__ = ["DrillParties", "drill_parties"]

DEFAULT_DRILL = "interaction-2024"
_ROLE_ORDER = {"participant": 0, "absent": 1, "observer": 2}


class DrillParties(widgets.VBox):
    """Every party the sources name at one drill, with its role and the sentence that says so.

    Attributes
    ----------
    drill_id : str
        The drill on show (a ``drill_id`` of ``drills.csv``).
    parties : pandas.DataFrame
        Its rows of ``drill_parties``, participants first, then the absent, then observers,
        each group by name; empty when no source names a party at that drill.
    dropdown : ipywidgets.Dropdown
        Pick a drill (labelled by name and start date; the value is the ``drill_id``).
    header : ipywidgets.HTML
        The drill's name, start date with its precision, host and source.
    table : ipywidgets.HTML
        The parties, or a sentence saying that no source names any.
    """

    def __init__(self, drill: str | None = None) -> None:
        drills = _cl.load("drills")
        self._drills = drills.set_index("drill_id")
        self._parties = _cl.load("drill_parties")
        first = _check_drill(drill if drill is not None else DEFAULT_DRILL, self._drills.index)
        options = [(f"{r.name} ({r.start})", str(r.drill_id)) for r in drills.itertuples()]
        self.dropdown = widgets.Dropdown(options=options, value=first, description="Drill",
                                         style={"description_width": "auto"},
                                         layout=widgets.Layout(width="32em"))
        self.header = widgets.HTML()
        self.table = widgets.HTML()
        self.drill_id = first
        self.parties = pd.DataFrame()
        super().__init__([self.dropdown, self.header, self.table])
        self.add_class("csto-drill-parties")
        self.dropdown.observe(lambda change: self._show(change["new"]), names="value")
        self._show(first)

    def set_drill(self, drill: str) -> None:
        """Show another drill, by its ``drill_id``.

        Raises
        ------
        UnknownRecordError
            For an id that is not in ``drills.csv`` (the message lists the ids); nothing changes.
        """
        self.dropdown.value = _check_drill(drill, self._drills.index)

    def _show(self, drill_id: str) -> None:
        self.drill_id = drill_id
        row = self._drills.loc[drill_id]
        host = "not given" if _html.is_missing(row["host_iso3"]) else _html.esc(row["host_iso3"])
        self.header.value = (
            f"<b>{_html.esc(row['name'])}</b>: starts {_html.esc(row['start'])} "
            f"{_html.muted('(' + _html.esc(row['start_precision']) + ' precision)')}, "
            f"host {host} {_html.muted('— ' + _html.esc(row['source_id']))}"
        )
        here = self._parties[self._parties["drill_id"] == drill_id]
        order = here["role"].astype(str).map(_ROLE_ORDER).fillna(len(_ROLE_ORDER))
        self.parties = (here.assign(_order=order)
                        .sort_values(["_order", "party"], kind="stable")
                        .drop(columns="_order").reset_index(drop=True))
        if self.parties.empty:
            self.table.value = ("<p>No source names any party at this drill: that is silence "
                                "in the sources, not a record that nobody came.</p>")
            return
        rows = [[_html.esc(r["role"]), _html.esc(r["party"]), _html.esc(r["party_kind"]),
                 f"“{_html.esc(r['quote'])}” {_html.muted('— ' + _html.esc(r['source_id']))}"]
                for r in self.parties.to_dict("records")]
        self.table.value = _html.table(["Role", "Party", "Kind", "Quote (source)"], rows,
                                       widths=["12%", "22%", "12%", "54%"])


def _check_drill(drill: str, known: pd.Index) -> str:
    if drill not in known:
        raise UnknownRecordError(
            f"no drill {drill!r} in drills.csv; pick one of: {', '.join(map(str, known))}"
        )
    return str(drill)


def drill_parties(drill: str | None = None) -> DrillParties:
    """Pick a drill and see every party the sources name there, with its role and quote.

    Parameters
    ----------
    drill : str, optional
        The ``drill_id`` to show first (default ``"interaction-2024"``).

    Returns
    -------
    DrillParties
        The widget; ``.parties`` is the table it shows, ``.dropdown.value`` the drill.

    Raises
    ------
    UnknownRecordError
        For a ``drill_id`` that is not in ``drills.csv``.

    Examples
    --------
    >>> import course_lib as cl
    >>> viewer = cl.widgets.drill_parties("interaction-2012")
    >>> sorted(viewer.parties["role"].unique())
    ['participant']
    """
    return DrillParties(drill)
