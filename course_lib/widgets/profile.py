"""A country profile: pick a state, see its membership spells, events, drills, numbers and sources.

Examples
--------
>>> import course_lib as cl
>>> profile = cl.widgets.country_profile("Uzbekistan")
>>> profile.iso3
'UZB'
"""

from __future__ import annotations

import io
from typing import Any

import ipywidgets as widgets
import pandas as pd

import course_lib as _cl

from ..charts import _common
from ..charts.membership import membership_chart
from ..dates import NOT_STATED_KEY, marked_date
from . import _html
from ._a11y import aria_bridge
from ._render import offscreen_figure

__all__ = ["CountryProfile", "country_profile"]

DEFAULT_COUNTRY = "Armenia"
_TABS = ("Membership", "Events", "Drills", "Numbers", "Sources")
#: How a role at a drill reads in the Drills tab (a planned part is not a part taken).
ROLE_WORDS = {"participant": "took part", "planned": "planned to take part",
              "absent": "absent (the source says so)", "observer": "observer"}


class CountryProfile(widgets.VBox):
    """One state's record in the course data, in tabs.

    Attributes
    ----------
    iso3 : str
        The state on show (ISO alpha-3).
    history : pandas.DataFrame
        ``cl.membership_history(iso3)`` (empty for a state that never was a party).
    dropdown : ipywidgets.Dropdown
        Pick a state (every state in ``countries.csv``).
    header : ipywidgets.HTML
        Name, codes, aliases and status today.
    chart : ipywidgets.Image
        The state's spells on the 1992-to-today time line (hidden for non-parties).
    tabs : ipywidgets.Tab
        Membership, Events, Drills, Numbers, Sources: each an ``ipywidgets.HTML``.
    """

    def __init__(self, country: Any = None) -> None:
        countries = _cl.load("countries").sort_values("country")
        self._countries = countries.set_index("iso3")
        options = [(str(r.country), str(r.iso3)) for r in countries.itertuples()]
        first = _cl.resolve_country(country if country is not None else DEFAULT_COUNTRY)
        self.dropdown = widgets.Dropdown(options=options, value=first, description="State",
                                         style={"description_width": "auto"})
        self.header = widgets.HTML()
        self.chart = widgets.Image(format="png",
                                   layout=widgets.Layout(width="100%", max_width="800px"))
        self._panes = {name: widgets.HTML() for name in _TABS}
        self.tabs = widgets.Tab(children=list(self._panes.values()), titles=list(_TABS))
        self._figure = offscreen_figure(figsize=(10, 1.9), dpi=80)
        self._images: dict[str, bytes] = {}
        self.iso3 = first
        self.history = pd.DataFrame()
        self.aria = aria_bridge(".csto-country-profile", {})  # the chart's alt text
        super().__init__([self.dropdown, self.header, self.chart, self.tabs, self.aria])
        self.add_class("csto-country-profile")
        self.dropdown.observe(lambda change: self._show(change["new"]), names="value")
        self._show(first)

    def set_country(self, country: Any) -> None:
        """Show another state (a name, ISO code or alias).

        Raises
        ------
        UnknownCountryError
            For a name the data does not know ("did you mean ...?"); nothing changes.
        """
        iso3 = _cl.resolve_country(country)
        if iso3 == self.dropdown.value:
            self._show(iso3)
        else:
            self.dropdown.value = iso3

    def _show(self, iso3: str) -> None:
        self.iso3 = iso3
        row = self._countries.loc[iso3]
        today = _cl.members_on(_common.today()).set_index("iso3")
        party = iso3 in today.index
        self.history = _cl.membership_history(iso3) if party else pd.DataFrame()
        status = str(today.loc[iso3, "status"]) if party else "never"
        # "member" today is a CSTO member; the body for a date comes from cl.body_on alone.
        shown = _cl.body_on(_common.today()).member if status == "member" else status
        aliases = "" if _html.is_missing(row.get("aliases")) else \
            f" · also: {_html.esc(str(row['aliases']).replace(';', ', '))}"
        codes = _html.muted(f"{iso3} / {_html.esc(row.get('iso2'))}{aliases}")
        self.header.value = (f'<h3 style="margin:0.3em 0">{_html.esc(row["country"])} '
                             f"{codes}</h3>"
                             f"<div>Today: {_html.swatch(status)}<b>{_html.esc(shown)}</b>"
                             + ("" if party else " a party to the Collective Security Treaty")
                             + "</div>")
        self.chart.layout.display = None if party else "none"
        if party:
            self.chart.value = self._chart_png(iso3)
            self.aria.rules = {".widget-image": {
                "alt": f"Time line of {row['country']}'s membership spells, 1992 to today; the "
                       "Membership tab below lists each spell in words."}}
        spells = self.history[self.history["kind"] == "spell"] if party else pd.DataFrame()
        events = _events_naming(iso3)
        self._panes["Membership"].value = _spells_html(spells, party)
        self._panes["Events"].value = _events_html(events)
        self._panes["Drills"].value = _drills_html(iso3)
        self._panes["Numbers"].value = _figures_html(iso3)
        cited = set(spells.get("source_id", pd.Series(dtype=str)).dropna()) | \
            set(events["source_id"].dropna())
        self._panes["Sources"].value = _sources_html(cited)

    def _chart_png(self, iso3: str) -> bytes:
        if iso3 not in self._images:
            self._figure.clear()
            ax = self._figure.add_axes((0.13, 0.3, 0.84, 0.62))
            membership_chart(ax=ax, countries=[iso3], events=[])
            ax.set_title("", loc="left")
            if ax.get_legend() is not None:
                ax.get_legend().remove()
            for text in list(ax.texts):
                if text.get_text().startswith("Data:") or text.get_gid() == "until":
                    text.remove()
            buffer = io.BytesIO()
            self._figure.savefig(buffer, format="png")
            self._images[iso3] = buffer.getvalue()
        return self._images[iso3]


