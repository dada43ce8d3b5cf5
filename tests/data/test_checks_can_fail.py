"""The data checks catch what they promise to catch.

Each test breaks a copy of the real data in one way a curator might (a retyped quote, an
impossible date, a gap between spells, a misspelt country...) and asserts that the matching
check reports it, naming the table and the row, and saying what would be right. The files on
disk are never touched.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

import csto_datacheck as dc


@pytest.fixture()
def pkg(package: dc.Package) -> dc.Package:
    return copy.deepcopy(package)


def row(pkg: dc.Package, table: str, key: str) -> dict[str, str]:
    t = pkg.tables[table]
    return next(r for r in t.rows if t.key(r) == key)


def only(problems: list[str], *needles: str) -> str:
    assert problems, "the check reported nothing"
    text = "\n".join(problems)
    for needle in needles:
        assert needle in text, f"{needle!r} not in the report:\n{text}"
    return text


def test_retyped_quote_is_reported_with_the_closest_passage(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "UZB-3")
    r["quote"] = r["quote"].replace("rejoin last August", "rejoin in August")
    text = only(dc.check_quotes(pkg.tables["memberships"], pkg), "memberships row UZB-3",
                "not found verbatim", "eurasianet-2007")
    assert "only to rejoin last August" in text, "the report should show the source's own words"


def test_straight_apostrophe_for_a_curly_one_is_reported(pkg: dc.Package) -> None:
    r = row(pkg, "events", "E048")
    assert "’" in r["quote"]
    r["quote"] = r["quote"].replace("’", "'")
    only(dc.check_quotes(pkg.tables["events"], pkg), "events row E048", "curly quotes")


def test_whitespace_differences_are_allowed(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "UZB-3")
    r["quote"] = r["quote"].replace(" ", "\n  ")
    assert dc.check_quotes(pkg.tables["memberships"], pkg) == []


def test_quote_without_source_and_empty_quote_are_reported(pkg: dc.Package) -> None:
    row(pkg, "figures", "F001")["source_id"] = ""
    row(pkg, "figures", "F002")["quote"] = ""
    only(dc.check_quotes(pkg.tables["figures"], pkg), "F001", "name the source", "F002", "quote the source")
    only(dc.check_values(pkg.tables["figures"], pkg), "required but empty")


def test_impossible_date_is_reported(pkg: dc.Package) -> None:
    row(pkg, "events", "E001")["date"] = "2010-13-01"
    row(pkg, "events", "E001")["date_precision"] = "day"
    row(pkg, "events", "E002")["date"] = "2023-02-29"
    row(pkg, "events", "E002")["date_precision"] = "day"
    only(dc.check_dates(pkg.tables["events"], pkg), "events row E001", "'2010-13-01' is not a real date",
         "events row E002", "'2023-02-29'")


def test_precision_that_disagrees_with_the_length_is_reported(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "BLR-1")
    r["start_precision"] = "day"  # start is "1993"
    only(dc.check_dates(pkg.tables["memberships"], pkg), "BLR-1", "year precision by its length")
    r["start_precision"] = ""
    only(dc.check_dates(pkg.tables["memberships"], pkg), "fill both or neither")


def test_a_year_padded_to_a_day_is_reported(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "BLR-1")
    r["start"] = "1993-01-01"  # "in 1993" is not 1 January 1993
    only(dc.check_dates(pkg.tables["memberships"], pkg), "BLR-1", "day precision by its length")


def test_range_ending_before_it_starts_is_reported(pkg: dc.Package) -> None:
    r = next(r for r in pkg.tables["events"].rows if r["date_end"])
    r["date_end"] = "1900"
    r["date_end_precision"] = "year"
    only(dc.check_dates(pkg.tables["events"], pkg), f"events row {r['event_id']}", "is after date_end")


def test_gap_between_spells_is_reported(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "UZB-3")
    r["start"], r["start_precision"] = "2006", "year"  # UZB-2 ends 2006-08
    only(dc.check_spells(pkg.tables["memberships"], pkg), "UZB-2", "UZB-3", "contiguous")


def test_open_spell_before_another_is_reported(pkg: dc.Package) -> None:
    r = row(pkg, "memberships", "ARM-1")
    r["end"] = r["end_precision"] = ""
    only(dc.check_spells(pkg.tables["memberships"], pkg), "ARM-1", "open-ended")


def test_unknown_country_code_gets_a_suggestion(pkg: dc.Package) -> None:
    row(pkg, "events", "E010")["countries"] = "ARM;KGS"
    only(dc.check_countries(pkg.tables["events"], pkg), "events row E010", "'KGS'", "Did you mean 'KGZ'?")


def test_country_spelling_other_than_the_countries_table_is_reported(pkg: dc.Package) -> None:
    row(pkg, "memberships", "KGZ-1")["country"] = "Kirghizia"
    only(dc.check_countries(pkg.tables["memberships"], pkg), "KGZ-1", "spells it 'Kyrgyzstan'")
    party = next(r for r in pkg.tables["drill_parties"].rows if r["iso3"] == "RUS")
    party["party"] = "Russian Federation"
    only(dc.check_countries(pkg.tables["drill_parties"], pkg), "spells it 'Russia'")


def test_foreign_key_to_nowhere_is_reported(pkg: dc.Package) -> None:
    row(pkg, "memberships", "RUS-1")["iso3"] = "RUZ"
    row(pkg, "figures", "F001")["source_id"] = "eurasianet-2077"
    only(dc.check_foreign_keys(pkg.tables["memberships"], pkg), "RUS-1", "'RUZ'", "not a key of 'countries'")
    only(dc.check_foreign_keys(pkg.tables["figures"], pkg), "F001", "Did you mean 'eurasianet-2007'?")


def test_enum_typo_gets_a_suggestion(pkg: dc.Package) -> None:
    row(pkg, "memberships", "UZB-4")["status"] = "suspend"
    only(dc.check_values(pkg.tables["memberships"], pkg), "UZB-4", "Did you mean 'suspended'?")


def test_wrong_type_is_reported(pkg: dc.Package) -> None:
    row(pkg, "figures", "F001")["value"] = "50 km"
    row(pkg, "countries", "ARM")["in_map"] = "yes"
    only(dc.check_values(pkg.tables["figures"], pkg), "F001", "not a valid number")
    only(dc.check_values(pkg.tables["countries"], pkg), "ARM", "not a valid boolean")


def test_repeated_primary_key_is_reported(pkg: dc.Package) -> None:
    t = pkg.tables["drill_parties"]
    t.rows.append(dict(t.rows[0]))
    only(dc.check_primary_key(t, pkg), "drill_parties", "repeats")


def test_header_out_of_step_with_the_descriptor_is_reported(pkg: dc.Package) -> None:
    t = pkg.tables["people"]
    t.header = [h for h in t.header if h != "note"] + ["comment"]
    only(dc.check_header(t, pkg), "people", "missing in CSV: ['note']", "not described: ['comment']")


def test_alias_naming_two_states_is_reported(pkg: dc.Package) -> None:
    row(pkg, "countries", "UZB")["aliases"] += ";Kyrgyz Republic"
    only(dc.check_countries_table(pkg.tables["countries"], pkg), "Kyrgyz Republic", "KGZ")


def test_quiz_answer_not_among_options_is_reported(pkg: dc.Package) -> None:
    t = pkg.tables["quiz"]
    t.rows.append({"question_id": "demo-broken", "lesson": "demo", "kind": "choice",
                   "prompt": "Which state froze its participation?", "options": "Armenia | Belarus",
                   "answer": "armenia", "tolerance": "", "explanation": "x",
                   "source_id": "tca-search-2024", "quote": "Armenia announced", "__width__": "10"})
    only(dc.check_quiz_table(t, pkg), "demo-broken", "Did you mean 'Armenia'?")


def test_member_list_with_unknown_code_is_reported(pkg: dc.Package) -> None:
    r = next(r for r in pkg.tables["claims"].rows if r["topic"] == "member_list")
    r["value"] = "RUS;ARM;XXX"
    only(dc.check_claims_table(pkg.tables["claims"], pkg), r["claim_id"], "XXX", "sorted")


@pytest.mark.slow
def test_frictionless_rejects_a_broken_copy(tmp_path: Path, datasets_dir: Path) -> None:
    """The frictionless check is real: a dangling foreign key and a bad integer fail it."""
    frictionless = pytest.importorskip("frictionless")
    copy_dir = tmp_path / "datasets"
    shutil.copytree(datasets_dir, copy_dir, ignore=shutil.ignore_patterns("geo"))
    path = copy_dir / "drills.csv"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(',KGZ,"Edelweiss', ',KGX,"Edelweiss').replace(",5000,over,900,", ",5000,over,nine hundred,")
    assert broken.count("KGX") == 1 and "nine hundred" in broken, "the test's edit no longer applies"
    path.write_text(broken, encoding="utf-8")
    report = frictionless.validate(str(copy_dir / "datapackage.json"))
    assert not report.valid
    kinds = {t for t, in report.flatten(["type"])}
    assert {"foreign-key", "type-error"} <= kinds, kinds
    json.dumps(report.to_dict())  # the report serialises (what CI prints)


def test_a_date_without_its_basis_is_reported(pkg: dc.Package) -> None:
    row(pkg, "events", "E001")["date_basis"] = ""
    row(pkg, "sources", "reference-2013")["published_basis"] = "stated"  # no date, yet a basis
    only(dc.check_date_basis(pkg.tables["events"], pkg), "events row E001", "date_basis", "stated, context")
    only(dc.check_date_basis(pkg.tables["sources"], pkg), "sources row reference-2013", "empty date none")


def test_an_inferred_or_outside_date_without_a_note_is_reported(pkg: dc.Package) -> None:
    row(pkg, "events", "E048")["note"] = ""  # context
    row(pkg, "events", "E055")["note"] = ""  # outside
    only(dc.check_date_basis(pkg.tables["events"], pkg), "events row E048", "inferred from",
         "events row E055", "Outside the sources")


def test_an_outside_date_whose_note_does_not_say_so_is_reported(pkg: dc.Package) -> None:
    row(pkg, "people", "P017")["note"] = "Year not stated; 2024 inferred."
    only(dc.check_date_basis(pkg.tables["people"], pkg), "people row P017", "does not say")


def test_a_date_field_without_a_basis_field_is_reported(pkg: dc.Package) -> None:
    field = next(f for f in pkg.tables["figures"].fields if f["name"] == "refers_to")
    del field["csto:basisField"]
    only(dc.check_descriptor(pkg.tables["figures"], pkg), "figures.refers_to", "csto:basisField")
    basis = next(f for f in pkg.tables["drills"].fields if f["name"] == "start_basis")
    basis["constraints"]["enum"] = ["stated", "inferred"]
    only(dc.check_descriptor(pkg.tables["drills"], pkg), "drills.start_basis", "enum should be")


def test_an_unknown_basis_or_reported_as_value_is_reported(pkg: dc.Package) -> None:
    row(pkg, "claims", "C001")["as_of_basis"] = "guessed"
    row(pkg, "drills", "interaction-2024")["reported_as"] = "done"
    only(dc.check_values(pkg.tables["claims"], pkg), "C001", "guessed")
    only(dc.check_values(pkg.tables["drills"], pkg), "interaction-2024", "done")


def test_a_plan_told_as_an_event_is_reported(pkg: dc.Package) -> None:
    next(r for r in pkg.tables["drill_parties"].rows
         if r["drill_id"] == "birlestik-2024" and r["party"] == "Azerbaijan")["role"] = "participant"
    row(pkg, "drills", "interaction-2012")["organiser"] = "Armenian army"
    only(dc.check_drills_table(pkg.tables["drills"], pkg), "birlestik-2024/Azerbaijan", "planned",
         "interaction-2012", "Armenian army")
