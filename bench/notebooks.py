"""Run a notebook in a fresh kernel with nbclient and time it; the shared floor notebook.

The time counts what a learner's "Restart Kernel and Run All" costs: kernel start, every cell,
kernel shutdown. The kernel starts in the notebook's folder (as JupyterLab and nbval do), with
its inline matplotlib backend (``MPLBACKEND`` is not passed on).

Examples
--------
>>> nb = floor_notebook()
>>> [c.cell_type for c in nb.cells]
['code']
"""

from __future__ import annotations

import re
import resource
import time
from pathlib import Path

import nbformat

from bench.context import Context

__all__ = ["FLOOR_SOURCE", "floor_notebook", "execute", "floor_samples", "NotebookFailed"]

#: The floor: a notebook that only imports what every lesson imports.
FLOOR_SOURCE = (
    "import pandas as pd\n"
    "import matplotlib.pyplot as plt\n"
    "import ipywidgets as widgets\n"
    "import course_lib as cl"
)


class NotebookFailed(RuntimeError):
    """A notebook could not be run to the end (a cell raised, or the kernel died)."""


def floor_notebook() -> nbformat.NotebookNode:
    """The floor notebook: one code cell importing pandas, pyplot, ipywidgets, course_lib."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(FLOOR_SOURCE))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def execute(nb: nbformat.NotebookNode | Path, cwd: Path, ctx: Context,
            timeout: int = 600, cells: list | None = None, cpu: list | None = None) -> float:
    """Run ``nb`` top to bottom in a fresh kernel started in ``cwd``; return wall seconds.

    When ``cells`` is a list, ``(seconds, index, first source line)`` of each code cell is
    appended to it (from nbclient's execution timestamps), to find the slow ones. When ``cpu``
    is a list, the CPU seconds of the kernel process (user + system, read when it is reaped at
    shutdown) are appended: far less noisy than wall time on a shared machine.

    Raises
    ------
    NotebookFailed
        With the failing cell's error line, when a cell raises or the kernel dies.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    if isinstance(nb, Path):
        nb = nbformat.read(nb, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    log = open(ctx.cache_dir / "kernel-stderr.log", "ab")  # kernels' own warnings, not ours
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        client.execute(env=ctx.env(), stderr=log)
    except CellExecutionError as err:
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        raise NotebookFailed(lines[-1] if lines else "a cell raised") from None
    except DeadKernelError as err:
        raise NotebookFailed(f"the kernel died: {err}") from None
    finally:
        log.close()
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    if cells is not None:
        cells.extend(cell_times(nb))
    return elapsed


def cell_times(nb: nbformat.NotebookNode) -> list[tuple[float, int, str]]:
    """``(seconds, index, first line)`` of each executed code cell, from nbclient's timing."""
    from datetime import datetime

    out = []
    for i, cell in enumerate(nb.cells):
        ex = cell.get("metadata", {}).get("execution", {})
        start, end = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
        if cell.cell_type != "code" or not start or not end:
            continue
        try:
            dt = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                  - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
        except ValueError:
            continue
        first = next((ln for ln in cell.source.splitlines() if ln.strip()
                      and not ln.lstrip().startswith("#")), "")
        out.append((dt, i, first.strip()[:60]))
    return out


def floor_samples(ctx: Context, n: int, bar=None) -> list[float]:
    """``n`` fresh runs of the floor notebook, shared within a run (``ctx.shared``)."""
    have: list[float] = ctx.shared.setdefault("floor_notebook", [])
    cpu: list[float] = ctx.shared.setdefault("floor_cpu", [])
    cwd = ctx.root / "notebooks"
    while len(have) < n:
        t = execute(floor_notebook(), cwd if cwd.is_dir() else ctx.root, ctx, cpu=cpu)
        have.append(t)
        if bar is not None:
            bar.step(f"floor {t:.2f} s")
    return have
