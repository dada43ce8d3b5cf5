"""`grader.check("q1")` in an exercise notebook: says which tests ran, hints without revealing."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pytest

from course_lib.exceptions import GradingError
from course_lib.grading import find_exercise
from course_lib.grading.learner import CheckReport, Grader, TestOutcome

from .conftest import NAMES

HIDDEN_NOTE = "Hidden tests run when your work is graded."


def _run_code_cells(nb_path: Path) -> dict:
    """Execute a notebook's code cells in one namespace, in this process (no kernel)."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    env: dict = {"__name__": "__main__"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            if cell["cell_type"] == "code" and not re.search(r"grader\.check(_all)?\(", src):
                exec(compile(src, str(nb_path), "exec"), env)
    return env


@pytest.mark.parametrize("name", NAMES)
def test_solved_notebook_passes_public_checks_and_says_hidden_tests_remain(built, name):
    ex = find_exercise(name)
    env = _run_code_cells(built / "artifacts" / name / f"{name}-solution.ipynb")
    grader = Grader(name, tests_dir=ex.public_tests)
    for q in ex.auto_questions:
        report = grader.check(q.name, env)
        text = str(report)
        assert report.passed, text
        assert text.startswith(f"{q.name}: public tests passed (")
        assert "none of the common mistakes they look for" in text
        assert HIDDEN_NOTE in text
        assert "all tests passed" not in text.lower() and "All test cases passed" not in text
        assert HIDDEN_NOTE in report._repr_html_()


@pytest.mark.parametrize("name", NAMES)
def test_solution_passes_every_test_hidden_ones_too(built, name):
    """Quick (no kernel): the solution meets every test, computed from today's data."""
    ex = find_exercise(name)
    env = _run_code_cells(built / "artifacts" / name / f"{name}-solution.ipynb")
    grader = Grader(name, tests_dir=built / "artifacts" / name / "tests")
    for q in ex.auto_questions:
        report = grader.check(q.name, env)
        assert report.ran_hidden and report.passed, str(report)


@pytest.mark.parametrize("name", NAMES)
def test_blank_notebook_says_each_question_is_not_answered_yet(name):
    """A blank answer gets no hints: they are written for wrong answers and would mislead
    ("that is the row at position 21..."); the check names the variables still holding `...`."""
    ex = find_exercise(name)
    env = _run_code_cells(ex.notebook)  # the learner notebook as generated: every answer `...`
    grader = env["grader"]
    assert isinstance(grader, Grader)
    for q in ex.auto_questions:
        report = grader.check(q.name, env)
        text = str(report)
        blanks = [k for k, v in env.items() if k.startswith(f"{q.name}_") and v is Ellipsis]
        assert blanks and report.unanswered and set(report.unanswered) <= set(blanks), (blanks, text)
        assert not report.passed and report.score == 0
        lines = text.splitlines()
        assert lines[0].startswith(f"{q.name}: not answered yet: `{report.unanswered[0]}`"), text
        assert all(f"`{v}`" in lines[0] for v in report.unanswered) and "Replace it" in lines[0]
        assert lines[-1].startswith("Where you stand: not started") and HIDDEN_NOTE in lines[-1]
        assert "  - " not in text, "no hint for a wrong answer when there is no answer"
        assert "Traceback" not in text and "Expected" not in text
        assert "not answered yet" in report._repr_html_()


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_answer_still_gets_the_hints(name):
    """Once the `...` is replaced, even by a wrong value, the usual report shows again (the
    public tests look for common mistakes only, so an odd wrong value may pass them)."""
    ex = find_exercise(name)
    env = _run_code_cells(ex.notebook)
    hinted = 0
    for q in ex.auto_questions:
        for k in [k for k, v in env.items() if k.startswith(f"{q.name}_") and v is Ellipsis]:
            env[k] = -1  # wrong in every question (no answer is a negative number)
        report = env["grader"].check(q.name, env)
        text = str(report)
        assert not report.unanswered and "not answered" not in text, text
        assert re.match(rf"{q.name}: (public tests passed|\d+ of \d+ public tests failed)", text), text
        hinted += "  - " in text
    assert hinted, "no question gave a hint for a wrong answer"


@pytest.mark.parametrize("name", NAMES)
def test_an_answer_cell_not_run_says_so_once(name):
    """The check cell run before its answer cell: one line naming the undefined variables,
    not one hint per test each ending in a NameError."""
    ex = find_exercise(name)
    env = _run_code_cells(ex.notebook)
    for q in ex.auto_questions:
        mine = [k for k in env if k.startswith(f"{q.name}_")]
        left = {k: v for k, v in env.items() if k not in mine}
        report = env["grader"].check(q.name, left)
        lines = str(report).splitlines()
        assert report.undefined and set(report.undefined) <= set(mine), (mine, lines)
        assert lines[0].startswith(f"{q.name}: not run yet: `") and "not defined" in lines[0], lines
        assert len(lines) == 2 and "NameError" not in lines[0] and not report.passed, lines


