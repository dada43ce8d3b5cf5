"""A real JupyterLab driven by a real Chromium: the fixtures of the browser tests.

``lab``
    (session) JupyterLab started from the project's venv (``<repo>/.venv/bin/jupyter lab``) on
    127.0.0.1, a random free port and a random token, rooted in a temporary COPY of the
    course's ``notebooks/`` and ``exercises/`` (test runs never modify the course tree). Its
    settings, workspaces, runtime and config folders are temporary too, so a learner's own
    JupyterLab settings are neither read nor changed; the news toast is switched off there.
    Stopped, with its kernels, at the end of the session.
``browser``
    (session) Debian's chromium (``/usr/bin/chromium``) through Python playwright, as one
    browser context whose cache the pages share. Never ``playwright install``. A missing
    chromium FAILS the tests (CI installs it with ``scripts/system-deps.sh``).
``lab_page``
    (function) a fresh page, with helpers to open a notebook, run all cells, read errors
    and take screenshots. Every kernel is shut down afterwards.
``lesson_runner``
    (session) opens and runs each lesson once; that lesson's tests share the page (the
    collection hook orders the tests lesson by lesson).

Screenshots are written to ``tests/browser/screenshots/`` (git-ignored).

Set ``CSTO_BROWSER_COURSE=/some/dir`` (a folder with ``notebooks/`` and ``exercises/``) to
point the tests at other notebooks, e.g. while developing the fixture.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE = Path(os.environ.get("CSTO_BROWSER_COURSE", REPO))
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# From ../shared/recipes/browser-widget-check.md: without the background-networking flags
# Chromium floods the closed network with refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 900}
SERVER_START_TIMEOUT = 90.0  # seconds; two shared cores can be slow
RUN_ALL_TIMEOUT = 240.0  # seconds for one lesson's Run All Cells

# The settings a learner would otherwise be asked about, written to a temporary user
# settings folder: no "receive official Jupyter news?" toast over the screenshots.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

# Timings of this session, printed at its end (timing assertions live in bench/, not here).
TIMINGS: dict[str, float] = {}


# --------------------------------------------------------------------------- the notebooks


def lessons() -> list[Path]:
    """The lesson notebooks, ``notebooks/NN-slug.ipynb``, in course order."""
    return sorted(p for p in (COURSE / "notebooks").glob("[0-9]*.ipynb"))


def exercises() -> list[Path]:
    """The learner exercise notebooks, ``exercises/**/NN-slug.ipynb``."""
    folder = COURSE / "exercises"
    return sorted(
        p
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and re.match(r"\d", p.name)
    )


def code_sources(path: Path) -> list[str]:
    """The source of every code cell of a notebook, in order."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            out.append("".join(src) if isinstance(src, list) else src)
    return out


def uses(path: Path, pattern: str) -> bool:
    """True when any code cell of the notebook matches the regular expression."""
    return any(re.search(pattern, src) for src in code_sources(path))


EXPLORER_CALL = r"\bmembership_explorer\s*\("
QUIZ_CALL = r"\bquiz\s*\("


