"""``grader.check("q1")`` inside an exercise notebook.

The first cell of every exercise notebook is::

    from course_lib.grading.learner import Grader
    grader = Grader("03-who-is-in")

``grader.check("q1")`` runs question 1's public tests against the notebook's variables and
shows what ran and where the learner stands: ``q1: public tests passed (2 of 2): none of the
common mistakes they look for. Hidden tests run when your work is graded.`` The public tests
look for the common wrong answers; a failed one shows its hint, which names the idea to
revisit, never the expected answer, and the report ends with how many passed. Under ``csto grade`` (or
``otter run``) the same call runs every test, hidden ones included.

Examples
--------
>>> grader = Grader("03-who-is-in")  # doctest: +SKIP
>>> grader.check("q1")  # doctest: +SKIP
q1: public tests passed (2 of 2): none of the common mistakes they look for. Hidden tests run when your work is graded.
"""

from __future__ import annotations

import html
import inspect
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import GradingError

__all__ = ["Grader", "CheckReport", "TestOutcome", "blank_answers", "error_line"]

_HIDDEN_NOTE = "Hidden tests run when your work is graded."
#: What passing every public test means: they look for the common mistakes, not the exact answer.
_NO_MISTAKE = "none of the common mistakes they look for."


@dataclass(frozen=True)
class TestOutcome:
    """One test case's result, as a learner may see it.

    Attributes
    ----------
    hidden : bool
        Whether the test is hidden (only instructors' grading runs those).
    passed : bool
    hint : str
        The test's failure message: what to look at, never the answer.
    error : str
        The error the test met when it was not a plain failed check (``NameError: ...``), or "".
    """

    hidden: bool
    passed: bool
    hint: str = ""
    error: str = ""

    __test__ = False  # not a pytest test class, despite its name


def error_line(message: str | None) -> str:
    """Return the last line of the exception a test met, unless it is a bare AssertionError.

    A plain ``AssertionError`` says nothing the hint does not; a ``NameError`` or ``TypeError``
    tells the learner what is wrong with their variable, without revealing an answer.

    Examples
    --------
    >>> error_line("Exception raised:\\n    Traceback ...\\n    NameError: name 'x' is not defined\\n")
    "NameError: name 'x' is not defined"
    >>> error_line("Exception raised:\\n    AssertionError\\n")
    ''
    """
    if not message or "Exception raised" not in message:
        return ""
    lines = [ln.strip() for ln in message.strip().splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    if not re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b", last) or last.startswith(
        "AssertionError"
    ):
        return ""
    return last[:300]


def outcomes_of(test_file: Any) -> list[TestOutcome]:
    """Turn an otter ``TestFile`` (after it ran) into :class:`TestOutcome` objects."""
    found = []
    for tcr in test_file.test_case_results:
        tc = tcr.test_case
        found.append(
            TestOutcome(
                hidden=bool(tc.hidden),
                passed=bool(tcr.passed),
                hint=(tc.failure_message or "").strip() if not tcr.passed else "",
                error="" if tcr.passed else error_line(tcr.message),
            )
        )
    return found


