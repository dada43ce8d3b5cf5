"""list_datasets, load, info and source_text, parametrised over every resource and field."""

from __future__ import annotations

import calendar
import json
import re

import pandas as pd
import pytest

import course_lib as cl
from course_lib import datasets as ds
from course_lib.dates import BASES

from .conftest import DATA, PACKAGE, RESOURCES, normalise, read_rows

PRECISION_FIELD = "csto:precisionField"
FIELDS = [(name, field) for name, res in RESOURCES.items() for field in res["schema"]["fields"]]
PRECISION_COLUMNS = {
    (name, f[PRECISION_FIELD]) for name, f in FIELDS if f.get(PRECISION_FIELD)
}
DATE_FIELDS = [(name, f["name"], f[PRECISION_FIELD]) for name, f in FIELDS if f.get(PRECISION_FIELD)]
SOURCES = read_rows("sources")


def test_list_datasets_is_the_descriptor():
    listed = cl.list_datasets()
    assert list(listed.columns) == ["name", "title", "rows", "description"]
    assert list(listed["name"]) == list(RESOURCES)
    for row in listed.itertuples():
        resource = RESOURCES[row.name]
        assert row.title == resource.get("title", row.name)
        assert row.description == resource.get("description", "")
        assert row.rows == len(read_rows(row.name))


@pytest.mark.parametrize("name", list(RESOURCES))
def test_load_keeps_every_row_and_column(name):
    frame = cl.load(name)
    raw = read_rows(name)
    assert len(frame) == len(raw)
    described = [f["name"] for f in RESOURCES[name]["schema"]["fields"]]
    added = []
    for column in described:
        added.append(column)
        for date_field, precision_field in (
            (f["name"], f[PRECISION_FIELD])
            for f in RESOURCES[name]["schema"]["fields"] if f.get(PRECISION_FIELD)
        ):
            if column == precision_field:  # F_earliest, F_latest right after F_precision
                added += [f"{date_field}_earliest", f"{date_field}_latest"]
    assert list(frame.columns) == added


@pytest.mark.parametrize(
    ("name", "field"), FIELDS, ids=[f"{n}.{f['name']}" for n, f in FIELDS]
)
def test_dtype_follows_the_descriptor(name, field):
    column = cl.load(name)[field["name"]]
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    raw = [row[field["name"]] for row in read_rows(name)]
    if (name, field["name"]) in PRECISION_COLUMNS:
        assert isinstance(column.dtype, pd.CategoricalDtype) and column.dtype.ordered
        assert list(column.cat.categories) == ["day", "month", "year"]
    elif enum is not None and kind == "string":
        assert isinstance(column.dtype, pd.CategoricalDtype) and column.dtype.ordered
        assert list(column.cat.categories) == enum  # in the enum's order
    elif kind in ("integer", "year"):
        assert column.dtype == "Int64"
    elif kind == "number":
        assert column.dtype == "Float64"
    elif kind == "boolean":
        assert column.dtype == "boolean"
    elif kind in ("date", "datetime") and not field.get(PRECISION_FIELD):
        assert pd.api.types.is_datetime64_dtype(column)
    else:
        assert column.dtype == pd.StringDtype()
    # Nothing is lost: a cell is missing exactly when the CSV cell is empty.
    assert list(column.isna()) == [cell == "" for cell in raw]
    if column.dtype == pd.StringDtype():
        assert [c for c in column.fillna("")] == raw  # texts exactly as written


@pytest.mark.parametrize(
    ("name", "field", "precision_field"), DATE_FIELDS, ids=[f"{n}.{f}" for n, f, _ in DATE_FIELDS]
)
def test_date_bounds_follow_the_precision(name, field, precision_field):
    frame = cl.load(name)
    first, last = frame[f"{field}_earliest"], frame[f"{field}_latest"]
    assert pd.api.types.is_datetime64_dtype(first) and pd.api.types.is_datetime64_dtype(last)
    for row, value, precision, lo, hi in zip(
        read_rows(name), frame[field], frame[precision_field], first, last
    ):
        assert (value if pd.notna(value) else "") == row[field]
        if row[field] == "":
            assert pd.isna(lo) and pd.isna(hi)
            continue
        y, m, d = (int(p) for p in (row[field].split("-") + ["0", "0"])[:3])
        if precision == "year":
            assert (lo, hi) == (pd.Timestamp(y, 1, 1), pd.Timestamp(y, 12, 31))
        elif precision == "month":
            days = calendar.monthrange(y, m)[1]
            assert (lo, hi) == (pd.Timestamp(y, m, 1), pd.Timestamp(y, m, days))
        else:
            assert precision == "day"
            assert lo == hi == pd.Timestamp(y, m, d)


