"""A learner's own pyplot chart in a lesson is described in words: in the markdown right after
it, and in its cell's metadata for the book (``{"mystnb": {"image": {"alt": ...}}}``).

Course charts describe themselves (``cl.charts.describe``); a chart a lesson draws with pyplot
is described by the lesson. Parametrised over every lesson: a new chart cell needs its words.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

LESSONS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: A code cell that draws a figure of its own with pyplot (commented-out templates do not).
PYPLOT = re.compile(r"^\s*fig\s*,\s*ax\w*\s*=\s*plt\.subplots\(", re.MULTILINE)
LEAD = "*The chart in words:* "


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_pyplot_chart_of_a_lesson_is_described_in_words(path):
    cells = nbformat.read(path, as_version=4).cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not PYPLOT.search(cell.source):
            continue
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 40, f"{path.name}, cell {i}: no mystnb image alt in its metadata"
        after = cells[i + 1] if i + 1 < len(cells) else None
        assert after is not None and after.cell_type == "markdown" and \
            after.source.startswith(LEAD), f"{path.name}, cell {i}: no '{LEAD}' sentence after it"
        assert after.source[len(LEAD):] == alt, f"{path.name}, cell {i}: words and alt differ"
