"""Grading results, and how they are shown: a per-question text report, JSON, CSV rows.

Examples
--------
>>> q = QuestionResult("q1", 2.0, 2.0, "passed", "all tests passed")
>>> r = SubmissionResult("a.ipynb", "03-who-is-in", "graded", 2.0, 2.0, [q])
>>> r.to_json()["questions"][0]["status"]
'passed'
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

__all__ = [
    "QuestionResult",
    "SubmissionResult",
    "STATUSES",
    "text_report",
    "write_csv",
    "csv_header",
    "placeholder_questions",
]

#: A submission's status: ``graded`` (it ran; scores are final), ``error`` (it cannot be
#: graded: empty, not a notebook, the kernel never finished), ``timeout`` (over the time
#: limit), ``memory`` (over the memory limit), ``processes`` (over the process limit),
#: ``wrong exercise`` (a notebook of another exercise than the class's).
STATUSES = ("graded", "error", "timeout", "memory", "processes", "wrong exercise")

# an answer cell still holding otter's placeholder: `name = ...` or a bare `...`
_PLACEHOLDER = re.compile(r"^\s*(?:[\w\[\]'\".,\s]+=\s*)?\.\.\.\s*(?:#.*)?$", re.MULTILINE)
_CHECK = re.compile(r"""grader\.check\(\s*["'](\w+)["']\s*\)""")


@dataclass
class QuestionResult:
    """One question's result.

    Attributes
    ----------
    name : str
    score : float or None
        None for a question graded by hand.
    max : float
    status : str
        ``passed``, ``failed``, ``not attempted``, ``by hand`` or ``not graded``.
    message : str
        What passed, or a hint for each failed test (never the expected answer).
    """

    name: str
    score: float | None
    max: float
    status: str
    message: str = ""


@dataclass
class SubmissionResult:
    """One submitted file's result (one row of ``grades.csv``)."""

    notebook: str
    exercise: str
    status: str
    score: float | None
    max: float
    questions: list[QuestionResult] = field(default_factory=list)
    message: str = ""
    tests: str = "all"  # "all" (hidden ones too) or "public"
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The ``csto check --json`` object."""
        return {
            "notebook": self.notebook,
            "exercise": self.exercise,
            "score": self.score,
            "max": self.max,
            "status": self.status,
            "tests": self.tests,
            "message": self.message,
            "questions": [asdict(q) for q in self.questions],
        }

    @property
    def full_marks(self) -> bool:
        """True when every auto-graded question passed."""
        return self.status == "graded" and self.score is not None and self.score >= self.max > 0


def placeholder_questions(nb: dict[str, Any]) -> dict[str, bool]:
    """For each question with a check cell, whether its answer cells still hold ``...``.

    The answer cells of a question are the cells tagged ``otter_answer_cell`` since the previous
    check cell.

    Examples
    --------
    >>> cell = lambda src, tags=(): {"cell_type": "code", "source": src, "metadata": {"tags": list(tags)}}
    >>> placeholder_questions({"cells": [cell("x = ...", ["otter_answer_cell"]), cell('grader.check("q1")')]})
    {'q1': True}
    """
    found: dict[str, bool] = {}
    pending: list[str] = []
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        tags = (cell.get("metadata") or {}).get("tags") or []
        match = _CHECK.search(src)
        if match and "otter_answer_cell" not in tags:
            found[match.group(1)] = bool(pending) and all(_PLACEHOLDER.search(s) for s in pending)
            pending = []
        elif "otter_answer_cell" in tags:
            pending.append(src)
    return found


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def text_report(result: SubmissionResult) -> str:
    """A readable per-question report, as ``csto check`` prints it."""
    which = (
        "public tests only: hidden tests run when your work is graded"
        if result.tests == "public"
        else "all tests, hidden ones included"
    )
    lines = [f"{result.notebook}", f"exercise {result.exercise or '?'} ({which})"]
    if result.status != "graded" and not result.questions:
        lines.append(f"Not graded ({result.status}): {result.message}")
        return "\n".join(lines)
    width = max([len(q.name) for q in result.questions] + [2])
    for q in result.questions:
        pts = f"{_fmt(q.score)}/{_fmt(q.max)}"
        lines.append(f"  {q.name:<{width}}  {q.status:<13}  {pts:>7}  {q.message}")
    lines.append(
        f"Total: {_fmt(result.score)} of {_fmt(result.max)} points"
        f"{' on the public tests' if result.tests == 'public' else ''}"
        " (written answers are graded by hand)."
        if any(q.status == "by hand" for q in result.questions)
        else f"Total: {_fmt(result.score)} of {_fmt(result.max)} points."
    )
    if result.message:
        lines.append(f"Notes: {result.message}")
    return "\n".join(lines)


def csv_header(questions: Iterable[tuple[str, bool]]) -> list[str]:
    """The grades.csv header for an exercise's questions ``(name, manual)``."""
    cols = ["file", "exercise", "status"]
    for name, manual in questions:
        cols.append(f"{name} (by hand)" if manual else name)
    return cols + ["total", "max", "message", "seconds"]


def write_csv(path: str | Path, header: list[str], results: list[SubmissionResult]) -> None:
    """Write one row per submission (a question not in the row's exercise stays empty)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in results:
            by_name = {q.name: q for q in r.questions}
            row = [r.notebook, r.exercise, r.status]
            for col in header[3:-4]:
                q = by_name.get(col.split(" ")[0])
                row.append("" if q is None or q.score is None else f"{q.score:g}")
            row += [_fmt(r.score) if r.score is not None else "", _fmt(r.max), r.message, f"{r.seconds:.1f}"]
            writer.writerow(row)
