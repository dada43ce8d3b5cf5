"""The sandbox keeps the course visible wherever it is installed.

``--tmpfs /tmp`` gives each submission a fresh /tmp, which would also hide a course (or its
venv) that lives under /tmp, as a CI checkout may: every submission would then fail with
"bwrap: execvp ...python: No such file or directory". Those folders are bound back, read-only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from course_lib.grading import sandbox


def _binds_after_tmpfs(argv: list[str]) -> list[str]:
    start = argv.index("--tmpfs")
    return [argv[i + 1] for i in range(start, argv.index("--")) if argv[i] == "--ro-bind"]


def test_a_venv_under_tmp_is_bound_back_read_only(monkeypatch, tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(venv))
    argv = sandbox.wrap(["python", "-c", "pass"], tmp_path / "work", tmp_path / "tests", {})
    assert str(venv.resolve()) in _binds_after_tmpfs(argv), argv


def test_nested_folders_are_bound_once(monkeypatch, tmp_path):
    venv = tmp_path / "course" / ".venv"
    (venv / "bin").mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(venv))
    monkeypatch.setattr(sys, "exec_prefix", str(tmp_path / "course"))
    binds = sandbox._course_paths_under_tmp()
    assert str((tmp_path / "course").resolve()) in binds
    assert str(venv.resolve()) not in binds


def test_nothing_outside_tmp_is_bound_again(monkeypatch):
    monkeypatch.setattr(sys, "prefix", "/usr")
    assert all(Path(p).is_relative_to("/tmp") for p in sandbox._course_paths_under_tmp())
