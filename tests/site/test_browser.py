"""The built website in a real browser (Debian's chromium), served over http on 127.0.0.1.

Every page opens with no console error, no failed request and no page error; every saved
widget is drawn by the bundled renderer; the static explorer moves year by year without a
kernel and shows what ``members_on`` says; the hub form makes the nbgitpuller link.
"""

from __future__ import annotations

import nbformat
import pytest

import course_lib as cl
from course_lib.links import nbgitpuller_url

from .conftest import PAGES, REPO, lessons
from .conftest import open_page as _open

pytestmark = pytest.mark.browser

def _saved_views(page_path: str) -> int:
    """How many widget views the page's notebook has saved (0 for a reference page)."""
    path = REPO / f"{page_path}.ipynb"
    if not path.exists():
        return 0
    nb = nbformat.read(path, as_version=4)
    return sum("application/vnd.jupyter.widget-view+json" in out.get("data", {})
               for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", []))


@pytest.mark.parametrize("page_path", PAGES)
def test_a_page_opens_with_no_errors_and_draws_its_widgets(site_browser, served, build_site, page_path):
    page, problems = _open(site_browser, served, page_path, build_site)
    try:
        views = page.evaluate("document.querySelectorAll("
                              "'script[type=\"application/vnd.jupyter.widget-view+json\"]').length")
        drawn = page.evaluate("document.querySelectorAll('.widget-subarea .jupyter-widgets').length")
        broken = page.evaluate("[...document.images].filter(i => i.complete && !i.naturalWidth)"
                               ".map(i => i.src)")
        assert not problems, "\n".join(problems)
        assert not broken, f"images that did not load: {broken}"
        saved = _saved_views(page_path)
        assert views == saved, f"the notebook has {saved} saved widget views, the page {views}"
        assert drawn >= views, f"{views} saved widgets, {drawn} drawn"
    finally:
        page.close()


def _explorer_pages() -> list[str]:
    return [n for n in lessons()
            if "membership_explorer(" in (REPO / "notebooks" / f"{n}.ipynb").read_text(encoding="utf-8")]


@pytest.mark.parametrize("name", _explorer_pages())
def test_the_static_explorer_moves_year_by_year_without_a_kernel(site_browser, served, build_site, name):
    page, problems = _open(site_browser, served, f"notebooks/{name}", build_site)
    try:
        box = page.locator(".csto-static-explorer").first
        slider = box.locator("input[type=range]")
        slider.wait_for()
        for year in (1992, 1993, 2000, 2010):
            slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }",
                            str(year - 1992))
            assert box.get_attribute("data-year") == str(year)
            frame = cl.members_on(f"{year}-12-31")
            counted = int(frame["counts_as_member"].astype(bool).sum())
            header = box.locator(".csto-static-header").inner_text()
            assert f"31 December {year}" in header and f"{counted} state" in header, header
            image = box.locator("img.csto-static-map")
            image.evaluate("img => img.decode()")
            assert image.evaluate("img => img.naturalWidth") > 0
            assert f"31 December {year}" in image.get_attribute("alt")
            table = box.locator(".csto-static-table").inner_text()
            for country in frame["country"].astype(str):
                assert country in table
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_the_hub_form_makes_the_nbgitpuller_link(site_browser, served, build_site):
    name = lessons()[0]
    page, problems = _open(site_browser, served, f"notebooks/{name}", build_site)
    try:
        box = page.locator(".csto-launch").first
        box.locator("input[name=hub]").fill("not a hub")
        box.locator("button[type=submit]").click()
        assert "not a web address" in box.locator(".csto-hub-message").inner_text()
        box.locator("input[name=hub]").fill("https://jupyter.example.org/hub/")
        box.locator("button[type=submit]").click()
        href = box.locator(".csto-hub-link").get_attribute("href")
        assert href == nbgitpuller_url("https://jupyter.example.org", f"notebooks/{name}.ipynb")
        assert not problems, "\n".join(problems)
    finally:
        page.evaluate("localStorage.clear()")
        page.close()
