"""Binder's own builder, asked what it would build: fixtures for tests/binder.

``repo2docker --no-build --debug <repo>`` prints the Dockerfile Binder would build from this
repository without a Docker engine (verified here with jupyter-repo2docker 2026.4). It is run
once per session.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def venv_tool(name: str) -> Path:
    """A console script of the project's venv (``<repo>/.venv/bin``), else beside python."""
    for folder in (REPO / ".venv" / "bin", Path(sys.executable).parent):
        if (folder / name).exists():
            return folder / name
    pytest.fail(f"{name} was not found in {REPO / '.venv' / 'bin'}: run `make install`")


@dataclass(frozen=True)
class Rendered:
    """What repo2docker said: the Dockerfile (stdout) and its log (stderr)."""

    dockerfile: str
    log: str
    command: str

    def instructions(self) -> list[str]:
        """The Dockerfile's instructions, continuation lines joined, comments dropped."""
        joined = re.sub(r"\\\n", " ", self.dockerfile)
        return [
            line.strip()
            for line in joined.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]


@pytest.fixture(scope="session")
def rendered() -> Rendered:
    tool = venv_tool("repo2docker")
    cmd = [str(tool), "--no-build", "--debug", str(REPO)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=REPO)
    shown = f"{tool.name} --no-build --debug {REPO.name}"
    assert run.returncode == 0, (
        f"`{shown}` failed (exit {run.returncode}); Binder could not build this repository:\n"
        f"{run.stderr[-3000:]}"
    )
    assert "FROM " in run.stdout, f"`{shown}` printed no Dockerfile:\n{run.stdout[:2000]}"
    return Rendered(run.stdout, run.stderr, shown)
