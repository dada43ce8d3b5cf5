"""The curated tables: list them, load them typed, read their codebook and their sources.

Every type comes from the Frictionless descriptor ``datapackage.json``, not from code written per
table, so a new table or column is typed the moment it is described:

==========================================  ==============================================
descriptor field                            pandas column
==========================================  ==============================================
``integer`` / ``year``                      ``Int64`` (nullable)
``number``                                  ``Float64`` (nullable)
``boolean``                                 ``boolean`` (nullable)
``string`` with ``constraints.enum``        ordered ``category``, in the enum's order
other ``string`` (and ``any``, ...)         ``string``
``date`` / ``datetime``                     ``datetime64``
a field ``F`` with ``"csto:precisionField"``  ``F`` kept as its ISO text, ``F_precision`` an
                                            ordered category (``day`` < ``month`` < ``year``),
                                            then ``F_earliest`` and ``F_latest`` (datetime64)
``F_basis`` (``"csto:basisField"`` of ``F``)    ordered category from its enum (``stated`` <
                                            ``context`` < ``outside``): how ``F`` is known
==========================================  ==============================================
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._paths import DESCRIPTOR, data_dir
from ._text import did_you_mean, fold, suggest
from .codebook import Codebook, FieldCard
from .dates import PRECISIONS, bounds
from .exceptions import CourseError, UnknownDatasetError, UnknownSourceError

__all__ = [
    "list_datasets", "dataset_names", "load", "info", "source_text", "source_ids", "PRECISION_FIELD",
    "BASIS_FIELD",
]

#: The custom descriptor property that pairs a date field with its precision field.
PRECISION_FIELD = "csto:precisionField"
#: The custom descriptor property that pairs a date field with the field saying how it is known.
BASIS_FIELD = "csto:basisField"

_STRING = pd.StringDtype()  # "string", with pd.NA for missing (like Int64, boolean)
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


# --------------------------------------------------------------------------- descriptor


@lru_cache(maxsize=4)
def _package(root: str) -> dict[str, Any]:
    path = Path(root) / DESCRIPTOR
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _resources(root: str) -> dict[str, dict[str, Any]]:
    return {res["name"]: res for res in _package(root).get("resources", [])}


def _resolve_name(name: object, root: str) -> str:
    """Return the resource name ``name`` refers to, or raise UnknownDatasetError."""
    resources = _resources(root)
    if not isinstance(name, str):
        raise UnknownDatasetError(
            f"Dataset names are texts, like 'memberships'; got {name!r} "
            f"(a {type(name).__name__}). See cl.list_datasets()."
        )
    if name in resources:
        return name
    wanted = fold(name.removesuffix(".csv"))
    for known in resources:  # 'Memberships', ' memberships ', 'memberships.csv'
        if fold(known) == wanted:
            return known
    hint = did_you_mean(suggest(name, resources, n=2))
    if not hint:
        hint = " The datasets are: " + ", ".join(sorted(resources)) + "."
    raise UnknownDatasetError(f"No dataset called {name!r}.{hint} See cl.list_datasets().")


def _fields(resource: dict[str, Any]) -> list[dict[str, Any]]:
    return list(resource.get("schema", {}).get("fields", []))


def _missing_values(resource: dict[str, Any], root: str) -> list[str]:
    schema = resource.get("schema", {})
    if "missingValues" in schema:
        return list(schema["missingValues"])
    return list(_package(root).get("missingValues", [""]))


# --------------------------------------------------------------------------- typing


def _precision_fields(fields: list[dict[str, Any]]) -> dict[str, str]:
    """Map each imprecise date field to its precision field."""
    return {f["name"]: f[PRECISION_FIELD] for f in fields if f.get(PRECISION_FIELD)}


def _bad_values(series: pd.Series, ok: pd.Series) -> str:
    bad = series[~ok & series.notna()].unique()[:3]
    return ", ".join(repr(v) for v in bad)


def _convert(raw: pd.Series, field: dict[str, Any], table: str, is_precision: bool) -> pd.Series:
    """Turn one text column into the dtype its descriptor field asks for."""
    kind = field.get("type", "string")
    name = field["name"]
    enum = field.get("constraints", {}).get("enum")

    def fail(what: str, ok: pd.Series) -> CourseError:
        return CourseError(
            f"Table {table!r}, column {name!r}: {_bad_values(raw, ok)} "
            f"{'is' if (~ok & raw.notna()).sum() == 1 else 'are'} not {what}. "
            "The data and datapackage.json disagree; run the data tests (tests/data)."
        )

    if is_precision:
        categories = list(PRECISIONS)
    elif enum is not None and kind in ("string", "any"):
        categories = [str(v) for v in enum]
    else:
        categories = None
    if categories is not None:
        ok = raw.isna() | raw.isin(categories)
        if not ok.all():
            raise fail(f"one of the allowed values {categories}", ok)
        return pd.Series(
            pd.Categorical(raw, categories=categories, ordered=True), index=raw.index, name=name
        )
    if kind in ("integer", "year"):
        numbers = pd.to_numeric(raw, errors="coerce")
        ok = raw.isna() | (numbers.notna() & (numbers == numbers.round()))
        if not ok.all():
            raise fail("whole numbers", ok)
        return numbers.astype(pd.Int64Dtype())
    if kind == "number":
        numbers = pd.to_numeric(raw, errors="coerce")
        ok = raw.isna() | numbers.notna()
        if not ok.all():
            raise fail("numbers", ok)
        return numbers.astype(pd.Float64Dtype())
    if kind == "boolean":
        true_values = [str(v) for v in field.get("trueValues", _TRUE)]
        false_values = [str(v) for v in field.get("falseValues", _FALSE)]
        ok = raw.isna() | raw.isin(true_values + false_values)
        if not ok.all():
            raise fail(f"true/false values ({true_values[0]!r} or {false_values[0]!r})", ok)
        out = pd.Series(pd.NA, index=raw.index, dtype=pd.BooleanDtype(), name=name)
        out[raw.isin(true_values).fillna(False).astype(bool)] = True
        out[raw.isin(false_values).fillna(False).astype(bool)] = False
        return out
    if kind in ("date", "datetime") and not field.get(PRECISION_FIELD):
        parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601")
        ok = raw.isna() | parsed.notna()
        if not ok.all():
            raise fail("ISO dates", ok)
        return parsed
    return raw.astype(_STRING)


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_UNIT_OF_LENGTH = {4: "Y", 7: "M", 10: "D"}  # 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'


def _date_bounds(values: pd.Series, table: str, name: str) -> tuple[pd.Series, pd.Series]:
    """F_earliest and F_latest of an ISO date column (NaT where F is missing).

    numpy reads truncated ISO dates in their own unit ('1993' as a year), so the first day is the
    value in days and the last day is the next year/month/day minus one day.
    """
    texts = values.to_numpy(dtype=object, na_value=None)
    first = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[D]")
    last = first.copy()
    try:
        for size, unit in _UNIT_OF_LENGTH.items():
            at = [i for i, t in enumerate(texts) if t is not None and len(t) == size]
            if at:
                parsed = np.array([texts[i] for i in at], dtype=f"datetime64[{unit}]")
                first[at] = parsed.astype("datetime64[D]")
                last[at] = (parsed + 1).astype("datetime64[D]") - 1
        wrong = [t for t in texts if t is not None and not _ISO_DATE.fullmatch(t)]
        if wrong:
            raise ValueError(wrong[0])
    except ValueError:
        for text in texts:  # find the culprit and say what is wrong with it
            if text is not None:
                try:
                    bounds(text)
                except CourseError as err:
                    raise CourseError(f"Table {table!r}, column {name!r}: {err}") from None
        raise CourseError(f"Table {table!r}, column {name!r} holds a value that is not an ISO "
                          "date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD').") from None
    as_series = lambda days: pd.Series(days.astype("datetime64[us]"), index=values.index)  # noqa: E731
    return as_series(first), as_series(last)


@lru_cache(maxsize=64)
def _table(root: str, name: str) -> pd.DataFrame:
    """Read and type one resource (cached: callers must copy before handing it out)."""
    resource = _resources(root)[name]
    path = Path(root) / resource["path"]
    dialect = resource.get("dialect", {})
    raw = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,  # 'NA' is Namibia, not a missing value ...
        na_values=_missing_values(resource, root),  # ... only the descriptor's missing values
        sep=dialect.get("delimiter", ","),
        encoding=resource.get("encoding", "utf-8"),
    )

    fields = _fields(resource)
    described = {f["name"]: f for f in fields}
    absent = [f for f in described if f not in raw.columns]
    if absent:
        raise CourseError(
            f"Table {name!r} ({resource['path']}) has no column {', '.join(map(repr, absent))}, "
            "which datapackage.json describes; run the data tests (tests/data)."
        )
    precision_of = _precision_fields(fields)
    precision_cols = set(precision_of.values())

    columns: dict[str, pd.Series] = {}
    # The descriptor's order first; a column it does not describe is kept, as text, at the end.
    for column in list(described) + [c for c in raw.columns if c not in described]:
        field = described.get(column, {"name": column, "type": "string"})
        columns[column] = _convert(raw[column], field, name, column in precision_cols)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))

    for date_field, precision_field in precision_of.items():
        first, last = _date_bounds(frame[date_field], name, date_field)
        anchor = precision_field if precision_field in frame.columns else date_field
        at = frame.columns.get_loc(anchor) + 1
        frame.insert(at, f"{date_field}_earliest", first)
        frame.insert(at + 1, f"{date_field}_latest", last)
    return frame


# --------------------------------------------------------------------------- public API


def dataset_names() -> list[str]:
    """Return the names :func:`load` accepts, in the descriptor's order (no table is read).

    Examples
    --------
    >>> from course_lib.datasets import dataset_names
    >>> "memberships" in dataset_names()
    True
    """
    return list(_resources(str(data_dir())))


def list_datasets() -> pd.DataFrame:
    """List the course datasets.

    Returns
    -------
    pandas.DataFrame
        One row per table in ``datapackage.json``, in the descriptor's order, with columns
        ``name`` (what :func:`load` takes), ``title``, ``rows`` and ``description``.

    Examples
    --------
    >>> import course_lib as cl
    >>> "memberships" in set(cl.list_datasets()["name"])
    True
    """
    root = str(data_dir())
    rows = []
    for name, resource in _resources(root).items():
        rows.append(
            {
                "name": name,
                "title": resource.get("title", name),
                "rows": len(_table(root, name)),
                "description": resource.get("description", ""),
            }
        )
    frame = pd.DataFrame(rows, columns=["name", "title", "rows", "description"])
    return frame.astype({"name": _STRING, "title": _STRING, "rows": pd.Int64Dtype(),
                         "description": _STRING})


def load(name: str) -> pd.DataFrame:
    """Load one dataset as a typed DataFrame.

    Parameters
    ----------
    name : str
        A dataset name from :func:`list_datasets`, e.g. ``"memberships"`` (case and a trailing
        ``.csv`` are forgiven).

    Returns
    -------
    pandas.DataFrame
        The table, typed from its descriptor: nullable integers, floats and booleans, ordered
        categoricals for enumerations, ``string`` for text. Each imprecise date ``F`` stays an
        ISO text beside ``F_precision`` (``day`` < ``month`` < ``year``), followed by
        ``F_earliest`` and ``F_latest``: the first and last day ``F`` can mean, and by
        ``F_basis`` (``stated`` < ``context`` < ``outside``): whether the source states the date,
        it is inferred from the source's own text, or it comes from outside the sources (the
        row's ``note`` says how). The frame is
        your own copy: changing it changes nothing for the next ``load``.

    Raises
    ------
    UnknownDatasetError
        If no dataset has that name (the message suggests the closest). Also a ``KeyError``.

    Examples
    --------
    >>> import course_lib as cl
    >>> spells = cl.load("memberships")
    >>> spells["start_precision"].cat.categories.tolist()
    ['day', 'month', 'year']
    """
    root = str(data_dir())
    return _table(root, _resolve_name(name, root)).copy(deep=True)


def info(name: str) -> Codebook:
    """Show a dataset's codebook card: what it is, its key, its sources and every column.

    Parameters
    ----------
    name : str
        A dataset name, as for :func:`load`.

    Returns
    -------
    Codebook
        Shown as Markdown in a notebook and as plain text in a terminal (``print(...)``).
        Its attributes (``title``, ``rows``, ``primary_key``, ``fields``, ...) can be read too.

    Raises
    ------
    UnknownDatasetError
        If no dataset has that name.

    Examples
    --------
    >>> import course_lib as cl
    >>> card = cl.info("memberships")
    >>> card.primary_key
    ['spell_id']
    """
    root = str(data_dir())
    resolved = _resolve_name(name, root)
    resource = _resources(root)[resolved]
    table = _table(root, resolved)
    fields = _fields(resource)
    precision_cols = set(_precision_fields(fields).values())

    precision_of = _precision_fields(fields)
    cards = []
    for field in fields:
        enum = field.get("constraints", {}).get("enum")
        if field["name"] in precision_cols:
            enum = list(PRECISIONS)
        unit = field.get("unit") or field.get("csto:unit") or ""
        kind = field.get("type", "string")
        if field.get(PRECISION_FIELD):
            kind = f"date text (precision in {field[PRECISION_FIELD]}"
            kind += f", basis in {field[BASIS_FIELD]})" if field.get(BASIS_FIELD) else ")"
        cards.append(
            FieldCard(
                name=field["name"],
                type=kind,
                description=field.get("description", ""),
                unit=str(unit),
                allowed=[str(v) for v in enum] if enum else [],
                required=bool(field.get("constraints", {}).get("required", False)),
            )
        )
        # load() adds two parsed columns after each precision field: describe them too.
        for date_field, precision_field in precision_of.items():
            if field["name"] == precision_field:
                for end, which in (("earliest", "first"), ("latest", "last")):
                    cards.append(
                        FieldCard(
                            name=f"{date_field}_{end}",
                            type="datetime (added by cl.load)",
                            description=f"The {which} day `{date_field}` can mean, "
                            f"given `{precision_field}`.",
                        )
                    )

    key = resource.get("schema", {}).get("primaryKey", [])
    key = [key] if isinstance(key, str) else list(key)

    sources: list[str] = []
    cited = [c for c in table.columns if c == "source_id" or c.endswith("_source_id")]
    if cited and resolved != "sources":
        titles = _source_titles(root)
        # How many rows cite each source, in any of their source columns.
        counts: Counter[str] = Counter()
        for ids in zip(*(table[c] for c in cited)):
            counts.update({str(i) for i in ids if not pd.isna(i)})
        for sid, count in counts.most_common():
            title = titles.get(str(sid))
            label = f"{sid}: {title}" if title else str(sid)
            sources.append(f"{label} ({count} row{'s' if count != 1 else ''})")
    for src in resource.get("sources", []):
        text = src.get("title") or src.get("path") or ""
        if src.get("path") and src.get("title"):
            text = f"{src['title']} ({src['path']})"
        if text:
            sources.append(text)

    return Codebook(
        name=resolved,
        title=resource.get("title", resolved),
        description=resource.get("description", ""),
        rows=len(table),
        primary_key=key,
        sources=sources,
        fields=cards,
        path=resource.get("path", ""),
    )


def _sources_table(root: str) -> pd.DataFrame:
    if "sources" not in _resources(root):
        raise CourseError("datapackage.json describes no 'sources' table.")
    return _table(root, "sources")


def _source_titles(root: str) -> dict[str, str]:
    try:
        table = _sources_table(root)
    except CourseError:
        return {}
    if "title" not in table.columns:
        return {}
    return {str(s): str(t) for s, t in zip(table["source_id"], table["title"]) if pd.notna(t)}


def _source_file(row: pd.Series, source_id: str) -> str:
    for column in ("path", "file", "filename", "file_name"):
        if column in row.index and pd.notna(row[column]):
            value = str(row[column])
            return value if "/" in value else f"sources/{value}"
    return f"sources/{source_id}.txt"


@lru_cache(maxsize=32)
def _read_source(root: str, source_id: str) -> str:
    table = _sources_table(root)
    row = table.loc[table["source_id"] == source_id].iloc[0]
    return (Path(root) / _source_file(row, source_id)).read_text(encoding="utf-8")


def source_ids() -> list[str]:
    """Return every source id in ``sources.csv``, in its order.

    Examples
    --------
    >>> import course_lib as cl
    >>> from course_lib.datasets import source_ids
    >>> len(source_ids()) >= 5
    True
    """
    root = str(data_dir())
    return [str(s) for s in _sources_table(root)["source_id"]]


def source_text(source_id: str) -> str:
    """Return the full text of one source document.

    Every fact row names a ``source_id`` and quotes this text verbatim (after whitespace
    normalisation), so a row's ``quote`` can always be found here.

    Parameters
    ----------
    source_id : str
        A key of the ``sources`` table (``cl.load("sources")``).

    Returns
    -------
    str
        The document as stored under ``datasets/sources/``.

    Raises
    ------
    UnknownSourceError
        If no source has that id (the message suggests the closest). Also a ``KeyError``.

    Examples
    --------
    >>> import course_lib as cl
    >>> sid = cl.load("sources")["source_id"].iloc[0]
    >>> len(cl.source_text(sid)) > 1000
    True
    """
    root = str(data_dir())
    known = source_ids()
    if isinstance(source_id, str) and source_id in known:
        return _read_source(root, source_id)
    if isinstance(source_id, str):
        for candidate in known:
            if fold(candidate) == fold(source_id):
                return _read_source(root, candidate)
    hint = did_you_mean(suggest(str(source_id), known, n=2))
    if not hint:
        hint = " The sources are: " + ", ".join(known) + "."
    raise UnknownSourceError(
        f"No source with id {source_id!r}.{hint} "
        "See cl.load(\"sources\") for every source and its title."
    )
