"""The Makefile's installs: `make lab` gets only what a learner needs, `make test` and
`make bench` add their extras, and `make lab` starts as root with --allow-root.

Dry runs (``make -n``) against a stand-in venv folder show what each target would install,
without installing anything; ``make lab`` itself runs against a stand-in ``jupyter``.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT

LAB, TEST, BENCH = ".installed-lab", ".installed", ".installed-bench"
SITE = ".site-installed"  # the website's extra (make site), which test-fast and bench add too


def _venv(tmp_path: Path, *stamps: str) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for stamp in stamps:
        (venv / stamp).touch()  # newer than pyproject.toml: up to date
    return venv


def _dry(target: str, venv: Path) -> str:
    out = subprocess.run(["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _installs(text: str) -> list[str]:
    return [line for line in text.splitlines() if "pip install" in line and "--upgrade pip" not in line]


def test_make_lab_installs_the_course_alone(tmp_path):
    installs = _installs(_dry("lab", _venv(tmp_path)))
    assert len(installs) == 1 and installs[0].rstrip().endswith("-e ."), installs


def test_a_learner_venv_is_upgraded_by_make_test(tmp_path):
    venv = _venv(tmp_path, LAB)
    assert _installs(_dry("lab", venv)) == []
    installs = _installs(_dry("test-fast", venv))
    assert installs and '".[test]"' in installs[0], installs
    # `make test` needs the same install (a dry run of it would run its sub-make)
    rule = next(l for l in (ROOT / "Makefile").read_text().splitlines() if l.startswith("test:"))
    assert " install " in f"{rule} ", rule


def test_make_bench_adds_the_bench_extras_and_a_full_venv_installs_nothing(tmp_path):
    venv = _venv(tmp_path, LAB, TEST, SITE)
    assert _installs(_dry("test-fast", venv)) == [] and _installs(_dry("lab", venv)) == []
    installs = _installs(_dry("bench", venv))
    assert any('".[test,bench]"' in line for line in installs), installs
    assert _installs(_dry("bench", _venv(tmp_path / "b", LAB, TEST, BENCH, SITE))) == []


def test_an_edited_pyproject_reinstalls(tmp_path):
    venv = _venv(tmp_path, LAB, TEST)
    old = (ROOT / "pyproject.toml").stat().st_mtime - 3600
    for stamp in (LAB, TEST):
        os.utime(venv / stamp, (old, old))
    assert _installs(_dry("lab", venv)) and _installs(_dry("test-fast", venv))


def test_the_learner_install_has_no_test_or_bench_tools():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    learner = " ".join(data["project"]["dependencies"]).lower()
    extras = data["project"]["optional-dependencies"]
    for tool in ("playwright", "repo2docker", "pyinstrument", "pytest>", "jupyterhub"):
        assert tool not in learner, f"{tool} is in the learner's install"
    assert "pyinstrument" in " ".join(extras["bench"]) and "jupyterhub" in " ".join(extras["hub"])


def _fake_lab(tmp_path: Path, uid: int) -> subprocess.CompletedProcess:
    venv = _venv(tmp_path, LAB)
    jupyter = venv / "bin" / "jupyter"
    jupyter.write_text('#!/bin/sh\necho "jupyter $*"\necho "PATH=$PATH"\n')
    jupyter.chmod(0o755)
    fake_bin = tmp_path / "fakebin"
    fake_bin.mkdir()
    (fake_bin / "id").write_text(f'#!/bin/sh\necho {uid}\n')
    (fake_bin / "id").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake_bin}:{os.environ['PATH']}")
    return subprocess.run(["make", "-s", "-C", str(ROOT), "lab", f"VENV={venv}",
                           "LAB_ARGS=--no-browser"], capture_output=True, text=True, env=env,
                          timeout=60)


def test_make_lab_as_root_adds_allow_root_and_says_so(tmp_path):
    out = _fake_lab(tmp_path, 0)
    assert out.returncode == 0, out.stderr
    assert "running as root" in out.stdout and "--allow-root" in out.stdout
    assert (f'jupyter lab --allow-root --ServerApp.root_dir={ROOT} --no-browser '
            'notebooks/00-start-here.ipynb') in out.stdout


def test_make_lab_puts_the_course_venv_first_on_path_for_its_terminals(tmp_path):
    """A JupyterLab terminal inherits the server's PATH: `csto check` (lesson 00) must be found
    there without activating the venv."""
    out = _fake_lab(tmp_path, 1000)
    assert out.returncode == 0, out.stderr
    path = next(l for l in out.stdout.splitlines() if l.startswith("PATH="))[5:].split(":")
    assert path[0] == str(tmp_path / "venv" / "bin"), path[:3]


def test_make_lab_as_a_user_does_not(tmp_path):
    out = _fake_lab(tmp_path, 1000)
    assert out.returncode == 0, out.stderr
    assert "--allow-root" not in out.stdout and "running as root" not in out.stdout
    assert (f"jupyter lab --ServerApp.root_dir={ROOT} --no-browser "
            "notebooks/00-start-here.ipynb") in out.stdout


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "jupyter").exists(),
                    reason="needs the course's .venv (make install)")
def test_make_lab_serves_the_whole_course_so_the_exercises_can_be_opened(tmp_path):
    """A learner in `make lab` must reach exercises/ (lesson 00 links there), not only
    notebooks/: JupyterLab would otherwise root its file browser at the opened notebook's folder."""
    import json
    import time
    import urllib.request

    port, token = _free_port(), "learner-trial"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    args = f"--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "-s", "-C", str(ROOT), "lab", f"LAB_ARGS={args}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)
    try:
        names = None
        for _ in range(240):  # the server starts in a few seconds; allow a loaded machine
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=5) as r:
                    names = {item["name"] for item in json.load(r)["content"]}
                break
            except OSError:
                assert proc.poll() is None, "make lab exited before the server answered"
                time.sleep(0.5)
        assert names is not None, "JupyterLab did not answer"
        assert {"notebooks", "exercises", "datasets"} <= names, names
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


@pytest.mark.parametrize("doc", ["book/setup.md", "scripts/make_learner_edition.py"])
def test_every_documented_lab_command_serves_the_whole_course(doc):
    """`jupyter lab notebooks/x.ipynb` roots the file browser at notebooks/, where the learner
    cannot reach exercises/: each documented command passes --notebook-dir=. (make lab sets
    root_dir, tested above)."""
    import re

    text = (ROOT / doc).read_text(encoding="utf-8")
    commands = re.findall(r"^.*jupyter lab .*$", text, re.M)
    assert commands, f"{doc} shows no jupyter lab command any more: update this test"
    for command in commands:
        assert "--notebook-dir=." in command, command
