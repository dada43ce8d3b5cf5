"""Where the datasets live: one function, :func:`data_dir`.

The course data (``datapackage.json``, the CSV tables, ``sources/``) ships in two layouts:

* an editable install or a clone: the repository's ``datasets/`` folder, next to ``course_lib/``;
* a wheel: ``course_lib/_datasets/`` (``pyproject.toml`` force-includes ``datasets`` there).

Both are found from the package's own location, never from the working directory, so a
notebook that runs in ``notebooks/`` (or anywhere else) finds the same data.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .exceptions import CourseError

__all__ = ["data_dir", "DESCRIPTOR"]

#: File name of the Frictionless descriptor inside the data folder.
DESCRIPTOR = "datapackage.json"

_PACKAGE = Path(__file__).resolve().parent


def _candidates() -> tuple[Path, ...]:
    # The wheel layout first: a wheel has no repository around it, and a clone has no
    # course_lib/_datasets, so at most one of these holds a descriptor in practice.
    return (_PACKAGE / "_datasets", _PACKAGE.parent / "datasets")


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """Return the folder that holds the course datasets.

    Returns
    -------
    pathlib.Path
        An absolute path to the folder containing ``datapackage.json``: ``course_lib/_datasets``
        when installed from a wheel, the repository's ``datasets/`` when installed editable.

    Raises
    ------
    CourseError
        If neither layout holds a ``datapackage.json`` (a broken or partial install).

    Examples
    --------
    >>> import course_lib as cl
    >>> (cl.data_dir() / "datapackage.json").is_file()
    True
    """
    for folder in _candidates():
        if (folder / DESCRIPTOR).is_file():
            return folder
    looked = " and ".join(f"'{p}'" for p in _candidates())
    raise CourseError(
        f"The course datasets were not found: looked for {DESCRIPTOR} in {looked}. "
        "Reinstall the course with 'make install' (or 'pip install -e .' in the repository)."
    )
