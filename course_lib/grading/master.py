"""What a master notebook says beyond otter's format: wrong answers, rubrics, multi-step questions.

A master (``solutions/NN-slug.ipynb``) keeps, in its notebook-level metadata, a ``csto`` block
that never reaches the learner (``csto build`` strips it)::

    "csto": {
      "wrong_answers": {"q1": [{"code": "q1_x = ...", "mistake": "the concept it gets wrong"}]},
      "rubrics": {"q6": {"points": [{"points": 1, "criterion": "..."}], "model_answer": "..."}},
      "multi_step": ["q5"]
    }

Each wrong answer's ``code``, run after the master's setup cells, assigns a plausible wrong
answer to the question's variable; the tests prove that it fails a public test and that the
model solution passes them all. Each written question's rubric says what earns each point;
``csto grade`` writes the rubrics beside the grades.

This module reads that block, splits a master into its setup, solution and test cells, and runs
them in this process (no kernel), for the tests and for ``python -m course_lib.grading.master
fingerprints NN``, which prints the fingerprint of every declared wrong answer (see
:mod:`course_lib.grading.answers`).

Examples
--------
>>> from course_lib.grading.master import read_master
>>> m = read_master(find_exercise("02").master)  # doctest: +SKIP
>>> sorted(m.wrong_answers)  # doctest: +SKIP
['q1', 'q2', 'q3', 'q4', 'q5']
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import GradingError
from .exercises import Exercise, find_exercise, question_of_cell

__all__ = [
    "Master",
    "WrongAnswer",
    "Rubric",
    "read_master",
    "setup_env",
    "solution_env",
    "wrong_answer_env",
    "rubrics_markdown",
    "main",
]

_MARKER_LINE = re.compile(r"^\s*# (BEGIN|END) SOLUTION( NO PROMPT)?\s*$")
_MARKER_TAIL = re.compile(r"\s*# SOLUTION\s*$")
_ASSIGNED = re.compile(r"^(q\d+\w*)\s*=", re.MULTILINE)


@dataclass(frozen=True)
class WrongAnswer:
    """A plausible wrong answer to a question: code that assigns it, and the mistake it makes."""

    question: str
    code: str
    mistake: str


@dataclass(frozen=True)
class Rubric:
    """A written question's rubric: ``points`` is a list of ``(points, criterion)``."""

    question: str
    points: tuple[tuple[float, str], ...]
    model_answer: str

    @property
    def total(self) -> float:
        """The points the rubric gives out in all."""
        return float(sum(p for p, _ in self.points))


@dataclass
class Master:
    """A master notebook, split into what the tools need.

    Attributes
    ----------
    path : pathlib.Path
    cells : list of (str, str, str)
        ``(role, question, source)`` for every code cell, in order; ``role`` is ``setup``,
        ``solution`` (otter markers removed) or ``test``; ``question`` is "" outside questions.
    points, manual : dict
        Each question's points, and whether it is written (graded by hand).
    wrong_answers, rubrics : dict
        From the ``csto`` metadata, by question.
    multi_step : list of str
        The questions the master marks as multi-step.
    prompts : dict
        Each question's prompt (its Markdown cells, joined).
    """

    path: Path
    cells: list[tuple[str, str, str]] = field(default_factory=list)
    points: dict[str, float] = field(default_factory=dict)
    manual: dict[str, bool] = field(default_factory=dict)
    wrong_answers: dict[str, list[WrongAnswer]] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    multi_step: list[str] = field(default_factory=list)
    prompts: dict[str, str] = field(default_factory=dict)

    @property
    def auto_questions(self) -> list[str]:
        """The questions graded by tests, in order."""
        return [q for q in self.points if not self.manual[q]]

    @property
    def written_questions(self) -> list[str]:
        """The questions graded by hand, in order."""
        return [q for q in self.points if self.manual[q]]

    def variables(self, question: str) -> list[str]:
        """The ``qN_...`` variables the model solution of ``question`` assigns, in order."""
        found: list[str] = []
        for role, q, src in self.cells:
            if role == "solution" and q == question:
                found += [v for v in _ASSIGNED.findall(src) if v not in found]
        return found


def _src(cell: dict[str, Any]) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else str(s)


def _strip_markers(src: str) -> str:
    lines = [ln for ln in src.splitlines() if not _MARKER_LINE.match(ln)]
    return "\n".join(_MARKER_TAIL.sub("", ln) for ln in lines)


