"""A graded exercise, done in the browser as a learner does it.

Open the first exercise of ``exercises/`` in JupyterLab, run it unanswered (no tracebacks, only
the checks' own feedback), type question 1's answer into its cell, run it and
``grader.check("q1")`` with Shift+Enter, and see the pass; type a wrong answer, see the hint.

The right answer is the solution in ``solutions/NN-slug.ipynb`` (the master the exercise is
generated from); the texts expected on screen come from course_lib's grading report and the
public tests in ``exercises/NN-slug/tests/q1.py``, so nothing here is hard-coded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

QUESTION = "q1"


def _cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        {**c, "source": "".join(c["source"]) if isinstance(c["source"], list) else c["source"]}
        for c in nb["cells"]
    ]


def solution_code(master: Path, question: str) -> str:
    """The solution code of ``question`` in an otter master notebook, markers removed."""
    cells = _cells(master)
    inside = in_solution = False
    code: list[str] = []
    for cell in cells:
        src = cell["source"].strip()
        if cell["cell_type"] == "raw":
            if src.startswith("# BEGIN QUESTION"):
                inside = re.search(rf"^name:\s*{re.escape(question)}\s*$", src, re.M) is not None
            elif src.startswith("# END QUESTION"):
                inside = False
            elif src.startswith("# BEGIN SOLUTION"):
                in_solution = True
            elif src.startswith("# END SOLUTION"):
                in_solution = False
            elif src.startswith("# BEGIN TESTS"):
                in_solution = False
            continue
        if not inside or cell["cell_type"] != "code":
            continue
        lines = cell["source"].splitlines()
        has_marker = any(re.search(r"#\s*(BEGIN |END )?SOLUTION\b", ln) for ln in lines)
        if not (in_solution or has_marker):
            continue
        for ln in lines:
            if re.match(r"\s*#\s*(BEGIN|END) SOLUTION\b", ln):
                continue
            code.append(re.sub(r"\s*#\s*SOLUTION(\s+NO PROMPT)?\s*$", "", ln))
    return "\n".join(code).strip()


def public_cases(tests_file: Path) -> list[dict]:
    """The public test cases of an otter OK-format test file."""
    scope: dict = {}
    exec(compile(tests_file.read_text(encoding="utf-8"), str(tests_file), "exec"), scope)
    return [c for s in scope["test"]["suites"] for c in s["cases"] if not c.get("hidden")]


def test_exercise_question_passes_then_hints(lab_page, course, exercise):
    from course_lib.grading.learner import CheckReport, TestOutcome

    if exercise.startswith("<none:"):
        pytest.fail(f"no exercise notebooks in {course / 'exercises'}: run `make exercises`",
                    pytrace=False)
    path = lab_page.lab.root / exercise  # the copy the server serves
    name = path.stem
    master = course / "solutions" / f"{name}.ipynb"
    assert master.is_file(), f"{exercise} has no master notebook at solutions/{name}.ipynb"
    right = solution_code(master, QUESTION)
    assert right, f"no solution code for {QUESTION} in {master}"
    cases = public_cases(path.parent / "tests" / f"{QUESTION}.py")
    assert cases, f"{QUESTION} of {name} has no public test case"

    cells = _cells(path)
    check_at = next(
        (i for i, c in enumerate(cells)
         if c["cell_type"] == "code" and re.search(rf"grader\.check\(\s*['\"]{QUESTION}['\"]",
                                                   c["source"])),
        None,
    )
    assert check_at is not None, f"{exercise}: no grader.check({QUESTION!r}) cell"
    answer_at = max(i for i in range(check_at) if cells[i]["cell_type"] == "code")
    names = re.findall(r"^(\w+)\s*=\s*\.\.\.", cells[answer_at]["source"], re.M)
    assert names, f"{exercise}: the cell before grader.check has no 'name = ...' to fill in"

    n = len(cases)
    passed = CheckReport(QUESTION, [TestOutcome(hidden=False, passed=True)] * n, n, n)
    pass_text = str(passed).splitlines()[0]
    hints = [c["failure_message"] for c in cases if c.get("failure_message")]
    wrong = "\n".join(f"{v} = None" for v in names)

    view = lab_page
    view.name = f"exercise-{name}"
    view.open(exercise)
    view.run_all(sum(1 for c in cells if c["cell_type"] == "code" and c["source"].strip()))
    errors = view.errors()
    if errors:
        view.fail(f"expected the unanswered exercise to run without tracebacks (only the checks' "
                  f"feedback); found: {errors[:3]}", suffix="unanswered")
    view.screenshot("unanswered")

    notebook_cells = view.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    answer_cell, check_cell = notebook_cells.nth(answer_at), notebook_cells.nth(check_at)

    def answer_and_check(code: str, expect: str, what: str) -> str:
        editor = answer_cell.locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        view.page.keyboard.press("Control+A")
        view.page.keyboard.press("Delete")
        view.page.keyboard.insert_text(code)  # as typed; no auto-indent or bracket closing
        view.page.keyboard.press("Shift+Enter")  # runs the answer, selects the check cell
        view.page.keyboard.press("Shift+Enter")  # runs grader.check("q1")
        out = check_cell.locator(".jp-OutputArea-output")
        try:
            out.filter(has_text=expect).first.wait_for(timeout=60_000)
        except Exception:
            shown = " | ".join(t.strip() for t in out.all_text_contents()) or "(nothing)"
            view.fail(f"{what}: expected {expect!r} under grader.check({QUESTION!r}); it shows "
                      f"{shown[:600]!r}", suffix=f"{QUESTION}-{'pass' if expect == pass_text else 'hint'}",
                      target=check_cell)
        return " ".join(out.all_text_contents())

    answer_and_check(right, pass_text, f"after typing the solution of {QUESTION}")
    view.screenshot(f"{QUESTION}-pass", target=check_cell)

    shown = answer_and_check(wrong, "public tests failed",
                             f"after typing a wrong answer ({wrong!r})")
    header = re.search(rf"{QUESTION}: \d+ of {n} public tests failed", shown)
    given = [h for h in hints if re.sub(r"\s+", " ", h) in re.sub(r"\s+", " ", shown)]
    if not header or not given:
        view.fail(f"after the wrong answer {wrong!r}: expected '{QUESTION}: K of {n} public tests "
                  f"failed' and at least one of the hints {hints}; it shows {shown[:600]!r}",
                  suffix=f"{QUESTION}-hint", target=check_cell)
    if pass_text in shown:
        view.fail(f"after the wrong answer {wrong!r} the check still says {pass_text!r}",
                  suffix=f"{QUESTION}-hint", target=check_cell)
    view.screenshot(f"{QUESTION}-hint", target=check_cell)