@dataclass
class CheckReport:
    """What ``grader.check`` shows: which tests ran, which passed, a hint for each failure.

    Attributes
    ----------
    question : str
    outcomes : list of TestOutcome
    score, possible : float
        Points earned and possible among the tests that ran.
    """

    question: str
    outcomes: list[TestOutcome]
    score: float
    possible: float
    unanswered: tuple[str, ...] = ()
    """The question's answer variables that still hold the blank ``...`` (a learner's check)."""
    undefined: tuple[str, ...] = ()
    """The question's answer variables not defined at all (their cell has not run)."""

    @property
    def ran_hidden(self) -> bool:
        """True when hidden tests ran too (grading, not a learner's check)."""
        return any(o.hidden for o in self.outcomes)

    @property
    def passed(self) -> bool:
        """True when every test that ran passed."""
        return all(o.passed for o in self.outcomes)

    def _lines(self) -> list[str]:
        n = len(self.outcomes)
        failed = [o for o in self.outcomes if not o.passed]
        if self.ran_hidden:
            n_hidden = sum(o.hidden for o in self.outcomes)
            which = f"{n - n_hidden} public, {n_hidden} hidden"
            if not failed:
                return [f"{self.question}: all tests passed ({n} of {n}: {which})."]
            head = f"{self.question}: {len(failed)} of {n} tests failed ({which} ran)."
        else:
            if not failed:
                return [f"{self.question}: public tests passed ({n} of {n}): {_NO_MISTAKE} {_HIDDEN_NOTE}"]
            if self.undefined:  # every hint would end in the same NameError: say what to do
                return [f"{self.question}: not run yet: {_names(self.undefined)} "
                        f"{'is' if len(self.undefined) == 1 else 'are'} not defined. Run the cell "
                        "where you answer the question (its `...` replaced by your answer), "
                        "then run this check again.",
                        f"Where you stand: not started; the hints come once every answer is in. "
                        f"{_HIDDEN_NOTE}"]
            if self.unanswered:  # the hints would judge a blank, and mislead: say what to do
                return [f"{self.question}: not answered yet: {_blank_names(self.unanswered)} "
                        "the `...` of the exercise. Replace it with your answer, run that cell, "
                        "then run this check again.",
                        f"Where you stand: not started; the hints come once every answer is in. "
                        f"{_HIDDEN_NOTE}"]
            head = f"{self.question}: {len(failed)} of {n} public tests failed."
        errors = {o.error for o in failed}
        shared = errors.pop() if len(errors) == 1 else ""
        if shared:  # one error behind every failure (say, a missing variable): say it once
            head = head[:-1] + f": {shared}."
            failed = failed[:1]
        lines = [head]
        seen = set()
        for o in failed:
            text = o.hint or "A test failed: re-read the question."
            if o.error and not shared:
                text += f" ({o.error})"
            if text not in seen:
                seen.add(text)
                lines.append(f"  - {text}")
        if not self.ran_hidden:
            lines.append(self._standing(n, len([o for o in self.outcomes if not o.passed])))
        return lines

    def _standing(self, n: int, n_failed: int) -> str:
        """Where a learner stands after a failed public check (the last line of the report)."""
        if n_failed == n:
            start = "Where you stand: no public test passed yet; start with the first hint."
        else:
            start = (f"Where you stand: {n - n_failed} of {n} public tests passed; each hint above "
                     "names an idea to revisit.")
        return f"{start} {_HIDDEN_NOTE}"

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        lines = self._lines()
        colour = "#1a7f37" if self.passed else "#b42318"
        mark = "✅" if self.passed else "❌"
        head = f"<p style='color:{colour}'><strong>{mark} {html.escape(lines[0])}</strong></p>"
        items = [ln[4:] for ln in lines[1:] if ln.startswith("  - ")]
        body = ""
        if items:
            body = "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
        tail = f"<p><em>{html.escape(lines[-1])}</em></p>" if len(lines) > 1 and not self.ran_hidden else ""
        return head + body + tail


def _names(names: tuple[str, ...]) -> str:
    """``"`q1_role`"`` or ``"`q5_count`, `q5_names` and `q5_sentence`"``."""
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _blank_names(names: tuple[str, ...]) -> str:
    """``"`q1_role` still holds"`` or ``"`q5_names` and `q5_sentence` still hold"``."""
    return f"{_names(names)} {'still holds' if len(names) == 1 else 'still hold'}"


def blank_answers(question: str, test_source: str, global_env: dict[str, Any]) -> tuple[str, ...]:
    """Return the question's answer variables (``q1_...``) that still hold ``...``.

    The answer variables are the names starting with ``<question>_`` that its tests use.

    Examples
    --------
    >>> blank_answers("q5", "assert q5_count > 0 and q5_names and q15_x", {"q5_count": 3, "q5_names": ...})
    ('q5_names',)
    """
    return tuple(n for n in _answer_names(question, test_source) if global_env.get(n, None) is Ellipsis)


def _answer_names(question: str, test_source: str) -> list[str]:
    return list(dict.fromkeys(re.findall(rf"\b{re.escape(question)}_\w+", test_source)))


