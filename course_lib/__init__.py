"""CSTO in Data: the helper library of the course.

Start here::

    import course_lib as cl
    cl.list_datasets()                  # the tables, with their titles and sizes
    cl.load("memberships")              # one table, typed from its descriptor
    cl.info("memberships")              # its codebook card
    cl.members_on("2010-01-01")         # who was in, and on whose word
    cl.body_on("1995-06-01")            # treaty parties before 2002, CSTO members after
    cl.membership_history("Uzbekistan") # one state's spells and events, each with its quote

``cl.charts``, ``cl.widgets`` and ``cl.grading`` are imported on first use, so ``import
course_lib`` stays light (no matplotlib, ipywidgets or otter until a chart or widget is asked
for).

Examples
--------
>>> import course_lib as cl
>>> cl.resolve_country("Kirghizia")
'KGZ'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._paths import data_dir
from .countries import resolve_country
from .datasets import info, list_datasets, load, source_text
from .dates import parse_date
from . import exceptions as _exceptions
from .exceptions import *  # noqa: F403  (every error class: exceptions.__all__ is append-only)
from .bodies import body_on
from .membership import members_on, membership_history
from ._kernel import freeze_imported_objects as _freeze_imported_objects

if TYPE_CHECKING:  # for type checkers and IDEs only; at run time these load lazily
    from . import charts, grading, widgets

__version__ = "0.1.0"

__all__ = [
    # data
    "list_datasets",
    "load",
    "info",
    "source_text",
    "data_dir",
    # membership and lookups
    "members_on",
    "membership_history",
    "body_on",
    "resolve_country",
    "parse_date",
]
# ... and every error class, so `except cl.UnknownCountryError:` works.
__all__ += list(_exceptions.__all__)

#: Subpackages imported on first attribute access (``cl.charts``). They are left out of
#: ``__all__`` on purpose: ``from course_lib import *`` must stay as light as ``import course_lib``.
_LAZY = frozenset({"charts", "widgets", "grading"})


# In a notebook kernel, keep pandas, matplotlib and IPython out of every later full garbage
# collection (a 75 ms pause mid-lesson, and 0.3 s at each kernel restart): see _kernel.py.
_freeze_imported_objects()

# Lessons pulled onto a hub (a learner edition) name the course_lib they were made for: say so
# when this one differs (a few stat calls; nothing at all outside an edition). See edition.py.
from .edition import warn_on_mismatch as _warn_on_mismatch  # noqa: E402

_warn_on_mismatch()


def __getattr__(name: str) -> Any:
    """Import ``charts``, ``widgets`` and ``grading`` the first time they are used."""
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


def __dir__() -> list[str]:
    """Tab completion shows the public names and the lazy subpackages."""
    return sorted(set(__all__) | _LAZY | {"__version__"})
