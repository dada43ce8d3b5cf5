"""Give a learner a fresh copy of an exercise, keeping their old one as a timestamped backup.

Examples
--------
>>> from course_lib.grading.reset import reset
>>> fresh, backup = reset("03-who-is-in")  # doctest: +SKIP
>>> backup.name  # doctest: +SKIP
'03-who-is-in.backup-2026-11-23T07-15-00.ipynb'
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from .exercises import Exercise

__all__ = ["reset", "backup_name"]


def backup_name(notebook: Path, when: dt.datetime | None = None) -> Path:
    """The backup path for ``notebook``: same folder, ``NAME.backup-YYYY-MM-DDTHH-MM-SS.ipynb``
    (a number is added if that name is taken, so no backup is ever overwritten)."""
    when = when or dt.datetime.now()
    stem = f"{notebook.stem}.backup-{when:%Y-%m-%dT%H-%M-%S}"
    candidate = notebook.with_name(stem + notebook.suffix)
    n = 2
    while candidate.exists():
        candidate = notebook.with_name(f"{stem}-{n}{notebook.suffix}")
        n += 1
    return candidate


def reset(ex: Exercise, folder: Path | None = None) -> tuple[Path, Path | None]:
    """Replace the learner's notebook of ``ex`` with a fresh one; back up the old one first.

    Parameters
    ----------
    ex : Exercise
    folder : pathlib.Path, optional
        The learner's exercise folder; ``exercises/NN-slug/`` by default.

    Returns
    -------
    (pathlib.Path, pathlib.Path or None)
        The fresh notebook, and the backup (None when there was no old notebook).

    Raises
    ------
    GradingError
        When no fresh copy can be made (no master notebook); nothing is changed then.
    """
    from .build import build_exercise

    folder = Path(folder) if folder is not None else ex.folder
    notebook = folder / f"{ex.name}.ipynb"
    with tempfile.TemporaryDirectory(prefix="csto-reset-") as tmp:
        build_exercise(ex, exercises_dir=Path(tmp))  # the fresh copy exists before anything moves
        fresh = Path(tmp) / ex.name
        backup = None
        folder.mkdir(parents=True, exist_ok=True)
        if notebook.exists():
            backup = backup_name(notebook)
            shutil.copy2(notebook, backup)
        shutil.copyfile(fresh / notebook.name, notebook)
        if (folder / "tests").exists():
            shutil.rmtree(folder / "tests")
        shutil.copytree(fresh / "tests", folder / "tests")
    return notebook, backup
