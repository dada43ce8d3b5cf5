"""A class on one JupyterHub: 1, 10, 20 and 30 learners at reading pace (the load test).

Each learner is a real Unix account on a real JupyterHub (:mod:`hub.localhub`: the course
environment, LocalProcessSpawner, configurable-http-proxy, nbgitpuller), driven as JupyterLab
drives it (:mod:`hub.learner`). At each class size the learners log in within the first minute
(start times spread evenly over it), pull the learner edition through the nbgitpuller link,
open lesson 03 and run its code cells one every 5 to 10 s (reading pace), move the explorer's
slider twice, close the lesson, open exercise 03 and run its cells, ``grader.check`` included,
at the same pace.

Recorded at each class size (``hub:...@N``):

* ``hub:cell-p95@N`` and ``hub:cell-median@N``: the time from sending a cell (or a slider move)
  to its reply and the kernel's return to idle, over every cell of every learner; the floor is
  the same statistic for one learner alone. Target: p95 at 30 learners at most 2x one alone.
* ``hub:memory@N``: the largest resident memory (RSS) of one learner's processes (their
  single-user server and kernel) while they work, median over learners; the floor is a bare
  single-user server plus a kernel that only imports pandas, matplotlib and ipywidgets, on the
  same hub. Target: at most 1.3x. PSS (shared pages divided among their users) is in the note.
* ``hub:failures@N``: logins, pulls, kernels or cells that failed or timed out. Target: 0.

Needs root (real accounts) and ``hub/node_modules`` (``make bench`` runs ``make hub-node``).
``CSTO_HUB_LEVELS=1,10`` runs fewer class sizes; ``--quick`` runs 1 and 2 learners at a quick
pace (a smoke run of the harness). The whole run takes about 25 minutes on 2 cores.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench.context import Context
from bench.timing import Measurement, median

__all__ = ["measure", "percentile", "LEVELS", "PACE", "LATENCY_TARGET", "MEMORY_TARGET",
           "LearnerRun", "summarise"]

LEVELS = (1, 10, 20, 30)
QUICK_LEVELS = (1, 2)
PACE = (5.0, 10.0)  # seconds between two cells: reading pace
QUICK_PACE = (0.5, 1.5)
LOGIN_WINDOW = 60.0  # every learner logs in within the first minute
QUICK_LOGIN_WINDOW = 10.0
LATENCY_TARGET = 2.0
MEMORY_TARGET = 1.3
LESSON = "csto-in-data/notebooks/03-who-is-in.ipynb"
EXERCISE = "csto-in-data/exercises/03-who-is-in/03-who-is-in.ipynb"
FLOOR_CODE = "import pandas, matplotlib, ipywidgets"


def percentile(samples: list[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) by linear interpolation; None when empty.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50), percentile([1.0, 2.0], 95), percentile([], 95)
    (3.0, 1.95, None)
    """
    xs = sorted(samples)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class LearnerRun:
    """What one learner waited for and what went wrong."""

    name: str
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    login_s: float | None = None
    ready_s: float | None = None
    pull_s: float | None = None


def summarise(runs: list[LearnerRun]) -> dict:
    """Latency median and p95, failures, and the median learner's peak memory.

    Examples
    --------
    >>> a = LearnerRun("a", latencies=[0.1, 0.2, 0.3], rss_mb=300.0, pss_mb=200.0)
    >>> b = LearnerRun("b", latencies=[0.4], failures=["cell 3: timeout"], rss_mb=320.0)
    >>> s = summarise([a, b])
    >>> s["median"], s["failures"], s["rss_mb"]
    (0.25, 1, 310)
    """
    lat = [x for r in runs for x in r.latencies]
    return {
        "samples": lat,
        "median": median(lat),
        "p95": percentile(lat, 95),
        "failures": sum(len(r.failures) for r in runs),
        "failed": [f"{r.name}: {f}" for r in runs for f in r.failures][:10],
        "rss_mb": median([r.rss_mb for r in runs if r.rss_mb]),
        "pss_mb": median([r.pss_mb for r in runs if r.pss_mb]),
        "ready_s": median([r.ready_s for r in runs if r.ready_s is not None]),
        "pull_s": median([r.pull_s for r in runs if r.pull_s is not None]),
    }