def _events_naming(iso3: str) -> pd.DataFrame:
    events = _cl.load("events")
    named = events["countries"].fillna("").astype(str).map(
        lambda cell: iso3 in [c.strip() for c in cell.split(";")]).astype(bool)
    return events[named].sort_values(["date_earliest", "event_id"], kind="stable")


def _quote(quote: Any, source_id: Any) -> str:
    if _html.is_missing(quote):
        return ""
    return f"“{_html.esc(quote)}” {_html.muted('— ' + _html.esc(source_id))}"


def _key(shown: bool) -> str:
    """The key under a table with dates marked as not stated by their source."""
    return _html.muted(_html.esc(NOT_STATED_KEY)) if shown else ""


def _spells_html(spells: pd.DataFrame, party: bool) -> str:
    if not party:
        return "<p>This state never was a party to the treaty: it has no membership spells.</p>"
    table = _cl.load("memberships")
    ids = set(spells.get("record_id", pd.Series(dtype=str)).astype(str))
    bases = {str(r.spell_id): (str(r.start_basis), str(r.end_basis) if pd.notna(r.end_basis) else "stated")
             for r in table.itertuples() if str(r.spell_id) in ids}
    rows = []
    for rec in spells.to_dict("records"):
        status = str(rec["status"])
        until = "" if _html.is_missing(rec.get("end")) else _html.esc(rec["end"])
        label = str(rec.get("title", status)).split(": ", 1)[-1]  # membership_history's wording
        basis = bases.get(str(rec.get("record_id")), ("stated", "stated"))
        until = "" if not until else marked_date(until, basis[1])
        rows.append([f"{_html.swatch(status)}{_html.esc(label)}",
                     f"{_html.esc(marked_date(rec['date'], basis[0]))} "
                     f"{_html.muted(_html.esc(rec.get('date_precision')))}",
                     until or _html.muted("today"), _quote(rec["quote"], rec["source_id"]),
                     _html.esc(rec.get("record_id"))])
    marked = any(b != ("stated", "stated") for b in bases.values()) and len(rows)
    return _html.table(["Status", "From", "Until", "Quote (source)", "Row"], rows,
                       widths=["16%", "13%", "10%", "51%", "10%"]) + _key(bool(marked))


