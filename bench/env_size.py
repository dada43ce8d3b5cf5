"""The learner's installed environment against a venv of only the essentials, in size.

Target 6: a venv with the project's ``[project] dependencies`` (no test extras: what Binder and
a learner's ``pip install`` get) plus course_lib itself (``--no-deps -e .``, as Binder's
postBuild) is at most 1.6 times the size of a venv of only jupyterlab, pandas, matplotlib,
ipywidgets and nbval (with the same version bounds as pyproject, so both resolve alike).
Size is the apparent size of every file in ``site-packages``.

Both venvs are built with pip (from the configured index and local mirror) under
``bench/.cache/venvs/``, one folder per role keyed by a hash of the Python version and the
requirement list: a rerun with unchanged dependencies reuses them and takes seconds; a changed
list builds afresh and removes the stale folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from bench.context import Context
from bench.timing import Measurement, progress

__all__ = ["measure", "TARGET", "FLOOR_PACKAGES", "requirements", "site_packages_size"]

TARGET = 1.6
NAME = "envsize:learner-vs-essentials"
FLOOR_PACKAGES = ("jupyterlab", "pandas", "matplotlib", "ipywidgets", "nbval")


def _canon(req: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def requirements(root: Path) -> tuple[list[str], list[str]]:
    """(learner requirements, floor requirements) from pyproject.toml.

    Examples
    --------
    >>> from bench.context import ROOT
    >>> learner, floor = requirements(ROOT)
    >>> sorted(_canon(r) for r in floor)
    ['ipywidgets', 'jupyterlab', 'matplotlib', 'nbval', 'pandas']
    """
    data = tomllib.loads((root / "pyproject.toml").read_text())
    deps = list(data["project"]["dependencies"])
    by_name = {_canon(d): d for d in deps}
    floor = [by_name.get(p, p) for p in FLOOR_PACKAGES]
    return deps, floor


def site_packages_size(venv: Path) -> tuple[int, int]:
    """(bytes, number of installed distributions) of a venv's site-packages."""
    sp = next(venv.glob("lib/python*/site-packages"))
    total = 0
    for dirpath, _dirs, files in os.walk(sp):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_size
            except OSError:
                pass
    dists = sum(1 for p in sp.iterdir() if p.name.endswith(".dist-info"))
    return total, dists


def _key(reqs: list[str], extra: str = "") -> str:
    text = f"{sys.version_info[:2]}\n" + "\n".join(sorted(reqs)) + extra
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _base_python(ctx: Context) -> str:
    """The interpreter the project's venv was made from (venv from venv works too)."""
    return getattr(sys, "_base_executable", None) or ctx.python


def _ensure_venv(ctx: Context, role: str, reqs: list[str], editable: Path | None, bar) -> Path:
    root = ctx.cache_dir / "venvs"
    root.mkdir(exist_ok=True)
    key = _key(reqs, str(editable or ""))
    venv = root / f"{role}-{key}"
    stamp = venv / ".bench-complete"
    for stale in root.glob(f"{role}-*"):
        if stale != venv:
            shutil.rmtree(stale, ignore_errors=True)
    if stamp.exists():
        bar.say(f"{role}: cached venv {venv.name}")
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    bar.say(f"{role}: building a venv of {len(reqs)} requirements (a minute or two)")
    subprocess.run([_base_python(ctx), "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
           "--progress-bar", "off"]
    cmds = [pip + list(reqs)]
    if editable is not None:
        cmds.append(pip + ["--no-deps", "-e", str(editable)])
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    for cmd in cmds:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=env)
        tail: list[str] = []
        last = 0.0
        for line in proc.stdout:
            tail = (tail + [line.rstrip()])[-20:]
            now = time.perf_counter()
            if line.startswith(("Collecting", "Installing", "Successfully")) and now - last > 3:
                bar.say(f"{role}: {line.strip()[:90]} ({now - t0:.0f} s)")
                last = now
        if proc.wait():
            raise RuntimeError(f"pip install failed for the {role} venv:\n" + "\n".join(tail))
    stamp.write_text("\n".join(reqs) + "\n")
    return venv


def measure(ctx: Context) -> list[Measurement]:
    """One record: learner site-packages size / essentials site-packages size."""
    learner_reqs, floor_reqs = requirements(ctx.root)
    bar = progress("envsize")
    try:
        floor_venv = _ensure_venv(ctx, "essentials", floor_reqs, None, bar)
        learner_venv = _ensure_venv(ctx, "learner", learner_reqs, ctx.root, bar)
    except (RuntimeError, subprocess.CalledProcessError) as err:
        return [Measurement.not_measured(NAME, str(err)[-400:], unit="MB", target=TARGET)]
    value, n_value = site_packages_size(learner_venv)
    floor, n_floor = site_packages_size(floor_venv)
    bar.close()
    extra_dists = sorted(_dists(learner_venv) - _dists(floor_venv))
    biggest = _biggest(learner_venv, extra_dists)
    return [Measurement(
        NAME, unit="MB", target=TARGET, value=value / 1e6, floor=floor / 1e6,
        note=(f"site-packages: learner {n_value} distributions, essentials {n_floor}; "
              f"the extra {len(extra_dists)}, largest: "
              + ", ".join(f"{n} {mb:.0f} MB" for n, mb in biggest[:5])),
        extra={"learner_requirements": learner_reqs, "floor_requirements": floor_reqs,
               "extra_distributions": extra_dists,
               "largest_extra_mb": dict(biggest[:15])})]


def _dists(venv: Path) -> set[str]:
    sp = next(venv.glob("lib/python*/site-packages"))
    return {p.name.split("-")[0].lower() for p in sp.glob("*.dist-info")}


def _biggest(venv: Path, dists: list[str]) -> list[tuple[str, float]]:
    """Size of each listed distribution, from its RECORD (largest first)."""
    sp = next(venv.glob("lib/python*/site-packages"))
    sizes = []
    for info in sp.glob("*.dist-info"):
        name = info.name.split("-")[0].lower()
        if name not in dists:
            continue
        total = 0
        record = info / "RECORD"
        if record.exists():
            for line in record.read_text(errors="replace").splitlines():
                path = line.split(",")[0]
                p = (sp / path)
                try:
                    total += os.lstat(p).st_size
                except OSError:
                    pass
        sizes.append((name, total / 1e6))
    return sorted(sizes, key=lambda x: -x[1])
