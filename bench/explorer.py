"""The membership explorer in the kernel: one date change to an updated map and table.

Target 3 (kernel side): in a fresh IPython kernel (inline backend, real widget comms), a fresh
``cl.widgets.membership_explorer()`` is driven through a seeded sweep of month changes through
its slider (the same path a learner's input takes); each sample is the time from setting the
slider to the map image and member table holding that month's state. After each step, outside
the timing, ``explorer.current`` is checked against ``cl.members_on`` for that month.

- ``explorer:kernel-ms``: median step, at most 50 ms.
- ``explorer:vs-redraw``: the same median against a bare matplotlib redraw of the same map (the
  explorer's own figure saved to PNG by ``savefig``, nothing else), timed alternately with the
  steps: ratio at most 1.5.
- ``explorer:uncached-vs-redraw``: only the steps that drew a new map image rather than reusing
  one (first sight of a combination of statuses) against the same floor: also at most 1.5, so
  a cache cannot hide a slow redraw.
"""

from __future__ import annotations

from bench.context import Context
from bench.kernel import KernelCodeFailed, run_code
from bench.timing import Measurement, median, progress

__all__ = ["measure", "KERNEL_CODE"]

TARGET_MS = 50.0
TARGET_RATIO = 1.5

KERNEL_CODE = r'''
import io, json, random, time
import course_lib as cl
from matplotlib.figure import Figure

STEPS, ROUNDS, SEED = {steps}, {rounds}, 20261123

def figure_of(w):
    for v in vars(w).values():
        if isinstance(v, Figure):
            return v
    return None

def image_of(w):
    img = getattr(w, "map_image", None)
    return getattr(img, "value", None)

t0 = time.perf_counter()
w0 = cl.widgets.membership_explorer()
build_s = time.perf_counter() - t0
slider = getattr(w0, "slider", None)
options = list(slider.options) if slider is not None else []
months = list(getattr(w0, "_months", []))
rng = random.Random(SEED)
steps, cpu, floors, uncached, wrong = [], [], [], [], []
for r in range(ROUNDS):
    w = cl.widgets.membership_explorer("1992-01-01")   # fresh: no image cached yet
    fig = figure_of(w)
    order = [rng.randrange(len(options)) for _ in range(STEPS)]
    for k, idx in enumerate(order):
        label, value = options[idx] if isinstance(options[idx], tuple) else (options[idx], options[idx])
        cache = getattr(w, "_images", None)
        before = len(cache) if cache is not None else None
        def step():
            c = time.process_time()
            t = time.perf_counter()
            w.slider.value = value
            t = time.perf_counter() - t
            cpu.append(time.process_time() - c)
            return t
        def floor():
            buf = io.BytesIO()
            t = time.perf_counter()
            fig.savefig(buf, format="png", dpi=fig.dpi)
            return time.perf_counter() - t
        if fig is None:
            floor = lambda: float("nan")
        if k % 2 == 0:
            s = step(); f = floor()
        else:
            f = floor(); s = step()
        steps.append(s); floors.append(f)
        if cache is not None and len(cache) > before:
            uncached.append(s)
        month = months[idx] if months else None
        if month is not None:
            want = cl.members_on(month)[["iso3", "status"]].astype(str).values.tolist()
            have = w.current[["iso3", "status"]].astype(str).values.tolist()
            if want != have or not image_of(w):
                wrong.append(str(month.date()))
        if k % 10 == 9:
            print(f"PROGRESS round {{r + 1}}/{{ROUNDS}} step {{k + 1}}/{{STEPS}}", flush=True)
print("RESULT " + json.dumps({{
    "steps": steps, "cpu": cpu, "floors": floors, "uncached": uncached, "wrong": wrong,
    "build_s": build_s, "n_options": len(options), "figure": fig is not None,
    "figsize": list(fig.get_size_inches()) if fig is not None else None,
    "dpi": fig.dpi if fig is not None else None,
}}))
'''


def measure(ctx: Context) -> list[Measurement]:
    """Three records: the median step, its ratio to a bare redraw, the uncached steps."""
    names = ("explorer:kernel-ms", "explorer:vs-redraw", "explorer:uncached-vs-redraw")
    rounds = ctx.repeats(default=3, quick=1)
    steps = 40 if not ctx.quick else 20
    bar = progress("explorer")
    bar.say(f"starting a kernel: {rounds} round(s) of {steps} slider moves")
    try:
        out = run_code(KERNEL_CODE.format(steps=steps, rounds=rounds), ctx,
                       cwd=ctx.root / "notebooks", bar=bar)
    except KernelCodeFailed as err:
        why = f"the explorer cannot be driven yet: {err}"
        return [Measurement.not_measured(names[0], why, unit="ms", target=TARGET_MS, on="value"),
                Measurement.not_measured(names[1], why, target=TARGET_RATIO)]
    bar.close()
    ms = [1000 * s for s in out["steps"]]
    floor_ms = [1000 * f for f in out["floors"] if f == f]  # drop NaN (no figure found)
    unc = [1000 * s for s in out["uncached"]]
    wrong = out["wrong"]
    check = (f"WRONG for {len(wrong)} month(s), e.g. {wrong[:3]}: explorer.current is not "
             f"members_on" if wrong else "explorer.current == members_on at every step")
    cpu_ms = median(1000 * c for c in out["cpu"])
    common = (f"CPU {cpu_ms:.0f} ms; "
              f"{rounds}x{steps} seeded slider moves over {out['n_options']} months, fresh "
              f"explorer per round; {len(unc)} steps drew a new image; {check}")
    res = [Measurement(names[0], unit="ms", target=TARGET_MS, on="value", samples=ms,
                       note=common, extra={"wrong_months": wrong,
                                           "build_s": out["build_s"]})]
    if floor_ms:
        res.append(Measurement(
            names[1], unit="ms", target=TARGET_RATIO, samples=ms, floor_samples=floor_ms,
            note=(f"floor: savefig PNG of the explorer's own figure "
                  f"({out['figsize'][0]:.1f}x{out['figsize'][1]:.1f} in @ {out['dpi']:.0f} dpi)")))
    else:
        res.append(Measurement.not_measured(
            names[1], "no matplotlib Figure found on the explorer to redraw",
            target=TARGET_RATIO))
    if unc and floor_ms:
        res.append(Measurement(
            names[2], unit="ms", target=TARGET_RATIO, samples=unc, floor=median(floor_ms),
            note=f"{len(unc)} steps that rendered a new map image"))
    else:
        res.append(Measurement.not_measured(
            names[2], "no step drew a new image (or no figure found)", target=TARGET_RATIO))
    return res
