"""axe-core on every page of the built website, and the aria bridge's names on the book.

Each page is opened in Debian's chromium over http on 127.0.0.1 (as test_browser does), its
saved widgets drawn, and axe-core run on it (``tests/browser/axe_check.py``, the helper the
JupyterLab tests use, with its one exclusion list), in furo's light and dark themes: no
critical or serious violation may be the course's. An exclusion applies to the book only when it says so (``where``).

The course's aria bridge (an anywidget in JupyterLab) is drawn on the book by a standard
hidden widget plus ``_static/aria-bridge.js`` (scripts/build_site.py, replace_aria_bridges):
every attribute each saved bridge sets must be set on the page too.
"""

from __future__ import annotations

import sys

import nbformat
import pytest

from .conftest import PAGES, REPO, lessons, open_page

sys.path.insert(0, str(REPO / "tests" / "browser"))
from axe_check import counts, course_violations, excluded_by, run_axe  # noqa: E402

pytestmark = pytest.mark.browser


def test_every_page_of_the_site_is_checked(site):
    """A new page (a lesson, an exercise, a reference page) is in PAGES, so axe runs on it."""
    built = {p.relative_to(site.html).with_suffix("").as_posix() for p in site.pages()}
    missing = built - set(PAGES) - {"search", "genindex"}
    assert not missing, f"pages the accessibility test does not open: {sorted(missing)}"


@pytest.mark.parametrize("page_path", PAGES + ["search", "genindex"])
def test_no_critical_or_serious_violation_caused_by_the_course(site_browser, served, build_site,
                                                                page_path):
    page, problems = open_page(site_browser, served, page_path, build_site)
    report = []
    try:
        # furo follows the reader's system: light, and dark ("auto" theme)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            found = run_axe(page)
            ours = course_violations(found, page_path, where="book")
            excluded = {str(v): excluded_by(v, page_path, where="book").owner
                        for v in found if v.impact in ("critical", "serious") and v not in ours}
            if ours:
                report.append(f"{scheme} theme: {len(ours)}\n" + "\n".join(map(str, ours))
                              + f"\n(all rules found: {counts(found)}; excluded: {excluded})")
    finally:
        page.close()
    assert not report, (
        f"{page_path}: axe-core found critical or serious violations the course must fix (in "
        "book/: templates, CSS, conf; or in the lesson), or, if they are a third party's, "
        "list by rule and selector with the reason in tests/browser/axe_check.py EXCLUSIONS "
        "(where='book'):\n" + "\n\n".join(report))


def _saved_bridges(name: str) -> list[dict]:
    nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return [m["state"] for m in state.get("state", {}).values()
            if m.get("model_module") == "anywidget"
            and m.get("state", {}).get("_anywidget_id") == "course_lib.widgets._a11y.AriaBridge"]


#: For each bridge drawn on the page: the attributes its rules ask for that a node lacks.
_BRIDGE_GAPS = """() => [...document.querySelectorAll('.csto-aria-bridge')].map(bridge => {
  const data = JSON.parse(bridge.querySelector('script[type="application/json"]').textContent);
  const scope = bridge.closest(data.scope);
  if (!scope) return [`no ancestor ${data.scope}`];
  const gaps = [];
  for (const [selector, attrs] of Object.entries(data.rules)) {
    const nodes = selector === "" ? [scope] : [...scope.querySelectorAll(selector)];
    if (!nodes.length) gaps.push(`${data.scope} ${selector}: nothing drawn`);
    for (const node of nodes) for (const [name, value] of Object.entries(attrs)) {
      if (value !== null && node.getAttribute(name) !== String(value))
        gaps.push(`${data.scope} ${selector} [${name}] is ${node.getAttribute(name)}`);
    }
  }
  for (const selector of Object.keys(data.valuetexts || {}))
    for (const node of scope.querySelectorAll(selector))
      if (!node.getAttribute("aria-valuetext")) gaps.push(`${selector}: no aria-valuetext`);
  return gaps;
})"""


@pytest.mark.parametrize("name", [n for n in lessons() if _saved_bridges(n)])
def test_the_widgets_keep_the_names_the_aria_bridge_gives(site_browser, served, build_site, name):
    saved = _saved_bridges(name)
    page, problems = open_page(site_browser, served, f"notebooks/{name}", build_site)
    try:
        try:
            page.wait_for_function("() => document.querySelectorAll('.csto-aria-bridge').length"
                                   f" >= {len(saved)}", timeout=30_000)
            page.wait_for_function(f"() => ({_BRIDGE_GAPS})().every(g => !g.length)",
                                   timeout=10_000)
        except Exception:
            gaps = page.evaluate(_BRIDGE_GAPS)
            drawn = page.evaluate("document.querySelectorAll('.csto-aria-bridge').length")
            pytest.fail(f"{name}: {len(saved)} aria bridges saved, {drawn} drawn on the page; "
                        f"attributes missing: {[g for g in gaps if g]}")
        assert not problems, "\n".join(problems)
        # what a screen reader hears for the explorer, as in JupyterLab
        handle = page.locator(".csto-membership-explorer .noUi-handle")
        for i in range(handle.count()):
            assert handle.nth(i).get_attribute("aria-label") == "Month shown on the map"
            assert handle.nth(i).get_attribute("aria-valuetext")
    finally:
        page.close()
