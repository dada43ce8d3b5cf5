"""``csto grade`` over 40 submissions against 40 sequential ``otter run`` calls.

Target 4: class grading is at least 1.8 times faster than grading the same files one by one
with ``otter run -a <autograder zip>`` (the tool an instructor would otherwise use), on this
2-core machine. The submissions are the first exercise's solved notebook (built by ``csto
build`` beside its autograder) and its blank learner notebook, alternating, 40 files in all.
The autograder is built before either side is timed. ``csto grade`` runs as an instructor runs
it (all cores, sandbox auto, no progress bar); after both, each file's total from the CSV is
checked against otter's ``results.json``, and differences are reported.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import time
from pathlib import Path

from bench.context import Context
from bench.timing import Measurement, error_line, progress, time_subprocess

__all__ = ["measure", "TARGET", "N_SUBMISSIONS"]

TARGET = 1.8
N_SUBMISSIONS = 40
NAME = "grade:speedup"

PREPARE = r"""
import json
from course_lib.grading import list_exercises
from course_lib.grading.build import ensure_autograder, build_exercise
exs = [e for e in list_exercises() if e.master.is_file()]
if not exs:
    raise SystemExit("no exercises yet: solutions/NN-slug.ipynb")
ex = exs[0]
tests = ensure_autograder(ex, quiet=True)
out = tests.parent
blank = ex.notebook
if not blank.is_file():
    raise SystemExit(f"no learner notebook {blank}: run make exercises")
print(json.dumps({"name": ex.name, "zip": str(out / f"{ex.name}-autograder.zip"),
                  "solved": str(out / f"{ex.name}-solution.ipynb"), "blank": str(blank)}))
"""


def measure(ctx: Context) -> list[Measurement]:
    """One record: otter-run time / csto-grade time; see the module docstring."""
    csto = Path(ctx.python).parent / "csto"
    otter = Path(ctx.python).parent / "otter"
    if not csto.exists():
        return [_nm("the csto console script is not installed (make install)")]
    if not otter.exists():
        return [_nm("otter-grader is not installed")]
    try:
        _, proc = time_subprocess([ctx.python, "-c", PREPARE], cwd=ctx.root, env=ctx.env(),
                                  timeout=900)
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    except subprocess.CalledProcessError as err:
        return [_nm(f"cannot prepare the exercise: {error_line(err)}")]
    for key in ("zip", "solved", "blank"):
        if not Path(info[key]).is_file():
            return [_nm(f"missing {key} file {info[key]}")]

    n = N_SUBMISSIONS if not ctx.quick else 8
    work = ctx.cache_dir / "grading"
    shutil.rmtree(work, ignore_errors=True)
    subs = work / "submissions"
    subs.mkdir(parents=True)
    files = []
    for i in range(n):
        kind = "solved" if i % 2 == 0 else "blank"
        f = subs / f"student{i + 1:02d}-{kind}.ipynb"
        shutil.copyfile(info[kind], f)
        files.append(f)

    bar = progress("grade", n + 1)
    # The floor: otter run, one file after another.
    otter_totals: dict[str, float | None] = {}
    t_floor = 0.0
    for f in files:
        out = work / "otter" / f.stem
        out.mkdir(parents=True)
        try:
            t, _ = time_subprocess([str(otter), "run", "-a", info["zip"], "-o", str(out),
                                    str(f)], cwd=work, env=ctx.env(), timeout=600)
        except subprocess.CalledProcessError as err:
            return [_nm(f"otter run fails on {f.name}: {error_line(err)}")]
        t_floor += t
        otter_totals[f.name] = _otter_total(out / "results.json")
        bar.step(f"otter run {f.name} {t:.1f} s")

    # The value: csto grade over the folder.
    grades = work / "grades.csv"
    t0 = time.perf_counter()
    proc = subprocess.run([str(csto), "grade", str(subs), "--out", str(grades),
                           "--no-progress"], cwd=work, env=ctx.env(), capture_output=True,
                          text=True, timeout=3600)
    t_value = time.perf_counter() - t0
    bar.step(f"csto grade {t_value:.1f} s (exit {proc.returncode})")
    bar.close()
    if not grades.is_file():
        return [_nm(f"csto grade wrote no CSV (exit {proc.returncode}): "
                    f"{(proc.stderr or proc.stdout).strip()[-300:]}")]
    rows, diffs = _compare(grades, otter_totals)
    check = (f"totals agree with otter for all {len(rows)} files" if not diffs else
             f"totals DIFFER from otter for {len(diffs)} files, e.g. {diffs[:2]}")
    return [Measurement(
        NAME, unit="s", target=TARGET, better="higher", samples=[t_value], floor_samples=[t_floor],
        note=(f"{n} submissions of {info['name']} (half solved, half blank); value: csto grade; "
              f"floor: {n} sequential otter run; {check}"),
        extra={"exercise": info["name"], "csto_exit": proc.returncode, "differences": diffs,
               "per_file_otter_s": t_floor / n, "per_file_csto_s": t_value / n})]


def _nm(why: str) -> Measurement:
    return Measurement.not_measured(NAME, why, target=TARGET, better="higher")


def _otter_total(path: Path) -> float | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    tests = data.get("test_case_results") or data.get("tests") or []
    try:
        return float(sum(t.get("score", 0) or 0 for t in tests)) if tests else \
            float(data.get("total", data.get("score")))
    except (TypeError, ValueError):
        return None


def _compare(grades: Path, otter: dict[str, float | None]) -> tuple[list[dict], list[str]]:
    with grades.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    diffs = []
    for row in rows:
        fname = Path(row.get("file") or row.get("notebook") or row.get("path") or "").name
        total = row.get("total") or row.get("score")
        want = otter.get(fname)
        try:
            got = float(total)
        except (TypeError, ValueError):
            got = None
        if want is None or got is None or abs(got - want) > 1e-6:
            diffs.append(f"{fname}: csto {total} vs otter {want}")
    return rows, diffs
