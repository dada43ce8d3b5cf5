"""environment.yml (what Binder and conda users get) agrees with pyproject.toml (what pip gets).

Binder builds the conda environment from environment.yml and then runs postBuild, which installs
course_lib with ``pip install --no-deps``: pip never checks course_lib's own dependencies there,
so a package or a range missing from environment.yml would only show as a broken lesson on
Binder. These tests compare the two files package by package.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from ._specs import Interval, conda_spec, interval, normalise, pep508

REPO = Path(__file__).resolve().parents[2]
# Conda-only tools that set up the environment itself, not packages pyproject could name.
CONDA_ONLY = {"python", "pip"}


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def environment_specs() -> dict[str, tuple[str, object]]:
    """Every package environment.yml installs: name -> (as written, SpecifierSet)."""
    out = {}
    for entry in _environment().get("dependencies", []):
        if isinstance(entry, dict):  # the "- pip:" sub-list holds PEP 508 requirements
            for text in entry.get("pip", []):
                name, spec = pep508(text)
                out[name] = (text, spec)
        else:
            name, spec = conda_spec(str(entry))
            out[name] = (str(entry), spec)
    return out


def pyproject_specs() -> dict[str, tuple[str, object]]:
    """Every [project] dependency of pyproject.toml: name -> (as written, SpecifierSet)."""
    return {pep508(t)[0]: (t, pep508(t)[1]) for t in _pyproject()["project"]["dependencies"]}


def test_both_files_name_the_same_packages():
    env = set(environment_specs()) - CONDA_ONLY
    py = set(pyproject_specs())
    only_py, only_env = sorted(py - env), sorted(env - py)
    assert not only_py, (
        f"pyproject.toml depends on {only_py} but environment.yml does not install them: on "
        "Binder (postBuild installs course_lib with --no-deps) they would be missing. Add "
        + ", ".join(f"'- {pyproject_specs()[n][0]}'" for n in only_py)
        + " to environment.yml."
    )
    assert not only_env, (
        f"environment.yml installs {only_env} that pyproject.toml's [project] dependencies do "
        "not name: pip users would not get them. Add them to pyproject, or drop them here."
    )


def _shared_names() -> list[str]:
    return sorted((set(environment_specs()) - CONDA_ONLY) & set(pyproject_specs()))


@pytest.mark.parametrize("name", _shared_names())
def test_environment_range_lies_within_pyproject_range(name):
    env_text, env_spec = environment_specs()[name]
    py_text, py_spec = pyproject_specs()[name]
    env_iv, py_iv = interval(env_spec), interval(py_spec)
    assert not env_iv.empty(), f"environment.yml: {env_text!r} allows no version at all"
    assert env_iv.lo is not None and env_iv.hi is not None, (
        f"environment.yml: {env_text!r} is open-ended ({env_iv}); give it the same lower and "
        f"upper bound as pyproject.toml's {py_text!r}, so Binder gets a tested version"
    )
    assert env_iv.within(py_iv), (
        f"{name}: environment.yml allows {env_iv} ({env_text!r}) but pyproject.toml allows "
        f"only {py_iv} ({py_text!r}); Binder could install a version pip users never get. "
        f"Write '{py_text}' in environment.yml."
    )


def test_binder_python_satisfies_requires_python():
    env_text, env_spec = environment_specs()["python"]
    requires = _pyproject()["project"]["requires-python"]
    assert interval(env_spec).within(interval(requires)), (
        f"environment.yml pins {env_text!r}, outside pyproject's requires-python {requires!r}"
    )


def test_versions_under_test_are_ones_binder_installs():
    """The venv the browser tests run in has versions inside environment.yml's ranges."""
    outside = []
    for name, (text, spec) in environment_specs().items():
        if name in CONDA_ONLY:
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            outside.append(f"{name}: not installed in the test venv (wanted {text!r})")
            continue
        if not interval(spec).contains(installed):
            outside.append(f"{name} {installed} is installed, environment.yml says {text!r}")
    py = Version(".".join(map(str, sys.version_info[:3])))
    if not interval(environment_specs()["python"][1]).contains(py):
        # Not a failure of the files: say so, the tests just run on another Python than Binder.
        print(f"note: tests run on Python {py}, Binder on {environment_specs()['python'][0]}")
    assert not outside, (
        "the tests run against versions Binder would not install:\n  " + "\n  ".join(outside)
    )


# ------------------------------------------------------------------ widgets render in the lab

# Which ipywidgets, JupyterLab front-end extension (jupyterlab_widgets) and JupyterLab render
# widgets together. From ipywidgets' and jupyterlab_widgets' release notes and PyPI pages:
# ipywidgets 7 ships its front end as jupyterlab_widgets 1 (JupyterLab 3); ipywidgets 8 as
# jupyterlab_widgets 3 (JupyterLab 3, and JupyterLab 4 from jupyterlab_widgets 3.0.8, released
# with ipywidgets 8.0.7). A JupyterLab 5 row will be added when one is known to work.
WIDGET_STACKS = [
    # (label,                         ipywidgets,        jupyterlab_widgets, jupyterlab)
    ("ipywidgets 7 on JupyterLab 3", ">=7.6,<8", ">=1.0,<2", ">=3.0,<4"),
    ("ipywidgets 8 on JupyterLab 3", ">=8.0,<9", ">=3.0,<4", ">=3.0,<4"),
    ("ipywidgets 8 on JupyterLab 4", ">=8.0.7,<9", ">=3.0.8,<4", ">=4.0,<5"),
]


