"""Every resource of datasets/datapackage.json, checked against its descriptor and its sources.

The tests are parametrised over the resources the descriptor lists (and the checks in
csto_datacheck.py), so a new table gets every check by being added to datapackage.json.
"""

from __future__ import annotations

import json

import pytest

import csto_datacheck as dc
from csto_datacheck import DATASETS, SEEDS

DESCRIPTOR = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = [r["name"] for r in DESCRIPTOR["resources"]]
CHECKS = {c.__name__.removeprefix("check_"): c for c in dc.ALL_CHECKS}


@pytest.mark.parametrize("check", list(CHECKS), ids=list(CHECKS))
@pytest.mark.parametrize("resource", RESOURCES)
def test_resource(package: dc.Package, resource: str, check: str) -> None:
    """Each check passes on each resource; a failure lists every offending row (first 12)."""
    problems = CHECKS[check](package.tables[resource], package)
    assert not problems, f"{resource}: {check} failed:\n" + "\n".join(problems)


def test_package_lists_the_core_tables() -> None:
    """The tables the library and the lessons rely on are all in the package."""
    expected = {"sources", "countries", "memberships", "events", "figures", "drills",
                "drill_parties", "people", "claims", "quiz"}
    assert expected <= set(RESOURCES), f"missing from datapackage.json: {sorted(expected - set(RESOURCES))}"


def test_every_csv_is_described() -> None:
    """No CSV in datasets/ is left out of datapackage.json (it would be invisible to load())."""
    described = {r["path"] for r in DESCRIPTOR["resources"]}
    on_disk = {p.name for p in DATASETS.glob("*.csv")}
    assert on_disk <= described, f"CSV files not in datapackage.json: {sorted(on_disk - described)}"


def test_package_metadata() -> None:
    """Name, title, description, licence and sources are stated, and the profile is tabular."""
    for prop in ("name", "title", "description", "licenses", "sources"):
        assert DESCRIPTOR.get(prop), f"datapackage.json has no {prop!r}"
    assert DESCRIPTOR.get("profile") == "tabular-data-package"
    assert any(lic.get("name") == "CC-BY-4.0" for lic in DESCRIPTOR["licenses"])
    sources = {r["source_id"] for r in dc.load_package(DATASETS).tables["sources"].rows}
    paths = {s.get("path") for s in DESCRIPTOR["sources"]}
    assert paths == {f"sources/{s}.txt" for s in sources}, "package 'sources' should list every source file"


def test_every_source_is_quoted(package: dc.Package) -> None:
    """Each source document backs at least one fact row (else why is it here?)."""
    used = set()
    for table in package.tables.values():
        for src_field, _ in dc.quote_pairs(table):
            used |= {row[src_field] for row in table.rows if row.get(src_field)}
    unused = set(package.source_texts) - used
    assert not unused, f"sources never quoted: {sorted(unused)}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository (only on "
                    "the course machines and in CI)")
def test_sources_are_byte_identical_to_the_seeds(package: dc.Package) -> None:
    """datasets/sources/<id>.txt is the seed file it names, byte for byte."""
    rows = package.tables["sources"].rows
    assert rows, "sources.csv is empty"
    for row in rows:
        seed = SEEDS / row["original_file"]
        assert seed.is_file(), f"sources row {row['source_id']}: seed {row['original_file']} not in {SEEDS}"
        ours = (DATASETS / row["file"]).read_bytes()
        assert ours == seed.read_bytes(), (
            f"sources row {row['source_id']}: {row['file']} differs from the seed {row['original_file']}; "
            "copy it again (cp) instead of editing it")
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert seeds == {r["original_file"] for r in rows}, "every seed text should have a row in sources.csv"


def test_frictionless_validates_the_package() -> None:
    """`frictionless validate datasets/datapackage.json` passes: types, constraints, keys."""
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra")
    report = frictionless.validate(str(DATASETS / "datapackage.json"))
    errors = report.flatten(["type", "note"]) if not report.valid else []
    assert report.valid, "frictionless found errors:\n" + "\n".join(f"{t}: {n}" for t, n in errors[:20])

