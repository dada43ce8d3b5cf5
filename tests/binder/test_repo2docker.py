"""What Binder would build: the Dockerfile that ``repo2docker --no-build`` renders.

Binder runs repo2docker on the repository: it picks a build pack from the files it finds
(environment.yml -> conda), installs the environment, copies the repository into the image and
runs postBuild. A misspelt file name, a postBuild that is not run, or a python version it cannot
read would all show only on mybinder.org; these tests show them here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _index(lines: list[str], pattern: str, what: str, rendered) -> int:
    for n, line in enumerate(lines):
        if re.search(pattern, line):
            return n
    raise AssertionError(
        f"the Dockerfile from `{rendered.command}` has no step that {what} "
        f"(looked for /{pattern}/). Its steps:\n  " + "\n  ".join(lines[-40:])
    )


def test_binder_installs_the_environment_from_environment_yml(rendered):
    lines = rendered.instructions()
    copy = _index(lines, r"^COPY\b.*\bsrc/environment\.yml\b", "copies environment.yml in",
                  rendered)
    install = _index(lines, r"^RUN\b.*\benv update\b.*--file \"?environment\.yml\"?",
                     "installs the conda environment from environment.yml", rendered)
    assert copy < install, "the Dockerfile installs environment.yml before copying it in"


def test_binder_uses_the_python_environment_yml_pins(rendered):
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    pins = [d for d in env["dependencies"] if isinstance(d, str) and re.match(r"python\b", d)]
    assert len(pins) == 1, f"environment.yml should pin python once, found {pins}"
    version = re.sub(r"^python\s*=*\s*", "", pins[0])
    said = re.search(r"Building conda environment for python=(\S+)", rendered.log)
    assert said, f"repo2docker did not say which python it builds:\n{rendered.log}"
    assert said.group(1) == version, (
        f"repo2docker builds python {said.group(1)}, environment.yml pins {pins[0]!r}"
    )


def test_binder_runs_postbuild_after_copying_the_repository(rendered):
    lines = rendered.instructions()
    copy_repo = _index(lines, r"^COPY\b.*\bsrc/\s+\$\{REPO_DIR\}/?$", "copies the repository in",
                       rendered)
    run = _index(lines, r"^RUN \./postBuild$", "runs ./postBuild", rendered)
    assert copy_repo < run, "postBuild would run before the repository is copied into the image"
    users = [n for n, line in enumerate(lines[:run]) if line.startswith("USER ")]
    assert users and lines[users[-1]] == "USER ${NB_USER}", (
        "postBuild should run as the notebook user (it installs into their environment), "
        f"not as {lines[users[-1]] if users else 'the default user'}"
    )


def test_postbuild_installs_course_lib_without_pulling_other_dependencies():
    script = REPO / "postBuild"
    assert script.is_file(), "postBuild is missing: Binder would not install course_lib"
    assert os.access(script, os.X_OK), "postBuild is not executable (chmod +x postBuild)"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!"), "postBuild needs a #! line (e.g. #!/usr/bin/env bash)"
    commands = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    installs = [c for c in commands if re.search(r"\bpip install\b", c)]
    assert any(re.search(r"(^|\s)(-e\s+)?\.(\s|$)", c) for c in installs), (
        f"postBuild should install the course itself (pip install --no-deps -e .); it runs:\n"
        + "\n".join(commands)
    )
    # Dependencies come from environment.yml (checked against pyproject in test_environment):
    # pip resolving them here would mix pip and conda versions on Binder.
    assert all("--no-deps" in c for c in installs), (
        "postBuild runs pip install without --no-deps: " + "; ".join(installs)
    )


def test_binder_opens_launch_links_from_the_repository_root(rendered):
    """Launch links say urlpath=lab/tree/notebooks/...: relative to the server's root, which on
    Binder is the folder the repository is copied into and the image starts in."""
    lines = rendered.instructions()
    workdir = [line for line in lines if line.startswith("WORKDIR ")]
    assert workdir and workdir[-1] == "WORKDIR ${REPO_DIR}", (
        f"the image starts in {workdir[-1] if workdir else 'no WORKDIR'}, not the repository "
        "folder: urlpath=lab/tree/notebooks/... would not find the lessons"
    )
    _index(lines, r"^COPY\b.*\bsrc/\s+\$\{REPO_DIR\}/?$", "copies the repository into REPO_DIR",
           rendered)