def test_blank_answers_names_only_the_questions_own_blank_variables():
    from course_lib.grading.learner import blank_answers
    source = "assert q2_rows is not None and q2_count > 0 and q12_other and q2_rows"
    env = {"q2_rows": ..., "q2_count": 3, "q12_other": ...}
    assert blank_answers("q2", source, env) == ("q2_rows",)
    assert blank_answers("q2", source, {"q2_rows": ..., "q2_count": ...}) == ("q2_rows", "q2_count")
    assert blank_answers("q2", source, {}) == ()
    two = CheckReport("q5", [TestOutcome(False, False, "Use a list.")], 0, 6, ("q5_names", "q5_sentence"))
    assert str(two).splitlines()[0] == ("q5: not answered yet: `q5_names` and `q5_sentence` still hold "
                                         "the `...` of the exercise. Replace it with your answer, run "
                                         "that cell, then run this check again.")


def test_report_after_grading_counts_hidden_tests():
    report = CheckReport("q2", [TestOutcome(False, True), TestOutcome(True, True)], 4, 4)
    assert str(report) == "q2: all tests passed (2 of 2: 1 public, 1 hidden)."
    failed = CheckReport("q2", [TestOutcome(False, True), TestOutcome(True, False, "Look at the dates.")], 2, 4)
    assert str(failed) == "q2: 1 of 2 tests failed (1 public, 1 hidden ran).\n  - Look at the dates."


def test_a_failed_public_check_says_where_the_learner_stands():
    partial = CheckReport("q3", [TestOutcome(False, True), TestOutcome(False, False, "A tie is in the wrong order."),
                                 TestOutcome(False, True)], 0, 4)
    lines = str(partial).splitlines()
    assert lines[0] == "q3: 1 of 3 public tests failed."
    assert lines[1] == "  - A tie is in the wrong order."
    assert lines[-1].startswith("Where you stand: 2 of 3 public tests passed; each hint above names an idea")
    assert lines[-1].endswith(HIDDEN_NOTE) and "Where you stand: 2 of 3" in partial._repr_html_()
    none = CheckReport("q3", [TestOutcome(False, False, "Use a list.")], 0, 4)
    assert "no public test passed yet" in str(none).splitlines()[-1]


def test_error_line_is_shown_but_not_a_bare_assertion():
    report = CheckReport("q1", [TestOutcome(False, False, "Use a list.", "NameError: name 'x' is not defined")], 0, 2)
    assert str(report).splitlines()[:2] == [
        "q1: 1 of 1 public tests failed: NameError: name 'x' is not defined.", "  - Use a list."]
    mixed = CheckReport("q1", [TestOutcome(False, False, "Use a list.", "TypeError: bad"),
                               TestOutcome(False, False, "Sort it.")], 0, 2)
    assert "  - Use a list. (TypeError: bad)" in str(mixed) and "  - Sort it." in str(mixed)


def test_unknown_question_lists_the_questions():
    ex = find_exercise("03")
    with pytest.raises(GradingError, match=r"no question 'q9'.*q1, q2, q3, q4"):
        Grader(ex.name, tests_dir=ex.public_tests).check("q9", {})


def test_grader_finds_tests_beside_the_notebook_or_in_the_course(tmp_path, monkeypatch):
    ex = find_exercise("03")
    monkeypatch.chdir(tmp_path)  # a notebook moved elsewhere: the course's tests are used
    assert Grader(ex.name).tests_dir() == ex.public_tests
    shutil.copytree(ex.public_tests, tmp_path / "tests")
    assert Grader(ex.name).tests_dir() == Path("tests")
    monkeypatch.chdir(tmp_path / "tests")  # no tests/ here, and no such exercise in the course
    with pytest.raises(GradingError, match="csto reset 09-nowhere"):
        Grader("09-nowhere").tests_dir()


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_unanswered_exercise_runs_in_a_kernel_without_tracebacks(tmp_path, name):
    """What a learner sees running the notebook unanswered in JupyterLab: only check reports."""
    import nbformat
    from nbclient import NotebookClient

    ex = find_exercise(name)
    folder = tmp_path / name
    shutil.copytree(ex.folder, folder)
    nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    checks = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", f"cell {cell.id} raised {out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {cell.id} wrote to stderr: {out.text[:300]}"
        if "grader.check(" in cell.source:
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "not answered yet" in text and HIDDEN_NOTE in text, text
            checks += 1
        if "grader.check_all()" in cell.source:
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "Total on the public tests: 0 of" in text
    assert checks == len(ex.auto_questions)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in ex.folder.iterdir()), \
        "running the notebook left files beside it"
