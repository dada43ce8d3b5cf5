"""Build the learner exercises and the autograders from the master notebooks.

``solutions/NN-slug.ipynb`` goes through ``otter assign``; from its output:

* ``exercises/NN-slug/NN-slug.ipynb``: the learner's notebook, rewritten to be deterministic
  (stable cell ids, no volatile metadata) and to start with ``grader = Grader("NN-slug")``;
* ``exercises/NN-slug/tests/qN.py``: the public tests only;
* ``artifacts/NN-slug/NN-slug-autograder.zip``: otter's autograder (every test, hidden ones
  too), for ``otter run`` or Gradescope; beside it ``tests/`` (the same tests, unzipped, which
  ``csto grade`` uses), ``NN-slug-solution.ipynb`` (the learner notebook with the solutions
  filled in), ``rubrics.md`` (the written questions' rubrics, for the instructor) and
  ``master.sha256`` (which master it was built from).

The master's ``csto`` metadata (wrong answers, rubrics: see :mod:`course_lib.grading.master`)
never reaches ``exercises/``: the learner notebook keeps only ``kernelspec`` and ``otter``.

Examples
--------
>>> from course_lib.grading.build import build
>>> build(exercises_only=True)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import shutil
import tempfile
import warnings
from pathlib import Path

import nbformat

from ..exceptions import GradingError
from .exercises import Exercise, find_exercise, list_exercises

__all__ = [
    "build", "build_exercise", "ensure_autograder", "master_digest", "autograder_requirements", "INIT_SOURCE",
]

#: The first cell of every learner notebook (``{name}`` is the exercise).
INIT_SOURCE = (
    "# Run this cell first: it sets up `grader.check`, which tests your answers.\n"
    "from course_lib.grading.learner import Grader\n"
    'grader = Grader("{name}")'
)

#: Replaces otter's "rerun all of the autograder tests", which is not true for a learner.
CHECK_ALL_NOTE = (
    "---\n\nThe cell below runs every question's **public** tests again. The hidden tests run "
    "when your work is graded, so this is a good sign, not your final mark."
)

#: The only notebook metadata a learner gets: the master's ``csto`` block (wrong answers,
#: rubrics) and everything else is dropped.
_KEEP_NB_METADATA = ("kernelspec", "otter")


def autograder_requirements() -> str:
    """The pip requirements a Gradescope autograder installs beside otter: this course's
    library and data, from the repository set in :mod:`course_lib.links`."""
    from ..links import BRANCH, repository_url

    return f"course_lib @ git+{repository_url()}.git@{BRANCH}\n"


def master_digest(ex: Exercise) -> str:
    """SHA-256 of the master notebook's bytes (to know whether an autograder is stale)."""
    return hashlib.sha256(ex.master.read_bytes()).hexdigest()


def _otter_assign(master: Path, dist: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # traitlets, as otter imports
        from otter.assign import main as assign

    quiet = io.StringIO()
    otter_logger = logging.getLogger("otter")
    level = otter_logger.level
    otter_logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # traitlets, inside otter
            assign(str(master), str(dist), no_pdfs=True, no_run_tests=True)
    except Exception as err:  # otter's own errors: say which master, keep its words
        raise GradingError(
            f"otter assign failed on {master.name}: {type(err).__name__}: {err}\n{quiet.getvalue()[-2000:]}"
        ) from err
    finally:
        otter_logger.setLevel(level)


def _learner_notebook(student: Path, name: str) -> nbformat.NotebookNode:
    nb = nbformat.read(student, as_version=4)
    nb.metadata = nbformat.NotebookNode(
        {k: nb.metadata[k] for k in _KEEP_NB_METADATA if k in nb.metadata}
    )
    nb.metadata["language_info"] = {"name": "python"}
    replaced = False
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-cell-{i:02d}"
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if not replaced and cell.source.startswith("# Initialize Otter"):
                cell.source = INIT_SOURCE.format(name=name)
                replaced = True
        cell.metadata.pop("execution", None)
        if cell.cell_type == "markdown" and "will rerun all of the autograder tests" in cell.source:
            cell.source = CHECK_ALL_NOTE
    if not replaced:
        raise GradingError(f"otter assign made no init cell for {name}: is init_cell: true set?")
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


_MARKER_LINE = re.compile(r"^\s*# (BEGIN|END) SOLUTION( NO PROMPT)?\s*$")
_MARKER_TAIL = re.compile(r"\s*# SOLUTION\s*$")


def _solved_notebook(autograder_nb: Path, name: str) -> nbformat.NotebookNode:
    """The learner notebook as a learner who solved it would hand it in (no otter markers)."""
    nb = _learner_notebook(autograder_nb, name)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "otter_assign_solution_cell" in tags:
            cell.metadata["tags"] = ["otter_answer_cell" if t == "otter_assign_solution_cell" else t for t in tags]
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if not _MARKER_LINE.match(ln)]
            cell.source = "\n".join(_MARKER_TAIL.sub("", ln) for ln in lines)
    return nb


