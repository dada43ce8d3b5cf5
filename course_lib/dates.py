"""Dates with a precision: read what a learner types, and the bounds of an imprecise ISO value.

The course stores a date as a truncated ISO 8601 string, ``'YYYY'``, ``'YYYY-MM'`` or
``'YYYY-MM-DD'``, whose length is its precision (``year``, ``month``, ``day``). "In 1993" is
``'1993'``: any day of 1993, not 1 January. :func:`earliest` and :func:`latest` give the first and
last day such a value can mean; :func:`parse_date` reads a date a learner passes to the library.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Literal, Union

import numpy as np
import pandas as pd

from .exceptions import InvalidDateError

__all__ = [
    "PRECISIONS",
    "Precision",
    "DateLike",
    "parse_date",
    "precision_of",
    "earliest",
    "latest",
    "bounds",
    "BASES",
    "NOT_STATED_MARK",
    "NOT_STATED_KEY",
    "NOT_STATED_LEGEND",
    "NOT_STATED_SHORT",
    "marked_date",
]

Precision = Literal["day", "month", "year"]

#: Precisions from finest to coarsest: the order of every ``*_precision`` categorical.
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: How a date is known, firmest first: the order of every ``*_basis`` categorical (the enum of
#: the ``F_basis`` fields in ``datapackage.json``, which ``cl.load`` follows).
BASES: tuple[str, ...] = ("stated", "context", "outside")

#: The mark charts and widgets put on a date its source does not state, and the key explaining it.
NOT_STATED_MARK = "†"
NOT_STATED_KEY = ("† date not stated by its source: inferred from the source's context or known "
                  "from outside the sources (the row's note says how)")
#: The same key, short enough for a chart's legend.
NOT_STATED_LEGEND = "† date not stated by its source (inferred, or outside knowledge: see note)"
#: The shortest form, for a crowded legend.
NOT_STATED_SHORT = "† date not stated by its source"

DateLike = Union[str, int, _dt.date, _dt.datetime, pd.Timestamp, np.datetime64]

_HOW = "write dates as '2010-01-31', '2010-01' or '2010'"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Something date-shaped but not ISO: 2010-1-5, 2010/01/05, 2010.01.05.
_LOOSE = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
_MIN_YEAR, _MAX_YEAR = 1000, 2200


def _fail(value: object, why: str) -> InvalidDateError:
    return InvalidDateError(f"{value!r} is not a valid date: {why}; {_HOW}.")


def _check(text: str, year: int, month: int | None, day: int | None) -> None:
    """Raise InvalidDateError if year/month/day do not name a real calendar date."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _fail(text, f"year {year} is outside {_MIN_YEAR}-{_MAX_YEAR}")
    if month is None:
        return
    if not 1 <= month <= 12:
        raise _fail(text, f"month {month} does not exist (months run from 01 to 12)")
    if day is None:
        return
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise _fail(text, f"{name} {year} has {days} days, so day {day} does not exist")


def _from_text(value: str) -> tuple[pd.Timestamp, str]:
    text = value.strip()
    if not text:
        raise InvalidDateError(f"An empty text is not a date; {_HOW}.")
    match = _ISO.match(text)
    if match is None:
        loose = _LOOSE.match(text)
        if loose is not None:
            y, m, d = (int(g) if g else None for g in loose.groups())
            _check(text, y, m, d)  # an impossible date says so first
            fixed = f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")
            raise InvalidDateError(
                f"{value!r} is not written the ISO way: did you mean {fixed!r}? {_HOW[0].upper()}"
                f"{_HOW[1:]} (year, then two-digit month and day, joined by '-')."
            )
        raise _fail(value, "it is not in the form year-month-day")
    y, m, d = (int(g) if g else None for g in match.groups())
    _check(text, y, m, d)
    precision = "year" if m is None else "month" if d is None else "day"
    return pd.Timestamp(year=y, month=m or 1, day=d or 1), precision