def _rel(path: Path) -> str:
    return path.relative_to(COURSE).as_posix()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise over the registry: every lesson, every lesson with a given widget."""
    if "lesson" in metafunc.fixturenames:
        # A test chooses the lessons it applies to with @pytest.mark.lessons_using(REGEX).
        marker = metafunc.definition.get_closest_marker("lessons_using")
        pattern = marker.args[0] if marker else None
        found = [p for p in lessons() if pattern is None or uses(p, pattern)]
        # No lesson at all (or none with the widget) is a failure, not a silent skip: the
        # sentinel makes LessonRunner.get fail with a message saying what is missing.
        params = [_rel(p) for p in found] or [f"<none:{pattern or 'lesson'}>"]
        metafunc.parametrize("lesson", params, ids=[Path(p).stem for p in params])
    if "exercise" in metafunc.fixturenames:
        found = exercises()
        params = [_rel(p) for p in found[:1]] or ["<none:exercise>"]
        metafunc.parametrize("exercise", params, ids=[Path(p).stem for p in params])


# --------------------------------------------------------------------------- the server


def _venv_bin() -> Path:
    """``<repo>/.venv/bin``, or the running interpreter's folder when tests run elsewhere."""
    candidate = REPO / ".venv" / "bin"
    if (candidate / "jupyter").exists():
        return candidate
    here = Path(sys.executable).parent
    if (here / "jupyter").exists():
        return here
    pytest.fail(
        f"JupyterLab was not found in {candidate} (nor beside {sys.executable}): "
        "run `make install` to create the project's venv."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab: its URL, token, root folder, log and process."""

    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen
    start_seconds: float = 0.0

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 10.0):
        """Call the Jupyter Server REST API; returns the decoded JSON (or None)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def lab_url(self, path: str) -> str:
        """The JupyterLab URL that opens ``path`` (relative to the root) in a fresh workspace."""
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"

    def kernel_ids(self) -> set[str]:
        """The ids of the kernels running now."""
        try:
            return {k["id"] for k in self.api("GET", "/api/kernels") or []}
        except (urllib.error.URLError, OSError):
            return set()

    def shutdown_kernels(self, keep: set[str] = frozenset()) -> None:
        """Close the sessions and kernels (but those in ``keep``): kernels outlive their page."""
        try:
            for s in self.api("GET", "/api/sessions") or []:
                if (s.get("kernel") or {}).get("id") not in keep:
                    self.api("DELETE", f"/api/sessions/{s['id']}")
            for k in self.api("GET", "/api/kernels") or []:
                if k["id"] not in keep:
                    self.api("DELETE", f"/api/kernels/{k['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _start_lab(tmp: Path) -> LabServer:
    root = tmp / "course"
    root.mkdir()
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    # datasets/ too: lesson 01 reads the CSV files with pd.read_csv("../datasets/..."), as a
    # learner's checkout (make lab, Binder, nbgitpuller) has them beside notebooks/.
    for folder in ("notebooks", "exercises", "datasets"):
        src = COURSE / folder
        if src.is_dir():
            shutil.copytree(src, root / folder, ignore=ignore)
        else:
            (root / folder).mkdir()
    settings = tmp / "lab-settings"
    for rel, value in LAB_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    for d in ("workspaces", "runtime", "config", "data"):
        (tmp / d).mkdir()

    bin_dir = _venv_bin()
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
    )
    # tests/conftest.py sets MPLBACKEND=Agg for this process; a learner's kernel has the
    # inline backend, which is what the lessons must be seen with.
    env.pop("MPLBACKEND", None)

    last_error = ""
    for _attempt in range(3):
        port, token = _free_port(), secrets.token_hex(24)
        log = tmp / f"jupyter-lab-{port}.log"
        cmd = [
            str(bin_dir / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            "--ServerApp.open_browser=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        started = time.perf_counter()
        with log.open("wb") as fh:
            proc = subprocess.Popen(
                cmd, cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = LabServer(f"http://127.0.0.1:{port}", token, root, log, proc)
        deadline = started + SERVER_START_TIMEOUT
        while time.perf_counter() < deadline:
            if proc.poll() is not None:
                break
            try:
                server.api("GET", "/api/status", timeout=2)
                server.start_seconds = time.perf_counter() - started
                TIMINGS["server start"] = server.start_seconds
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.2)
        last_error = server.log_tail()
        _stop(proc)
    pytest.fail(
        f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT:.0f} s "
        f"(three tries). Last log lines:\n{last_error}"
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the server and the kernels it started
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@pytest.fixture(scope="session")
def course() -> Path:
    """The course folder the tests read (the repository, or $CSTO_BROWSER_COURSE)."""
    return COURSE


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on a temporary copy of the course (see the module docstring)."""
    def _interrupt(signum, frame):  # CI timeouts send SIGTERM: tear down like Ctrl-C does
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (e.g. some plugins): keep the default
        pass
    server = _start_lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        server.shutdown_kernels()
        _stop(server.process)


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser(playwright_session):
    """Debian's chromium, headless, through Python playwright: the session's browser context."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. Install it with "
            "`apt-get install chromium` (or `bash scripts/system-deps.sh`); never "
            "`playwright install`."
        )
    b = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    # One context for the session: its HTTP cache keeps JupyterLab's scripts between pages
    # (a page per lesson, one open at a time), which saves seconds per lesson.
    context = b.new_context(viewport=VIEWPORT)
    try:
        yield context
    finally:
        context.close()
        b.close()


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "lessons_using(regex): run this browser test on the lessons whose code "
        "cells match regex",
    )


def pytest_sessionfinish(session, exitstatus) -> None:
    if TIMINGS:
        lines = [f"  {k}: {v:.1f} s" for k, v in TIMINGS.items()]
        tr = session.config.pluginmanager.get_plugin("terminalreporter")
        if tr is not None:
            tr.write_line("browser timings (seconds, informative only):")
            for line in lines:
                tr.write_line(line)


# --------------------------------------------------------------------------- a page


PROMPT = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"
ERROR_SELECTORS = {
    "error output": ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'],"
    " .jp-RenderedText[data-mime-type*='error']",
    "stderr output": ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
}


@dataclass
class LabPage:
    """A playwright page on the lab server, and what a learner would see on it."""

    page: object
    lab: LabServer
    name: str
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)
    opened: dict[str, float] = field(default_factory=dict)

    # ---- seeing
    def screenshot(self, suffix: str = "", target=None) -> Path:
        """Save a PNG under tests/browser/screenshots/ and return its path."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", self.name + (f"-{suffix}" if suffix else ""))
        path = SCREENSHOTS / f"{stem}.png"
        (target or self.page).screenshot(path=str(path))
        self.shots.append(path)
        return path

    def scroll_to_top(self) -> None:
        """Scroll the notebook back to its first cell, where a learner starts reading."""
        self.page.evaluate(
            "() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-WindowedPanel-outer'); if (p) p.scrollTop = 0; }"
        )
        self.page.wait_for_timeout(200)

    def screenshot_full(self, suffix: str = "full", max_height: int = 24_000) -> Path:
        """The whole notebook in one tall PNG: the viewport grows to its height, then back."""
        height = self.page.evaluate(
            "() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-WindowedPanel-outer'); return p ? p.scrollHeight : 0; }"
        )
        self.page.set_viewport_size({"width": VIEWPORT["width"],
                                     "height": int(min(max(height + 160, VIEWPORT["height"]),
                                                       max_height))})
        self.page.wait_for_timeout(500)
        try:
            return self.screenshot(suffix)
        finally:
            self.page.set_viewport_size(VIEWPORT)
            self.page.wait_for_timeout(200)

    def show_first_error(self) -> None:
        """Scroll the first error output on screen into view (for the failure screenshot)."""
        for sel in ERROR_SELECTORS.values():
            found = self.page.locator(sel)
            if found.count():
                found.first.scroll_into_view_if_needed()
                return

    def fail(self, message: str, suffix: str = "failure", target=None) -> None:
        """Fail the test with what was expected on screen and where the screenshot is."""
        try:
            shot = self.screenshot(suffix, target)
            where = f"Screenshot: {shot}"
        except Exception as exc:  # the page may be gone; say so rather than hide the failure
            where = f"(no screenshot: {exc})"
        extra = ""
        if self.page_errors:
            extra = "\nJavaScript page errors:\n  " + "\n  ".join(self.page_errors[:5])
        try:
            pytest.fail(f"{self.name}: {message}\n{where}{extra}", pytrace=False)
        except pytest.fail.Exception as failed:
            raise failed from None  # the playwright timeout behind it adds nothing

    # ---- doing
    def open(self, rel_path: str) -> None:
        """Open a notebook (path relative to the server root) and wait for an idle kernel."""
        started = time.perf_counter()
        self.page.goto(self.lab.lab_url(rel_path), wait_until="domcontentloaded")
        try:
            self.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        except Exception:
            self.fail(f"expected the notebook {rel_path} to open with its cells in JupyterLab")
        self.opened = {"cells shown": time.perf_counter() - started}
        self.wait_kernel_idle(rel_path, 90)
        self.opened["kernel idle"] = time.perf_counter() - started

    def wait_kernel_idle(self, rel_path: str, timeout: float) -> None:
        """Wait for the notebook's kernel to be started, connected and idle.

        The toolbar indicator says 'idle' before any kernel exists, so first wait for the
        server to have a session for this notebook with an idle kernel, then for the page.
        """
        deadline = time.perf_counter() + timeout
        state = "no session"
        while time.perf_counter() < deadline:
            sessions = [s for s in self.lab.api("GET", "/api/sessions") or []
                        if s.get("path") == rel_path and s.get("kernel")]
            if sessions:
                state = sessions[0]["kernel"].get("execution_state", "?")
                if state == "idle":
                    break
            time.sleep(0.25)
        else:
            self.fail(f"expected a kernel for {rel_path} to start and be idle within "
                      f"{timeout:.0f} s; its state: {state}")
        sel = ".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status='idle']"
        self.page.wait_for_selector(sel, timeout=30_000)
        status = self.page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\| Idle"))
        try:
            status.first.wait_for(timeout=30_000)
        except Exception:
            self.fail("expected the status bar to say the kernel is Idle")
        self.page.wait_for_timeout(300)

    def menu(self, top: str, item: str) -> None:
        """Click a menu bar item, then a menu item, both matched by their exact text."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
        entry = self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))
        try:
            entry.first.click(timeout=10_000)
        except Exception:
            self.fail(f"expected the {top!r} menu to have an item {item!r}")

    def prompts(self) -> list[str]:
        # textContent, not innerText: cells scrolled out of view are skipped by the browser's
        # rendering (content-visibility) and their innerText reads as empty.
        return [t.strip() for t in self.page.locator(PROMPT).all_text_contents()]

    def run_all(self, expected_runs: int, timeout: float = RUN_ALL_TIMEOUT) -> float:
        """Clear outputs, Run All Cells, wait until done; returns the seconds it took.

        Done means: no prompt shows ``[*]``, the kernel is idle, and either every one of the
        ``expected_runs`` non-empty code cells shows an execution number or an error stopped
        the run. Outputs are cleared first, so numbers stored in the file do not count.
        """
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "sel => [...document.querySelectorAll(sel)].every(e => !/\\d/.test(e.textContent))",
            arg=PROMPT, timeout=10_000,
        )
        started = time.perf_counter()
        self.menu("Run", "Run All Cells")
        deadline = started + timeout
        stable = quiet = 0
        last = None
        while time.perf_counter() < deadline:
            texts = self.prompts()
            numbered = sum(1 for t in texts if re.search(r"\[\d+\]", t))
            busy = any("*" in t for t in texts)
            idle = self.page.locator(
                ".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status='idle']"
            ).count() > 0
            done = not busy and idle and (numbered >= expected_runs or self.errors())
            stable = stable + 1 if done else 0
            # Idle with nothing queued and no change for 15 s: the run is over even if fewer
            # cells ran than expected (the caller's checks then say which did not).
            quiet = quiet + 1 if (not busy and idle and texts == last) else 0
            last = texts
            if stable >= 2 or quiet >= 60:
                return time.perf_counter() - started
            time.sleep(0.25)
        self.fail(
            f"expected Run All Cells to finish within {timeout:.0f} s; prompts now: "
            f"{self.prompts()}"
        )

    def errors(self) -> list[str]:
        """Every error on screen: error outputs, stderr, widgets that failed to render."""
        found = []
        for kind, sel in ERROR_SELECTORS.items():
            for el in self.page.locator(sel).all():
                text = (el.text_content() or "").strip()
                found.append(f"{kind}: {text[-800:]}")
        widget_errors = self.page.locator(
            ".jp-OutputArea-output", has_text=re.compile("Error displaying widget|"
                                                        "Failed to load model class")
        )
        for el in widget_errors.all():
            found.append(f"widget failed to render: {(el.text_content() or '').strip()[:400]}")
        return found

    def cell_of(self, locator):
        """The index of the notebook cell that holds a located element (for messages)."""
        return locator.evaluate(
            "el => { const c = el.closest('.jp-Cell'); return c ? "
            "[...c.parentElement.children].filter(x => x.classList.contains('jp-Cell'))"
            ".indexOf(c) : -1 }"
        )


