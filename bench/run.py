"""Run the benchmarks: ``python -m bench.run`` (``make bench``).

Writes ``bench/results.json`` (one record per measurement: name, value, floor, ratio, target,
pass, and the details) and ``bench/results.md`` (the table it prints). With ``--only`` the
named modules are run and their records replace the earlier ones in the files; the others are
kept (each record carries ``measured_at``).

Examples
--------
::

    python -m bench.run                       # everything (about 17 minutes on 2 quiet cores)
    python -m bench.run --only explorer       # one module
    python -m bench.run --only import,lessons --repeat 5
    python -m bench.run --quick               # fewer runs: a smoke run of the harness
    python -m bench.run --list                # the modules and what they measure
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Sequence

from bench.context import ROOT, Context
from bench.timing import Measurement

__all__ = ["MODULES", "main", "format_table", "run_modules", "merge"]

#: Short name -> module. Order is the run order (cheap first, the shared floor before nbval).
MODULES: dict[str, str] = {
    "import": "bench.import_load",
    "lessons": "bench.lessons",
    "nbval": "bench.nbval_suite",
    "explorer": "bench.explorer",
    "browser": "bench.explorer_browser",
    "grade": "bench.grading",
    "envsize": "bench.env_size",
    "hub": "bench.hub_load",  # a class on a real JupyterHub (root; about 25 minutes)
    "site": "bench.site",
}

ALIASES = {
    "import_load": "import", "explorer_browser": "browser", "grading": "grade",
    "nbval_suite": "nbval", "env_size": "envsize", "env": "envsize", "size": "envsize",
    "hub_load": "hub", "loadtest": "hub",
    "book": "site", "website": "site",
}

RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"


def _select(only: str | None) -> list[str]:
    if not only:
        return list(MODULES)
    names = []
    for raw in only.split(","):
        key = raw.strip().lower().replace("-", "_")
        key = ALIASES.get(key, key)
        if key not in MODULES:
            raise SystemExit(
                f"bench: no benchmark called {raw.strip()!r}. "
                f"Choose from: {', '.join(MODULES)}.")
        names.append(key)
    return names


def byte_compile_course_lib(root: Path = ROOT) -> None:
    """Write course_lib's bytecode before measuring, as a learner's first kernel does.

    A kernel a learner starts reads course_lib from its ``__pycache__``: Binder builds it into
    the image (postBuild), and any first import writes it. On a machine that sets
    ``PYTHONDONTWRITEBYTECODE`` no kernel ever does, and each would compile the library from
    source again (about 25 ms in a lesson, 8 ms in the floor): a cost no learner pays.
    """
    compileall.compile_dir(str(root / "course_lib"), quiet=1)


def run_modules(names: Sequence[str], ctx: Context) -> list[Measurement]:
    """Run each named module's ``measure(ctx)``; a crash becomes a not-measured record."""
    out: list[Measurement] = []
    for short in names:
        modname = MODULES[short]
        print(f"== {short}: {_describe(modname)}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(modname)
            results = list(mod.measure(ctx))
        except KeyboardInterrupt:
            raise
        except Exception as err:  # a broken piece is reported, never stops the others
            tb = traceback.format_exc(limit=3)
            print(tb, file=sys.stderr)
            results = [Measurement.not_measured(
                short, f"benchmark crashed: {type(err).__name__}: {err}".strip()[:400])]
        for m in results:
            m.module = short
        out.extend(results)
        print(f"== {short}: {len(results)} result(s) in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr, flush=True)
    return out


def _describe(modname: str) -> str:
    try:
        doc = importlib.import_module(modname).__doc__ or ""
    except Exception as err:
        return f"(cannot import: {err})"
    return doc.strip().splitlines()[0] if doc.strip() else ""


def merge(old: list[dict[str, Any]], new: list[dict[str, Any]], ran: Sequence[str]
          ) -> list[dict[str, Any]]:
    """Keep old records of modules that did not run now; new records replace the rest.

    Examples
    --------
    >>> old = [{"name": "a", "module": "import"}, {"name": "b", "module": "lessons"}]
    >>> new = [{"name": "b2", "module": "lessons"}]
    >>> [r["name"] for r in merge(old, new, ["lessons"])]
    ['a', 'b2']
    """
    kept = [r for r in old if r.get("module") not in set(ran)]
    order = {m: i for i, m in enumerate(MODULES)}
    return sorted(kept + list(new), key=lambda r: order.get(r.get("module", ""), 99))


def _fmt(x: Any, unit: str = "") -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        if unit and unit not in ("s", "ms", "MB") and x.is_integer():
            s = str(int(x))
        elif unit == "ms" or abs(x) >= 100:
            s = f"{x:.0f}"
        elif abs(x) >= 10:
            s = f"{x:.1f}"
        else:
            s = f"{x:.2f}"
    else:
        s = str(x)
    return f"{s} {unit}".strip() if unit else s


def format_table(records: list[dict[str, Any]]) -> str:
    """The Markdown table of the records (what is printed and written to results.md).

    Examples
    --------
    >>> rec = Measurement("x", target=1.25, samples=[1.0], floor_samples=[1.0]).to_dict()
    >>> print(format_table([rec]).splitlines()[2])
    | x | 1.00 s | 1.00 s | 1.00 | <= 1.25 | yes |  |
    """
    lines = [
        "| measurement | value | floor | ratio | target | pass | note |",
        "| --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for r in records:
        unit = r.get("unit", "")
        op = "<=" if r.get("better", "lower") == "lower" else ">="
        tgt = r.get("target")
        if tgt is None:
            target = "—"
        elif r.get("target_on") == "value":
            target = f"{op} {_fmt(tgt, unit)}"
        else:
            target = f"{op} {tgt}" + ("x" if r.get("better") == "higher" else "")
        p = r.get("pass")
        passed = "yes" if p is True else "**NO**" if p is False else (
            "not measured" if r.get("why") else "—")
        note = r.get("why") or r.get("note") or ""
        note = note.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {r['name']} | {_fmt(r.get('value'), unit)} | {_fmt(r.get('floor'), unit)} | "
            f"{_fmt(r.get('ratio'))} | {target} | {passed} | {note} |")
    return "\n".join(lines)


def _summary(records: list[dict[str, Any]]) -> str:
    n_pass = sum(r.get("pass") is True for r in records)
    n_fail = sum(r.get("pass") is False for r in records)
    n_nm = sum(r.get("pass") is None and bool(r.get("why")) for r in records)
    return f"{n_pass} met, {n_fail} missed, {n_nm} not measured (of {len(records)})"


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    ap = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmarks as ratios against floors measured in the same run.")
    ap.add_argument("--only", metavar="NAMES",
                    help=f"comma-separated modules to run: {', '.join(MODULES)}")
    ap.add_argument("--repeat", type=int, metavar="N",
                    help="runs per side for every module (default: each module's own)")
    ap.add_argument("--quick", action="store_true",
                    help="fewer runs and a sample of the grading work (a smoke run)")
    ap.add_argument("--list", action="store_true", help="list the modules and exit")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when any target is missed (default: always 0)")
    ap.add_argument("--json", type=Path, default=RESULTS_JSON, help="results file (JSON)")
    ap.add_argument("--md", type=Path, default=RESULTS_MD, help="table file (Markdown)")
    args = ap.parse_args(argv)

    if args.list:
        for short, mod in MODULES.items():
            print(f"{short:10s} {_describe(mod)}")
        return 0
    names = _select(args.only)
    ctx = Context(repeat=args.repeat, quick=args.quick)
    byte_compile_course_lib(ctx.root)
    started = time.perf_counter()
    new = [m.to_dict() for m in run_modules(names, ctx)]

    old: list[dict[str, Any]] = []
    if args.only and args.json.exists():
        try:
            old = json.loads(args.json.read_text()).get("results", [])
        except (ValueError, AttributeError):
            old = []
    records = merge(old, new, names) if args.only else new
    doc = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": ctx.python,
        "quick": ctx.quick,
        "ran": names,
        "results": records,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=2) + "\n")
    table = format_table(records)
    summary = _summary(records)
    args.md.write_text(
        f"# Benchmark results\n\n{doc['generated_at']}: {summary}."
        f"{' (quick run)' if ctx.quick else ''}\n\n{table}\n")
    print()
    print(table)
    print(f"\n{summary}; {time.perf_counter() - started:.0f} s. "
          f"Written to {_rel(args.json)} and {_rel(args.md)}.")
    if args.strict and any(r.get("pass") is False for r in records):
        return 1
    return 0


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


if __name__ == "__main__":
    sys.exit(main())
