"""Fixtures and registries for the library tests.

The registries (resources, fields, spells, sources) are read straight from the data package with
``json`` and ``csv``, not through course_lib, so the tests do not grade the library against itself.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "datasets"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {res["name"]: res for res in PACKAGE["resources"]}


def read_rows(name: str) -> list[dict[str, str]]:
    """The raw CSV rows of one resource, every cell a text ('' when empty)."""
    path = DATA / RESOURCES[name]["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def normalise(text: str) -> str:
    """Whitespace normalisation, the only change CONTRIBUTING.md allows between quote and source."""
    return re.sub(r"\s+", " ", text).strip()


SPELLS = read_rows("memberships")
PARTIES = sorted({row["iso3"] for row in SPELLS})

