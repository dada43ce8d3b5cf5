"""The checks behind tests/data: pure functions over a descriptor and rows of text.

Each ``check_*`` function takes a :class:`Table` (one resource: its descriptor and its rows as
read from the CSV, every value a string) and a :class:`Package` (the whole data package: the
other tables, the source texts, the countries) and returns a list of problems, each a sentence
that names the table, the row's key, what is wrong and what would be right. An empty list means
the check passed. The tests run every check on every resource, and run them again on copies
broken on purpose to prove that each check can fail.

Nothing here imports course_lib or pandas: the data are checked independently of the library
that reads them.
"""

from __future__ import annotations

import calendar
import csv
import difflib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DATASETS",
    "BASES",
    "DATE_RE",
    "REPO_ROOT",
    "SEEDS",
    "Package",
    "Table",
    "closest_passage",
    "normalise",
    "load_package",
    "ALL_CHECKS",
]

#: The repository root, its datasets folder, and the shared seed texts, which sit beside the
#: repository (../shared/seeds) on the course machines and in CI; elsewhere (a fresh clone) they
#: are absent and the byte-identity test is skipped. Located from this file, never absolutely.
REPO_ROOT = Path(__file__).resolve().parents[2]
DATASETS = REPO_ROOT / "datasets"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}
#: How a date is known, firmest first: the enum of every ``F_basis`` field.
BASES = ("stated", "context", "outside")
#: What the note of an ``outside`` row must say, so a reader sees the knowledge is not the source's.
OUTSIDE_MARK = "outside the sources"
DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]
MAX_REPORTED = 12  # problems listed per check before "... and N more"


def normalise(text: str) -> str:
    """Collapse each run of whitespace to one space and strip the ends (the quote rule)."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Table:
    """One resource: its descriptor and its rows (dicts of strings, keyed by the CSV header)."""

    name: str
    descriptor: dict[str, Any]
    header: list[str]
    rows: list[dict[str, str]]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor["schema"]["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def missing(self) -> list[str]:
        return self.descriptor["schema"].get("missingValues", [""])

    @property
    def primary_key(self) -> list[str]:
        pk = self.descriptor["schema"].get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    def key(self, row: dict[str, str]) -> str:
        """The row's primary key as text, for messages."""
        pk = self.primary_key or [self.header[0]]
        return "/".join(row.get(k, "?") for k in pk)

    def is_missing(self, value: str | None) -> bool:
        return value is None or value in self.missing


@dataclass
class Package:
    """The whole package: descriptor, tables by name, source texts by id, seeds folder."""

    root: Path
    descriptor: dict[str, Any]
    tables: dict[str, Table]
    source_texts: dict[str, str] = field(default_factory=dict)  # normalised
    raw_sources: dict[str, bytes] = field(default_factory=dict)

    @property
    def countries(self) -> dict[str, dict[str, str]]:
        return {r["iso3"]: r for r in self.tables["countries"].rows}