def parse_date(value: DateLike) -> tuple[pd.Timestamp, str]:
    """Read a date and its precision.

    Parameters
    ----------
    value : str, int, datetime.date, datetime.datetime, pandas.Timestamp or numpy.datetime64
        ``'YYYY'``, ``'YYYY-MM'`` or ``'YYYY-MM-DD'`` (surrounding spaces are ignored), a year as
        an ``int``, or a date object (its time of day and time zone are dropped).

    Returns
    -------
    tuple of (pandas.Timestamp, str)
        The first day the value can mean (midnight, no time zone) and its precision: ``'day'``,
        ``'month'`` or ``'year'``. Date objects are always ``'day'``.

    Raises
    ------
    InvalidDateError
        For an impossible date (``'2010-13-01'``, ``'2010-02-30'``), a text in another form
        (``'1 Jan 2010'``, ``'2010/01/31'``), an empty text, ``None`` or ``NaT``. The message says
        what was wrong and what a date looks like. It is also a ``ValueError``.

    Examples
    --------
    >>> from course_lib import parse_date
    >>> parse_date("1993")
    (Timestamp('1993-01-01 00:00:00'), 'year')
    >>> parse_date("2010-02")
    (Timestamp('2010-02-01 00:00:00'), 'month')
    """
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, (bool, np.bool_)):
        raise InvalidDateError(f"{value!r} is a truth value, not a date; {_HOW}.")
    if isinstance(value, (int, np.integer)):
        _check(str(value), int(value), None, None)
        return pd.Timestamp(year=int(value), month=1, day=1), "year"
    if value is None or value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise InvalidDateError(f"{value!r} is not a date (it is missing); {_HOW}.")
    if isinstance(value, (_dt.date, np.datetime64)):  # datetime and Timestamp are dates too
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)
        stamp = stamp.normalize()
        _check(str(value), stamp.year, stamp.month, stamp.day)
        return pd.Timestamp(year=stamp.year, month=stamp.month, day=stamp.day), "day"
    raise InvalidDateError(
        f"{value!r} (a {type(value).__name__}) is not a date; {_HOW}, "
        "or pass a datetime.date or pandas.Timestamp."
    )


def precision_of(iso: str) -> str:
    """Return the precision of a truncated ISO date: ``'year'``, ``'month'`` or ``'day'``.

    Parameters
    ----------
    iso : str
        ``'YYYY'``, ``'YYYY-MM'`` or ``'YYYY-MM-DD'``.

    Raises
    ------
    InvalidDateError
        If ``iso`` is not such a text or names no real date.

    Examples
    --------
    >>> from course_lib.dates import precision_of
    >>> precision_of("1999-04")
    'month'
    """
    if not isinstance(iso, str):
        raise InvalidDateError(f"{iso!r} is not an ISO date text; {_HOW}.")
    return _from_text(iso)[1]


def bounds(iso: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and the last day a truncated ISO date can mean.

    Parameters
    ----------
    iso : str
        ``'YYYY'``, ``'YYYY-MM'`` or ``'YYYY-MM-DD'``.

    Returns
    -------
    tuple of (pandas.Timestamp, pandas.Timestamp)
        ``'1993'`` gives 1993-01-01 and 1993-12-31; ``'2024-02'`` gives 2024-02-01 and
        2024-02-29; a day gives that day twice.

    Raises
    ------
    InvalidDateError
        If ``iso`` is not a valid truncated ISO date.

    Examples
    --------
    >>> from course_lib.dates import bounds
    >>> bounds("2024-02")
    (Timestamp('2024-02-01 00:00:00'), Timestamp('2024-02-29 00:00:00'))
    """
    first, precision = _from_text(iso) if isinstance(iso, str) else parse_date(iso)
    if precision == "year":
        return first, pd.Timestamp(year=first.year, month=12, day=31)
    if precision == "month":
        last_day = calendar.monthrange(first.year, first.month)[1]
        return first, pd.Timestamp(year=first.year, month=first.month, day=last_day)
    return first, first


def earliest(iso: str) -> pd.Timestamp:
    """Return the first day a truncated ISO date can mean.

    Examples
    --------
    >>> from course_lib.dates import earliest
    >>> earliest("1993")
    Timestamp('1993-01-01 00:00:00')
    """
    return bounds(iso)[0]


def latest(iso: str) -> pd.Timestamp:
    """Return the last day a truncated ISO date can mean.

    Examples
    --------
    >>> from course_lib.dates import latest
    >>> latest("1993")
    Timestamp('1993-12-31 00:00:00')
    """
    return bounds(iso)[1]


def marked_date(text: object, basis: object) -> str:
    """A date as text, with :data:`NOT_STATED_MARK` when its basis is not ``stated``.

    Parameters
    ----------
    text : str
        The ISO date (or any label for it).
    basis : str
        ``stated``, ``context`` or ``outside`` (missing counts as stated: no claim to mark).

    Examples
    --------
    >>> from course_lib.dates import marked_date
    >>> marked_date("2012-10-08", "context"), marked_date("2002-05", "stated")
    ('2012-10-08†', '2002-05')
    """
    label = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    if isinstance(basis, str) and basis not in ("", "stated"):
        return label + NOT_STATED_MARK
    return label
