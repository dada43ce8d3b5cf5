"""Alt text reaches the page: from a chart output's metadata, and from a cell's mystnb metadata.

The convention (agreed with the accessibility work): a course chart's PNG output carries its
description at ``output.metadata["image/png"]["alt"]``; a learner's own chart cell carries
``{"mystnb": {"image": {"alt": "..."}}}``. A tiny fixture notebook is built with the book's own
configuration (book/conf.py and its extension), so this runs without the whole course.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest

from .conftest import REPO
from .test_pages import _alt_problem, parse

# a 1 x 1 PNG
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _image_output(alt: str | None = None, salt: str = ""):
    out = nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": salt})
    if alt is not None:
        out.metadata = {"image/png": {"alt": alt}}
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, build_site):
    src = tmp_path_factory.mktemp("alt-src")
    shutil.copy(REPO / "book" / "conf.py", src / "conf.py")
    shutil.copytree(REPO / "book" / "_ext", src / "_ext")
    shutil.copytree(REPO / "book" / "_static", src / "_static")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    chart = nbformat.v4.new_code_cell("fig = cl.charts.membership_chart()")
    chart.outputs = [_image_output("Bar chart of CSTO members per year, 1992 to 2024.", "a")]
    learner = nbformat.v4.new_code_cell("plt.bar(x, y)\nplt.show()")
    learner.metadata = {"mystnb": {"image": {"alt": "My bar chart of events per year."}}}
    learner.outputs = [_image_output(None, "b")]
    both = nbformat.v4.new_code_cell("fig = cl.charts.events_timeline()")
    both.metadata = {"mystnb": {"image": {"alt": "the cell's words"}}}
    both.outputs = [_image_output("Time line of events, 1979 to 2024.", "c")]
    bare = nbformat.v4.new_code_cell("plt.plot([1, 2])")
    bare.outputs = [_image_output(None, "d")]
    nb.cells = [nbformat.v4.new_markdown_cell("# Fixture"), chart, learner, both, bare]
    nbformat.write(nb, src / "index.ipynb")
    out = tmp_path_factory.mktemp("alt-html")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return parse(out / "index.html").images


def test_an_outputs_own_alt_reaches_the_img(fixture_site):
    assert fixture_site[0]["alt"] == "Bar chart of CSTO members per year, 1992 to 2024."


def test_a_cells_mystnb_alt_reaches_the_img(fixture_site):
    assert fixture_site[1]["alt"] == "My bar chart of events per year."


def test_the_outputs_alt_wins_over_the_cells(fixture_site):
    assert fixture_site[2]["alt"] == "Time line of events, 1979 to 2024."


def test_an_image_without_a_description_is_caught_by_the_site_check(fixture_site):
    assert _alt_problem(fixture_site[3]) is not None
    assert all(_alt_problem(image) is None for image in fixture_site[:3])
