"""The lessons pulled onto a hub and the course_lib installed there are checked against each
other: ``import course_lib`` in a kernel warns, saying what to do, when they differ."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import warnings

import pytest

import course_lib
from course_lib.edition import EDITION_FILE, mismatch_message, warn_on_mismatch
from course_lib.exceptions import CourseVersionWarning

from .conftest import ROOT


def _import_in(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import course_lib"], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def test_pyproject_and_course_lib_give_the_same_version():
    """The edition records course_lib.__version__; pip installs pyproject's version."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert version == course_lib.__version__, (
        f"pyproject.toml says {version}, course_lib/__init__.py says {course_lib.__version__}: "
        "bump both together"
    )


@pytest.mark.parametrize("where", ["notebooks", "exercises/03-who-is-in"])
def test_a_kernel_in_an_edition_of_another_version_warns_with_what_to_do(edition, tmp_path, where):
    copy = tmp_path / "csto-in-data"
    (copy / where).mkdir(parents=True)
    (copy / EDITION_FILE).write_text(json.dumps({"course_lib": "99.0.0"}))
    out = _import_in(copy / where)
    assert out.returncode == 0, out.stderr
    assert "CourseVersionWarning" in out.stderr
    assert "made for course_lib 99.0.0" in out.stderr and course_lib.__version__ in out.stderr
    assert "tell your instructor" in out.stderr and "pip install -e ." in out.stderr


def test_a_kernel_in_a_matching_edition_or_a_clone_is_silent(edition):
    for folder in (edition / "notebooks", edition / "exercises" / "03-who-is-in", ROOT / "notebooks"):
        out = _import_in(folder)
        assert out.returncode == 0 and "Warning" not in out.stderr, out.stderr


def test_the_warning_is_a_course_version_warning(tmp_path):
    (tmp_path / EDITION_FILE).write_text(json.dumps({"course_lib": "0.0.0-old"}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        message = warn_on_mismatch(tmp_path)
    assert message and [w.category for w in caught] == [CourseVersionWarning]
    assert mismatch_message(tmp_path, installed="0.0.0-old") is None


def test_an_unreadable_edition_file_is_not_an_error(tmp_path):
    (tmp_path / EDITION_FILE).write_text("not json")
    assert mismatch_message(tmp_path) is None


@pytest.mark.parametrize("name", ["course_lib.edition", "course_lib.links"])
def test_docstring_examples_run(name):
    import doctest
    import importlib

    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
