"""Who was a party to the Collective Security Treaty, or a CSTO member, when, and on whose word.

Both functions read ``memberships`` (one row per spell of a state's status, with start, end and
their precision) and follow the semantics in CONTRIBUTING.md, "Membership semantics":

* one row per state that was ever a party to the treaty, whatever the date;
* ``status`` is ``not yet`` before a state's first spell, otherwise the status of the latest spell
  that could have begun by that date;
* ``certain`` is False when the date falls inside an imprecise transition (a spell that began
  "in 1993" leaves every day of 1993 but its last uncertain), and the status shown is then the
  one the state was moving into;
* ``frozen`` counts as a member that does not take part; ``suspended`` does not;
* before the organization was founded (2002) a member is a party to the Collective Security
  Treaty, from then on a CSTO member: :func:`course_lib.bodies.body_on` decides which.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ._paths import data_dir
from .bodies import body_on, founding
from .countries import country_name, resolve_country
from .datasets import dataset_names, load
from .dates import BASES, PRECISIONS, DateLike, parse_date

__all__ = ["members_on", "membership_history", "spell_label", "founding_year", "STATUSES",
           "COUNTS_AS_MEMBER"]

#: The statuses :func:`members_on` reports, in the order of its ordered categorical.
STATUSES: tuple[str, ...] = ("not yet", "member", "frozen", "suspended", "withdrawn")

#: Statuses that count as membership (a frozen member is still a member that takes no part).
COUNTS_AS_MEMBER: frozenset[str] = frozenset({"member", "frozen"})

_COLUMNS = [
    "country", "iso3", "status", "certain", "counts_as_member",
    "since", "since_precision", "since_basis", "source_id", "quote",
]
_HISTORY_COLUMNS = [
    "kind", "date", "date_precision", "end", "end_precision",
    "status", "title", "source_id", "quote", "record_id",
]


def spell_label(status: str, start: pd.Timestamp, end: object = None) -> str:
    """Name a spell's status with the body it was held in: treaty before 2002, CSTO after.

    Parameters
    ----------
    status : str
        ``member``, ``frozen``, ``suspended`` or ``withdrawn``.
    start, end : pandas.Timestamp
        The first day the spell can begin and the last day it can end (NaT: ongoing).

    Examples
    --------
    >>> import pandas as pd
    >>> spell_label("member", pd.Timestamp("1993-01-01"), pd.Timestamp("1999-12-31"))
    'party to the Collective Security Treaty'
    >>> spell_label("member", pd.Timestamp("1992-05-15"), pd.NaT)
    'party to the Collective Security Treaty, then CSTO member (from 2002)'
    >>> spell_label("suspended", pd.Timestamp("2012-01-01"), pd.NaT)
    'suspended (CSTO membership)'
    """
    first = body_on(start)
    last = body_on(pd.Timestamp("today").normalize() if end is None or pd.isna(end) else end)
    if status == "member":
        if first.key == last.key:
            return first.member
        return f"{first.member}, then {last.member} (from {founding_year()})"
    if status == "withdrawn":
        return "withdrawn from the Collective Security Treaty" if first.key != "organization" \
            else "withdrawn from the CSTO"
    return f"{status} (CSTO membership)" if first.key == "organization" else \
        f"{status} (party to the Collective Security Treaty)"


def founding_year() -> str:
    """The year the organization was founded, as the data give it (``'2002'``).

    Examples
    --------
    >>> founding_year()
    '2002'
    """
    return str(founding()[2])[:4]


def _spells() -> pd.DataFrame:
    """The ``memberships`` table (a copy), sorted by the earliest day each spell can begin."""
    spells = load("memberships")
    return spells.sort_values(["start_earliest", "start_latest", "spell_id"], kind="stable")


@lru_cache(maxsize=4)
def _spells_by_state(root: str) -> tuple[tuple[str, str, tuple[dict[str, object], ...]], ...]:
    """(iso3, English name, spells sorted by start) per state, sorted by name (cached)."""
    del root  # the cache key: a different data folder is a different answer
    # One to_dict over the table, grouped in Python: a to_dict per groupby group cost 4x as
    # much, on the first call of every lesson that asks who was in.
    by_state: dict[str, list[dict[str, object]]] = {}
    for record in _spells().to_dict("records"):
        if not pd.isna(record["iso3"]):
            by_state.setdefault(str(record["iso3"]), []).append(record)
    states = [(iso3, country_name(iso3), tuple(records)) for iso3, records in by_state.items()]
    return tuple(sorted(states, key=lambda state: state[1]))


def _events_naming(iso3: str) -> pd.DataFrame:
    """Rows of ``events`` whose ``;``-separated ``countries`` include ``iso3``."""
    if "events" not in dataset_names():
        return pd.DataFrame()  # a package without an events table: spells only
    events = load("events")
    named = events["countries"].fillna("").map(
        lambda cell: iso3 in [code.strip() for code in str(cell).split(";")]
    ).astype(bool)
    return events[named]


def _column_or_na(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]``, or an all-missing column if the table has no such column."""
    if column in frame.columns:
        return frame[column]
    return pd.Series(pd.NA, index=frame.index, dtype="object")


