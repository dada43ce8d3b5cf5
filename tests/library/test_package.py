"""The package itself: its public names, a light import, and data found wherever it is installed."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import course_lib as cl
from course_lib import exceptions

from .conftest import REPO

HEAVY = ("matplotlib", "ipywidgets", "otter")
CONTRACT = [
    "list_datasets", "load", "info", "source_text", "members_on", "membership_history",
    "resolve_country", "parse_date", "data_dir",
]


def _python(code: str, cwd: str | Path, env: dict[str, str] | None = None) -> str:
    """Run code in a fresh interpreter (the project's venv) and return its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", CONTRACT + list(exceptions.__all__))
def test_every_contract_name_is_exported(name):
    assert name in cl.__all__
    assert getattr(cl, name) is not None


@pytest.mark.parametrize("name", list(exceptions.__all__))
def test_every_error_class_is_reexported_unchanged(name):
    assert getattr(cl, name) is getattr(exceptions, name)
    assert issubclass(getattr(cl, name), cl.CourseError)


@pytest.mark.parametrize("name", CONTRACT)
def test_public_functions_have_numpydoc_with_an_example(name):
    func = getattr(cl, name)
    doc = inspect.getdoc(func) or ""
    assert "Examples\n--------" in doc and ">>> " in doc, f"{name} needs an Examples section"
    hints = inspect.get_annotations(func)
    assert "return" in hints, f"{name} needs a return type hint"


def test_all_names_exist_and_are_unique():
    assert len(cl.__all__) == len(set(cl.__all__))
    for name in cl.__all__:
        assert hasattr(cl, name)


def test_import_loads_no_matplotlib_ipywidgets_or_otter():
    code = (
        "import sys, course_lib, json\n"
        "from course_lib import *\n"
        f"print(json.dumps([m for m in sys.modules if m.split('.')[0] in {HEAVY!r}]))\n"
    )
    assert json.loads(_python(code, cwd=REPO)) == []


def test_loading_data_loads_no_matplotlib_either():
    code = (
        "import sys, json, course_lib as cl\n"
        "cl.members_on('2010'); cl.membership_history('Armenia'); cl.info('memberships')\n"
        "[cl.load(n) for n in cl.list_datasets()['name']]\n"
        f"print(json.dumps([m for m in sys.modules if m.split('.')[0] in {HEAVY!r}]))\n"
    )
    assert json.loads(_python(code, cwd=REPO)) == []


@pytest.mark.parametrize("sub", ["charts", "widgets", "grading"])
def test_subpackages_load_on_first_use(sub):
    code = (
        "import sys, course_lib as cl\n"
        f"assert 'course_lib.{sub}' not in sys.modules\n"
        f"module = cl.{sub}\n"
        f"assert module is sys.modules['course_lib.{sub}'], module\n"
        "print('ok')\n"
    )
    assert _python(code, cwd=REPO).strip() == "ok"


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'chart'"):
        cl.chart  # noqa: B018


def test_data_dir_is_the_repository_datasets_in_an_editable_install():
    assert cl.data_dir() == REPO / "datasets"
    assert (cl.data_dir() / "datapackage.json").is_file()


def test_data_is_found_from_another_working_directory(tmp_path):
    code = (
        "import course_lib as cl\n"
        "print(cl.data_dir()); print(len(cl.load('memberships')));"
        "print(int(cl.members_on('2010-01-01')['counts_as_member'].sum()))\n"
    )
    out = _python(code, cwd=tmp_path).split()
    assert out[0] == str(REPO / "datasets")
    assert int(out[1]) > 0 and out[2] == "7"


@pytest.mark.slow
def test_data_is_found_in_a_wheel(tmp_path):
    """Build the wheel, install it into a bare folder, and load data from /tmp through it."""
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("course_lib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "course_lib/_datasets/datapackage.json" in names
    assert "course_lib/_datasets/memberships.csv" in names
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
         str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import course_lib as cl\n"
        "print(cl.__file__); print(cl.data_dir())\n"
        "print(len(cl.load('memberships')))\n"
        "print(int(cl.members_on('2010-01-01')['counts_as_member'].sum()))\n"
    )
    module, folder, rows, members = _python(code, cwd="/tmp", env=env).split()
    assert Path(module).is_relative_to(target)
    assert Path(folder) == target / "course_lib" / "_datasets"
    assert int(rows) == len((REPO / "datasets" / "memberships.csv").read_text().splitlines()) - 1
    assert members == "7"


@pytest.mark.parametrize(
    "name", [n for n in exceptions.__all__ if n not in ("CourseError", "GradingError")]
)
def test_every_error_is_also_the_natural_builtin(name):
    """``except KeyError`` / ``except ValueError`` keeps working for a learner's old code."""
    error = getattr(cl, name)
    assert issubclass(error, (KeyError, ValueError))
    assert str(error("No such thing. Did you mean 'x'?")) == "No such thing. Did you mean 'x'?"
