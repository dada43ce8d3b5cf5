"""The `csto` command: help and exit codes, check (text and JSON), reset, errors that speak."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from course_lib.grading import find_exercise
from course_lib.grading.cli import build_parser, main
from course_lib.grading.reset import reset

from .conftest import NAMES


@pytest.mark.parametrize("command", [[], ["check"], ["grade"], ["reset"], ["build"]])
def test_help_documents_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as info:
        main(command + ["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "exit codes:" in text and "  3  the input cannot be used" in text


def test_console_script_is_installed():
    exe = shutil.which("csto", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the csto console script is missing: reinstall with `make install`"
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "csto grade DIR --out" in out.stdout


def test_missing_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["grade", "somewhere"])
    assert info.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_unknown_exercise_suggests_the_right_one(capsys):
    assert main(["reset", "who-is-inn", "--folder", "/nonexistent"]) == 3
    err = capsys.readouterr().err
    assert "Did you mean '03-who-is-in'?" in err


def test_check_an_unreadable_notebook(tmp_path, capsys):
    bad = tmp_path / "work.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    assert main(["check", str(bad), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "error" and "cut short" in out["message"]


@pytest.mark.parametrize("name, text, says", [
    ("answers.md", "# Exercise 03\n\nMy answers:\n- q1: 6\n", "It looks like Markdown text"),
    ("work.py", "#!/usr/bin/env python\n# coding: utf-8\nimport course_lib as cl\n", "It looks like Python code"),
    ("exported.ipynb", "# In[1]:\n\n\nfrom course_lib.grading.learner import Grader\n", "It looks like Python code"),
    ("notes.txt", "my answer is 6\n", "plain text, not a notebook"),
])
def test_check_a_text_file_that_is_no_notebook_says_what_it_is(tmp_path, capsys, name, text, says):
    """A Markdown or Python file is not a notebook 'cut short': the message says what it is."""
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    assert main(["check", str(bad), "--json"]) == 3
    message = json.loads(capsys.readouterr().out)["message"]
    assert says in message and "plain text, not a notebook" in message, message
    assert "cut short" not in message, message


def test_grade_a_missing_folder(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "g.csv")]) == 3
    assert "is not a folder" in capsys.readouterr().err


def test_grade_an_empty_folder(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    assert main(["grade", str(tmp_path / "class"), "--out", str(tmp_path / "g.csv"), "--no-progress"]) == 3
    assert "nothing to grade" in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


@pytest.mark.slow
def test_check_json_of_a_solved_notebook_somewhere_else(built, tmp_path, capsys, monkeypatch):
    name = "05-drills-and-deployments"
    moved = tmp_path / "Downloads" / "my work (final).ipynb"
    moved.parent.mkdir()
    shutil.copyfile(built / "artifacts" / name / f"{name}-solution.ipynb", moved)
    monkeypatch.setenv("CSTO_ARTIFACTS_DIR", str(built / "artifacts"))
    assert main(["check", str(moved), "--json", "--all-tests"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"notebook", "exercise", "score", "max", "questions"} <= set(out)
    assert out["exercise"] == name and out["score"] == out["max"] > 0 and out["tests"] == "all"
    for q in out["questions"]:
        assert {"name", "score", "max", "status", "message"} <= set(q)
        assert q["status"] in ("passed", "by hand")


@pytest.mark.slow
def test_check_text_report_of_a_blank_notebook(capsys):
    ex = find_exercise("02")
    assert main(["check", str(ex.notebook)]) == 1
    text = capsys.readouterr().out
    assert "public tests only: hidden tests run when your work is graded" in text
    assert text.count("not attempted") == len(ex.auto_questions)
    assert "by hand" in text and "Total: 0 of" in text


@pytest.mark.parametrize("name", NAMES[:1])
def test_reset_keeps_a_backup_and_gives_a_fresh_copy(tmp_path, name):
    ex = find_exercise(name)
    folder = tmp_path / name
    shutil.copytree(ex.folder, folder)
    mine = folder / f"{name}.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("q1_treaty_events = ...", "q1_treaty_events = 42"),
                    encoding="utf-8")
    work = mine.read_bytes()
    fresh, backup = reset(ex, folder)
    assert backup is not None and backup.read_bytes() == work
    assert backup.name.startswith(f"{name}.backup-") and backup.suffix == ".ipynb"
    assert fresh.read_bytes() == ex.notebook.read_bytes()
    # a second reset keeps both backups: no work is ever overwritten
    mine.write_text("my second try", encoding="utf-8")
    _, second = reset(ex, folder)
    assert second != backup and second.read_text(encoding="utf-8") == "my second try"
    assert backup.read_bytes() == work


def test_reset_from_the_command_line_by_number(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["reset", "3", "--folder", str(folder)]) == 0
    assert (folder / "03-who-is-in.ipynb").is_file() and (folder / "tests" / "q1.py").is_file()
    assert "fresh copy of 03-who-is-in" in capsys.readouterr().out


def test_parser_lists_the_four_commands():
    text = build_parser().format_help()
    for cmd in ("check", "grade", "reset", "build"):
        assert f"csto {cmd}" in text
