"""What every benchmark module gets: paths, the interpreter, repeat counts, shared floors.

Examples
--------
>>> ctx = Context(repeat=None, quick=True)
>>> ctx.repeats(default=5, quick=2)
2
>>> (ctx.root / "bench").is_dir()
True
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Context", "ROOT"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Context:
    """Settings and shared state for one ``bench.run`` invocation.

    Parameters
    ----------
    repeat
        Runs per side (value and floor) when given on the command line; else each module's own
        default.
    quick
        Fewer runs and samples (a smoke run of the harness; the ratios are noisier).
    root
        The repository root.
    python
        The interpreter whose environment is measured (the project's ``.venv``).
    """

    repeat: int | None = None
    quick: bool = False
    root: Path = ROOT
    python: str = sys.executable
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path:
        """``bench/.cache`` (git-ignored), or ``$CSTO_BENCH_CACHE``: venvs and scratch files."""
        d = Path(os.environ.get("CSTO_BENCH_CACHE") or self.root / "bench" / ".cache")
        d.mkdir(parents=True, exist_ok=True)
        return d

    def repeats(self, default: int, quick: int | None = None) -> int:
        """Runs per side: ``--repeat`` if given, else ``quick`` in a quick run, else ``default``."""
        if self.repeat:
            return self.repeat
        if self.quick and quick is not None:
            return quick
        return default

    def lessons(self) -> list[Path]:
        """The lesson notebooks, ``notebooks/NN-*.ipynb`` in order."""
        nb = self.root / "notebooks"
        return sorted(p for p in nb.glob("[0-9][0-9]-*.ipynb") if p.is_file())

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for child processes: this one, the venv's bin first on PATH.

        ``MPLBACKEND`` is dropped so a kernel uses its inline backend, as a learner's does.
        """
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)
        bindir = str(Path(self.python).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        env["PYTHONUNBUFFERED"] = "1"
        env.update(extra)
        return env
