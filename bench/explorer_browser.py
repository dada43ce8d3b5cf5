"""The membership explorer in a real browser: input to updated map.

Target 3 (browser side): JupyterLab from the project's venv on 127.0.0.1 (the browser tests'
server start from ``tests/browser/conftest.py`` when it can be imported, else a small one of our
own, as in ``shared/recipes/browser-widget-check.md``), Debian's chromium through playwright.
A scratch notebook shows ``cl.widgets.membership_explorer("1992-01-01")``; the slider handle
gets the keyboard focus, and each sample is one key press (``End``, then ``Home``, alternating:
January 1992, when no state had signed, and the latest month, so the map differs every time)
measured in the page from the ``keydown`` event to the first animation frame after the new map
image has been decoded. ``explorer:browser-ms``: median at most 150 ms.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.timing import Measurement, error_line, progress

__all__ = ["measure", "TARGET_MS"]

TARGET_MS = 150.0
NAME = "explorer:browser-ms"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bench-explorer",
               "metadata": {}, "outputs": [],
               "source": "import course_lib as cl\n"
                         "explorer = cl.widgets.membership_explorer(\"1992-01-01\")\n"
                         "explorer"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}
ROOT_SEL = ".csto-membership-explorer"

# Installed in the page: time from keydown to the frame after the new map image is decoded.
PAGE_JS = r"""
(sel) => {
  const root = document.querySelector(sel);
  const img = root.querySelector('img');
  const st = window.__bench = {t0: null, samples: [], last: img.src, pending: false};
  document.addEventListener('keydown', (e) => { st.t0 = performance.now(); st.pending = true; },
                            true);
  new MutationObserver(() => {
    const now = root.querySelector('img');
    if (!now || now.src === st.last || !st.pending) return;
    st.last = now.src;
    st.pending = false;
    const t0 = st.t0;
    now.decode().catch(() => null).then(() => requestAnimationFrame(() => {
      st.samples.push(performance.now() - t0);
    }));
  }).observe(root, {subtree: true, childList: true, attributes: true,
                    attributeFilter: ['src']});
  return img.src.length;
}
"""


def measure(ctx: Context) -> list[Measurement]:
    """One record: median keydown-to-map time in Chromium; see the module docstring."""
    if not CHROMIUM.exists():
        return [_nm(f"{CHROMIUM} is missing (apt-get install chromium; never playwright "
                    "install)")]
    if importlib.util.find_spec("playwright") is None:
        return [_nm("playwright is not installed in the venv")]
    probe = subprocess.run([ctx.python, "-c", "import course_lib as cl; "
                            "cl.widgets.membership_explorer"], capture_output=True, text=True,
                           env=ctx.env())
    if probe.returncode:
        return [_nm("no membership explorer yet: " + (probe.stderr.strip().splitlines()
                                                       or ["?"])[-1])]
    presses = 2 * ctx.repeats(default=8, quick=3)
    bar = progress("browser", presses + 3)
    tmp = Path(tempfile.mkdtemp(prefix="browser-", dir=ctx.cache_dir))
    server = None
    try:
        server, how = _start_server(ctx, tmp)
        bar.step(f"JupyterLab up ({how})")
        (server.root / "bench-explorer.ipynb").write_text(json.dumps(NOTEBOOK))
        samples, info = _drive(server, presses, bar, ctx.cache_dir)
    except _Skip as err:
        return [_nm(str(err))]
    finally:
        if server is not None:
            _shutdown(server)
        shutil.rmtree(tmp, ignore_errors=True)
    bar.close()
    if len(samples) < presses // 2:
        return [_nm(f"the map updated on only {len(samples)} of {presses} key presses")]
    return [Measurement(
        NAME, unit="ms", target=TARGET_MS, on="value", samples=samples,
        note=(f"{len(samples)} key presses (End/Home on the month slider), keydown to the frame "
              f"after the new map image decoded; server via {how}; first render "
              f"{info['first_render_s']:.1f} s after Run{_dropped(info['run_all_asks'])}"),
        extra=info)]


def _dropped(asks: int) -> str:
    """What the note adds when Run All Cells had to be asked for more than once.

    >>> _dropped(1)
    ''
    >>> _dropped(2)
    ' (timed from the Run All that started the cell; 1 before it was dropped: the kernel was not connected yet)'
    """
    if asks <= 1:
        return ""
    return (" (timed from the Run All that started the cell; "
            f"{asks - 1} before it {'was' if asks == 2 else 'were'} dropped: "
            "the kernel was not connected yet)")


def _nm(why: str) -> Measurement:
    return Measurement.not_measured(NAME, why, unit="ms", target=TARGET_MS, on="value")


class _Skip(RuntimeError):
    """The measurement cannot be taken; the message says why."""


# ---------------------------------------------------------------------------- the server

def _start_server(ctx: Context, tmp: Path):
    """The browser tests' server when importable, else our own; returns (server, how)."""
    conftest = ctx.root / "tests" / "browser" / "conftest.py"
    if conftest.exists():
        try:
            spec = importlib.util.spec_from_file_location("_bench_browser_conftest", conftest)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = mod
            spec.loader.exec_module(mod)
            server = mod._start_lab(tmp)
            server.stop = lambda: mod._stop(server.process)
            return server, "tests/browser/conftest.py"
        except BaseException as err:  # pytest.fail raises a BaseException
            if isinstance(err, KeyboardInterrupt):
                raise
            print(f"[browser] cannot reuse tests/browser/conftest.py ({error_line(err)}); "
                  "starting our own server", file=sys.stderr)
    return _own_server(ctx, tmp), "bench's own start"


