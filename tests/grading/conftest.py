"""Fixtures for the grading tests: one build of every exercise into a temporary folder, and
helpers to hash the parts of the course a submission could try to change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from course_lib.grading import course_root, list_exercises
from course_lib.grading.build import build

ROOT = course_root()
EXERCISES = list_exercises(ROOT)
NAMES = [ex.name for ex in EXERCISES]


def tree_digest(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folders`` (checkpoints and caches left out)."""
    found = {}
    for folder in folders:
        for p in sorted(Path(folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts:
                found[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every exercise built into a temporary folder: ``exercises/`` and ``artifacts/``."""
    out = tmp_path_factory.mktemp("built")
    build(exercises_dir=out / "exercises", artifacts_dir=out / "artifacts", root=ROOT)
    return out


@pytest.fixture(scope="session")
def guarded_folders(built) -> tuple[Path, ...]:
    """What no submission may change: the course's exercises, solutions and grading code and
    tests, and the temporary autograder tests grading uses."""
    return (
        ROOT / "exercises", ROOT / "solutions", ROOT / "course_lib" / "grading",
        ROOT / "tests" / "grading", built / "artifacts",
    )
