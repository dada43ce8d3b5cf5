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



DATE_FIELDS = [(r["name"], f["name"], f["csto:basisField"]) for r in DESCRIPTOR["resources"]
               for f in r["schema"]["fields"] if f.get("csto:precisionField")]


def test_every_date_field_has_a_basis_field() -> None:
    """Every date field with a precision also says how it is known (``F_basis``)."""
    assert DATE_FIELDS, "no date fields found in datapackage.json"
    for resource, field, basis in DATE_FIELDS:
        assert basis == f"{field}_basis", f"{resource}.{field}: csto:basisField should be {field}_basis"


@pytest.mark.parametrize("resource, field, basis", DATE_FIELDS,
                         ids=[f"{r}.{f}" for r, f, _ in DATE_FIELDS])
def test_a_date_not_stated_by_its_source_has_a_note(package: dc.Package, resource: str, field: str,
                                                    basis: str) -> None:
    """A ``context`` or ``outside`` date has a note saying how it is known; ``outside`` notes say so."""
    table = package.tables[resource]
    assert basis in table.header, f"{resource}.csv has no column {basis!r}"
    assert "note" in table.header, f"{resource}.csv has no note column, so {basis} must always be 'stated'"
    bare = [table.key(r) for r in table.rows if r[basis] in ("context", "outside") and not r["note"].strip()]
    assert not bare, f"{resource}: {basis} is context/outside but the note is empty in rows {bare}"
    unmarked = [table.key(r) for r in table.rows
                if r[basis] == "outside" and dc.OUTSIDE_MARK not in r["note"].lower()]
    assert not unmarked, f"{resource}: outside {field} without “Outside the sources:” in the note: {unmarked}"


#: Rows issue 16 named, and the basis their sources allow (the explainer gives no date at all; the
#: Almaty teaser gives day and month but no year; an exercise's year is read from its name).
KNOWN_BASES = [
    ("events", "E055", "date", "outside"),  # Article 4: "This week"
    ("events", "E048", "date", "context"),  # "from October 8 to October 17"
    ("events", "E062", "date", "outside"),  # Belousov's appointment is not in the sources
    ("events", "E063", "date", "outside"),
    ("drills", "birlestik-2024", "start", "outside"),
    ("drills", "interaction-2024", "start", "context"),
    ("sources", "explainer-2022", "published", "outside"),
    ("sources", "eurasianet-2007", "published", "stated"),
    ("memberships", "ARM-2", "start", "context"),
    ("memberships", "BLR-1", "start", "stated"),
    ("claims", "C044", "as_of", "outside"),
]


@pytest.mark.parametrize("resource, key, field, expected", KNOWN_BASES,
                         ids=[f"{r}:{k}" for r, k, _, _ in KNOWN_BASES])
def test_rows_named_in_the_audit_carry_the_basis_their_source_allows(
        package: dc.Package, resource: str, key: str, field: str, expected: str) -> None:
    table = package.tables[resource]
    row = next(r for r in table.rows if table.key(r) == key)
    assert row[f"{field}_basis"] == expected, (
        f"{resource} row {key}: {field}_basis is {row[f'{field}_basis']!r}, but its source allows {expected!r}")


def test_a_planned_drill_has_no_participants(package: dc.Package) -> None:
    """Plans are not events: a drill reported as planned lists its states as planned, not participants."""
    planned = {r["drill_id"] for r in package.tables["drills"].rows if r["reported_as"] == "planned"}
    assert "birlestik-2024" in planned, "Birlestik is announced (“will jointly work out”), a plan"
    wrong = [(r["drill_id"], r["party"]) for r in package.tables["drill_parties"].rows
             if r["drill_id"] in planned and r["role"] == "participant"]
    assert not wrong, f"parties of planned drills recorded as participants: {wrong}"
    birlestik = next(r for r in package.tables["drills"].rows if r["drill_id"] == "birlestik-2024")
    assert birlestik["organiser"] == "unknown", "the source does not say who runs Birlestik"
