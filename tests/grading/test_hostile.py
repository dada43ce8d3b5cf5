"""`csto grade` against submissions written to hurt it (issue 19): a memory bomb, a fork loop, a
child in its own session that ignores SIGTERM, an endless sleep, a hunt for the answers,
writes to every path it can think of, and a file that grows until something stops it (it
lives in memory, so the memory limit does, and the disk never sees it). Each gets a row with a clear status, the run keeps to
its limits, and the course and the machine are left as they were: no file changed, no process,
cgroup or temporary folder left behind.

Small limits keep it quick and safe on a shared machine: 256 MB, 64 tasks, 25 s per notebook.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from course_lib.grading import find_exercise
from course_lib.grading.box import _parents, cgroups_available
from course_lib.grading.cli import main
from course_lib.grading.sandbox import sandbox_available

from .conftest import tree_digest
from .hostile import HOSTILE_KINDS, WRITE_TARGETS, make_hostile

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sandbox_available()[0], reason="bubblewrap cannot run here"),
    pytest.mark.skipif(not cgroups_available()[0], reason="no cgroups here: the limits would be per process"),
]

from .test_corpus import CLASS  # noqa: E402  (one class exercise for every corpus)
TIME_LIMIT = 25
LIMITS = ["--memory-limit", "256M", "--max-processes", "64", "--time-limit", str(TIME_LIMIT),
          "--cell-timeout", "10"]


def _our_cgroups() -> list[Path]:
    return [g for parent in _parents().values() for g in parent.glob(f"csto-grade-{os.getpid()}-*")]


def _survivors(marker: str) -> list[str]:
    return subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True).stdout.splitlines()


@pytest.fixture(scope="module")
def hostile_run(built, guarded_folders, tmp_path_factory):
    ex = find_exercise(CLASS)
    marker = f"csto-hostile-{uuid.uuid4().hex[:12]}"
    folder = tmp_path_factory.mktemp("hostile")
    expect = make_hostile(folder, built / "artifacts" / CLASS / f"{CLASS}-solution.ipynb", marker, "256 MB")
    before = tree_digest(*guarded_folders)
    scratch = tmp_path_factory.mktemp("grader-tmp")  # the grader's own temporary folders go here
    out = folder.parent / "hostile-grades.csv"
    mp = pytest.MonkeyPatch()
    mp.setenv("CSTO_ARTIFACTS_DIR", str(built / "artifacts"))
    mp.setattr(tempfile, "tempdir", str(scratch))
    try:
        code = main(["grade", str(folder), "--out", str(out), "--exercise", ex.name, "--no-progress",
                     "--jobs", "2", *LIMITS])
    finally:
        mp.undo()
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return {"expect": expect, "rows": rows, "code": code, "before": before,
            "after": tree_digest(*guarded_folders), "marker": marker, "scratch": scratch, "folder": folder}


def test_the_corpus_has_every_attack_of_the_issue(hostile_run):
    assert len(hostile_run["expect"]) == len(HOSTILE_KINDS) == 7
    assert sorted(hostile_run["rows"]) == sorted(hostile_run["expect"])
    assert hostile_run["code"] == 1  # some rows are not graded: said so, CSV written


@pytest.mark.parametrize("index", range(len(HOSTILE_KINDS)), ids=HOSTILE_KINDS)
def test_each_attack_gets_a_row_with_a_clear_status(hostile_run, index):
    name = sorted(hostile_run["expect"])[index]
    want, row = hostile_run["expect"][name], hostile_run["rows"][name]
    assert row["status"] == want.status, f"{name}: {row}"
    if want.score == "full":
        assert float(row["total"]) == float(row["max"]) > 0, f"{name}: the rest of the notebook was not graded: {row}"
    else:
        assert row["total"] == "" and "no score" in row["message"], row
    if want.message:
        assert re.search(want.message, row["message"]), f"{name}: {row['message']!r}"


def test_the_time_limit_holds(hostile_run):
    row = hostile_run["rows"]["h4-endless-sleep.ipynb"]
    # a limit, not a benchmark: stopped at 25 s, plus the kill and the clean-up
    assert float(row["seconds"]) < TIME_LIMIT + 15, row


def test_nothing_in_the_course_changed(hostile_run):
    before, after = hostile_run["before"], hostile_run["after"]
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"grading changed {changed}"


def test_nothing_was_written_on_the_machine(hostile_run):
    from course_lib.grading import course_root

    root = course_root()
    places = [Path(t) for t in WRITE_TARGETS] + [Path.home(), root, root / "solutions", root / "exercises",
                                                   root / "artifacts", Path("/tmp/home")]
    left = [str(p / hostile_run["marker"]) for p in places if (p / hostile_run["marker"]).exists()]
    assert not left, left


def test_no_process_cgroup_or_temporary_folder_outlives_grading(hostile_run):
    assert not _survivors(hostile_run["marker"]), _survivors(hostile_run["marker"])
    assert not _our_cgroups()
    assert not list(hostile_run["scratch"].iterdir()), list(hostile_run["scratch"].iterdir())


def test_csto_check_keeps_the_same_limits(built, hostile_run, capsys, monkeypatch):
    monkeypatch.setenv("CSTO_ARTIFACTS_DIR", str(built / "artifacts"))
    code = main(["check", str(hostile_run["folder"] / "h1-memory-bomb.ipynb"), *LIMITS])
    out = capsys.readouterr().out
    assert code == 3 and "Not graded (memory)" in out and "256 MB" in out, out
    assert not _our_cgroups()


def test_the_hidden_tests_still_run_at_the_grading_step(built):
    """They are out of the notebook's reach while its cells run, yet every one of them runs at
    the end: the solution's rows count exactly the hidden cases of the autograder's test files."""
    from course_lib.grading.grade import GradeOptions, grade_notebook

    tests = built / "artifacts" / CLASS / "tests"
    result = grade_notebook(built / "artifacts" / CLASS / f"{CLASS}-solution.ipynb", exercise=find_exercise(CLASS),
                            tests_dir=tests, options=GradeOptions(cell_timeout=30, time_limit=120))
    assert result.status == "graded" and result.full_marks, result
    for q in result.questions:
        if q.status == "by hand":
            continue
        hidden = (tests / f"{q.name}.py").read_text(encoding="utf-8").count("'hidden': True")
        assert hidden > 0 and f"{hidden} hidden" in q.message, (q.name, q.message)
