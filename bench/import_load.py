"""``import course_lib`` and loading every dataset, against ``import pandas`` alone.

Target 1: the ratio of medians is at most 1.25. Each sample is a fresh interpreter (what a
learner's first cell pays), run from a scratch folder; value and floor runs alternate so both
share the machine's noise, after one warm-up of each (file cache, bytecode).

A second record checks that ``import course_lib`` is light: it must load neither matplotlib nor
ipywidgets (they load when a chart or widget is asked for).
"""

from __future__ import annotations

import json
import subprocess
import tempfile

from bench.context import Context
from bench.timing import (Measurement, alternate, error_line, median, progress,
                          time_subprocess)

__all__ = ["measure", "VALUE_CODE", "FLOOR_CODE"]

TARGET = 1.25
VALUE_CODE = (
    "import course_lib as cl\n"
    "for _n in cl.list_datasets()['name']:\n"
    "    cl.load(_n)\n"
)
FLOOR_CODE = "import pandas\n"
HEAVY = ("matplotlib", "ipywidgets", "IPython", "scipy", "frictionless", "otter", "nbformat",
         "PIL", "yaml", "requests", "jsonschema")
PROBE_CODE = (
    "import json, sys, time\n"
    "t0 = time.perf_counter()\n"
    "import course_lib as cl\n"
    "t1 = time.perf_counter()\n"
    "names = list(cl.list_datasets()['name'])\n"
    "rows = {n: len(cl.load(n)) for n in names}\n"
    "t2 = time.perf_counter()\n"
    f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
    "print(json.dumps({'rows': rows, 'heavy': heavy, 'import_s': t1 - t0, 'load_s': t2 - t1}))\n"
)
LIGHT_CODE = (
    "import json, sys\n"
    "import course_lib\n"
    "print(json.dumps(None if getattr(course_lib, '__file__', None) is None else\n"
    f"                 [m for m in {HEAVY!r} if m in sys.modules]))\n"
)


def measure(ctx: Context) -> list[Measurement]:
    """Time both sides in fresh interpreters; see the module docstring."""
    name = "import+load"
    with tempfile.TemporaryDirectory(prefix="import-", dir=ctx.cache_dir) as scratch:
        return _measure(ctx, name, scratch)


def _measure(ctx: Context, name: str, scratch: str) -> list[Measurement]:
    env = ctx.env()
    results = [_light(ctx, scratch, env)]
    try:
        _, probe = time_subprocess([ctx.python, "-c", PROBE_CODE], cwd=scratch, env=env,
                                   timeout=300)
    except subprocess.CalledProcessError as err:
        why = f"course_lib cannot import and load its datasets yet ({error_line(err)})"
        return [Measurement.not_measured(name, why, target=TARGET)] + results
    info = json.loads(probe.stdout.strip().splitlines()[-1])
    results[0].extra["heavy_after_load"] = info["heavy"]

    n = ctx.repeats(default=10, quick=4)
    bar = progress("import", 2 * n + 2)
    cmd = {"value": [ctx.python, "-c", VALUE_CODE], "floor": [ctx.python, "-c", FLOOR_CODE]}
    for side in ("floor", "value"):  # warm-up, not counted
        time_subprocess(cmd[side], cwd=scratch, env=env)
        bar.step(f"warm-up {side}")
    samples: dict[str, list[float]] = {"value": [], "floor": []}
    cpu: dict[str, list[float]] = {"value": [], "floor": []}
    for pair in alternate(n):
        for side in pair:
            t, proc = time_subprocess(cmd[side], cwd=scratch, env=env)
            samples[side].append(t)
            cpu[side].append(proc.cpu_seconds)
            bar.step(f"{side} {t:.2f} s (CPU {proc.cpu_seconds:.2f} s)")
    cpu_ratio = median(cpu["value"]) / median(cpu["floor"])
    bar.close()
    results.insert(0, Measurement(
        name, unit="s", target=TARGET, samples=samples["value"], floor_samples=samples["floor"],
        note=(f"CPU ratio {cpu_ratio:.2f}; "
              f"{len(info['rows'])} datasets, {sum(info['rows'].values())} rows; in-process: "
              f"import {info['import_s']:.2f} s, load all {info['load_s']:.2f} s; "
              f"median of {n} fresh interpreters each"),
        extra={"cpu_value": cpu["value"], "cpu_floor": cpu["floor"], "cpu_ratio": cpu_ratio,
               "datasets": info["rows"], "import_s": info["import_s"], "load_s": info["load_s"],
               "heavy_after_load": info["heavy"]}))
    return results


def _light(ctx: Context, scratch: str, env: dict[str, str]) -> Measurement:
    """How many heavy modules a bare ``import course_lib`` loads (target 0)."""
    name = "import:light"
    try:
        _, light = time_subprocess([ctx.python, "-c", LIGHT_CODE], cwd=scratch, env=env,
                                   timeout=120)
    except subprocess.CalledProcessError as err:
        return Measurement.not_measured(name, f"import course_lib fails ({error_line(err)})",
                                        unit="modules", target=0, on="value")
    out = json.loads(light.stdout.strip().splitlines()[-1])
    if out is None:
        return Measurement.not_measured(name, "course_lib/__init__.py does not exist yet",
                                        unit="modules", target=0, on="value")
    return Measurement(
        name, unit="modules", target=0, on="value", value=len(out),
        note=("import course_lib loads: " + ", ".join(out)) if out else
        "import course_lib loads none of: " + ", ".join(HEAVY),
        extra={"heavy_modules": out})
