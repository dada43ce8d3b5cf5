"""Whose consent does a foreign base need? The December 2011 rule applied to a host and a year.

On 20 December 2011 the members agreed that no member may host a foreign military base
"without the full consent of all other members of the organization" (edm-digest-2012). This
widget applies that rule, as the source reports it, to any host and year, from ``members_on``
on 31 December of that year.

Examples
--------
>>> import course_lib as cl
>>> consent = cl.widgets.base_consent("Tajikistan", 2011)
>>> len(consent.needed)
6
>>> consent.year.value = 2013          # Uzbekistan suspended its membership in 2012
>>> len(consent.needed)
5
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

import course_lib as _cl

from . import _html

__all__ = ["BaseConsent", "base_consent", "RULE_YEAR", "FIRST_YEAR"]

#: The year of the agreement (20 December 2011, edm-digest-2012).
RULE_YEAR = 2011
#: The first year the year list offers: the organization dates from 2002.
FIRST_YEAR = 2002
DEFAULT_HOST = "TJK"


class BaseConsent(widgets.VBox):
    """The states whose consent a foreign base in ``host`` needs on 31 December of ``year``.

    Attributes
    ----------
    host : ipywidgets.Dropdown
        The would-be host (every state that was ever a party; the value is its ISO alpha-3).
    year : ipywidgets.Dropdown
        The year, from 2002 (the organization's founding year) to the last year with data.
    host_status : pandas.Series
        The host's row of ``members_on`` on 31 December of the year.
    needed : pandas.DataFrame
        The other states that count as members that day (``members_on`` rows): the rule needs
        each one's consent. Empty when the host does not count as a member, and so is not bound.
    summary : ipywidgets.HTML
        One sentence: how many consents, or why the rule does not bind the host; and a note when
        the year is before the rule or the host's status that day is uncertain.
    table : ipywidgets.HTML
        The states in ``needed``, each with its status, since when and the source.
    """

    def __init__(self, host: Any = None, year: int = RULE_YEAR) -> None:
        parties = _cl.members_on(f"{RULE_YEAR}-12-20").sort_values("country")
        first = _cl.resolve_country(host if host is not None else DEFAULT_HOST)
        if first not in set(parties["iso3"]):
            name = _cl.load("countries").set_index("iso3").loc[first, "country"]
            raise _cl.UnknownCountryError(
                f"{name} was never a party to the treaty, so the rule on foreign bases never "
                f"bound it; pick one of: {', '.join(parties['country'])}"
            )
        last = _last_year()
        if not isinstance(year, int) or not FIRST_YEAR <= year <= last:
            raise ValueError(f"year should be a whole number from {FIRST_YEAR} to {last}, not {year!r}")
        self.host = widgets.Dropdown(options=[(str(r.country), str(r.iso3)) for r in parties.itertuples()],
                                     value=first, description="host")
        # A dropdown, not a slider: its description names it for a screen reader (ipywidgets
        # cannot name a slider's handle), and arrow keys still step through the years.
        self.year = widgets.Dropdown(options=list(range(FIRST_YEAR, last + 1)), value=year,
                                     description="year")
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.host_status = pd.Series(dtype=object)
        self.needed = pd.DataFrame()
        super().__init__([widgets.HBox([self.host, self.year]), self.summary, self.table])
        self.add_class("csto-base-consent")
        self.host.observe(lambda _: self._show(), names="value")
        self.year.observe(lambda _: self._show(), names="value")
        self._show()

    def _show(self) -> None:
        year, iso3 = int(self.year.value), str(self.host.value)
        on = _cl.members_on(f"{year}-12-31")
        self.host_status = on.set_index("iso3").loc[iso3]
        name = _html.esc(self.host_status["country"])
        notes = []
        if year < RULE_YEAR:
            notes.append(f"Before December {RULE_YEAR} no such rule is recorded: this is the rule "
                         "applied backwards.")
        if not bool(self.host_status["certain"]):
            notes.append(f"The sources date {name}'s change of status in {year} only to the year: "
                         "its status on this day is uncertain.")
        if not bool(self.host_status["counts_as_member"]):
            self.needed = on.iloc[0:0]
            status = _html.esc(self.host_status["status"])
            sentence = f"On 31 December {year}, {name} is <b>{status}</b>: the rule does not bind it."
            self.table.value = ""
        else:
            self.needed = on[on["counts_as_member"] & (on["iso3"] != iso3)].reset_index(drop=True)
            sentence = (f"On 31 December {year}, a foreign base in {name} needs the consent of "
                        f"<b>{len(self.needed)}</b> other members.")
            rows = [[_html.esc(r["country"]), f"{_html.swatch(str(r['status']))}{_html.esc(r['status'])}",
                     f"{_html.esc(r['since'])} {_html.muted(_html.esc(r['since_precision']))}",
                     _html.esc(r["source_id"])] for r in self.needed.to_dict("records")]
            self.table.value = _html.table(["Member", "Status", "Since", "Source"], rows,
                                           widths=["25%", "25%", "25%", "25%"])
        self.summary.value = f"<p>{sentence}</p>" + "".join(
            f"<p>{_html.muted(note)}</p>" for note in notes)


def _last_year() -> int:
    from ..charts import _common

    return int(pd.Timestamp(_common.today()).year)


def base_consent(host: Any = None, year: int = RULE_YEAR) -> BaseConsent:
    """Pick a host and a year: whose consent would a foreign base there need under the 2011 rule?

    Parameters
    ----------
    host : str, optional
        A state that was ever a party (name, ISO code or alias; default Tajikistan).
    year : int, optional
        The year, from 2002 to today's (default 2011, the year of the agreement).

    Returns
    -------
    BaseConsent
        The widget; ``.needed`` is the table of members whose consent is needed.

    Raises
    ------
    UnknownCountryError
        For a name the data does not know, or a state that was never a party.
    ValueError
        For a year outside 2002 to today's.

    Examples
    --------
    >>> import course_lib as cl
    >>> cl.widgets.base_consent("Uzbekistan", 2013).host_status["status"]
    'suspended'
    """
    return BaseConsent(host, year)