def _stack_for(ipywidgets: Interval, jupyterlab: Interval):
    for label, ipw, jlw, lab in WIDGET_STACKS:
        if ipywidgets.within(interval(ipw)) and jupyterlab.within(interval(lab)):
            return label, interval(jlw)
    return None, None


@pytest.mark.parametrize("source", ["environment.yml", "pyproject.toml"])
def test_jupyterlab_and_ipywidgets_ranges_render_widgets_together(source):
    specs = environment_specs() if source == "environment.yml" else pyproject_specs()
    for needed in ("ipywidgets", "jupyterlab"):
        assert needed in specs, f"{source} does not name {needed}: widgets need both"
    ipw, lab = interval(specs["ipywidgets"][1]), interval(specs["jupyterlab"][1])
    label, _ = _stack_for(ipw, lab)
    known = "\n  ".join(f"{l}: ipywidgets {i}, jupyterlab {j}" for l, i, _, j in WIDGET_STACKS)
    assert label, (
        f"{source}: ipywidgets {ipw} with jupyterlab {lab} is not a combination known to render "
        f"widgets; every version in both ranges must fall in one of:\n  {known}"
    )


def test_installed_widget_front_end_matches_the_table():
    """The venv's ipywidgets, jupyterlab_widgets and JupyterLab are one row of the table, and
    the lab extension that draws widgets is really installed where JupyterLab looks."""
    ipw = Version(metadata.version("ipywidgets"))
    jlw = Version(metadata.version("jupyterlab_widgets"))
    lab = Version(metadata.version("jupyterlab"))
    rows = [
        label for label, i, w, j in WIDGET_STACKS
        if interval(i).contains(ipw) and interval(w).contains(jlw) and interval(j).contains(lab)
    ]
    assert rows, (
        f"installed ipywidgets {ipw}, jupyterlab_widgets {jlw}, jupyterlab {lab}: not a "
        "combination known to render widgets"
    )
    wanted = [Requirement(r) for r in metadata.requires("ipywidgets") or []]
    for req in wanted:
        if normalise(req.name) == "jupyterlab-widgets":
            assert jlw in req.specifier, (
                f"ipywidgets {ipw} wants {req}, but jupyterlab_widgets {jlw} is installed"
            )
    manifest = (
        Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter-widgets"
        / "jupyterlab-manager" / "package.json"
    )
    assert manifest.is_file(), (
        f"the widgets lab extension is missing ({manifest}): JupyterLab would show "
        "'Error displaying widget'. Reinstall jupyterlab_widgets."
    )
    assert json.loads(manifest.read_text())["name"] == "@jupyter-widgets/jupyterlab-manager"


@pytest.mark.parametrize(
    "ipywidgets, jupyterlab, expected",
    [
        (">=8.1,<9", ">=4.6,<5", "ipywidgets 8 on JupyterLab 4"),
        (">=7.6,<8", ">=3.0,<4", "ipywidgets 7 on JupyterLab 3"),
        (">=7.6,<8", ">=4.0,<5", None),  # ipywidgets 7's front end predates JupyterLab 4
        (">=8.0,<9", ">=4.0,<5", None),  # 8.0.0 to 8.0.6 do not render in JupyterLab 4
        (">=8.1", ">=4.6,<5", None),  # open-ended: ipywidgets 9 is not known to work
        (">=8.1,<9", ">=4.6", None),  # open-ended: JupyterLab 5 is not known to work
    ],
)
def test_the_table_refuses_what_does_not_render(ipywidgets, jupyterlab, expected):
    """The table check itself can fail: known-bad and open-ended pairs are refused."""
    label, _ = _stack_for(interval(ipywidgets), interval(jupyterlab))
    assert label == expected


# ------------------------------------------------------------------ what every Jupyter process pays

#: Modules that make ``import nbformat`` (and so the Jupyter server, nbval and each of its
#: workers, every ``otter run``) slow, with what they cost on the course's 2-core machines.
SLOW_AT_IMPORT = {
    # jsonschema 4.25+ imports it for its iri formats; it builds an Earley parser of RFC 3987
    # at import time: import nbformat went from 0.2 s to 1.6 s.
    "rfc3987_syntax": "jsonschema>=4.25 (pyproject.toml caps it below 4.25)",
}


def test_importing_nbformat_builds_no_grammar():
    """What pyproject's jsonschema cap is for: every Jupyter process starts 1.4 s sooner."""
    code = ("import json, sys, nbformat, jupyter_server.serverapp; "
            "print(json.dumps(sorted(set(sys.modules) & set(json.loads(sys.argv[1])))))")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(list(SLOW_AT_IMPORT))],
                         capture_output=True, text=True, check=True).stdout
    loaded = json.loads(out)
    assert not loaded, (
        "import nbformat / jupyter_server loads " + ", ".join(
            f"{m} (from {SLOW_AT_IMPORT[m]})" for m in loaded)
        + ": it adds about 1.4 s to the start of every Jupyter process. Keep the cap in "
        "pyproject.toml and environment.yml, then `make install`."
    )
