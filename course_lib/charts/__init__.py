"""Charts of the CSTO data (matplotlib): each returns the Figure or Axes it drew.

Examples
--------
>>> import course_lib as cl
>>> fig = cl.charts.membership_map("2010-01-01")  # doctest: +SKIP
"""

from __future__ import annotations

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
    "drills_matrix",
    "events_timeline",
    "figures_chart",
    "membership_chart",
    "membership_map",
    "participation_table",
    "status_color",
]
