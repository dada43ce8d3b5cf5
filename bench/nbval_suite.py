"""The validation suite (nbval over all lessons), against the sum of the lesson floors.

Target 5: ``make nbval`` as ``make test`` runs it (``pytest --nbval notebooks/``, strict, with
the project's sanitize file, one lesson per worker on two workers), wall time of the whole
pytest process, is at most 1.3 times the sum over the
lessons of the floor notebook's median (the floor of ``lessons``: a fresh kernel importing
pandas, matplotlib, ipywidgets and course_lib). Floors taken by ``lessons`` in the same run are
reused; run alone, this module takes its own.

A run in which a cell failed or errored is still timed, and pytest's whole output is kept in
``bench/.cache/nbval-run-N.log`` (named in the note, with pytest's own list of what failed):
one such run once went by with only its count of errors on record.
"""

from __future__ import annotations

import re
import resource
import subprocess
import time

from bench.context import Context
from bench.notebooks import NotebookFailed, floor_samples
from bench.timing import Measurement, median, progress

__all__ = ["measure", "TARGET", "NBVAL_ARGS", "pytest_command", "what_went_wrong"]

TARGET = 1.3


#: What ``make nbval`` (part of ``make test``) passes to pytest, with ``$(NBVAL_WORKERS)`` at its
#: default: one lesson per worker, two workers on the 2-core machines CI runs on.
#: tests/bench/test_harness.py checks that the Makefile says the same.
NBVAL_ARGS = ["-n", "2", "--dist", "loadfile", "notebooks", "--nbval",
              "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]


def pytest_command(ctx: Context) -> list[str]:
    """The nbval command, as ``make test`` runs it (verbose, to follow progress)."""
    return [ctx.python, "-m", "pytest", "-v", "-p", "no:cacheprovider", *NBVAL_ARGS]


def measure(ctx: Context) -> list[Measurement]:
    """One record: nbval wall time against n_lessons x floor median."""
    name = "nbval:all-lessons"
    lessons = ctx.lessons()
    if not lessons:
        return [Measurement.not_measured(name, "no lessons yet (notebooks/NN-*.ipynb)",
                                         target=TARGET)]
    n = ctx.repeats(default=2, quick=1)
    n_floor = ctx.repeats(default=3, quick=1)
    have = len(ctx.shared.get("floor_notebook", []))
    bar = progress("nbval", n + max(0, n_floor - have))
    try:
        floors = floor_samples(ctx, n_floor, bar)
    except NotebookFailed as err:
        return [Measurement.not_measured(name, f"the floor notebook fails: {err}",
                                         target=TARGET)]
    samples: list[float] = []
    cpu: list[float] = []
    summary = ""
    troubles: list[str] = []
    for run in range(1, n + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(pytest_command(ctx), cwd=ctx.root, env=ctx.env(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: list[str] = []
        current = None
        for line in proc.stdout:
            lines.append(line)
            m = re.search(r"(\S+?)(?:::ipynb|\.ipynb)::Cell", line)  # xdist: "[gw0] ..."
            nb = m.group(1) + ".ipynb" if m else None
            if nb and nb != current:
                current = nb
                bar.say(f"run {len(samples) + 1}/{n}: {nb} ({time.perf_counter() - t0:.0f} s)")
        proc.wait()
        t = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        proc.stdout = "".join(lines)  # type: ignore[assignment]
        proc.stderr = ""  # type: ignore[assignment]
        samples.append(t)
        summary = _summary_line(proc.stdout)
        bar.step(f"nbval {t:.1f} s ({summary})")
        wrong = what_went_wrong(proc.stdout)
        if wrong:
            log = ctx.cache_dir / f"nbval-run-{run}.log"
            log.write_text(proc.stdout, encoding="utf-8")
            where = log.relative_to(ctx.root) if log.is_relative_to(ctx.root) else log
            more = f"; and {len(wrong) - 3} more" if len(wrong) > 3 else ""
            troubles.append(f"run {run} ({summary}; output in {where}): "
                            f"{'; '.join(wrong[:3])}{more}")
        if proc.returncode not in (0, 1):  # 1 = some cells differ: still timed, noted
            return [Measurement.not_measured(
                name, f"pytest --nbval could not run (exit {proc.returncode}): "
                      f"{summary or proc.stderr.strip()[-200:]}", target=TARGET)]
    bar.close()
    floor_each = median(floors)
    floor_cpu = median(ctx.shared.get("floor_cpu", []))
    cpu_ratio = median(cpu) / (floor_cpu * len(lessons)) if floor_cpu else None
    cpu_note = f"CPU ratio {cpu_ratio:.2f}; " if cpu_ratio else ""
    plain = ctx.shared.get("lesson_medians", {})
    if len(plain) == len(lessons):  # lessons ran in this run: how much is nbval's own
        cpu_note += (f"nbval / sum of plain lesson runs {median(samples) / sum(plain.values()):.2f}"
                     "; ")
    return [Measurement(
        name, unit="s", target=TARGET, samples=samples,
        floor=floor_each * len(lessons),
        note=(f"{cpu_note}{len(lessons)} lessons x floor {floor_each:.2f} s; median of {n}; "
              f"pytest says: {summary}"
              + (f"; NOT ALL PASSED: {' | '.join(troubles)}" if troubles else "")),
        extra={"cpu": cpu, "cpu_ratio": cpu_ratio, "floor_each": floor_each,
               "floor_samples_each": floors,
               "lessons": [p.name for p in lessons], "pytest_summary": summary,
               "troubles": troubles})]


def what_went_wrong(stdout: str) -> list[str]:
    r"""pytest's short summary of what failed or errored (``FAILED ...``/``ERROR ...`` lines).

    Examples
    --------
    >>> what_went_wrong("x\n=== short test summary info ===\n"
    ...                 "ERROR notebooks/03-x.ipynb::Cell 2 - RuntimeError: Kernel didn't respond\n"
    ...                 "=== 1 error in 60.1s ===")
    ["ERROR notebooks/03-x.ipynb::Cell 2 - RuntimeError: Kernel didn't respond"]
    >>> what_went_wrong("=== 133 passed in 9.1s ===")
    []
    """
    return [line.strip() for line in stdout.splitlines()
            if line.startswith(("FAILED ", "ERROR "))]


def _summary_line(stdout: str) -> str:
    """pytest's closing line, e.g. ``12 passed, 1 failed in 40.1s``."""
    for line in reversed(stdout.strip().splitlines()):
        s = line.strip("= ").strip()
        if re.search(r"\b(passed|failed|error|errors|no tests ran)\b", s):
            return s
    return ""
