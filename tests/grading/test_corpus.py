"""`csto grade` on a class's worth of bad submissions: every file gets a score or a clear
error, the grader never crashes, nothing in the course changes; and every solution scores full
marks while every blank exercise scores zero.

The corpus is graded once per session (module-scoped fixtures), sandboxed as in real use.
"""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from course_lib.grading import find_exercise
from course_lib.grading.cli import main
from course_lib.grading.grade import GradeOptions, grade_folder
from course_lib.grading.sandbox import sandbox_available

from .conftest import NAMES, tree_digest
from .corpus import KINDS, make_corpus

pytestmark = pytest.mark.slow

CLASS = "03-who-is-in"
OPTIONS = GradeOptions(cell_timeout=15, time_limit=240, sandbox="auto")


@pytest.fixture(scope="module")
def corpus_run(built, guarded_folders, tmp_path_factory):
    """Write the corpus, grade it through the CLI (as an instructor would), read the CSV."""
    ex, other = find_exercise(CLASS), find_exercise("04")
    folder = tmp_path_factory.mktemp("corpus")
    art = built / "artifacts"
    expect = make_corpus(
        folder, ex.notebook, art / CLASS / f"{CLASS}-solution.ipynb",
        art / other.name / f"{other.name}-solution.ipynb", [q.name for q in ex.auto_questions],
    )
    before = tree_digest(*guarded_folders)
    out = folder.parent / f"{folder.name}-grades.csv"
    mp = pytest.MonkeyPatch()
    mp.setenv("CSTO_ARTIFACTS_DIR", str(art))
    try:
        code = main(["grade", str(folder), "--out", str(out), "--exercise", CLASS, "--no-progress",
                     "--cell-timeout", str(OPTIONS.cell_timeout), "--time-limit", str(OPTIONS.time_limit)])
    finally:
        mp.undo()
    after = tree_digest(*guarded_folders)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return expect, rows, code, before, after


def test_corpus_has_every_kind_from_the_issue(corpus_run):
    expect, _, _, _, _ = corpus_run
    assert len(expect) >= 16 and len(KINDS) == len(expect)


def test_one_row_per_file_and_the_grader_did_not_crash(corpus_run):
    expect, rows, code, _, _ = corpus_run
    assert sorted(rows) == sorted(expect)
    assert code == 1  # some files could not be graded: said so, CSV written anyway


@pytest.mark.parametrize("kind", range(19))
def test_each_file_gets_a_score_or_a_clear_error(corpus_run, kind):
    expect, rows, _, _, _ = corpus_run
    name = sorted(expect)[kind]
    want, row = expect[name], rows[name]
    assert row["status"] == want.status, f"{name}: {row}"
    total, maximum = row["total"], float(row["max"])
    if want.score == "none":
        assert total == "" and len(row["message"]) > 30, f"{name}: an error needs a message: {row}"
    else:
        score = float(total)
        assert {"full": score == maximum, "zero": score == 0,
                "partial": 0 < score < maximum}[want.score], f"{name}: score {score} of {maximum}"
    if want.message:
        assert re.search(want.message, row["message"]), f"{name}: message {row['message']!r}"


def test_nothing_in_the_course_changed(corpus_run):
    _, _, _, before, after = corpus_run
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"grading changed {changed}"


def test_the_sandbox_was_used_here():
    ok, why = sandbox_available()
    assert ok, f"bubblewrap should work on this machine ({why}); scripts/system-deps.sh installs it"


@pytest.fixture(scope="module")
def solutions_and_blanks(built, tmp_path_factory):
    """The solved and the blank notebook of every exercise, graded in one run."""
    folder = tmp_path_factory.mktemp("all-exercises")
    for name in NAMES:
        shutil.copyfile(built / "artifacts" / name / f"{name}-solution.ipynb", folder / f"solved-{name}.ipynb")
        shutil.copyfile(built / "exercises" / name / f"{name}.ipynb", folder / f"blank-{name}.ipynb")
    mp = pytest.MonkeyPatch()
    mp.setenv("CSTO_ARTIFACTS_DIR", str(built / "artifacts"))
    try:
        _, results = grade_folder(folder, options=OPTIONS, progress=False, each=True)
    finally:
        mp.undo()
    return {r.notebook: r for r in results}