def read_table(root: Path, resource: dict[str, Any]) -> Table:
    path = root / resource["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows = [dict(zip(header, values)) | ({"__width__": str(len(values))}) for values in reader]
    return Table(resource["name"], resource, header, rows)


def load_package(root: Path) -> Package:
    """Read datapackage.json, every CSV it names, and the source texts listed in sources.csv."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: read_table(root, r) for r in descriptor["resources"]}
    pkg = Package(root, descriptor, tables)
    if "sources" in tables:
        for row in tables["sources"].rows:
            path = root / row.get("file", "")
            if path.is_file():
                raw = path.read_bytes()
                pkg.raw_sources[row["source_id"]] = raw
                pkg.source_texts[row["source_id"]] = normalise(raw.decode("utf-8"))
    return pkg


def _limit(problems: list[str]) -> list[str]:
    if len(problems) > MAX_REPORTED:
        return problems[:MAX_REPORTED] + [f"... and {len(problems) - MAX_REPORTED} more"]
    return problems


def closest_passage(quote: str, text: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote`` and its similarity (0 to 1).

    Candidates are the text's sentences and runs of two and three sentences, so a quote that
    spans a sentence break is still matched.
    """
    sentences = [s for s in re.split(r"(?<=[.!?”\"])\s+", text) if s]
    candidates = []
    for size in (1, 2, 3):
        candidates += [" ".join(sentences[i:i + size]) for i in range(len(sentences) - size + 1)]
    best, score = "", 0.0
    q = normalise(quote)
    for cand in candidates:
        matcher = difflib.SequenceMatcher(None, q, cand, autojunk=False)
        if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = cand, ratio
    return best, score


# --------------------------------------------------------------------------- descriptor


def check_descriptor(table: Table, pkg: Package) -> list[str]:
    """The resource is documented: title, description, every field described and typed,
    precision pairs point at real fields, keys name real fields."""
    problems = []
    d = table.descriptor
    for prop in ("title", "description", "path", "schema"):
        if not d.get(prop):
            problems.append(f"{table.name}: the resource has no {prop!r} in datapackage.json.")
    names = table.field_names
    if len(set(names)) != len(names):
        problems.append(f"{table.name}: field names repeat in the descriptor: {names}.")
    for f in table.fields:
        where = f"{table.name}.{f['name']}"
        if not f.get("description"):
            problems.append(f"{where}: no description in datapackage.json.")
        if f.get("type") not in ("string", "integer", "number", "boolean"):
            problems.append(f"{where}: type {f.get('type')!r}; use string, integer, number or boolean.")
        partner = f.get("csto:precisionField")
        if partner:
            if partner not in names:
                problems.append(f"{where}: csto:precisionField names {partner!r}, which is not a field.")
            else:
                pf = next(x for x in table.fields if x["name"] == partner)
                enum = pf.get("constraints", {}).get("enum")
                if enum != ["day", "month", "year"]:
                    problems.append(f"{table.name}.{partner}: enum should be ['day', 'month', 'year'], is {enum}.")
            if f.get("constraints", {}).get("pattern") != DATE_RE.pattern:
                problems.append(f"{where}: a date field needs the pattern {DATE_RE.pattern}.")
            basis = f.get("csto:basisField")
            if not basis:
                problems.append(f"{where}: a date field needs \"csto:basisField\": \"{f['name']}_basis\" "
                                "(how the date is known: stated, context or outside).")
            elif basis not in names:
                problems.append(f"{where}: csto:basisField names {basis!r}, which is not a field.")
            else:
                bf = next(x for x in table.fields if x["name"] == basis)
                enum = bf.get("constraints", {}).get("enum")
                if enum != list(BASES):
                    problems.append(f"{table.name}.{basis}: enum should be {list(BASES)}, is {enum}.")
                if bf.get("csto:dateField") != f["name"]:
                    problems.append(f"{table.name}.{basis}: needs \"csto:dateField\": \"{f['name']}\".")
        elif f["name"].endswith("_precision") and f["name"][: -len("_precision")] in names and not next(
                x for x in table.fields if x["name"] == f["name"][: -len("_precision")]).get("csto:precisionField"):
            problems.append(f"{table.name}.{f['name'][:-10]}: has a precision field but no "
                            f"\"csto:precisionField\": \"{f['name']}\".")
    for key in table.primary_key:
        if key not in names:
            problems.append(f"{table.name}: primaryKey names {key!r}, which is not a field.")
    if not table.primary_key:
        problems.append(f"{table.name}: no primaryKey.")
    for fk in d["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        for f in fields:
            if f not in names:
                problems.append(f"{table.name}: foreign key on {f!r}, which is not a field.")
        ref = fk["reference"]["resource"]
        if ref and ref not in pkg.tables:
            problems.append(f"{table.name}: foreign key refers to resource {ref!r}, which is not in the package.")
    return _limit(problems)


def check_header(table: Table, pkg: Package) -> list[str]:
    """The CSV header equals the descriptor's field names, in order; every row has that width."""
    problems = []
    if table.header != table.field_names:
        missing = [n for n in table.field_names if n not in table.header]
        extra = [n for n in table.header if n not in table.field_names]
        problems.append(
            f"{table.name}: CSV header {table.header} differs from datapackage.json fields "
            f"{table.field_names}" + (f"; missing in CSV: {missing}" if missing else "")
            + (f"; not described: {extra}" if extra else "")
            + ("" if missing or extra else "; same names, different order") + "."
        )
    width = len(table.header)
    for i, row in enumerate(table.rows, start=2):
        if row.get("__width__") != str(width):
            problems.append(f"{table.name}: CSV line {i} ({table.key(row)}) has {row.get('__width__')} "
                            f"values, the header has {width}.")
    return _limit(problems)


# --------------------------------------------------------------------------- values


def _type_ok(value: str, f: dict[str, Any]) -> bool:
    kind = f.get("type", "string")
    if kind == "integer":
        return re.fullmatch(r"-?\d+", value) is not None
    if kind == "number":
        try:
            return math.isfinite(float(value))
        except ValueError:
            return False
    if kind == "boolean":
        return value in f.get("trueValues", DEFAULT_TRUE) + f.get("falseValues", DEFAULT_FALSE)
    return True


def check_values(table: Table, pkg: Package) -> list[str]:
    """Values parse as their declared type; required, enum, pattern, minimum and unique hold."""
    problems = []
    for f in table.fields:
        name, c = f["name"], f.get("constraints", {})
        seen: dict[str, str] = {}
        for row in table.rows:
            value = row.get(name)
            where = f"{table.name} row {table.key(row)}, {name}"
            if table.is_missing(value):
                if c.get("required"):
                    problems.append(f"{where}: required but empty.")
                continue
            if value != value.strip():
                problems.append(f"{where}: {value!r} has leading or trailing spaces.")
            if not _type_ok(value, f):
                problems.append(f"{where}: {value!r} is not a valid {f['type']}.")
                continue
            if "enum" in c and value not in [str(e) for e in c["enum"]]:
                close = difflib.get_close_matches(value, [str(e) for e in c["enum"]], n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                problems.append(f"{where}: {value!r} is not one of {c['enum']}.{hint}")
            if "pattern" in c and not re.fullmatch(c["pattern"], value):
                problems.append(f"{where}: {value!r} does not match the pattern {c['pattern']}.")
            if "minimum" in c and _type_ok(value, f) and f["type"] in ("integer", "number") \
                    and float(value) < c["minimum"]:
                problems.append(f"{where}: {value} is below the minimum {c['minimum']}.")
            if c.get("unique"):
                if value in seen:
                    problems.append(f"{where}: {value!r} repeats (also in row {seen[value]}); it must be unique.")
                seen[value] = table.key(row)
    return _limit(problems)


def check_primary_key(table: Table, pkg: Package) -> list[str]:
    """Primary keys are filled and unique (composite keys included)."""
    problems, seen = [], {}
    for i, row in enumerate(table.rows, start=2):
        key = tuple(row.get(k, "") for k in table.primary_key)
        if any(table.is_missing(k) for k in key):
            problems.append(f"{table.name}: CSV line {i} has an empty primary key {table.primary_key}.")
        elif key in seen:
            problems.append(f"{table.name}: primary key {'/'.join(key)} repeats (CSV lines {seen[key]} and {i}).")
        seen.setdefault(key, i)
    return _limit(problems)


def check_foreign_keys(table: Table, pkg: Package) -> list[str]:
    """Every foreign key value is a key of the table it refers to."""
    problems = []
    for fk in table.descriptor["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref_name = fk["reference"]["resource"] or table.name
        ref_fields = fk["reference"]["fields"]
        ref_fields = ref_fields if isinstance(ref_fields, list) else [ref_fields]
        ref = pkg.tables.get(ref_name)
        if ref is None:
            problems.append(f"{table.name}: foreign key refers to missing resource {ref_name!r}.")
            continue
        keys = {tuple(r.get(k, "") for k in ref_fields) for r in ref.rows}
        for row in table.rows:
            value = tuple(row.get(k, "") for k in fields)
            if all(table.is_missing(v) for v in value):
                continue
            if value not in keys:
                choices = sorted("/".join(k) for k in keys)
                close = difflib.get_close_matches("/".join(value), choices, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                problems.append(f"{table.name} row {table.key(row)}: {'/'.join(fields)} = {'/'.join(value)!r} "
                                f"is not a key of {ref_name!r}.{hint}")
    return _limit(problems)


# --------------------------------------------------------------------------- provenance


def quote_pairs(table: Table) -> list[tuple[str, str]]:
    """(source field, quote field) pairs: ``quote`` with ``source_id``, ``X_quote`` with ``X_source_id``."""
    pairs = []
    for name in table.field_names:
        if name == "quote" or name.endswith("_quote"):
            src = name[: -len("quote")] + "source_id"
            if src in table.field_names:
                pairs.append((src, name))
    return pairs


def check_quotes(table: Table, pkg: Package) -> list[str]:
    """Every quote is found verbatim (whitespace-normalised) in its source's text."""
    problems = []
    for src_field, quote_field in quote_pairs(table):
        for row in table.rows:
            sid, quote = row.get(src_field, ""), row.get(quote_field, "")
            where = f"{table.name} row {table.key(row)}"
            if table.is_missing(sid) and table.is_missing(quote):
                continue
            if table.is_missing(quote):
                problems.append(f"{where}: {src_field} is {sid!r} but {quote_field} is empty; quote the source.")
                continue
            if table.is_missing(sid):
                problems.append(f"{where}: {quote_field} is filled but {src_field} is empty; name the source.")
                continue
            text = pkg.source_texts.get(sid)
            if text is None:
                problems.append(f"{where}: source {sid!r} has no text (not in sources.csv, or its file is missing).")
                continue
            if normalise(quote) not in text:
                passage, score = closest_passage(quote, text)
                problems.append(
                    f"{where}: {quote_field} not found verbatim in source {sid!r}.\n"
                    f"    quote:   {normalise(quote)!r}\n"
                    f"    closest: {passage!r} (similarity {score:.2f})\n"
                    "    Copy the passage exactly (curly quotes, dashes and spelling as in the source)."
                )
    return _limit(problems)


# --------------------------------------------------------------------------- dates


def parse_iso(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """First and last day (as y, m, d tuples) a truncated ISO date can mean; None if invalid."""
    if not DATE_RE.fullmatch(value):
        return None
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = parts[1]
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if len(parts) == 2:
        return (year, month, 1), (year, month, last)
    day = parts[2]
    if not 1 <= day <= last:
        return None
    return (year, month, day), (year, month, day)


def date_fields(table: Table) -> dict[str, str]:
    return {f["name"]: f["csto:precisionField"] for f in table.fields if f.get("csto:precisionField")}


def basis_fields(table: Table) -> dict[str, str]:
    """Each date field and the field saying how it is known (``F`` -> ``F_basis``)."""
    return {f["name"]: f["csto:basisField"] for f in table.fields if f.get("csto:basisField")}


def check_date_basis(table: Table, pkg: Package) -> list[str]:
    """Each date says how it is known: ``F_basis`` is filled exactly when ``F`` is; a date that is
    not ``stated`` has a note saying how it was inferred (``context``) or naming the outside
    knowledge (``outside``, whose note says "Outside the sources")."""
    problems = []
    for date_f, basis_f in basis_fields(table).items():
        for row in table.rows:
            where = f"{table.name} row {table.key(row)}"
            value, basis = row.get(date_f, ""), row.get(basis_f, "")
            if table.is_missing(value) != table.is_missing(basis):
                problems.append(f"{where}: {date_f}={value!r} but {basis_f}={basis!r}; a date needs its basis "
                                f"({', '.join(BASES)}) and an empty date none.")
                continue
            note = row.get("note", "")
            if basis in ("context", "outside") and table.is_missing(note):
                problems.append(f"{where}: {basis_f}={basis!r} but the row has no note; say how {date_f}="
                                f"{value!r} is known ({'what in the source it is inferred from' if basis == 'context' else 'which outside knowledge, after “Outside the sources:”'}).")
            elif basis == "outside" and OUTSIDE_MARK not in note.lower():
                problems.append(f"{where}: {basis_f}='outside' but the note does not say "
                                f"“{OUTSIDE_MARK.capitalize()}:” before naming the outside knowledge.")
    return _limit(problems)


def check_dates(table: Table, pkg: Package) -> list[str]:
    """Each date and its precision agree: both empty or both set, length matches precision, the
    date exists; a range's start is not after its end."""
    problems = []
    pairs = date_fields(table)
    for row in table.rows:
        where = f"{table.name} row {table.key(row)}"
        for date_f, prec_f in pairs.items():
            value, prec = row.get(date_f, ""), row.get(prec_f, "")
            if table.is_missing(value) and table.is_missing(prec):
                continue
            if table.is_missing(value) or table.is_missing(prec):
                problems.append(f"{where}: {date_f}={value!r} but {prec_f}={prec!r}; fill both or neither.")
                continue
            if parse_iso(value) is None:
                problems.append(f"{where}: {date_f}={value!r} is not a real date; write YYYY, YYYY-MM or "
                                "YYYY-MM-DD (months 01-12, days that exist in that month).")
                continue
            expected = PRECISION_OF_LENGTH[len(value)]
            if prec != expected:
                problems.append(f"{where}: {date_f}={value!r} has {expected} precision by its length, "
                                f"but {prec_f}={prec!r}.")
        for start_f, end_f in date_ranges(table):
            start, end = row.get(start_f, ""), row.get(end_f, "")
            if table.is_missing(start) or table.is_missing(end):
                continue
            s, e = parse_iso(start), parse_iso(end)
            if s and e and s[0] > e[1]:
                problems.append(f"{where}: {start_f}={start!r} is after {end_f}={end!r}.")
    return _limit(problems)


def date_ranges(table: Table) -> list[tuple[str, str]]:
    """Date fields that form a range: start/end and X/X_end."""
    names = date_fields(table)
    ranges = [(n, n + "_end") for n in names if n + "_end" in names]
    if "start" in names and "end" in names:
        ranges.append(("start", "end"))
    return ranges


def check_spells(table: Table, pkg: Package) -> list[str]:
    """Spells of one state follow each other without gap or overlap: a spell's end is the next
    spell's start with the same precision; only the last spell may be open."""
    if not {"spell_id", "iso3", "start", "end"} <= set(table.field_names):
        return []
    problems = []
    by_state: dict[str, list[dict[str, str]]] = {}
    for row in table.rows:
        by_state.setdefault(row["iso3"], []).append(row)

    def order(row: dict[str, str]) -> tuple[int, str]:
        m = re.search(r"-(\d+)$", row["spell_id"])
        return (int(m.group(1)) if m else 0, row["spell_id"])

    for iso3, spells in by_state.items():
        spells.sort(key=order)
        for n, (row, following) in enumerate(zip(spells, spells[1:] + [None]), start=1):
            where = f"{table.name} row {row['spell_id']}"
            if not row["spell_id"].startswith(iso3 + "-"):
                problems.append(f"{where}: spell_id should start with its iso3 {iso3!r}.")
            if order(row)[0] != n:
                problems.append(f"{where}: spells of {iso3} should be numbered 1, 2, 3 ... in order; "
                                f"this is number {n}.")
            if following is None:
                continue
            if table.is_missing(row["end"]):
                problems.append(f"{where}: open-ended, but {following['spell_id']} follows it; set its end "
                                f"to {following['start']!r}.")
            elif (row["end"], row.get("end_precision")) != (following["start"], following.get("start_precision")):
                problems.append(f"{where}: ends {row['end']} ({row.get('end_precision')}) but the next spell "
                                f"{following['spell_id']} starts {following['start']} "
                                f"({following.get('start_precision')}); spells must be contiguous.")
            if row["status"] == following["status"]:
                problems.append(f"{where}: same status {row['status']!r} as the next spell "
                                f"{following['spell_id']}; merge them.")
        for row in spells:
            if not table.is_missing(row.get("end")) and table.is_missing(row.get("end_quote")):
                problems.append(f"{table.name} row {row['spell_id']}: has an end but no end_source_id/end_quote.")
    return _limit(problems)


# --------------------------------------------------------------------------- countries


def check_countries(table: Table, pkg: Package) -> list[str]:
    """Country codes in list columns exist; country names are the countries.csv spelling."""
    problems = []
    countries = pkg.countries
    names = {iso: r["country"] for iso, r in countries.items()}
    for f in table.fields:
        name = f["name"]
        if name == "countries" or name.endswith("_iso3s"):
            for row in table.rows:
                value = row.get(name, "")
                if table.is_missing(value):
                    continue
                codes = value.split(";")
                for code in codes:
                    if code not in countries:
                        close = difflib.get_close_matches(code, list(countries), n=1)
                        hint = f" Did you mean {close[0]!r}?" if close else ""
                        problems.append(f"{table.name} row {table.key(row)}: {name} has {code!r}, "
                                        f"not an iso3 in countries.csv.{hint}")
                if len(set(codes)) != len(codes):
                    problems.append(f"{table.name} row {table.key(row)}: {name} repeats a code: {value!r}.")
    if table.name != "countries" and {"country", "iso3"} <= set(table.field_names):
        for row in table.rows:
            iso, country = row.get("iso3", ""), row.get("country", "")
            if iso in names and country != names[iso]:
                problems.append(f"{table.name} row {table.key(row)}: country {country!r} for {iso}; "
                                f"countries.csv spells it {names[iso]!r}.")
    if {"party", "party_kind", "iso3"} <= set(table.field_names):
        for row in table.rows:
            where = f"{table.name} row {table.key(row)}"
            if row["party_kind"] == "state":
                if row["iso3"] not in names:
                    problems.append(f"{where}: a state party needs an iso3 from countries.csv.")
                elif row["party"] != names[row["iso3"]]:
                    problems.append(f"{where}: party {row['party']!r} for {row['iso3']}; countries.csv "
                                    f"spells it {names[row['iso3']]!r}.")
            elif not table.is_missing(row["iso3"]):
                problems.append(f"{where}: an organisation has no iso3 (found {row['iso3']!r}).")
    return _limit(problems)


# --------------------------------------------------------------------------- table-specific


def check_countries_table(table: Table, pkg: Package) -> list[str]:
    """countries: aliases never name another state; in_map agrees with geo/countries.geojson."""
    if table.name != "countries":
        return []
    problems = []
    owner: dict[str, str] = {}
    for row in table.rows:
        for spelling in [row["iso3"], row["iso2"], row["country"]] + [a for a in row["aliases"].split(";") if a]:
            key = spelling.strip().casefold()
            if key != spelling.casefold():
                problems.append(f"countries row {row['iso3']}: alias {spelling!r} has spaces around it.")
            if key in owner and owner[key] != row["iso3"]:
                problems.append(f"countries row {row['iso3']}: {spelling!r} also names {owner[key]}; "
                                "a name must point to one state.")
            owner[key] = row["iso3"]
    geo = pkg.root / "geo" / "countries.geojson"
    if geo.is_file():
        in_map = {f["properties"].get("ISO_A3") for f in json.loads(geo.read_text(encoding="utf-8"))["features"]}
        for row in table.rows:
            expected = "true" if row["iso3"] in in_map else "false"
            if row["in_map"] != expected:
                problems.append(f"countries row {row['iso3']}: in_map is {row['in_map']!r}, but the map "
                                f"{'has' if expected == 'true' else 'has no'} outline for it; set {expected!r}.")
    return _limit(problems)


def check_sources_table(table: Table, pkg: Package) -> list[str]:
    """sources: each row's file exists and is named by its id; no source file without a row."""
    if table.name != "sources":
        return []
    problems = []
    listed = set()
    for row in table.rows:
        expected = f"sources/{row['source_id']}.txt"
        if row["file"] != expected:
            problems.append(f"sources row {row['source_id']}: file is {row['file']!r}, expected {expected!r}.")
        if not (pkg.root / row["file"]).is_file():
            problems.append(f"sources row {row['source_id']}: {row['file']} does not exist.")
        listed.add(row["file"])
    for path in sorted((pkg.root / "sources").glob("*")):
        rel = f"sources/{path.name}"
        if rel not in listed:
            problems.append(f"{rel} has no row in sources.csv.")
    return _limit(problems)


def check_claims_table(table: Table, pkg: Package) -> list[str]:
    """claims: member_list and non_members values are `;`-separated iso3 codes, sorted; member_count values are
    whole numbers; topics with a date value hold a valid truncated ISO date."""
    if table.name != "claims":
        return []
    problems = []
    countries = pkg.countries
    for row in table.rows:
        where = f"claims row {row['claim_id']}"
        value = row["value"]
        if row["topic"] in ("member_list", "non_members"):
            codes = value.split(";")
            bad = [c for c in codes if c not in countries]
            if bad:
                problems.append(f"{where}: member_list value has codes not in countries.csv: {bad}.")
            if codes != sorted(codes):
                problems.append(f"{where}: member_list value should be sorted: {';'.join(sorted(codes))}.")
        elif row["topic"] == "member_count" and not value.isdigit():
            problems.append(f"{where}: member_count value {value!r} should be a whole number.")
        elif DATE_RE.fullmatch(value) and parse_iso(value) is None:
            problems.append(f"{where}: value {value!r} looks like a date but is not a real one.")
    return _limit(problems)


def check_quiz_table(table: Table, pkg: Package) -> list[str]:
    """quiz: a choice question has two or more options and its answer is one of them; a numeric
    question has no options, a numeric answer and a tolerance of 0 or more (or none)."""
    if table.name != "quiz":
        return []
    problems = []
    for row in table.rows:
        where = f"quiz row {row['question_id']}"
        options = [o.strip() for o in row.get("options", "").split(" | ")] if row.get("options") else []
        if row.get("kind") == "choice":
            if len(options) < 2:
                problems.append(f"{where}: a choice question needs two or more options separated by ' | '.")
            if len(set(options)) != len(options):
                problems.append(f"{where}: options repeat: {options}.")
            if row.get("answer") not in options:
                close = difflib.get_close_matches(row.get("answer", ""), options, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                problems.append(f"{where}: answer {row.get('answer')!r} is not one of the options {options}.{hint}")
            if row.get("tolerance"):
                problems.append(f"{where}: a choice question has no tolerance.")
        elif row.get("kind") == "numeric":
            if options:
                problems.append(f"{where}: a numeric question has no options.")
            try:
                float(row.get("answer", ""))
            except ValueError:
                problems.append(f"{where}: numeric answer {row.get('answer')!r} is not a number.")
    return _limit(problems)


def check_drills_table(table: Table, pkg: Package) -> list[str]:
    """Plans are not events: ``organiser`` is ``CSTO``, ``unknown`` or a state's name from
    ``countries``, and the parties of a drill ``reported_as`` planned are ``planned``, never
    ``participant``."""
    if table.name != "drills":
        return []
    problems = []
    names = {r["country"] for r in pkg.countries.values()}
    for row in table.rows:
        organiser = row.get("organiser", "")
        if organiser not in names | {"CSTO", "unknown"}:
            problems.append(f"drills row {table.key(row)}: organiser {organiser!r} is not 'CSTO', "
                            "'unknown' or a state's name as in countries.csv; write who runs it "
                            "as the source says, or 'unknown'.")
    planned = {r["drill_id"] for r in table.rows if r.get("reported_as") == "planned"}
    for row in pkg.tables.get("drill_parties", Table("drill_parties", {}, [], [])).rows:
        if row.get("drill_id") in planned and row.get("role") == "participant":
            problems.append(f"drill_parties row {row['drill_id']}/{row.get('party')}: the drill is "
                            "reported as planned, so its parties are 'planned', not 'participant'.")
    return _limit(problems)


ALL_CHECKS = [
    check_descriptor,
    check_header,
    check_values,
    check_primary_key,
    check_foreign_keys,
    check_quotes,
    check_dates,
    check_date_basis,
    check_spells,
    check_countries,
    check_countries_table,
    check_sources_table,
    check_claims_table,
    check_drills_table,
    check_quiz_table,
]