_COLUMN_DTYPES: dict[str, object] = {
    "country": "string", "iso3": "string", "certain": "boolean", "since": "string",
    "source_id": "string", "quote": "string",
    "status": pd.CategoricalDtype(list(STATUSES), ordered=True),
    "since_precision": pd.CategoricalDtype(list(PRECISIONS), ordered=True),
    "since_basis": pd.CategoricalDtype(list(BASES), ordered=True),
}


def _state_on(spells: tuple[dict[str, object], ...], day: pd.Timestamp) -> dict[str, object]:
    """Status on one day, given one state's spells sorted by the earliest day they can begin."""
    begun = [spell for spell in spells if spell["start_earliest"] <= day]
    if not begun:
        first = spells[0]
        return {
            "status": "not yet", "certain": True, "since": None, "since_precision": None,
            "since_basis": None,
            "source_id": first["source_id"], "quote": first["quote"],
        }
    spell = begun[-1]  # the latest spell that could have begun by that day
    certain = not (spell["start_earliest"] <= day < spell["start_latest"])
    # A spell's own imprecise end (with no later spell begun yet) also leaves the day open.
    end_first, end_last = spell.get("end_earliest"), spell.get("end_latest")
    if certain and not pd.isna(end_first) and not pd.isna(end_last):
        certain = not (end_first <= day < end_last)
    return {
        "status": str(spell["status"]), "certain": bool(certain),
        "since": spell["start"], "since_precision": str(spell["start_precision"]),
        "since_basis": None if pd.isna(spell.get("start_basis")) else str(spell["start_basis"]),
        "source_id": spell["source_id"], "quote": spell["quote"],
    }


def members_on(date: DateLike) -> pd.DataFrame:
    """Each state's status on one day (treaty party or CSTO member), how certain, on whose word.

    Parameters
    ----------
    date : str, int, datetime.date, datetime.datetime, pandas.Timestamp or numpy.datetime64
        ``'YYYY-MM-DD'``, ``'YYYY-MM'``, ``'YYYY'`` or a date object. A month or a year means its
        first day: ``'2010'`` is read as 1 January 2010 (``.attrs`` of the result says so).

    Returns
    -------
    pandas.DataFrame
        One row per state that was ever a party to the treaty, sorted by ``country``, with
        columns ``country``, ``iso3``, ``status`` (ordered: ``not yet`` < ``member`` <
        ``frozen`` < ``suspended`` < ``withdrawn``), ``certain`` (False inside an imprecise
        transition), ``counts_as_member`` (member or frozen), ``since``, ``since_precision`` and
        ``since_basis`` (when the status shown began, and how that date is known: ``stated``,
        ``context`` or ``outside``; empty for ``not yet``), ``source_id`` and ``quote`` (the
        source's own words for that status; for ``not yet``, those of the state's first spell).
        ``.attrs`` holds ``date`` (the day used), ``asked``, ``precision``,
        ``interpretation`` and ``body``: what a state counted as a member belonged to that day,
        ``'parties to the Collective Security Treaty'`` before 2002, ``'CSTO members'`` after
        (from :func:`course_lib.bodies.body_on`).

    Raises
    ------
    InvalidDateError
        If the date cannot be read or does not exist (also a ``ValueError``).

    Examples
    --------
    >>> import course_lib as cl
    >>> on = cl.members_on("2010-01-01")
    >>> int(on["counts_as_member"].sum())
    7
    """
    day, precision = parse_date(date)
    rows = [{"country": name, "iso3": iso3, **_state_on(spells, day)}
            for iso3, name, spells in _spells_by_state(str(data_dir()))]
    # One typed array per column: building the frame and then calling ``astype`` cost 70% of
    # each call (4.6 ms; lesson 03 asks for 33 days in one cell).
    frame = pd.DataFrame({
        column: pd.array([row[column] for row in rows], dtype=_COLUMN_DTYPES[column])
        for column in _COLUMNS if column != "counts_as_member"
    })
    frame.insert(_COLUMNS.index("counts_as_member"), "counts_as_member", pd.array(
        [row["status"] in COUNTS_AS_MEMBER for row in rows], dtype="boolean"))

    iso_day = day.strftime("%Y-%m-%d")
    if precision == "day":
        meaning = f"the day {iso_day}"
    else:
        meaning = (f"{date!r} has {precision} precision and is read as its first day, {iso_day}; "
                   "pass a full date (YYYY-MM-DD) to ask about another day")
    frame.attrs = {
        "date": iso_day, "asked": str(date), "precision": precision, "interpretation": meaning,
        "body": body_on(day).members,
    }
    return frame


