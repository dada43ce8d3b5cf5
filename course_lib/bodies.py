"""Treaty before organization: what body a state belonged to on a date, and how to count it.

Before the Collective Security Treaty Organization existed, states were *parties to the
Collective Security Treaty*; from its founding they are *CSTO members*. :func:`body_on` is the
one place that decides which, for a date, and every title, count and label in the course calls
it. The founding date is read from the data, not written here: the ``claims`` of topic
``founding_year`` give it (2002 in four sources, May 2002 in the finest), and a date inside the
finest founding claim (any day of May 2002) is named as both.

:func:`member_count` turns a :func:`course_lib.members_on` frame into a headline count that
keeps uncertain states apart ("6 certain, 3 uncertain") instead of counting them with the status
they were moving into.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ._paths import data_dir
from .datasets import load
from .dates import DateLike, parse_date
from .exceptions import CourseError

__all__ = ["Body", "body_on", "founding", "member_count", "TREATY", "ORGANIZATION"]

#: ``Body.key`` before the organization existed, and from its founding on.
TREATY, ORGANIZATION = "treaty", "organization"

_TOPIC = "founding_year"


@dataclass(frozen=True)
class Body:
    """What a state with a member status belonged to on a date, in the words to use.

    Attributes
    ----------
    key : str
        ``"treaty"``, ``"organization"``, or ``"treaty or organization"`` inside the founding
        month (the sources do not give the day).
    members : str
        The plural, for a sentence: ``"parties to the Collective Security Treaty"``.
    member : str
        The singular: ``"party to the Collective Security Treaty"`` or ``"CSTO member"``.
    heading : str
        The plural with a capital, for a title: ``"Parties to the Collective Security Treaty"``.
    certain : bool
        False inside the founding month.

    Examples
    --------
    >>> from course_lib.bodies import body_on
    >>> body_on("2010-01-01").heading
    'CSTO members'
    """

    key: str
    members: str
    member: str
    heading: str
    certain: bool = True


_TREATY = Body(TREATY, "parties to the Collective Security Treaty",
               "party to the Collective Security Treaty", "Parties to the Collective Security Treaty")
_CSTO = Body(ORGANIZATION, "CSTO members", "CSTO member", "CSTO members")


@lru_cache(maxsize=4)
def _founding(root: str) -> tuple[pd.Timestamp, pd.Timestamp, str, str]:
    del root  # the cache key
    claims = load("claims")
    rows = claims[(claims["topic"] == _TOPIC) & claims["as_of"].notna()]
    if rows.empty:
        raise CourseError(f"The claims table has no dated row of topic {_TOPIC!r}, so the "
                          "organization's founding date is unknown.")
    # The finest claim (May 2002 beats 2002); among equals, the earliest.
    finest = rows.sort_values(["as_of_precision", "as_of_earliest"], kind="stable").iloc[0]
    return (finest["as_of_earliest"], finest["as_of_latest"], str(finest["as_of"]),
            str(finest["source_id"]))


def founding() -> tuple[pd.Timestamp, pd.Timestamp, str, str]:
    """The organization's founding as the finest ``founding_year`` claim gives it.

    Returns
    -------
    tuple
        First and last day the founding can mean, the ISO text, and the source id.

    Examples
    --------
    >>> from course_lib.bodies import founding
    >>> founding()[2:]
    ('2002-05', 'reference-2013')
    """
    return _founding(str(data_dir()))


def body_on(date: DateLike) -> Body:
    """Say what a state counted as a member belonged to on ``date``: treaty or organization.

    Parameters
    ----------
    date : str, int, datetime.date or pandas.Timestamp
        As for :func:`course_lib.members_on` (a month or year means its first day).

    Returns
    -------
    Body
        Parties to the Collective Security Treaty before the founding month, CSTO members after
        it, and both (``certain=False``) inside it.

    Examples
    --------
    >>> from course_lib.bodies import body_on
    >>> body_on("1995-06-01").members
    'parties to the Collective Security Treaty'
    >>> body_on("2002-05-20").certain
    False
    """
    day, _precision = parse_date(date)
    first, last, _iso, _source = founding()
    if day < first:
        return _TREATY
    if day > last:
        return _CSTO
    when = f"{first:%B %Y}" if len(_iso) == 7 else _iso
    return Body(f"{TREATY} or {ORGANIZATION}",
                f"{_TREATY.members} or {_CSTO.members}",
                f"{_TREATY.member} or {_CSTO.member}",
                f"{_TREATY.heading} or {_CSTO.members} (the CSTO dates from {when})",
                certain=False)


def member_count(frame: pd.DataFrame) -> str:
    """A headline count of a :func:`course_lib.members_on` frame that keeps doubt apart.

    States whose status is certain and counts as membership are counted as such; states inside
    an imprecise transition are counted as uncertain, whatever status they were moving into.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of ``cl.members_on(date)`` (columns ``counts_as_member`` and ``certain``).

    Returns
    -------
    str
        ``"7 states"`` when every status is certain, ``"6 certain, 3 uncertain"`` otherwise.

    Examples
    --------
    >>> import course_lib as cl
    >>> from course_lib.bodies import member_count
    >>> member_count(cl.members_on("1993-06-01"))
    '6 certain, 3 uncertain'
    >>> member_count(cl.members_on("2010-01-01"))
    '7 states'
    """
    certain = frame["certain"].astype(bool)
    sure = int((frame["counts_as_member"].astype(bool) & certain).sum())
    unsure = int((~certain).sum())
    if unsure:
        return f"{sure} certain, {unsure} uncertain"
    return f"{sure} state{'s' if sure != 1 else ''}"