class _Server:
    def __init__(self, url: str, token: str, root: Path, process: subprocess.Popen) -> None:
        self.url, self.token, self.root, self.process = url, token, root, process

    def lab_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str) -> Any:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _own_server(ctx: Context, tmp: Path) -> _Server:
    root = tmp / "root"
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    root.mkdir()
    for d in ("runtime", "config", "workspaces"):
        (tmp / d).mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = ctx.env(JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                  JUPYTER_CONFIG_DIR=str(tmp / "config"),
                  JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
                  JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    cmd = [str(Path(ctx.python).parent / "jupyter"), "lab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           f"--LabApp.user_settings_dir={tmp / 'settings'}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp / "lab.log", "wb")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    server = _Server(f"http://127.0.0.1:{port}", token, root, proc)
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            server.api("GET", "/api/status")
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise _Skip("JupyterLab did not start within 90 s: "
                + (tmp / "lab.log").read_text(errors="replace")[-300:])


def _shutdown(server) -> None:
    try:
        for s in server.api("GET", "/api/sessions") or []:
            server.api("DELETE", f"/api/sessions/{s['id']}")
    except OSError:
        pass
    server.stop()


# ---------------------------------------------------------------------------- the page

PROMPT_STARTED = (
    "() => { const p = document.querySelector("
    "'.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt');"
    " return !!p && /\\[(\\*|\\d+)\\]/.test(p.textContent); }")


def _run_all(page) -> tuple[int, float]:
    """Run > Run All Cells, retried until the cell's prompt shows it ran or runs.

    Right after the page opens, the kernel can look idle before it is connected; a run asked
    for then is dropped, so the prompt is checked and the run asked for again.

    Returns
    -------
    tuple of (int, float)
        How many times Run All Cells was asked for, and the ``time.perf_counter()`` of the ask
        that started the cell (what the first render is timed from: a dropped ask waits 20 s).
    """
    import re

    for attempt in range(4):
        asked = time.perf_counter()
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel",
                     has_text=re.compile(r"^Run All Cells$")).first.click()
        try:
            page.wait_for_function(PROMPT_STARTED, timeout=20_000)
            return attempt + 1, asked
        except Exception:
            page.keyboard.press("Escape")
    raise _Skip("the explorer's cell never started running (Run All Cells asked 4 times)")

def _drive(server, presses: int, bar, shot_dir: Path) -> tuple[list[float], dict]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.lab_url("bench-explorer.ipynb"), wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            page.wait_for_selector(".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator"
                                   "[data-status='idle']", timeout=90_000)
            asks, t_run = _run_all(page)
            try:
                page.wait_for_selector(f"{ROOT_SEL} img", timeout=120_000)
            except Exception:
                shot = shot_dir / "browser-failure.png"
                page.screenshot(path=str(shot))
                outs = page.locator(".jp-OutputArea-output")
                text = outs.first.inner_text()[:300] if outs.count() else "(no output)"
                raise _Skip(f"the explorer did not render in the browser within 120 s: "
                            f"{text!r}; screenshot bench/.cache/browser-failure.png")
            page.wait_for_function(
                f"() => {{ const i = document.querySelector('{ROOT_SEL} img');"
                " return i && i.src && i.complete && i.naturalWidth > 0; }", timeout=60_000)
            first_render = time.perf_counter() - t_run
            bar.step(f"explorer rendered in {first_render:.1f} s")
            page.evaluate(PAGE_JS, ROOT_SEL)
            handle = page.locator(f"{ROOT_SEL} .widget-slider .noUi-handle").first
            handle.focus()
            bar.step("slider focused")
            timeouts = 0
            for k in range(presses):
                key = "End" if k % 2 == 0 else "Home"
                have = page.evaluate("() => window.__bench.samples.length")
                page.keyboard.press(key)
                try:
                    page.wait_for_function(f"() => window.__bench.samples.length > {have}",
                                           timeout=15_000)
                    ms = page.evaluate("() => window.__bench.samples.at(-1)")
                    bar.step(f"{key}: {ms:.0f} ms")
                except Exception:
                    timeouts += 1
                    bar.step(f"{key}: no map update within 15 s")
                page.wait_for_timeout(250)  # let the kernel settle between presses
            samples = page.evaluate("() => window.__bench.samples")
            header = page.locator(f"{ROOT_SEL} .widget-html").first.inner_text()[:120]
            return samples, {"first_render_s": first_render, "run_all_asks": asks,
                             "timeouts": timeouts,
                             "page_errors": errors[:5], "header_after": header}
        finally:
            browser.close()
