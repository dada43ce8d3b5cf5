"""The build script's parts, and that the build really fails on a warning."""

from __future__ import annotations

import doctest
import shutil
import subprocess
import sys

import nbformat
import pytest

from .conftest import REPO, lessons


def test_the_build_scripts_examples_run(build_site):
    failures, tried = doctest.testmod(build_site, verbose=False)
    assert tried >= 2 and failures == 0


@pytest.mark.parametrize("bad, expected", [
    ("[the map](00-start-here.ipynb#No-such-heading)", "No-such-heading"),
    ("[a lesson](99-no-such-lesson.ipynb)", "99-no-such-lesson"),
])
def test_a_broken_link_fails_the_build(tmp_path, bad, expected):
    """-W makes an unresolved link an error: the site's link check is not a formality."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "book", src, ignore=shutil.ignore_patterns("node_modules", "*.json"))
    (src / "_generated").mkdir()
    for name in ("pacing.md", "LICENSE", "LICENSE-CONTENT.md", "NOTICE"):
        (src / "_generated" / name).write_text("x\n")
    for name in ("datasets", "sources"):
        (src / f"{name}.md").write_text(f"# {name}\n")
    (src / "notebooks").mkdir()
    (src / "exercises").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Start here\n\n## The course map\n\n{bad}\n")]
    nbformat.write(nb, src / "notebooks" / "00-start-here.ipynb")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src),
                             str(tmp_path / "html")], capture_output=True, text=True)
    assert result.returncode != 0
    assert expected in result.stderr


def test_jupyterlab_anchors_are_rewritten_for_every_lesson(build_site):
    """Every `#Heading-text` link in the lessons points at a heading Sphinx knows."""
    headings = {}
    for name in lessons():
        nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
        headings[f"{name}.ipynb"] = build_site._headings(nb)
    for name in lessons():
        nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                new = build_site.rewrite_links(cell.source, headings, f"{name}.ipynb")
                assert "#The-course-map" not in new


def test_a_staged_lesson_keeps_every_cell_and_adds_the_launch_box(build_site):
    name = lessons()[1]
    path = REPO / "notebooks" / f"{name}.ipynb"
    before = nbformat.read(path, as_version=4)
    staged = build_site.stage_notebook(path, f"notebooks/{name}.ipynb", {}, exercise=False)
    added = [c for c in staged.cells if set(c.metadata.get("tags", [])) & {"book-launch", "book-static-explorer"}]
    assert len(staged.cells) == len(before.cells) + len(added)
    assert sum("book-launch" in c.metadata.get("tags", []) for c in staged.cells) == 1
    assert nbformat.read(path, as_version=4) == before  # the lesson file itself is untouched


def test_the_book_extensions_examples_run():
    """book/_ext/heading_level.py (toctree captions get their aria-level): its examples."""
    import importlib.util

    path = REPO / "book" / "_ext" / "heading_level.py"
    spec = importlib.util.spec_from_file_location("heading_level", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried >= 2 and failures == 0
