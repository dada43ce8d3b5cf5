"""`make learner-edition`: everything a learner needs, and no answer anywhere in it.

The scan reads the masters in ``solutions/`` itself (not through the build code it checks):
every line between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` and every test marked
``hidden: true``, for every master, must be absent from every text file of the edition.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.edition import EDITION_FILE, find_edition, mismatch_message
from course_lib.grading import list_exercises

from .conftest import MASTERS, ROOT

_TEST_CONFIG = re.compile(r'"""\s*# BEGIN TEST CONFIG(?P<config>.*?)"""\s*# END TEST CONFIG',
                          re.DOTALL)


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def secrets_of(master: Path) -> tuple[list[str], list[str]]:
    """(solution lines, hidden test bodies) of one otter master notebook."""
    nb = json.loads(master.read_text(encoding="utf-8"))
    solution, hidden = [], []
    in_solution = in_tests = False
    for cell in nb["cells"]:
        text = _source(cell)
        head = text.strip().upper()
        if cell["cell_type"] == "raw":
            if head.startswith("# BEGIN SOLUTION"):
                in_solution = True
            elif head.startswith("# END SOLUTION"):
                in_solution = False
            elif head.startswith("# BEGIN TESTS"):
                in_tests = True
            elif head.startswith("# END TESTS"):
                in_tests = False
            continue
        lines = text.splitlines()
        if cell["cell_type"] == "code":
            # inline markers: `x = answer  # SOLUTION`, and ### BEGIN/END SOLUTION blocks
            block = False
            for line in lines:
                if re.match(r"\s*#+ BEGIN SOLUTION", line):
                    block = True
                elif re.match(r"\s*#+ END SOLUTION", line):
                    block = False
                elif block or re.search(r"#\s*SOLUTION\s*$", line):
                    solution.append(line)
        if in_solution:
            solution.extend(lines)
        if in_tests and cell["cell_type"] == "code":
            config = _TEST_CONFIG.search(text)
            if config and re.search(r"^\s*hidden:\s*true\s*$", config["config"], re.MULTILINE):
                hidden.append(text[config.end():].strip())
    return solution, hidden


def _lessons_code() -> str:
    """The code of the course's lessons (``notebooks/``, in the repository), one cell a block."""
    cells = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        cells += [_source(c) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
                  if c["cell_type"] == "code"]
    return "\n".join(cells)


def needles_of(lines: list[str]) -> list[str]:
    """What to search the edition for: each solution line whole (markers stripped, at least
    25 characters) and the expression an answer variable is given (``q3_x = <this>``); prompts
    (``x = ...``, ``x = x``), markers and short fragments of wrapped prose are left out."""
    out = []
    for line in lines:
        line = re.sub(r"\s*#\s*SOLUTION\s*$", "", line).strip()
        if not line or line.startswith("#") or re.fullmatch(r"\w+ = (\w+|\.\.\.)", line):
            continue
        if len(line) >= 25:
            out.append(line)
        answer = re.match(r"^q\w+ = (?P<rhs>.+)$", line)
        if answer and len(answer["rhs"]) >= 20:
            out.append(answer["rhs"])
    return list(dict.fromkeys(out))


def _edition_text(edition: Path) -> dict[str, str]:
    out = {}
    for path in edition.rglob("*"):
        if path.is_file():
            try:
                out[path.relative_to(edition).as_posix()] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return out


def test_there_are_masters_to_scan():
    assert len(MASTERS) >= 6, "solutions/ holds fewer masters than the course has exercises"


@pytest.mark.parametrize("master", MASTERS, ids=[m.stem for m in MASTERS])
def test_no_solution_line_or_hidden_test_of_this_master_is_in_the_edition(edition, master):
    solution, hidden = secrets_of(master)
    needles = needles_of(solution)
    assert needles, f"{master.name}: no solution line found: is the scan still reading it?"
    assert hidden, f"{master.name}: no hidden test found: is the scan still reading it?"
    texts = _edition_text(edition)
    # a notebook stores its source as JSON strings: search the decoded cells too
    for rel, text in list(texts.items()):
        if rel.endswith(".ipynb"):
            texts[rel + " (cells)"] = "\n".join(_source(c) for c in json.loads(text)["cells"])
    # A line a lesson teaches in the open (``end_2024 = cl.members_on("2024-12-31")``) is a
    # step, not a secret: only lines the course's lessons do not show count as answers.
    # (That no ANSWER appears in a lesson's outputs is tests/grading/test_practice.py's job.)
    taught = _lessons_code()
    leaks = [(rel, n) for n in needles if n not in taught
             for rel, text in texts.items() if n in text]
    assert not leaks, f"{master.name}: model answers in the edition: {leaks[:5]}"
    for body in hidden:
        lines = [ln.strip() for ln in body.splitlines() if len(ln.strip()) > 20]
        found = [(rel, ln) for ln in lines for rel, text in texts.items() if ln in text]
        assert not found, f"{master.name}: a hidden test is in the edition: {found[:3]}"