@pytest.mark.parametrize("name", NAMES)
def test_every_solution_scores_full_marks(solutions_and_blanks, name):
    r = solutions_and_blanks[f"solved-{name}.ipynb"]
    assert r.status == "graded" and r.exercise == name, r
    assert r.full_marks, [(q.name, q.status, q.message) for q in r.questions]
    assert r.message == "", f"the solution raised: {r.message}"


@pytest.mark.parametrize("name", NAMES)
def test_every_blank_exercise_scores_zero_with_helpful_feedback(solutions_and_blanks, name):
    r = solutions_and_blanks[f"blank-{name}.ipynb"]
    assert r.status == "graded" and r.score == 0, r
    assert r.message == "", f"the blank notebook raised: {r.message}"
    for q in r.questions:
        if q.status != "by hand":
            assert q.status == "not attempted" and "placeholder" in q.message, q


def test_a_notebook_over_the_time_limit_is_stopped_and_reported(built, tmp_path):
    """One cell that never ends, with a cell timeout longer than the notebook's limit."""
    import json
    import subprocess

    from course_lib.grading.grade import grade_notebook

    ex = find_exercise(CLASS)
    nb = json.loads((built / "exercises" / CLASS / f"{CLASS}.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": "import time\nwhile True:\n    time.sleep(0.1)\n"})
    path = tmp_path / "forever.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    r = grade_notebook(path, exercise=ex, tests_dir=built / "artifacts" / CLASS / "tests",
                       options=GradeOptions(cell_timeout=300, time_limit=12, sandbox="auto"))
    assert r.status == "timeout" and r.score is None
    assert "time limit of 12 s" in r.message
    left = subprocess.run(["pgrep", "-f", "cell-timeout 300.0"], capture_output=True, text=True).stdout.split()
    assert not left, "the stopped notebook left processes behind"


def test_without_bubblewrap_or_cgroups_grading_warns_and_still_works(built, tmp_path, monkeypatch):
    from course_lib.grading import box
    from course_lib.grading import grade as grade_mod
    from course_lib.grading import sandbox

    monkeypatch.setattr(sandbox, "sandbox_available", lambda: (False, "bwrap is not installed"))
    no_cgroups = lambda: (False, "no cgroup v1 memory controller is mounted")  # noqa: E731
    monkeypatch.setattr(box, "cgroups_available", no_cgroups)
    monkeypatch.setattr(grade_mod, "cgroups_available", no_cgroups)
    warnings_seen: list[str] = []
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copyfile(built / "artifacts" / CLASS / f"{CLASS}-solution.ipynb", folder / "a.ipynb")
    _, results = grade_folder(folder, exercise=find_exercise(CLASS), options=OPTIONS, progress=False,
                              tests_dir=built / "artifacts" / CLASS / "tests", warn=warnings_seen.append)
    assert any("WITHOUT a sandbox" in w and "apt-get install bubblewrap" in w for w in warnings_seen)
    assert any("RLIMIT_AS" in w and "no process limit" in w for w in warnings_seen), warnings_seen
    assert results[0].status == "graded" and results[0].full_marks
    with pytest.raises(Exception, match="required"):
        grade_mod._use_sandbox("bwrap", None)


def test_the_autograder_zip_works_with_otter_run(built, tmp_path):
    """`csto build`'s zip is a plain otter autograder: `otter run` gives the solution full marks."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    name = "06-the-csto-and-its-neighbours"
    sub = tmp_path / "submission.ipynb"
    shutil.copyfile(built / "artifacts" / name / f"{name}-solution.ipynb", sub)
    otter = Path(sys.executable).parent / "otter"
    proc = subprocess.run(
        [str(otter), "run", "-a", str(built / "artifacts" / name / f"{name}-autograder.zip"),
         "-o", str(tmp_path), str(sub)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    scores = {t["name"]: (t.get("score"), t.get("max_score")) for t in results["tests"] if t["name"].startswith("q")}
    assert scores and all(s == m and m > 0 for s, m in scores.values()), scores
