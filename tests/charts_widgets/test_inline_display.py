"""Charts in a real notebook kernel: each is rendered for display once, and only once.

With the inline backend, pyplot redraws every stale figure after each cell, then the backend
draws it twice more to show it: once with drawing turned off to find the tight box around it,
once for the pixels. Charts mark themselves up to date when they are returned
(``charts._common.hand_over``), and a course chart is a ``CourseFigure`` that fits its figure,
so the notebook shows it with the one render it needs (``charts._display``). A learner who
changes how figures are shown gets their settings, and their own figures are left alone.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from .test_charts import CHARTS

ROOT = Path(__file__).resolve().parents[2]

SETUP = """\
%matplotlib inline
import collections, json
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from tests.charts_widgets.test_charts import CHARTS

draws = collections.Counter()
current = None
_draw = Figure.draw

def counting_draw(self, renderer):
    draws[current] += 1
    return _draw(self, renderer)

Figure.draw = counting_draw
"""

#: A learner's own figure, made with pyplot: shown as IPython always shows it.
LEARNER_FIGURE = """\
current = "learner"
fig, ax = plt.subplots(figsize=(4, 2))
ax.bar([1, 2], [3, 4])
ax.set_title("my own chart")
"""

#: A learner asks for retina images: the course's charts follow, like every other figure.
RETINA = """\
%config InlineBackend.figure_formats = ["retina"]
current = "retina"
fig = CHARTS["membership_chart"]()
"""


def _png(output) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(output["data"]["image/png"])))


def _run(cells: list[str]) -> list:
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb.cells


@pytest.fixture(scope="module")
def shown():
    """Run one kernel: a cell per chart, then report draws per chart and each cell's outputs."""
    chart_cells = [f"current = {name!r}\nfig = CHARTS[{name!r}]()\n"
                   f"sizes = globals().setdefault('sizes', {{}})\n"
                   f"sizes[{name!r}] = [int(v) for v in fig.bbox.size]" for name in CHARTS]
    cells = _run([SETUP, *chart_cells, LEARNER_FIGURE, RETINA,
                  "current = None\nprint(json.dumps({'draws': draws, 'sizes': sizes}))"])
    report = json.loads(cells[-1].outputs[0]["text"])
    outputs = {name: cells[i + 1].outputs for i, name in enumerate(CHARTS)}
    outputs["learner"] = cells[-3].outputs
    outputs["retina"] = cells[-2].outputs
    return report, outputs


def _images(outputs) -> list:
    return [o for o in outputs if "image/png" in o.get("data", {})]


@pytest.mark.slow
@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_cell_shows_one_image_drawn_once(shown, name):
    report, outputs = shown
    images = _images(outputs[name])
    assert len(images) == 1, f"{name}: {len(images)} images shown"
    assert not [o for o in outputs[name] if o["output_type"] == "error"]
    # one render; two means the tight-box pass came back, three pyplot's redraw as well
    draws = report["draws"].get(name)
    assert draws == 1, f"{name}: the figure was drawn {draws} times"


@pytest.mark.slow
@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_is_shown_whole_and_reads_as_a_figure(shown, name):
    report, outputs = shown
    (image,) = _images(outputs[name])
    # the whole figure, pixel for pixel: nothing cropped, nothing padded
    assert list(_png(image).size) == report["sizes"][name]
    assert image["data"]["text/plain"].startswith("<Figure size ")


@pytest.mark.slow
def test_a_learners_own_figure_is_shown_as_ipython_shows_it(shown):
    report, outputs = shown
    (image,) = _images(outputs["learner"])
    # pyplot's redraw of a stale figure, the tight box, the pixels: IPython's way, untouched
    assert report["draws"]["learner"] == 3
    width, height = _png(image).size
    assert (width, height) != (400, 200)  # cropped to its tight box, as always


@pytest.mark.slow
def test_a_learners_display_settings_apply_to_the_charts_too(shown):
    report, outputs = shown
    (image,) = _images(outputs["retina"])
    width, _height = _png(image).size
    # retina: twice the pixels, with the display width in the metadata
    assert width > 1.8 * report["sizes"]["membership_chart"][0]
    assert image["metadata"]["image/png"]["width"] < width


@pytest.mark.slow
@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_is_shown_with_its_description_as_alt_text(shown, name):
    """The agreed convention: ``metadata["image/png"]["alt"]`` holds the description; the HTML
    output JupyterLab shows has the same pixels in an <img alt> and a "Describe this chart"
    toggle."""
    import html as html_lib

    import matplotlib.pyplot as plt

    import course_lib as cl

    _report, outputs = shown
    (image,) = _images(outputs[name])
    fig = CHARTS[name]()
    description = cl.charts.describe(fig)
    plt.close(fig)
    assert image["metadata"]["image/png"]["alt"] == description
    page = image["data"]["text/html"]
    alt = html_lib.unescape(page.split(' alt="', 1)[1].split('"', 1)[0])
    assert alt == description.splitlines()[0]
    assert page.split("base64,", 1)[1].split('"', 1)[0] == image["data"]["image/png"]
    assert "<summary>Describe this chart</summary>" in page
    for line in description.splitlines():
        assert f"<p>{html_lib.escape(line)}</p>" in page


@pytest.mark.slow
def test_a_learners_figure_gets_no_course_alt_text(shown):
    _report, outputs = shown
    (image,) = _images(outputs["learner"])
    assert "text/html" not in image["data"] and "alt" not in image.get("metadata", {}).get(
        "image/png", {})
