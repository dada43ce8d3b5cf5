"""The one place the course's colours are defined.

Every chart and widget takes its status colours from here, so a map, a Gantt chart and a
table legend always agree. The colours are from the Okabe-Ito palette, chosen to stay
distinguishable for the common forms of colour blindness; states whose status is uncertain
on a date (an imprecise transition) are additionally *hatched*, so certainty never rests on
colour alone.

Examples
--------
>>> from course_lib.charts.palette import STATUS_COLORS, status_color
>>> STATUS_COLORS["member"]
'#0072B2'
>>> status_color("frozen")
'#56B4E9'
"""

from __future__ import annotations

from course_lib.exceptions import UnknownOptionError

__all__ = [
    "OKABE_ITO",
    "STATUS_ORDER",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "UNCERTAIN_HATCH",
    "EDGE_COLOR",
    "SEA_COLOR",
    "TEXT_COLOR",
    "MUTED_TEXT_COLOR",
    "ROLE_COLORS",
    "ROLE_MARKERS",
    "HOLLOW_ROLES",
    "category_color",
    "category_marker",
    "status_color",
]

#: The eight Okabe-Ito colours (Okabe & Ito 2008, "Color Universal Design").
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Statuses in the order legends list them. ``not yet`` and ``never`` are both "not in the
#: treaty": the first for a state that will join later, the second for a state that never did.
STATUS_ORDER: tuple[str, ...] = ("member", "frozen", "suspended", "withdrawn", "not yet", "never")

#: Fill colour of each status, for maps, bars and table swatches.
STATUS_COLORS: dict[str, str] = {
    "member": OKABE_ITO["blue"],
    "frozen": OKABE_ITO["sky blue"],
    "suspended": OKABE_ITO["orange"],
    "withdrawn": OKABE_ITO["vermillion"],
    "not yet": "#D9D9D9",
    "never": "#F2F2F2",
}

#: What a legend says for each status.
STATUS_LABELS: dict[str, str] = {
    "member": "member",
    "frozen": "frozen (member, not taking part)",
    "suspended": "suspended (not counted as member)",
    "withdrawn": "withdrawn",
    "not yet": "not yet a party",
    "never": "never a party",
}

#: Hatch drawn over a state whose status is uncertain on the date shown.
UNCERTAIN_HATCH: str = "////"

#: Borders, coast and hatch lines.
EDGE_COLOR: str = "#4D4D4D"
#: Map background (seas and whatever lies outside the outlines).
SEA_COLOR: str = "#FFFFFF"
TEXT_COLOR: str = "#1A1A1A"
MUTED_TEXT_COLOR: str = "#595959"

#: How a state's role at a drill is drawn (drills participation matrix).
ROLE_COLORS: dict[str, str] = {
    "participant": OKABE_ITO["blue"],
    "observer": OKABE_ITO["bluish green"],
    "absent": OKABE_ITO["vermillion"],
    "planned": OKABE_ITO["blue"],  # drawn hollow: a plan to take part is not a part taken
}
ROLE_MARKERS: dict[str, str] = {"participant": "o", "planned": "o", "observer": "D", "absent": "X"}
#: Roles drawn as an outline only (the drill is reported as planned, not held).
HOLLOW_ROLES: frozenset[str] = frozenset({"planned"})

_CATEGORY_CYCLE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["sky blue"],
    OKABE_ITO["black"],
    "#8C6D1F",
    "#7F7F7F",
)


def status_color(status: str) -> str:
    """Return the fill colour of a membership status.

    Parameters
    ----------
    status : str
        One of ``member``, ``frozen``, ``suspended``, ``withdrawn``, ``not yet``, ``never``.

    Returns
    -------
    str
        A ``#RRGGBB`` colour.

    Raises
    ------
    UnknownOptionError
        (a ``ValueError``) For a status that is not one of the above (the message lists them).

    Examples
    --------
    >>> status_color("withdrawn")
    '#D55E00'
    """
    try:
        return STATUS_COLORS[str(status)]
    except KeyError:
        valid = ", ".join(repr(s) for s in STATUS_ORDER)
        raise UnknownOptionError(f"No colour for status {status!r}; the statuses are {valid}.") from None


def category_color(category: str, categories: list[str] | tuple[str, ...]) -> str:
    """Return a stable colour for an event category, given all categories on show.

    Parameters
    ----------
    category : str
        The category to colour.
    categories : sequence of str
        Every category on the chart; colours are assigned in sorted order, so the same set of
        categories always gets the same colours.

    Returns
    -------
    str
        A ``#RRGGBB`` colour (Okabe-Ito first, then two extra muted colours, then repeating).

    Examples
    --------
    >>> category_color("treaty", ["treaty", "joined"])
    '#D55E00'
    """
    ordered = sorted(set(categories))
    return _CATEGORY_CYCLE[ordered.index(category) % len(_CATEGORY_CYCLE)]


_MARKER_CYCLE: tuple[str, ...] = ("o", "s", "D", "^", "v", "P")


def category_marker(category: str, categories: list[str] | tuple[str, ...]) -> str:
    """Return a marker shape for an event category, so that colour is never the only cue.

    With more categories than colours, the shape changes each time the colours repeat, so
    every (colour, shape) pair on a chart is distinct.

    Examples
    --------
    >>> category_marker("treaty", ["treaty", "joined"])
    'o'
    """
    ordered = sorted(set(categories))
    return _MARKER_CYCLE[(ordered.index(category) // len(_CATEGORY_CYCLE)) % len(_MARKER_CYCLE)]
