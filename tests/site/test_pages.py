"""The built website, read as files: links, CDN-free assets, alt text, launch links, generated pages.

Parametrised over the lessons and exercises in the repository, so a new lesson gets its checks.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from course_lib.links import binder_url, nbgitpuller_url

from .conftest import REPO, exercises, lessons

pytestmark = pytest.mark.slow  # builds the whole site (website, PDF, zip) once per session


class _Page(HTMLParser):
    """Every link, script, stylesheet, image and id of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[tuple[str, str]] = []  # (tag, url)
        self.images: list[dict[str, str | None]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "script" and a.get("src"):
            self.assets.append(("script", a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") in {"stylesheet", "icon", "preload"}:
            self.assets.append(("link", a["href"]))
        if tag == "img":
            self.images.append(a)
            if a.get("src"):
                self.assets.append(("img", a["src"]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _is_external(url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https", "mailto", "ftp"} or url.startswith("//")


def test_every_internal_link_resolves_and_external_ones_are_listed(site):
    """A link to a page, a heading or a download that does not exist fails; external links
    (there is no internet here) are written to external-links.txt, not fetched."""
    broken, external = [], set()
    cache: dict[Path, _Page] = {}
    for path in site.pages():
        for href in parse(path).links:
            if _is_external(href):
                external.add(href)
                continue
            parts = urlsplit(href)
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if not target.exists():
                broken.append(f"{path.relative_to(site.html)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site.html)}: {href} (no such heading)")
    (site.out / "external-links.txt").write_text("\n".join(sorted(external)) + "\n")
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert any("mybinder.org" in url for url in external)  # the launch links are there


def test_nothing_loads_from_a_cdn(site):
    """Every script, stylesheet, image and font a page loads is a file of the site."""
    remote = []
    for path in site.pages():
        for tag, url in parse(path).assets:
            if _is_external(url) and not url.startswith("data:"):
                remote.append(f"{path.relative_to(site.html)}: <{tag}> {url}")
    for css in (site.html / "_static").rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if _is_external(url):
                remote.append(f"{css.relative_to(site.html)}: url({url})")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", css.read_text(encoding="utf-8")):
            if _is_external(url):
                remote.append(f"{css.relative_to(site.html)}: @import {url}")
    # what scripts ask for at run time is checked in the browser (test_browser.py: every
    # request a page makes goes to the site's own address)
    assert not remote, "loaded from outside the site:\n" + "\n".join(remote)


def test_the_widget_renderer_and_its_fonts_are_bundled(site):
    page = parse(site.html / "notebooks" / f"{lessons()[0]}.html")
    scripts = [url for tag, url in page.assets if tag == "script"]
    assert any(url.split("?")[0].endswith("_static/widgets/embed.js") for url in scripts)
    fonts = {p.suffix for p in (site.html / "_static" / "widgets").iterdir()}
    assert {".woff2", ".woff", ".ttf"} <= fonts
    assert (site.html / "_static" / "widgets" / "THIRD-PARTY-LICENSES.txt").exists()


_NO_DESCRIPTION = re.compile(r"^(|no description.*|image|figure|chart|png)$", re.IGNORECASE)


def _alt_problem(image: dict) -> str | None:
    alt = (image.get("alt") or "").strip()
    src = image.get("src") or ""
    if _NO_DESCRIPTION.match(alt):
        return f"alt {alt!r}"
    if alt == src or alt.endswith((".png", ".svg", ".jpg")) or re.fullmatch(r"[0-9a-f./_-]{20,}", alt):
        return f"alt is a file name: {alt!r}"
    return None


def test_every_image_has_real_alt_text(site):
    """Every <img> the pages carry describes its picture: not empty, not a file name.

    The course charts' descriptions come from their outputs' metadata (the accessibility
    convention); the book passes them through (tests/site/test_alt.py)."""
    missing = []
    for path in site.pages():
        for image in parse(path).images:
            problem = _alt_problem(image)
            if problem:
                missing.append(f"{path.relative_to(site.html)}: {image.get('src')}: {problem}")
    assert not missing, f"{len(missing)} images without a real description:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", lessons())
def test_a_lesson_page_has_its_launch_links_and_kernel_note(site, name):
    text = (site.html / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
    repo_path = f"notebooks/{name}.ipynb"
    assert f'href="{binder_url(repo_path)}"' in text.replace("&amp;", "&")
    assert nbgitpuller_url("https://your-hub.example.edu", repo_path) in text.replace("&amp;", "&")
    assert "What needs a kernel." in text


@pytest.mark.parametrize("name", exercises())
def test_an_exercise_page_is_blank_and_has_its_launch_links(site, name):
    text = (site.html / "exercises" / f"{name}.html").read_text(encoding="utf-8")
    repo_path = f"exercises/{name}.ipynb"
    assert f'href="{binder_url(repo_path)}"' in text.replace("&amp;", "&")
    assert nbgitpuller_url("https://your-hub.example.edu", repo_path) in text.replace("&amp;", "&")
    assert "grader.check" in text and "What needs a kernel." in text
    for solved in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS"):
        assert solved not in text, f"{name}: the page shows solution material ({solved!r})"


def test_the_navigation_links_land_on_sphinx_anchors(site):
    """The lessons' JupyterLab-style `#The-course-map` links are rewritten to Sphinx's anchor."""
    first = lessons()[1]
    page = parse(site.html / "notebooks" / f"{first}.html")
    contents = [h for h in page.links if "course-map" in h.lower()]
    assert contents and all(h.endswith("#the-course-map") for h in contents), contents


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_the_datasets_page_is_the_codebook_of_every_table(site):
    package = json.loads((REPO / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    page = site.html / "datasets.html"
    text = page.read_text(encoding="utf-8")
    links = parse(page).links
    for resource in package["resources"]:
        assert f'id="table-{resource["name"].replace("_", "-")}"' in text
        rows = _csv_rows(REPO / "datasets" / resource["path"])
        assert f"{rows} rows, {len(resource['schema']['fields'])} columns" in text
        downloads = [h for h in links if h.endswith("/" + resource["path"])]
        assert downloads, f"no download link for {resource['path']}"
        for field in resource["schema"]["fields"]:
            assert f"<code class=\"docutils literal notranslate\"><span class=\"pre\">{field['name']}</span></code>" in text
    assert "creativecommons.org/licenses/by/4.0" in text


def test_the_sources_page_gives_each_sources_rights_and_origin(site):
    text = (site.html / "sources.html").read_text(encoding="utf-8")
    import html as html_lib

    plain = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", text)).split())
    plain = plain.replace("\u2019", "'")  # Sphinx's smart quotes
    with (REPO / "datasets" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    for row in rows:
        assert f'id="source-{row["source_id"]}"' in text
        assert row["rights"] and row["rights"] in plain
        assert row["origin"] and row["origin"] in plain
        assert "not covered by its CC BY 4.0 licence" in row["rights"]


def test_the_pdf_has_a_page_per_lesson(site):
    """Every lesson starts a page of the PDF with its title."""
    from pypdf import PdfReader

    import nbformat

    reader = PdfReader(str(site.pdf))
    tops = [" ".join((page.extract_text() or "").split())[:200] for page in reader.pages]
    for name in lessons():
        nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
        title = next(m.group(1) for c in nb.cells if c.cell_type == "markdown"
                     for m in [re.search(r"^#\s+(.+?)\s*$", c.source, re.M)] if m)
        words = " ".join(re.sub(r"[*_`]", "", title).split()[:4])
        assert any(top.startswith(words) for top in tops), f"no page starts with {title!r}"
    assert len(reader.pages) >= len(lessons()) + len(exercises())


def test_the_offline_zip_holds_the_whole_site(site):
    with zipfile.ZipFile(site.zip) as zf:
        names = set(zf.namelist())
    for page in site.pages():
        assert "csto-in-data/" + page.relative_to(site.html).as_posix() in names
    assert "csto-in-data/_static/widgets/embed.js" in names
    assert "csto-in-data/downloads/csto-in-data.pdf" in names