@dataclass
class CheckAllReport:
    """What ``grader.check_all()`` shows: one line per question and the points so far."""

    reports: list[CheckReport]

    def __str__(self) -> str:
        parts = [str(r) for r in self.reports]
        score = sum(r.score for r in self.reports)
        possible = sum(r.possible for r in self.reports)
        which = "all tests" if any(r.ran_hidden for r in self.reports) else "public tests"
        parts.append(f"Total on the {which}: {score:g} of {possible:g} points.")
        return "\n".join(parts)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return "".join(r._repr_html_() for r in self.reports) + f"<p>{html.escape(str(self).splitlines()[-1])}</p>"


class Grader:
    """The ``grader`` of an exercise notebook: runs a question's tests against its variables.

    Parameters
    ----------
    exercise : str
        The exercise's name (``"03-who-is-in"``).
    tests_dir : path-like, optional
        Where the tests are. By default: ``tests/`` beside the notebook (JupyterLab runs a
        notebook in its own folder), else the course's ``exercises/NN-slug/tests/``. Under
        grading, the grader's folder of every test.

    Examples
    --------
    >>> grader = Grader("03-who-is-in")  # doctest: +SKIP
    >>> grader.check("q1")  # doctest: +SKIP
    q1: public tests passed (2 of 2): none of the common mistakes they look for. Hidden tests run when your work is graded.
    """

    def __init__(self, exercise: str, tests_dir: str | Path | None = None) -> None:
        self.exercise = exercise
        self._tests_dir = Path(tests_dir) if tests_dir is not None else None

    def tests_dir(self) -> Path:
        """Return the folder whose ``qN.py`` files this grader runs."""
        otter_nb = sys.modules.get("otter.check.notebook")
        if otter_nb is not None and getattr(otter_nb.Notebook, "_grading_mode", False):
            override = otter_nb.Notebook._tests_dir_override
            if override:
                return Path(override)
        if self._tests_dir is not None:
            return self._tests_dir
        here = Path("tests")
        if any(here.glob("q*.py")):
            return here
        from .exercises import course_root

        course = course_root() / "exercises" / self.exercise / "tests"
        if any(course.glob("q*.py")):
            return course
        raise GradingError(
            f"No tests found for exercise '{self.exercise}': looked in '{here.resolve()}' and "
            f"'{course}'. Open the notebook from exercises/{self.exercise}/ (its tests/ folder "
            f"sits beside it), or get a fresh copy with: csto reset {self.exercise}"
        )

    def questions(self) -> list[str]:
        """The names of the questions that have tests, in order."""
        from .exercises import _question_order

        return [p.stem for p in sorted(self.tests_dir().glob("q*.py"), key=_question_order)]

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> CheckReport:
        """Run one question's tests and return a report of what ran.

        Parameters
        ----------
        question : str
            ``"q1"``, ``"q2"``, ...
        global_env : dict, optional
            The variables to test; by default the notebook's (the caller's globals).

        Returns
        -------
        CheckReport
            Shown as the cell's output: which tests ran, which passed, a hint for each failure.

        Raises
        ------
        GradingError
            If the exercise has no such question (with the list of those it has).
        """
        if global_env is None:
            global_env = inspect.currentframe().f_back.f_globals  # type: ignore[union-attr]
        tests = self.tests_dir()
        path = tests / f"{question}.py"
        if not path.is_file():
            have = ", ".join(self.questions()) or "none"
            raise GradingError(
                f"Exercise '{self.exercise}' has no question '{question}'. Its questions with "
                f"tests are: {have}."
            )
        from otter.execute import Checker
        from otter.nbmeta_config import NBMetadataConfig

        result = Checker.check(str(path), NBMetadataConfig(), None, global_env)
        source = path.read_text(encoding="utf-8")
        return CheckReport(
            question=question,
            outcomes=outcomes_of(result),
            score=float(result.score),
            possible=float(result.possible),
            unanswered=blank_answers(question, source, global_env),
            undefined=tuple(n for n in _answer_names(question, source) if n not in global_env),
        )

    def check_all(self, global_env: dict[str, Any] | None = None) -> CheckAllReport:
        """Run every question's tests; return one report line per question and the total."""
        if global_env is None:
            global_env = inspect.currentframe().f_back.f_globals  # type: ignore[union-attr]
        return CheckAllReport([self.check(q, global_env) for q in self.questions()])