async def _sample_memory(run: LearnerRun) -> None:
    from hub.localhub import learner_processes, memory_of

    mem = await asyncio.to_thread(lambda: memory_of(learner_processes(run.name)))
    run.rss_mb = max(run.rss_mb, mem["rss_mb"])
    run.pss_mb = max(run.pss_mb, mem["pss_mb"])


async def _learner(hub, name: str, start_at: float, pace: tuple[float, float],
                   rng: random.Random) -> LearnerRun:
    from hub.learner import Learner, code_cells

    run = LearnerRun(name)
    await asyncio.sleep(start_at)
    try:
        token = await asyncio.to_thread(hub.user_token, name)
        async with Learner(hub.url, name, hub.password, token) as me:
            run.login_s = await me.log_in()
            run.ready_s = await me.wait_for_server(hub)
            t0 = time.perf_counter()
            await me.pull(hub.pull_url("notebooks/03-who-is-in.ipynb"))
            run.pull_s = time.perf_counter() - t0
            for path in (LESSON, EXERCISE):
                nb = await me.open(path)
                async with me.kernel_for(path) as kernel:
                    for i, code in enumerate(code_cells(nb)):
                        await asyncio.sleep(rng.uniform(*pace))
                        result = await kernel.run(code)
                        run.latencies.append(result.seconds)
                        if result.status != "ok":
                            run.failures.append(f"{path.rsplit('/', 1)[-1]} cell {i}: "
                                                f"{result.status} {result.error}"[:200])
                        if "membership_explorer" in code and kernel.sliders():
                            cid, _ = kernel.sliders()[-1]
                            for index in (5, 12):
                                await asyncio.sleep(rng.uniform(*pace) / 3)
                                moved = await kernel.move(cid, {"index": index})
                                run.latencies.append(moved.seconds)
                                if moved.status != "ok":
                                    run.failures.append(f"explorer move: {moved.error}")
                        await _sample_memory(run)
    except Exception as err:  # what a learner would see as broken: counted, never fatal
        run.failures.append(f"{type(err).__name__}: {err}"[:300])
    return run


async def _floor_memory(hub, name: str) -> dict:
    from hub.learner import Learner
    from hub.localhub import learner_processes, memory_of

    token = await asyncio.to_thread(hub.user_token, name)
    async with Learner(hub.url, name, hub.password, token) as me:
        await me.log_in()
        await me.wait_for_server(hub)
        await me.pull(hub.pull_url())
        async with me.kernel_for("csto-in-data/notebooks/floor.ipynb") as kernel:
            result = await kernel.run(FLOOR_CODE)
            if result.status != "ok":
                raise RuntimeError(f"the floor kernel failed: {result.error}")
            await asyncio.sleep(1.0)
            return await asyncio.to_thread(lambda: memory_of(learner_processes(name)))


async def _class(hub, names: list[str], pace, seed: int, window: float) -> list[LearnerRun]:
    rng = random.Random(seed)
    n = len(names)
    window = window if n > 1 else 0.0
    starts = [window * i / n for i in range(n)]
    return list(await asyncio.gather(*[
        _learner(hub, name, start, pace, random.Random(rng.random()))
        for name, start in zip(names, starts)]))


def _reset(hub, names: list[str]) -> None:
    """Stop the learners' servers and remove their pulled copies (a fresh class each time)."""
    for name in names:
        try:
            hub.api("DELETE", f"/users/{name}/server")
        except OSError:
            pass
    deadline = time.monotonic() + 120
    from hub.localhub import learner_processes

    while time.monotonic() < deadline and any(learner_processes(n) for n in names):
        time.sleep(1)
    for name in names:
        shutil.rmtree(f"/home/{name}/csto-in-data", ignore_errors=True)


def _why_not() -> str | None:
    from hub.localhub import PROXY

    if os.geteuid() != 0:
        return "the load test creates real Unix accounts (useradd): run make bench as root"
    if not PROXY.exists():
        return f"{PROXY} is missing: run `make hub-node`"
    if not os.path.exists("/usr/bin/python3"):
        return "/usr/bin/python3 is missing (the hub's course environment is made with it)"
    return None