def _events_html(events: pd.DataFrame) -> str:
    if events.empty:
        return "<p>No event in the data names this state.</p>"
    records = events.to_dict("records")
    rows = [[_html.esc(marked_date(r["date"], r.get("date_basis"))), _html.esc(r["category"]),
             _html.esc(r["title"]), _quote(r["quote"], r["source_id"]), _html.esc(r["event_id"])]
            for r in records]
    marked = any(str(r.get("date_basis")) in ("context", "outside") for r in records)
    return _html.table(["Date", "Category", "Event", "Quote (source)", "Row"], rows,
                       widths=["10%", "10%", "30%", "42%", "8%"]) + _key(marked)


def _drills_html(iso3: str) -> str:
    parties = _cl.load("drill_parties")
    own = parties[parties["iso3"] == iso3]
    if own.empty:
        return "<p>No exercise in the data names this state.</p>"
    drills = _cl.load("drills").set_index("drill_id")
    rows, marked = [], False
    for r in own.to_dict("records"):
        drill = drills.loc[r["drill_id"]]
        marked |= str(drill["start_basis"]) in ("context", "outside")
        reported = "" if str(drill["reported_as"]) == "held" else \
            " " + _html.muted(f"({_html.esc(drill['reported_as'])})")
        rows.append([_html.esc(drill["name"]) + reported,
                     _html.esc(marked_date(drill["start"], drill["start_basis"])),
                     _html.esc(ROLE_WORDS.get(str(r["role"]), str(r["role"]))),
                     _quote(r["quote"], r["source_id"])])
    return _html.table(["Exercise", "When", "Role", "Quote (source)"], rows,
                       widths=["22%", "10%", "12%", "56%"]) + _key(marked)


def _figures_html(iso3: str) -> str:
    figures = _cl.load("figures")
    own = figures[figures["iso3"] == iso3]
    if own.empty:
        return "<p>No number in the data is about this state.</p>"
    from ..charts.figures import format_figure

    rows = [[_html.esc(r["subject"]),
             _html.esc(format_figure(float(r["value"]), str(r["unit"]), str(r["qualifier"]),
                                     r["refers_to"], r.get("refers_to_basis"))),
             _quote(r["quote"], r["source_id"])] for r in own.to_dict("records")]
    marked = bool(own["refers_to_basis"].astype("object").isin(["context", "outside"]).any())
    return _html.table(["What", "Number", "Quote (source)"], rows,
                       widths=["30%", "20%", "50%"]) + _key(marked)


def _sources_html(source_ids: set[str]) -> str:
    if not source_ids:
        return "<p>No source cited.</p>"
    sources = _cl.load("sources").set_index("source_id")
    items = []
    for sid in sorted(source_ids):
        if sid not in sources.index:
            continue
        row = sources.loc[sid]
        bits = [f"<i>{_html.esc(row['title'])}</i>"] + [
            _html.esc(row[c]) for c in ("author", "outlet", "published") if not _html.is_missing(row[c])]
        items.append(f"<li><code>{_html.esc(sid)}</code>: {', '.join(bits)}</li>")
    return f"<ul>{''.join(items)}</ul>" + _html.muted(
        "Read any of them with <code>cl.source_text(source_id)</code> or "
        "<code>cl.widgets.source_reader()</code>.")


def country_profile(country: Any = None) -> CountryProfile:
    """A state's record in the course data: status today, spells, events, drills, numbers, sources.

    Parameters
    ----------
    country : str, optional
        A name, ISO code or alias (default ``"Armenia"``). Any state in ``countries.csv``; a
        state that never was a party shows its events and drills only.

    Returns
    -------
    CountryProfile
        An ``ipywidgets.VBox``; pick another state in its drop-down or call
        ``profile.set_country(...)``.

    Raises
    ------
    UnknownCountryError
        For a name the data does not know ("did you mean ...?").

    Examples
    --------
    >>> import course_lib as cl
    >>> profile = cl.widgets.country_profile("Kyrgyzstan")
    >>> "Kant" in profile.tabs.children[1].value
    True
    """
    return CountryProfile(country)