def test_the_scan_finds_a_planted_answer(edition, tmp_path, edition_script):
    """The check above can fail: a copy of the edition with one master's answer planted in an
    exercise notebook is caught."""
    solution, hidden = secrets_of(MASTERS[1])
    needle = needles_of(solution)[0]
    planted = tmp_path / "planted.py"
    planted.write_text(f"x = {needle}\n{hidden[0]}\n")
    texts = _edition_text(edition) | {"planted.py": planted.read_text()}
    assert any(needle in t for t in texts.values())
    assert any(hidden[0].splitlines()[-1].strip() in t for t in texts.values())


def test_no_forbidden_file_and_the_build_refuses_one(edition, edition_script, tmp_path):
    assert edition_script.forbidden_files(edition) == []
    for part in ("solutions", "artifacts", "tests", "bench", ".git", "hub", "Makefile"):
        assert not (edition / part).exists(), f"{part} should not be in the learner edition"
    assert not list(edition.rglob("*autograder*.zip"))
    assert not list(edition.rglob("*-solution.ipynb"))
    fake = tmp_path / "course"
    shutil.copytree(edition, fake)
    planted = fake / "exercises" / "03-who-is-in" / "03-who-is-in-autograder.zip"
    planted.write_bytes(b"PK")
    with pytest.raises(SystemExit, match="must not see.*autograder"):
        edition_script.build(tmp_path / "out", fake)
    assert not (tmp_path / "out").exists(), "a refused edition must not be left behind"


def test_the_edition_has_what_a_learner_needs(edition):
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.name for p in (edition / "notebooks").glob("*.ipynb")) == lessons
    for ex in list_exercises(ROOT):
        folder = edition / "exercises" / ex.name
        assert (folder / f"{ex.name}.ipynb").read_bytes() == ex.notebook.read_bytes()
        assert sorted(p.name for p in (folder / "tests").glob("q*.py")) == sorted(
            p.name for p in ex.public_tests.glob("q*.py"))
    assert (edition / "datasets" / "datapackage.json").is_file()
    assert (edition / "course_lib" / "__init__.py").is_file()
    readme = (edition / "README.md").read_text(encoding="utf-8")
    assert "Download" in readme and "nbgitpuller" in readme and "solutions/" not in readme
    assert not list(edition.rglob("__pycache__")) and not list(edition.rglob("*.backup-*"))


def test_grader_check_runs_from_the_edition_alone(edition):
    """An exercise's public tests run in the edition, which has no solutions/ folder: the
    master's own answer to q1 (computed here, outside the edition) passes them there."""
    from course_lib.grading.master import read_master, solution_env

    master = read_master(ROOT / "solutions" / "03-who-is-in.ipynb")
    answers = {v: solution_env(master)[v] for v in master.variables("q1")}
    code = ("from course_lib.grading.learner import Grader\n"
            f"globals().update({answers!r})\n"
            "print(Grader('03-who-is-in').check('q1', globals()))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=edition / "exercises" / "03-who-is-in",
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "q1: public tests passed" in out.stdout and "Hidden tests run" in out.stdout


def test_the_edition_records_the_course_lib_version(edition):
    import course_lib

    record = json.loads((edition / EDITION_FILE).read_text(encoding="utf-8"))
    assert record["course_lib"] == course_lib.__version__
    assert find_edition(edition / "exercises" / "03-who-is-in") == edition / EDITION_FILE
    assert mismatch_message(edition / "notebooks") is None


def test_publish_commits_the_tree_to_a_branch_and_is_idempotent(edition, edition_script, tmp_path):
    bare = tmp_path / "course.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    first = edition_script.publish(edition, "learner-edition", bare)
    assert first and edition_script.publish(edition, "learner-edition", bare) is None
    listed = subprocess.run(["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only",
                             "learner-edition"], capture_output=True, text=True, check=True)
    files = set(listed.stdout.split())
    assert {f"notebooks/{p.name}" for p in (edition / "notebooks").glob("*.ipynb")} <= files
    assert EDITION_FILE in files and not any(f.startswith("solutions/") for f in files)
    (edition / "notebooks" / "extra.md").write_text("new\n")
    try:
        second = edition_script.publish(edition, "learner-edition", bare)
    finally:
        (edition / "notebooks" / "extra.md").unlink()
    parent = subprocess.run(["git", "--git-dir", str(bare), "rev-parse", f"{second}^"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert parent == first, "an update must build on the previous edition (nbgitpuller merges)"