def read_master(path: str | Path) -> Master:
    """Read a master notebook: its cells by role, its questions, its ``csto`` metadata.

    Raises
    ------
    GradingError
        If the ``csto`` metadata is malformed (the message says which entry and what it needs).
    """
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    m = Master(path=path)
    question, block = "", ""
    for cell in nb.get("cells", []):
        text = _src(cell)
        head = text.lstrip().upper()
        if cell.get("cell_type") == "raw":
            opened = question_of_cell(cell)
            if opened is not None:
                question = opened.name
                m.points[question] = opened.points
                m.manual[question] = opened.manual
            elif head.startswith("# END QUESTION"):
                question = ""
            elif head.startswith("# BEGIN SOLUTION"):
                block = "solution"
            elif head.startswith("# BEGIN TESTS"):
                block = "test"
            elif head.startswith("# END SOLUTION") or head.startswith("# END TESTS"):
                block = ""
            continue
        if cell.get("cell_type") == "markdown":
            if question and not block:
                m.prompts[question] = (m.prompts.get(question, "") + "\n" + text).strip()
            continue
        if cell.get("cell_type") != "code":
            continue
        if block == "solution":
            m.cells.append(("solution", question, _strip_markers(text)))
        elif block == "test":
            m.cells.append(("test", question, text))
        else:
            m.cells.append(("setup", question, text))

    meta = (nb.get("metadata") or {}).get("csto") or {}
    where = f"{path.name}: metadata.csto"
    for q, entries in (meta.get("wrong_answers") or {}).items():
        if not isinstance(entries, list):
            raise GradingError(f"{where}.wrong_answers.{q} should be a list of {{code, mistake}} objects.")
        for i, e in enumerate(entries):
            if not (isinstance(e, dict) and isinstance(e.get("code"), str) and isinstance(e.get("mistake"), str)):
                raise GradingError(
                    f"{where}.wrong_answers.{q}[{i}] should be an object with a 'code' string (Python that "
                    "assigns the wrong answer) and a 'mistake' string (the concept it gets wrong)."
                )
            m.wrong_answers.setdefault(q, []).append(WrongAnswer(q, e["code"], e["mistake"]))
    for q, r in (meta.get("rubrics") or {}).items():
        pts = r.get("points") if isinstance(r, dict) else None
        if not (isinstance(pts, list) and pts and isinstance(r.get("model_answer"), str)):
            raise GradingError(
                f"{where}.rubrics.{q} should be an object with 'points' (a list of {{points, criterion}}) "
                "and 'model_answer' (a string)."
            )
        rows = []
        for i, p in enumerate(pts):
            if not (isinstance(p, dict) and isinstance(p.get("points"), (int, float)) and isinstance(p.get("criterion"), str)):
                raise GradingError(f"{where}.rubrics.{q}.points[{i}] should be {{'points': number, 'criterion': text}}.")
            rows.append((float(p["points"]), p["criterion"]))
        m.rubrics[q] = Rubric(q, tuple(rows), r["model_answer"])
    m.multi_step = [str(q) for q in (meta.get("multi_step") or [])]
    return m


def _run(sources: list[str], env: dict[str, Any], label: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for src in sources:
            exec(compile(src, label, "exec"), env)
    return env


def setup_env(master: Master) -> dict[str, Any]:
    """Run the master's setup cells (every code cell outside solutions and tests) and return
    their namespace: what a learner has before answering."""
    return _run([s for role, _, s in master.cells if role == "setup"], {"__name__": "__main__"}, str(master.path))


def solution_env(master: Master) -> dict[str, Any]:
    """Run the setup and model-solution cells in order and return the namespace."""
    return _run([s for role, _, s in master.cells if role != "test"], {"__name__": "__main__"}, str(master.path))


def wrong_answer_env(base: dict[str, Any], wrong: WrongAnswer) -> dict[str, Any]:
    """A copy of ``base`` (a :func:`setup_env`) with ``wrong``'s code run in it."""
    return _run([wrong.code], dict(base), f"{wrong.question} wrong answer")


def rubrics_markdown(exercises: list[Exercise]) -> str:
    """The rubrics of the written questions of ``exercises``, as Markdown for the instructor.

    Returns
    -------
    str
        One section per exercise, one per written question: each point's criterion, then the
        model answer.
    """
    out = ["# Rubrics for the written questions", "",
           "Written by `csto grade` beside the grades: what earns each point, and a model answer. "
           "Record the points in the grades CSV's `(by hand)` column.", ""]
    for ex in exercises:
        if not ex.master.is_file():
            built = ex.artifacts / "rubrics.md"
            if built.is_file():  # an artifacts/ folder built elsewhere carries its rubrics
                out += built.read_text(encoding="utf-8").split("\n", 4)[-1].rstrip().splitlines() + [""]
            else:
                out += [f"## {ex.name}", "", "_No master notebook here (solutions/ is missing): no rubric._", ""]
            continue
        m = read_master(ex.master)
        for q in m.written_questions:
            out += [f"## {ex.name}, {q} ({m.points[q]:g} points)", ""]
            if m.prompts.get(q):
                out += ["> " + line for line in m.prompts[q].splitlines()] + [""]
            r = m.rubrics.get(q)
            if r is None:
                out += ["_No rubric in the master._", ""]
                continue
            out += ["| points | what earns them |", "| ---: | --- |"]
            out += [f"| {p:g} | {c.replace('|', '/')} |" for p, c in r.points]
            out += ["", "**Model answer.** " + r.model_answer, ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m course_lib.grading.master fingerprints NN``: each wrong answer's fingerprint.

    Prints, per declared wrong answer, the question, its fingerprint (ordered and unordered) and
    the mistake, for pasting into a public test.
    """
    from .answers import fingerprint

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] != "fingerprints":
        print("usage: python -m course_lib.grading.master fingerprints EXERCISE", file=sys.stderr)
        return 2
    ex = find_exercise(args[1])
    m = read_master(ex.master)
    base = setup_env(m)
    solved = solution_env(m)
    for q in m.auto_questions:
        names = m.variables(q)
        for var in names:
            print(f"{q} {var} model answer: ordered {fingerprint(solved[var], q)} "
                  f"unordered {fingerprint(solved[var], q, ordered=False)}")
        for w in m.wrong_answers.get(q, []):
            env = wrong_answer_env(base, w)
            for var in names:
                if var in env and var in w.code:
                    print(f"{q} {var} wrong: ordered {fingerprint(env[var], q)} "
                          f"unordered {fingerprint(env[var], q, ordered=False)}  # {w.mistake}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