def _new_page(browser, lab: LabServer, name: str) -> LabPage:
    page = browser.new_page()  # ``browser`` is the session's browser context
    page.set_default_timeout(30_000)
    lp = LabPage(page=page, lab=lab, name=name)
    page.on("pageerror", lambda exc: lp.page_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: lp.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    return lp


@pytest.fixture
def lab_page(browser, lab, request):
    """A fresh page; afterwards the page is closed and the kernels it started shut down."""
    running = lab.kernel_ids()  # e.g. the lesson the LessonRunner keeps open
    lp = _new_page(browser, lab, request.node.name)
    try:
        yield lp
    finally:
        lp.page.close()
        lab.shutdown_kernels(keep=running)


@dataclass
class RanLesson:
    """A lesson opened and run once; the page stays open for that lesson's tests."""

    path: Path  # the lesson as the server has it (a copy of the course tree's)
    rel: str
    view: LabPage
    seconds: float
    errors: list[str]
    shot: Path | None
    expected_runs: int = 0


class LessonRunner:
    """Opens and runs each lesson once, shared by that lesson's tests.

    One lesson is open at a time: asking for another closes the previous page and shuts its
    kernel down (the collection hook below orders the tests lesson by lesson).
    """

    def __init__(self, browser, lab: LabServer):
        self.browser, self.lab = browser, lab
        self.current: RanLesson | None = None
        self.broken: dict[str, str] = {}  # lesson -> why it could not be opened and run

    def get(self, rel: str) -> RanLesson:
        if rel.startswith("<none:"):
            what = rel[len("<none:"):-1]
            pytest.fail(_MISSING.get(what, what), pytrace=False)
        if rel in self.broken:  # failed once already: say so again without another run
            pytest.fail(self.broken[rel], pytrace=False)
        if self.current is not None and self.current.rel == rel:
            return self.current
        self.close()
        path = self.lab.root / rel  # the copy the server serves (lessons may change meanwhile)
        lp = _new_page(self.browser, self.lab, Path(rel).stem)
        expected = sum(1 for s in code_sources(path) if s.strip())
        try:
            started = time.perf_counter()
            lp.open(rel)
            TIMINGS[f"{Path(rel).stem}: open"] = time.perf_counter() - started
            TIMINGS[f"{Path(rel).stem}: open, cells shown"] = lp.opened["cells shown"]
            seconds = lp.run_all(expected)
            TIMINGS[f"{Path(rel).stem}: run all"] = seconds
            lp.page.wait_for_timeout(500)  # let widget views attach before looking
            ran = RanLesson(path, rel, lp, seconds, lp.errors(), None, expected)
            lp.scroll_to_top()
            ran.shot = lp.screenshot()
            lp.screenshot_full()
        except BaseException as exc:
            self.broken[rel] = f"{rel} could not be opened and run: {exc}"
            lp.page.close()
            self.lab.shutdown_kernels()
            raise
        self.current = ran
        return ran

    def close(self) -> None:
        if self.current is not None:
            try:
                self.current.view.page.close()
            finally:
                self.current = None
                self.lab.shutdown_kernels()


_MISSING = {
    "lesson": f"no lesson notebooks found in {COURSE / 'notebooks'} (expected NN-slug.ipynb)",
    EXPLORER_CALL: "no lesson calls cl.widgets.membership_explorer(...): issue 4 asks for the "
    "explorer in the membership lesson (03-who-is-in)",
    QUIZ_CALL: "no lesson calls cl.widgets.quiz(...): every lesson should have quick checks",
    "exercise": f"no exercise notebooks found in {COURSE / 'exercises'}: run `make exercises`",
}


@pytest.fixture(scope="session")
def lesson_runner(browser, lab):
    runner = LessonRunner(browser, lab)
    try:
        yield runner
    finally:
        runner.close()


def pytest_collection_modifyitems(session, config, items) -> None:
    """Keep each lesson's browser tests together, so each lesson is opened and run once."""
    here = Path(__file__).parent

    def lesson_of(item) -> str:
        callspec = getattr(item, "callspec", None)
        return callspec.params.get("lesson", "") if callspec else ""

    slots = [n for n, i in enumerate(items) if Path(str(i.path)).parent == here]
    if not slots:
        return
    mine = sorted((items[n] for n in slots),
                  key=lambda i: (lesson_of(i) == "", lesson_of(i)))  # stable: file order kept
    for n, item in zip(slots, mine):
        items[n] = item
