"""In a notebook kernel, ``import course_lib`` takes the imported libraries out of full garbage
collections (``course_lib._kernel``): no 75 ms pause mid-lesson, a restart 0.3 s quicker.

Outside a kernel (scripts, tests, ``csto``) Python's collector is left as it is.
"""

from __future__ import annotations

import json
import sys

import nbformat
import pytest

from .conftest import REPO
from .test_package import _python

PROBE = """\
%matplotlib inline
import gc, json
import pandas as pd
import matplotlib.pyplot as plt
before = gc.get_freeze_count()
import course_lib as cl
after = gc.get_freeze_count()
walked = len(gc.get_objects())  # what a full collection still walks
"""
#: A figure, shown and closed at the end of its cell: cyclic garbage from then on.
FIGURE = """\
fig, ax = plt.subplots()
ax.plot([1, 2], [3, 4])
plt.show()
plt.close(fig)
del fig, ax
"""
REPORT = """\
found = gc.collect()  # the lesson's own garbage is still collected
print(json.dumps({"before": before, "after": after, "walked": walked, "found": found}))
"""


@pytest.fixture(scope="module")
def in_a_kernel():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    for source in (PROBE, FIGURE, REPORT):
        nb.cells.append(nbformat.v4.new_code_cell(source))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    return json.loads(nb.cells[-1].outputs[-1]["text"])


@pytest.mark.slow
def test_in_a_kernel_the_imports_leave_the_full_collections(in_a_kernel):
    assert in_a_kernel["before"] == 0
    # pandas, matplotlib and IPython: well over 50,000 objects no later collection walks
    assert in_a_kernel["after"] > 50_000
    assert in_a_kernel["walked"] < in_a_kernel["after"] / 10


@pytest.mark.slow
def test_in_a_kernel_a_closed_figure_is_still_collected(in_a_kernel):
    # a closed figure is a web of reference cycles: the collector must still find it
    assert in_a_kernel["found"] > 100


def test_outside_a_kernel_the_collector_is_left_alone():
    out = _python("import gc, pandas, course_lib; print(gc.get_freeze_count())", cwd=REPO)
    assert out.strip() == "0"
