"""The course website, built once per session from the current tree (scripts/build_site.py).

``site``
    (session) the whole build (website, one-page build, PDF, zip) in a temporary folder,
    with Sphinx's warnings as errors: if the build fails, every site test fails with its output.
``build_site``
    the build script as a module (its functions are tested directly too).
``served``
    (session) the built website served over http on 127.0.0.1 and a free port (from
    ``file://`` Chromium blocks the widget renderer).
``site_browser``
    (session) Debian's chromium through playwright (never ``playwright install``).

The website's packages come from ``make site-deps`` (pyproject extra ``site`` and
``book/package.json``): ``make test`` installs them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")


def _load_build_site():
    path = REPO / "scripts" / "build_site.py"
    spec = importlib.util.spec_from_file_location("build_site", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_site"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_site():
    try:
        import myst_nb  # noqa: F401
        import sphinx  # noqa: F401
    except ImportError as error:
        pytest.fail(f"The website's packages are missing ({error}): run `make site-deps` "
                    "(it installs the pyproject extra `site` and book/package.json).")
    if not (REPO / "book" / "node_modules" / "@jupyter-widgets" / "html-manager").exists():
        pytest.fail("book/node_modules is missing: run `make site-deps` (npm ci in book/).")
    return _load_build_site()


@dataclass
class Site:
    out: Path

    @property
    def html(self) -> Path:
        return self.out / "html"

    @property
    def src(self) -> Path:
        return self.out / "src"

    @property
    def pdf(self) -> Path:
        return self.html / "downloads" / "csto-in-data.pdf"

    @property
    def zip(self) -> Path:
        return self.html / "downloads" / "csto-in-data-site.zip"

    def pages(self) -> list[Path]:
        """Every HTML page of the website (not the bundled assets)."""
        return sorted(p for p in self.html.rglob("*.html")
                      if not p.relative_to(self.html).parts[0].startswith("_"))


@pytest.fixture(scope="session")
def site(build_site, tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("site")
    # in its own process, as `make site` runs it (it drives chromium itself, for the PDF)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_site.py"),
                             "--out", str(out)], capture_output=True, text=True)
    if result.returncode:
        pytest.fail(f"The site did not build (Sphinx warnings are errors):\n{result.stdout}\n"
                    f"{result.stderr[-6000:]}")
    return Site(out)


def lessons() -> list[str]:
    return sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def exercises() -> list[str]:
    return sorted(f"{p.parent.name}/{p.stem}" for p in (REPO / "exercises").glob("*/*.ipynb")
                  if p.stem == p.parent.name)


#: The reference pages (book/ and generated); with every lesson and exercise: every page.
REFERENCE = ["index", "datasets", "sources", "glossary", "instructor-guide", "setup", "licence"]
PAGES = ([f"notebooks/{n}" for n in lessons()] + [f"exercises/{n}" for n in exercises()]
         + REFERENCE)


def open_page(site_browser, served, page_path, build_site):
    """Open a page of the served site once its saved widgets are drawn; return it and the
    problems it reported (console errors, page errors, failed or outside requests)."""
    page = site_browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    # nothing may come from anywhere but the site itself (no CDN, no web font service)
    page.on("request", lambda r: problems.append(f"request outside the site: {r.url}")
            if not r.url.startswith((served + "/", "data:", "blob:")) else None)
    page.goto(f"{served}/{page_path}.html", wait_until="load")
    try:
        page.wait_for_function(build_site.WIDGETS_RENDERED, timeout=60_000)
        page.wait_for_load_state("networkidle")
    except Exception as error:  # a timeout: say what the page did instead
        page.close()
        pytest.fail(f"{page_path}: the saved widgets were not drawn within 60 s "
                    f"({type(error).__name__}); the page reported:\n" + "\n".join(problems))
    return page, problems


@pytest.fixture(scope="session")
def served(site, build_site):
    with build_site.Server(site.html) as server:
        yield server.url


@pytest.fixture(scope="session")
def site_browser(build_site):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`bash "
                    "scripts/system-deps.sh`); never `playwright install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=build_site.CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()
            browser.close()
