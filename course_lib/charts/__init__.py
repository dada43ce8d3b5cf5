"""Charts of the CSTO data (matplotlib): each returns the Figure (or the Axes it was given).

* :func:`membership_map` -- the region coloured by each state's status on a date
* :func:`membership_chart` -- every state's spells from 1992 to today (imprecise dates fade)
* :func:`events_timeline` -- dated events, one label per row, filtered by category or state
* :func:`figures_chart` -- the numbers the sources give, with units and qualifiers
* :func:`drills_matrix` -- who took part in, observed or stayed away from each exercise
* :func:`describe` -- any of these charts in words, written from the data it drew

Colours come from one place, :mod:`course_lib.charts.palette` (Okabe-Ito, colour-blind safe).
In a notebook, end a chart cell with ``;`` (or ``plt.show()``) so the figure shows once.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.membership_map("2010-01-01")  # doctest: +SKIP
>>> fig = cl.charts.events_timeline(category="membership")  # doctest: +SKIP
"""

from __future__ import annotations

from .description import describe
from .drills import drills_matrix, participation_table
from .figures import figures_chart
from .maps import membership_map
from .membership import membership_chart
from .timeline import events_timeline
from .palette import STATUS_COLORS, STATUS_LABELS, STATUS_ORDER, status_color

__all__ = [
    "STATUS_COLORS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "describe",
    "drills_matrix",
    "events_timeline",
    "figures_chart",
    "membership_chart",
    "membership_map",
    "participation_table",
    "status_color",
]
