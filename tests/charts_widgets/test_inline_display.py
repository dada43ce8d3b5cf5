"""Charts in a real notebook kernel: each is rendered for display once, and only once.

With the inline backend, pyplot redraws every stale figure after each cell, then the backend
renders it again to show it: the first render is thrown away, and for the course's charts it
was a third of the cell's time. Charts mark themselves up to date when they are returned
(``charts._common.hand_over``), so a chart cell costs the two passes showing needs: the tight
bounding box and the render.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

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


@pytest.fixture(scope="module")
def shown():
    """Run one kernel: a cell per chart, then report draws per chart and each cell's outputs."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(SETUP))
    for name in CHARTS:
        nb.cells.append(nbformat.v4.new_code_cell(f"current = {name!r}\nfig = CHARTS[{name!r}]()"))
    nb.cells.append(nbformat.v4.new_code_cell("current = None\nprint(json.dumps(draws))"))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    draws = json.loads(nb.cells[-1].outputs[0]["text"])
    outputs = {name: nb.cells[i + 1].outputs for i, name in enumerate(CHARTS)}
    return draws, outputs


@pytest.mark.slow
@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_cell_shows_one_image_drawn_once(shown, name):
    draws, outputs = shown
    images = [o for o in outputs[name] if "image/png" in o.get("data", {})]
    assert len(images) == 1, f"{name}: {len(images)} images shown"
    assert not [o for o in outputs[name] if o["output_type"] == "error"]
    # two passes to show it (tight box, then pixels); three means pyplot's redraw came back
    assert draws.get(name) == 2, f"{name}: the figure was drawn {draws.get(name)} times"