@pytest.mark.parametrize("name", list(RESOURCES))
def test_load_returns_an_independent_copy(name):
    first = cl.load(name)
    pristine = first.copy(deep=True)
    if len(first):  # an empty table (a question bank not yet written) still gets the rest
        first.iloc[0, 0] = None
        first.iloc[-1, -1] = None
    first["scratch"] = 1
    first.attrs["scribble"] = True
    again = cl.load(name)
    pd.testing.assert_frame_equal(again, pristine)
    assert again is not cl.load(name)


def test_dataset_names_are_forgiving_about_case_and_suffix():
    pd.testing.assert_frame_equal(cl.load(" Memberships "), cl.load("memberships"))
    pd.testing.assert_frame_equal(cl.load("memberships.csv"), cl.load("memberships"))


def test_unknown_dataset_says_did_you_mean():
    with pytest.raises(cl.UnknownDatasetError) as caught:
        cl.load("memberhsips")
    assert str(caught.value) == (
        "No dataset called 'memberhsips'. Did you mean 'memberships'? See cl.list_datasets()."
    )
    assert isinstance(caught.value, KeyError)


@pytest.mark.parametrize("call", [cl.load, cl.info])
def test_unknown_dataset_without_a_near_miss_lists_them_all(call):
    with pytest.raises(cl.UnknownDatasetError) as caught:
        call("zzzz")
    message = str(caught.value)
    assert "No dataset called 'zzzz'." in message
    for name in RESOURCES:
        assert name in message
    assert "cl.list_datasets()" in message


def test_a_dataset_name_must_be_a_text():
    with pytest.raises(cl.UnknownDatasetError, match="Dataset names are texts"):
        cl.load(3)


# --------------------------------------------------------------------------- info


@pytest.mark.parametrize("name", list(RESOURCES))
def test_info_card_describes_every_field(name):
    resource = RESOURCES[name]
    card = cl.info(name)
    text, markdown = str(card), card._repr_markdown_()
    assert repr(card) == text  # a bare `cl.info(...)` in a terminal shows the card
    for shown in (text, markdown):
        assert resource.get("title", name) in shown
        assert str(len(read_rows(name))) in shown
        for key in [resource["schema"].get("primaryKey", [])] if isinstance(
            resource["schema"].get("primaryKey"), str
        ) else resource["schema"].get("primaryKey", []):
            assert key in shown
    lines = text.splitlines()
    for field in resource["schema"]["fields"]:
        line = next(li for li in lines if li.startswith(f"  - {field['name']} ("))
        assert normalise(field.get("description", ""))[:60] in normalise(line)
        for allowed in field.get("constraints", {}).get("enum", []):
            assert allowed in line
        unit = field.get("unit") or field.get("csto:unit")
        if unit:
            assert f"[unit: {unit}]" in line
        assert re.search(rf"^\| `{re.escape(field['name'])}` \|", markdown, re.M)
    if "source_id" in cl.load(name).columns and name != "sources":
        for sid in set(cl.load(name)["source_id"].dropna()):
            assert sid in text


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize("row", SOURCES, ids=[r["source_id"] for r in SOURCES])
def test_source_text_is_the_file(row):
    text = cl.source_text(row["source_id"])
    assert text == (DATA / row["file"]).read_text(encoding="utf-8")
    assert len(text) > 500


def test_unknown_source_says_did_you_mean():
    some = SOURCES[0]["source_id"]
    typo = some[:-1] + ("x" if some[-1] != "x" else "y")
    with pytest.raises(cl.UnknownSourceError) as caught:
        cl.source_text(typo)
    message = str(caught.value)
    assert message.startswith(f"No source with id {typo!r}. Did you mean {some!r}")
    assert 'cl.load("sources")' in message
    assert isinstance(caught.value, KeyError)


def test_unknown_source_without_a_near_miss_lists_them_all():
    with pytest.raises(cl.UnknownSourceError) as caught:
        cl.source_text("zzzz")
    for row in SOURCES:
        assert row["source_id"] in str(caught.value)


# --------------------------------------------------------------------------- typing rules


