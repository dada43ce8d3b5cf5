"""The course website: how long ``make site`` takes, and how heavy each lesson page is.

``site:build`` (target: ratio at most 3)
    ``scripts/build_site.py`` (what ``make site`` runs: stage, website, one-page build, PDF,
    zip; nothing executed) against its floor, ``jupyter nbconvert --to html`` of the same
    notebooks (the lessons, then the blank exercises, one nbconvert process each, with the
    widget renderer pointed at local copies as the recipe says). Sides alternate; medians.
    The note gives the build's own step times and the CPU ratio.

``site:weight:<lesson>`` (target: ratio at most 1.5)
    Everything the lesson's page loads in Chromium when opened (the HTML, stylesheets,
    scripts, fonts, images, the static explorer's data), as bytes on the wire from a web server
    that compresses text as static hosts do (gzip, as GitHub Pages serves it), against the
    notebook file itself compressed the same way. The note gives the uncompressed bytes too,
    and how much of the page is the widget renderer (the same file on every page, so a reader's
    browser fetches it once per visit).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.context import Context
from bench.timing import Measurement, alternate, error_line, median, progress, time_subprocess

__all__ = ["measure", "BUILD_TARGET", "WEIGHT_TARGET", "wire_bytes"]

BUILD_TARGET = 3.0
WEIGHT_TARGET = 1.5
_TEXT = (".html", ".js", ".css", ".json", ".svg", ".txt", ".ipynb", ".map")


def wire_bytes(data: bytes, name: str) -> int:
    """Bytes a compressing static host sends for a file: gzip for text, as-is for the rest.

    Examples
    --------
    >>> wire_bytes(b"a" * 1000, "x.png")
    1000
    >>> wire_bytes(b"a" * 1000, "x.html") < 100
    True
    """
    if name.split("?")[0].endswith(_TEXT):
        return len(gzip.compress(data, compresslevel=6))
    return len(data)


def measure(ctx: Context) -> list[Measurement]:
    """Time the build against nbconvert, then weigh each lesson page; see the module docstring."""
    missing = _missing(ctx)
    if missing:
        names = ["site:build"] + [f"site:weight:{p.stem}" for p in ctx.lessons()]
        return [Measurement.not_measured(n, missing, target=BUILD_TARGET if n == "site:build"
                                         else WEIGHT_TARGET) for n in names]
    with tempfile.TemporaryDirectory(prefix="site-", dir=ctx.cache_dir) as scratch:
        build = _build(ctx, Path(scratch))
        weights = _weights(ctx, Path(scratch) / "site-last" / "html")
    return [build] + weights


def _missing(ctx: Context) -> str | None:
    if not (ctx.root / "book" / "node_modules" / "@jupyter-widgets").exists():
        return "book/node_modules is missing: run `make site-deps`"
    try:
        import myst_nb  # noqa: F401
    except ImportError:
        return "the site's Python packages are missing: run `make site-deps`"
    if not Path("/usr/bin/chromium").exists():
        return "Debian's chromium is missing (make system-deps)"
    return None


def _exercises(root: Path) -> list[Path]:
    return sorted(p for p in (root / "exercises").glob("*/*.ipynb") if p.stem == p.parent.name)


def _build(ctx: Context, scratch: Path) -> Measurement:
    env = ctx.env(MPLBACKEND="Agg")
    jupyter = str(Path(ctx.python).parent / "jupyter")
    widgets = "_static/widgets/embed.js"

    def nbconvert(out: Path) -> list[list[str]]:
        base = [jupyter, "nbconvert", "--to", "html", "--log-level=ERROR",
                "--HTMLExporter.require_js_url=_static/require.js",
                f"--HTMLExporter.widget_renderer_url={widgets}"]
        return [base + ["--output-dir", str(out / "lessons")] + [str(p) for p in ctx.lessons()],
                base + ["--output-dir", str(out / "exercises")] + [str(p) for p in _exercises(ctx.root)]]

    site_cmd = [ctx.python, str(ctx.root / "scripts" / "build_site.py")]
    n = ctx.repeats(default=3, quick=1)
    bar = progress("site", 2 * n + 1)
    samples: dict[str, list[float]] = {"value": [], "floor": []}
    cpu: dict[str, list[float]] = {"value": [], "floor": []}
    steps = ""
    try:
        time_subprocess(site_cmd + ["--out", str(scratch / "site-last")], cwd=ctx.root, env=env,
                        timeout=900)  # warm-up (file cache, bytecode); also the pages weighed
        bar.step("warm-up")
        for i, pair in enumerate(alternate(n)):
            for side in pair:
                if side == "value":
                    out = scratch / f"site-{i}"
                    t, proc = time_subprocess(site_cmd + ["--out", str(out)], cwd=ctx.root,
                                              env=env, timeout=900)
                    steps = proc.stdout.strip().splitlines()[-1]
                    shutil.rmtree(out, ignore_errors=True)
                    c = proc.cpu_seconds
                else:
                    out = scratch / f"nbconvert-{i}"
                    t = c = 0.0
                    for cmd in nbconvert(out):
                        ti, proc = time_subprocess(cmd, cwd=ctx.root, env=env, timeout=600)
                        t += ti
                        c += proc.cpu_seconds
                    shutil.rmtree(out, ignore_errors=True)
                samples[side].append(t)
                cpu[side].append(c)
                bar.step(f"{side} {t:.1f} s")
    except subprocess.CalledProcessError as err:
        bar.close("failed")
        return Measurement.not_measured("site:build", f"a build failed ({error_line(err)})",
                                        target=BUILD_TARGET)
    bar.close()
    cpu_ratio = median(cpu["value"]) / median(cpu["floor"])
    return Measurement(
        "site:build", unit="s", target=BUILD_TARGET, samples=samples["value"],
        floor_samples=samples["floor"],
        note=(f"CPU ratio {cpu_ratio:.2f}; {len(ctx.lessons())} lessons and "
              f"{len(_exercises(ctx.root))} exercises; last build: {steps}; median of {n}"),
        extra={"cpu_value": cpu["value"], "cpu_floor": cpu["floor"], "cpu_ratio": cpu_ratio})


def _weights(ctx: Context, html: Path) -> list[Measurement]:
    import sys

    sys.path.insert(0, str(ctx.root / "scripts"))
    import build_site
    from playwright.sync_api import sync_playwright

    results = []
    with build_site.Server(html) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=build_site.CHROMIUM_ARGS)
        for lesson in ctx.lessons():
            context = browser.new_context()  # an empty cache: a first visit
            page = context.new_page()
            loaded: dict[str, bytes] = {}

            def keep(response, loaded=loaded):
                if response.url.startswith(server.url) and response.status == 200:
                    try:
                        loaded[response.url] = response.body()
                    except Exception:  # a response without a body (a redirect)
                        pass

            page.on("response", keep)
            page.goto(f"{server.url}/notebooks/{lesson.stem}.html", wait_until="load")
            page.wait_for_function(build_site.WIDGETS_RENDERED, timeout=60_000)
            page.wait_for_load_state("networkidle")
            context.close()
            raw = sum(len(b) for b in loaded.values())
            wire = sum(wire_bytes(b, url) for url, b in loaded.items())
            renderer = sum(wire_bytes(b, url) for url, b in loaded.items() if "/widgets/" in url)
            nb_bytes = lesson.read_bytes()
            nb_wire = wire_bytes(nb_bytes, lesson.name)
            results.append(Measurement(
                f"site:weight:{lesson.stem}", unit="kB", target=WEIGHT_TARGET,
                value=wire / 1000, floor=nb_wire / 1000,
                note=(f"{len(loaded)} files; uncompressed {raw / 1000:.0f} kB against the "
                      f"notebook's {len(nb_bytes) / 1000:.0f} kB (ratio {raw / len(nb_bytes):.2f}); "
                      f"of the page, the widget renderer and its fonts are {renderer / 1000:.0f} kB"),
                extra={"files": {u.replace(server.url, ""): len(b) for u, b in loaded.items()},
                       "raw": raw, "notebook_raw": len(nb_bytes), "renderer_wire": renderer}))
        browser.close()
    return results