def measure(ctx: Context) -> list[Measurement]:
    """Run the class sizes on one hub; one record per statistic and class size."""
    levels = QUICK_LEVELS if ctx.quick else LEVELS
    if os.environ.get("CSTO_HUB_LEVELS"):
        levels = tuple(int(x) for x in os.environ["CSTO_HUB_LEVELS"].split(","))
    levels = tuple(sorted(set(levels) | {1}))  # one learner alone is every floor
    pace = QUICK_PACE if ctx.quick else PACE
    names = [f"hub:{stat}@{n}" for n in levels for stat in ("cell-p95", "cell-median", "memory",
                                                            "failures")]
    why = _why_not()
    if why:
        return [Measurement.not_measured(n, why) for n in names]
    from hub.localhub import LocalHub

    say = lambda text: print(f"[hub] {text}", file=sys.stderr, flush=True)  # noqa: E731
    hub = LocalHub(max(levels) + 1, log=say)
    out: list[Measurement] = []
    try:
        hub.start()
        floor_user, learners = hub.users[0], hub.users[1:]
        floor_mem = asyncio.run(_floor_memory(hub, floor_user))
        _reset(hub, [floor_user])
        say(f"floor: bare server + kernel ({FLOOR_CODE}): RSS {floor_mem['rss_mb']:.0f} MB, "
            f"PSS {floor_mem['pss_mb']:.0f} MB")
        results: dict[int, dict] = {}
        for n in levels:
            say(f"{n} learner(s) at {pace[0]:g}-{pace[1]:g} s a cell...")
            t0 = time.perf_counter()
            runs = asyncio.run(_class(hub, learners[:n], pace, seed=n, window=(
                QUICK_LOGIN_WINDOW if ctx.quick else LOGIN_WINDOW)))
            results[n] = summarise(runs)
            s = results[n]
            say(f"{n}: median {s['median']:.2f} s, p95 {s['p95']:.2f} s, RSS {s['rss_mb'] or 0:.0f}"
                f" MB/learner, {s['failures']} failure(s), {time.perf_counter() - t0:.0f} s")
            _reset(hub, learners[:n])
        alone = results[1]
        for n in levels:
            s = results[n]
            common = (f"{n} learner(s), {len(s['samples'])} cells and slider moves at "
                      f"{pace[0]:g}-{pace[1]:g} s pace; server ready in {s['ready_s'] or 0:.1f} s, "
                      f"pull {s['pull_s'] or 0:.1f} s (medians)")
            out.append(Measurement(
                f"hub:cell-p95@{n}", unit="s", target=LATENCY_TARGET if n == max(levels) else None,
                value=s["p95"], floor=alone["p95"], samples=s["samples"],
                note=f"p95 against one learner alone; {common}"))
            out.append(Measurement(
                f"hub:cell-median@{n}", unit="s", value=s["median"], floor=alone["median"],
                note="median against one learner alone (the curve; no target)"))
            out.append(Measurement(
                f"hub:memory@{n}", unit="MB", target=MEMORY_TARGET, value=s["rss_mb"],
                floor=floor_mem["rss_mb"],
                note=(f"peak RSS of a learner's server + kernel (median learner) against a bare "
                      f"server + kernel importing pandas, matplotlib, ipywidgets; PSS "
                      f"{s['pss_mb'] or 0:.0f} vs {floor_mem['pss_mb']:.0f} MB")))
            out.append(Measurement(
                f"hub:failures@{n}", unit="", target=0, on="value", value=float(s["failures"]),
                note="; ".join(s["failed"]) or "logins, pulls, kernels and cells all answered"))
    except Exception as err:
        tail = hub.log_tail(8)
        out = [Measurement.not_measured(n, f"{type(err).__name__}: {err}"[:300] + f" | {tail[-300:]}")
               for n in names]
    finally:
        hub.stop()
    return out


if __name__ == "__main__":  # a direct run: python -m bench.hub_load [--quick]
    for m in measure(Context(quick="--quick" in sys.argv)):
        print(m.to_dict()["name"], m.value, m.floor, m.ratio, m.passed, m.why or m.note)
    sys.exit(0)