@pytest.fixture
def toy_package(tmp_path):
    """A small package using every field type the loader knows, independent of the real data."""
    (tmp_path / "toy.csv").write_text(
        "code,n,x,flag,level,when,when_precision,day,free\n"
        "NA,1,1.5,true,low,1993,year,2010-01-31,a\n"
        "KG,,2,false,high,2024-02,month,,\n"
        "UZ,-3,,,,2006-08-15,day,1999-12-31,NA\n",
        encoding="utf-8",
    )
    fields = [
        {"name": "code", "type": "string"},
        {"name": "n", "type": "integer"},
        {"name": "x", "type": "number"},
        {"name": "flag", "type": "boolean"},
        {"name": "level", "type": "string", "constraints": {"enum": ["low", "mid", "high"]}},
        {"name": "when", "type": "string", PRECISION_FIELD: "when_precision"},
        {"name": "when_precision", "type": "string",
         "constraints": {"enum": ["year", "month", "day"]}},  # any enum order: day < month < year
        {"name": "day", "type": "date"},
        {"name": "free", "type": "string"},
    ]
    descriptor = {"resources": [{"name": "toy", "path": "toy.csv", "schema": {"fields": fields}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return str(tmp_path)


def test_every_field_type_is_typed_from_the_descriptor(toy_package):
    frame = ds._table(toy_package, "toy")
    assert list(frame.columns) == [
        "code", "n", "x", "flag", "level", "when", "when_precision",
        "when_earliest", "when_latest", "day", "free",
    ]
    assert frame["code"].tolist() == ["NA", "KG", "UZ"]  # 'NA' is Namibia's code, not missing
    assert frame["code"].dtype == pd.StringDtype()
    assert frame["n"].dtype == "Int64" and frame["n"].tolist()[::2] == [1, -3]
    assert frame["n"].isna().tolist() == [False, True, False]
    assert frame["x"].dtype == "Float64" and frame["x"].tolist()[:2] == [1.5, 2.0]
    assert frame["flag"].dtype == "boolean" and frame["flag"].tolist()[:2] == [True, False]
    assert frame["flag"].isna().tolist() == [False, False, True]
    assert frame["level"].cat.categories.tolist() == ["low", "mid", "high"]
    assert frame["level"].cat.ordered
    assert (frame["level"] < "high").tolist() == [True, False, False]  # ordered as the enum
    assert frame["when"].tolist() == ["1993", "2024-02", "2006-08-15"]
    assert frame["when_precision"].cat.categories.tolist() == ["day", "month", "year"]
    assert frame["when_earliest"].tolist() == [
        pd.Timestamp("1993-01-01"), pd.Timestamp("2024-02-01"), pd.Timestamp("2006-08-15")]
    assert frame["when_latest"].tolist() == [
        pd.Timestamp("1993-12-31"), pd.Timestamp("2024-02-29"), pd.Timestamp("2006-08-15")]
    assert pd.api.types.is_datetime64_dtype(frame["day"])
    assert frame["day"].iloc[0] == pd.Timestamp("2010-01-31") and pd.isna(frame["day"].iloc[1])
    assert frame["free"].tolist()[0] == "a" and pd.isna(frame["free"].iloc[1])
    assert frame["free"].iloc[2] == "NA"


@pytest.mark.parametrize(
    ("column", "bad", "says"),
    [
        ("n", "1.5", "are not whole numbers|is not whole numbers"),
        ("x", "lots", "not numbers"),
        ("flag", "yes", "not true/false values"),
        ("level", "extreme", "not one of the allowed values"),
        ("when", "1993-13", "month 13 does not exist"),
    ],
)
def test_a_cell_that_breaks_its_field_is_reported_not_dropped(toy_package, column, bad, says):
    path = f"{toy_package}/toy.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, column] = bad
    frame.to_csv(path, index=False)
    with pytest.raises(cl.CourseError, match=says) as caught:
        ds._table.__wrapped__(toy_package, "toy")
    assert "toy" in str(caught.value) and column in str(caught.value)


def test_package_descriptor_is_the_one_data_dir_points_to():
    assert json.loads((cl.data_dir() / "datapackage.json").read_text()) == PACKAGE


# --------------------------------------------------------------------------- how dates are known

BASIS_FIELD = "csto:basisField"
BASIS_PAIRS = [(name, f["name"], f[BASIS_FIELD]) for name, f in FIELDS if f.get(BASIS_FIELD)]


def test_every_date_field_has_a_basis() -> None:
    dated = [(name, f["name"]) for name, f in FIELDS if f.get(PRECISION_FIELD)]
    assert dated and [(r, f) for r, f, _ in BASIS_PAIRS] == dated


@pytest.mark.parametrize("name, field, basis", BASIS_PAIRS, ids=[f"{n}.{f}" for n, f, _ in BASIS_PAIRS])
def test_a_basis_loads_as_an_ordered_categorical_and_shows_in_info(name, field, basis) -> None:
    frame = cl.load(name)
    assert isinstance(frame[basis].dtype, pd.CategoricalDtype) and frame[basis].cat.ordered
    assert frame[basis].cat.categories.tolist() == list(BASES)
    assert (frame[basis].isna() == frame[field].isna()).all(), f"{name}: {basis} empty exactly when {field} is"
    card = cl.info(name)
    fields = {f.name: f for f in card.fields}
    assert fields[basis].allowed == ["stated", "context", "outside"]
    assert f"basis in {basis}" in fields[field].type
    assert basis in str(card) and "outside" in card._repr_markdown_()


def test_the_article_4_invocation_is_not_dated_by_its_source() -> None:
    events = cl.load("events").set_index("event_id")
    assert events.loc["E055", "date_basis"] == "outside"
    assert "Outside the sources" in events.loc["E055", "note"]
    assert events.loc["E048", "date_basis"] == "context"