def membership_history(country: str) -> pd.DataFrame:
    """One state's spells of membership and the events that name it, in date order.

    Parameters
    ----------
    country : str
        A name, ISO code or alias, as :func:`course_lib.resolve_country` reads it
        (``"Uzbekistan"``, ``"UZB"``, ``"uz"``).

    Returns
    -------
    pandas.DataFrame
        One row per spell (``kind`` = ``'spell'``) and per event naming the state (``kind`` =
        ``'event'``), sorted by the earliest day ``date`` can mean, with columns ``kind``,
        ``date``, ``date_precision``, ``end``, ``end_precision`` (a spell's end, an event's last
        day if it lasted more than one), ``status``
        (spells only), ``title``, ``source_id``, ``quote`` and ``record_id`` (the ``spell_id``
        or ``event_id`` to find the row in its table). ``.attrs`` holds ``iso3`` and ``country``.

    Raises
    ------
    UnknownCountryError
        If the country is not recognised (the message suggests the closest names).

    Examples
    --------
    >>> import course_lib as cl
    >>> history = cl.membership_history("Uzbekistan")
    >>> history.query("kind == 'spell'")["status"].tolist()
    ['member', 'withdrawn', 'member', 'suspended']
    """
    iso3 = resolve_country(country)
    name = country_name(iso3)
    parts = []

    spells = _spells()
    own = spells[spells["iso3"] == iso3]
    if len(own):
        parts.append(pd.DataFrame({
            "kind": "spell",
            "date": own["start"].astype("string"),
            "date_precision": own["start_precision"].astype("object"),
            "end": own["end"].astype("string"),
            "end_precision": own["end_precision"].astype("object"),
            "status": own["status"].astype("object"),
            "title": [f"{name}: {spell_label(s, a, b)}" for s, a, b in
                      zip(own["status"], own["start_earliest"], own["end_latest"])],
            "source_id": own["source_id"].astype("string"),
            "quote": own["quote"].astype("string"),
            "record_id": own["spell_id"].astype("string"),
            "_order": own["start_earliest"],
        }))

    mine = _events_naming(iso3)
    if len(mine):
        parts.append(pd.DataFrame({
            "kind": "event",
            "date": mine["date"].astype("string"),
            "date_precision": mine["date_precision"].astype("object"),
            "end": _column_or_na(mine, "date_end").astype("string"),
            "end_precision": _column_or_na(mine, "date_end_precision").astype("object"),
            "status": None,
            "title": mine["title"].astype("string"),
            "source_id": mine["source_id"].astype("string"),
            "quote": mine["quote"].astype("string"),
            "record_id": mine["event_id"].astype("string"),
            "_order": mine["date_earliest"],
        }))

    if parts:
        frame = pd.concat(parts, ignore_index=True)
        frame["_kind_order"] = (frame["kind"] == "event").astype(int)
        frame = frame.sort_values(["_order", "_kind_order"], kind="stable")
        frame = frame.drop(columns=["_order", "_kind_order"]).reset_index(drop=True)
    else:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in _HISTORY_COLUMNS})

    for column in ("kind", "date", "end", "title", "source_id", "quote", "record_id"):
        frame[column] = frame[column].astype("string")
    for column in ("date_precision", "end_precision"):
        frame[column] = pd.Categorical(frame[column], categories=list(PRECISIONS), ordered=True)
    frame["status"] = pd.Categorical(frame["status"], categories=list(STATUSES), ordered=True)
    frame = frame[_HISTORY_COLUMNS]
    frame.attrs = {"iso3": iso3, "country": name}
    return frame