def build_exercise(
    ex: Exercise,
    exercises_dir: Path | None = None,
    artifacts_dir: Path | None = None,
) -> None:
    """Build one exercise's learner folder and, if ``artifacts_dir`` is given, its autograder.

    Parameters
    ----------
    ex : Exercise
    exercises_dir : pathlib.Path, optional
        Where ``NN-slug/`` goes; the course's ``exercises/`` by default.
    artifacts_dir : pathlib.Path, optional
        Where ``NN-slug/`` with the autograder zip goes; skipped when None.

    Raises
    ------
    GradingError
        If the master is missing or otter assign rejects it.
    """
    if not ex.master.is_file():
        raise GradingError(f"No master notebook for {ex.name}: expected {ex.master}.")
    exercises_dir = Path(exercises_dir) if exercises_dir is not None else ex.root / "exercises"
    with tempfile.TemporaryDirectory(prefix="csto-build-") as tmp:
        work = Path(tmp)
        master = work / f"{ex.name}.ipynb"
        shutil.copyfile(ex.master, master)
        (work / "requirements-autograder.txt").write_text(autograder_requirements(), encoding="utf-8")
        dist = work / "dist"
        _otter_assign(master, dist)

        target = exercises_dir / ex.name
        fresh = work / "exercise"
        (fresh / "tests").mkdir(parents=True)
        nb = _learner_notebook(dist / "student" / f"{ex.name}.ipynb", ex.name)
        (fresh / f"{ex.name}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        for test in sorted((dist / "student" / "tests").glob("*.py")):
            shutil.copyfile(test, fresh / "tests" / test.name)
        # replace only the generated files; a learner's backups beside them stay
        target.mkdir(parents=True, exist_ok=True)
        if (target / "tests").exists():
            shutil.rmtree(target / "tests")
        shutil.copytree(fresh / "tests", target / "tests")
        shutil.copyfile(fresh / f"{ex.name}.ipynb", target / f"{ex.name}.ipynb")

        if artifacts_dir is not None:
            out = Path(artifacts_dir) / ex.name
            if out.exists():
                shutil.rmtree(out)
            out.mkdir(parents=True)
            zips = sorted((dist / "autograder").glob("*.zip"))
            if not zips:
                raise GradingError(f"otter assign made no autograder zip for {ex.name}.")
            shutil.copyfile(zips[-1], out / f"{ex.name}-autograder.zip")
            shutil.copytree(dist / "autograder" / "tests", out / "tests")
            solved = _solved_notebook(dist / "autograder" / f"{ex.name}.ipynb", ex.name)
            (out / f"{ex.name}-solution.ipynb").write_text(nbformat.writes(solved) + "\n", encoding="utf-8")
            from .master import rubrics_markdown

            (out / "rubrics.md").write_text(rubrics_markdown([ex]), encoding="utf-8")
            (out / "master.sha256").write_text(master_digest(ex) + "\n", encoding="utf-8")


def ensure_autograder(ex: Exercise, artifacts_dir: Path | None = None, *, quiet: bool = False) -> Path:
    """Return the folder of every test of ``ex``, building it first if missing or stale.

    Parameters
    ----------
    ex : Exercise
    artifacts_dir : pathlib.Path, optional
        The course's ``artifacts/`` by default.
    quiet : bool
        Say nothing when building.

    Returns
    -------
    pathlib.Path
        ``artifacts/NN-slug/tests``: public and hidden tests.
    """
    artifacts_dir = Path(artifacts_dir) if artifacts_dir is not None else ex.artifacts.parent
    out = artifacts_dir / ex.name
    stamp = out / "master.sha256"
    if not ex.master.is_file():
        if (out / "tests").is_dir():
            return out / "tests"
        raise GradingError(
            f"No autograder for {ex.name}: neither {ex.master} nor {out / 'tests'} exists. "
            "Grading needs the master notebooks (solutions/) or a built artifacts/ folder."
        )
    current = master_digest(ex)
    if not (stamp.is_file() and stamp.read_text().strip() == current and (out / "tests").is_dir()):
        if not quiet:
            print(f"Building the autograder for {ex.name} (its master changed or was never built)...", flush=True)
        with tempfile.TemporaryDirectory(prefix="csto-exercise-") as scratch:
            build_exercise(ex, exercises_dir=Path(scratch), artifacts_dir=artifacts_dir)
    return out / "tests"


def build(
    names: list[str] | None = None,
    *,
    exercises_only: bool = False,
    root: Path | None = None,
    exercises_dir: Path | None = None,
    artifacts_dir: Path | None = None,
    progress: bool = False,
) -> list[Exercise]:
    """Regenerate ``exercises/`` (and, unless ``exercises_only``, ``artifacts/``).

    Parameters
    ----------
    names : list of str, optional
        Exercises to build; all by default.
    exercises_only : bool
        Skip the autograder zips.
    root : pathlib.Path, optional
        The course folder.
    exercises_dir, artifacts_dir : pathlib.Path, optional
        Other destinations (a test builds into a temporary folder).
    progress : bool
        Print one line per exercise.

    Returns
    -------
    list of Exercise
        What was built.
    """
    exercises = [find_exercise(n, root) for n in names] if names else list_exercises(root)
    if not exercises:
        raise GradingError("No master notebooks found in solutions/: nothing to build.")
    if not exercises_only and artifacts_dir is None:
        artifacts_dir = exercises[0].artifacts.parent
    for ex in exercises:
        if progress:
            print(f"Building {ex.name}...", flush=True)
        build_exercise(ex, exercises_dir=exercises_dir, artifacts_dir=None if exercises_only else artifacts_dir)
    return exercises
