"""Do the lessons in front of the learner match the course_lib their kernel imports?

On a JupyterHub, nbgitpuller copies the lessons (the *learner edition*) into each learner's
home, but installs nothing: the lessons run against the ``course_lib`` the hub's environment
has. When an instructor updates one and not the other, cells fail in ways a learner cannot
explain. So the learner edition carries a small file, :data:`EDITION_FILE`, at its root that
records the course_lib version it was built for, and ``import course_lib`` in a kernel
compares it with its own version (:func:`warn_on_mismatch`), with a message saying what to do.

The check is light: from the working directory (a notebook's kernel runs in the notebook's
folder) it looks for the file in at most :data:`LEVELS` folders upwards, and reads a few
hundred bytes when it finds one. In a clone of the course repository there is no such file,
and nothing happens.

Examples
--------
>>> import json, tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / EDITION_FILE).write_text(json.dumps({"course_lib": "0.0.1"}))
>>> (root / "notebooks").mkdir()
>>> print(mismatch_message(root / "notebooks", installed="0.1.0"))  # doctest: +ELLIPSIS
The lessons in ... were made for course_lib 0.0.1, but this kernel imports course_lib 0.1.0...
>>> mismatch_message(root / "notebooks", installed="0.0.1") is None
True
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

from .exceptions import CourseVersionWarning

__all__ = ["CourseVersionWarning", "EDITION_FILE", "LEVELS", "find_edition", "read_edition", "mismatch_message",
           "warn_on_mismatch"]

#: The file at the root of a learner edition that names the course_lib version it needs.
EDITION_FILE = ".course-edition.json"

#: How many folders upwards from the working directory the check looks (a lesson sits one
#: level below the edition's root, an exercise two).
LEVELS = 3


def find_edition(start: str | os.PathLike[str] | None = None, levels: int = LEVELS) -> Path | None:
    """Return the :data:`EDITION_FILE` in ``start`` or one of its ``levels`` parents, or None.

    Parameters
    ----------
    start : path-like, optional
        Where to start looking; the working directory by default.
    levels : int, optional
        How many parent folders to look in after ``start``.

    Returns
    -------
    pathlib.Path or None

    Examples
    --------
    >>> find_edition("/") is None
    True
    """
    try:
        here = Path(start) if start is not None else Path(os.getcwd())
    except OSError:  # the working directory was removed
        return None
    for folder in [here, *list(here.parents)[:levels]]:
        candidate = folder / EDITION_FILE
        if candidate.is_file():
            return candidate
    return None


def read_edition(path: str | os.PathLike[str]) -> dict:
    """Return the edition record (a dict; ``{}`` when the file cannot be read as JSON).

    Examples
    --------
    >>> read_edition("/nonexistent/.course-edition.json")
    {}
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _installed_version() -> str:
    from . import __version__

    return __version__


def mismatch_message(
    start: str | os.PathLike[str] | None = None, *, installed: str | None = None
) -> str | None:
    """Say what is wrong when the lessons around ``start`` need another course_lib, else None.

    Parameters
    ----------
    start : path-like, optional
        A folder inside the learner edition (the working directory by default).
    installed : str, optional
        The course_lib version to compare with; the imported one by default.

    Returns
    -------
    str or None
        The message for the learner, or None when the versions agree or there is no edition.
    """
    found = find_edition(start)
    if found is None:
        return None
    wanted = str(read_edition(found).get("course_lib") or "").strip()
    have = installed if installed is not None else _installed_version()
    if not wanted or wanted == have:
        return None
    return (
        f"The lessons in {found.parent} were made for course_lib {wanted}, but this kernel "
        f"imports course_lib {have}. Some cells may fail or show other results than the "
        "lesson says. On a JupyterHub: tell your instructor, who updates the hub's course "
        f"environment to course_lib {wanted} (README, 'Run the course on a JupyterHub'). "
        "On your own computer: run `pip install -e .` (or `make lab`) in the course folder, "
        "then restart the kernel."
    )


def warn_on_mismatch(start: str | os.PathLike[str] | None = None) -> str | None:
    """Warn (:class:`~course_lib.exceptions.CourseVersionWarning`) on a version mismatch.

    ``import course_lib`` calls it once. Returns the message it warned with, or None.

    Examples
    --------
    >>> warn_on_mismatch("/") is None
    True
    """
    message = mismatch_message(start)
    if message:
        warnings.warn(message, CourseVersionWarning, stacklevel=3)
    return message
