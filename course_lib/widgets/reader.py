"""The source reader: pick a dataset row, read its source with the quote highlighted.

Examples
--------
>>> import course_lib as cl
>>> reader = cl.widgets.source_reader("memberships:AZE-1")
>>> reader.found
[True, True]
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

import course_lib as _cl
from course_lib.datasets import _package  # the one reader of datapackage.json
from course_lib.exceptions import UnknownDatasetError, UnknownRecordError

from . import _html

__all__ = ["SourceReader", "quoted_datasets", "source_reader"]

DEFAULT_RECORD = "memberships:AZE-1"
_SKIP_FIELDS = {"quote", "end_quote"}


def _keys() -> dict[str, list[str]]:
    """Primary key of every dataset whose rows quote a source (``source_id`` and ``quote``)."""
    keys = {}
    for resource in _package(str(_cl.data_dir()))["resources"]:
        fields = {f["name"] for f in resource["schema"]["fields"]}
        if {"source_id", "quote"} <= fields:
            key = resource["schema"].get("primaryKey") or []
            keys[resource["name"]] = [key] if isinstance(key, str) else list(key)
    return keys


def quoted_datasets() -> list[str]:
    """The datasets whose rows quote a source, in the data package's order.

    Examples
    --------
    >>> "memberships" in quoted_datasets()
    True
    """
    return list(_keys())


def _row_ids(table: pd.DataFrame, key: list[str]) -> list[str]:
    """Each row's id: its primary-key values joined by '/' (``drill_id/party``).

    Built column by column: ``iterrows`` was most of a reader's start-up time.
    """
    columns = [[str(v) for v in table[k].tolist()] for k in key]
    return ["/".join(parts) for parts in zip(*columns)]


class SourceReader(widgets.VBox):
    """Pick a dataset and a row; read the row, its source's metadata and text, quote marked.

    Attributes
    ----------
    dataset : ipywidgets.Dropdown
        The datasets whose rows quote a source.
    record : ipywidgets.Dropdown
        The rows of that dataset, by primary key (``drill_id/party`` for two-part keys).
    row_html, meta_html, text_html : ipywidgets.HTML
        The row's fields, the source's metadata, the source text with the quote marked (and a
        second quote, e.g. a spell's ``end_quote``, in another colour).
    found : list of bool
        Whether each quote on show was found verbatim (whitespace aside) in the source.
    """

    def __init__(self, record: Any = None) -> None:
        self._keys = _keys()
        dataset, row_id = _parse_record(record if record is not None else DEFAULT_RECORD,
                                        self._keys)
        self.dataset = widgets.Dropdown(options=list(self._keys), value=dataset,
                                        description="Dataset", style={"description_width": "auto"})
        self.record = widgets.Dropdown(description="Row", style={"description_width": "auto"},
                                       layout=widgets.Layout(width="auto", min_width="24em"))
        self.row_html = widgets.HTML()
        self.meta_html = widgets.HTML()
        self.text_html = widgets.HTML()
        self.found: list[bool] = []
        self._table = pd.DataFrame()
        super().__init__([widgets.HBox([self.dataset, self.record]), self.row_html,
                          self.meta_html, self.text_html])
        self.add_class("csto-source-reader")
        self._fill_records(dataset, select=row_id)
        self.dataset.observe(lambda change: self._fill_records(change["new"]), names="value")
        self.record.observe(lambda change: self._show(), names="value")
        self._show()

    def show(self, record: Any) -> None:
        """Show a row: ``"events:E006"``, ``("events", "E006")`` or a bare id like ``"E006"``.

        Raises
        ------
        UnknownRecordError
            For an id that is in no dataset ("did you mean ...?").
        UnknownDatasetError
            For a dataset that does not exist or quotes no source.
        """
        dataset, row_id = _parse_record(record, self._keys)
        if dataset != self.dataset.value:
            self._fill_records(dataset, select=row_id, quiet=True)
            with self.hold_trait_notifications():
                self.dataset.unobserve_all("value")
                self.dataset.value = dataset
                self.dataset.observe(lambda change: self._fill_records(change["new"]),
                                     names="value")
        self.record.value = row_id
        self._show()

    def _fill_records(self, dataset: str, select: str | None = None, quiet: bool = False) -> None:
        table = _cl.load(dataset)
        key = self._keys[dataset]
        self._table = table.assign(_row_id=_row_ids(table, key))
        options = []
        title_columns = [c for c in ("title", "name", "subject", "prompt", "status")
                         if c in table.columns]
        for row in self._table[["_row_id", *title_columns]].to_dict("records"):
            title = next((str(row[c]) for c in title_columns if not _html.is_missing(row[c])), "")
            label = f"{row['_row_id']}  {title}"[:70]
            options.append((label, row["_row_id"]))
        value = select if select is not None else options[0][1]
        self.record.unobserve_all("value")
        self.record.options = options
        self.record.value = value
        self.record.observe(lambda change: self._show(), names="value")
        if not quiet:
            self._show()

    def _show(self) -> None:
        row = self._table.loc[self._table["_row_id"] == self.record.value].iloc[0]
        quotes = [str(row["quote"])]
        source_id = str(row["source_id"])
        end_source = row.get("end_source_id")
        second = None
        if not _html.is_missing(row.get("end_quote")) and (
                _html.is_missing(end_source) or str(end_source) == source_id):
            second = str(row["end_quote"])
            quotes.append(second)
        text = _cl.source_text(source_id)
        self.text_html.value, self.found = _html.highlight(
            text, quotes, names=["quote", "end quote"] if second else None)
        fields = [(c, row[c]) for c in self._table.columns
                  if not c.startswith("_") and c not in _SKIP_FIELDS
                  and not c.endswith(("_earliest", "_latest")) and not _html.is_missing(row[c])]
        cells = "".join(f"<tr><td style='padding:1px 8px;color:#595959'>{_html.esc(k)}</td>"
                        f"<td style='padding:1px 8px'>{_html.esc(v)}</td></tr>" for k, v in fields)
        mark = ("" if all(self.found) else
                "<div style='color:#B34700'>A quote was not found verbatim in the source: "
                "report it (the data tests should have caught it).</div>")
        extra = ""
        if not _html.is_missing(end_source) and str(end_source) != source_id:
            extra = (f"<div>The end of this spell rests on another source, "
                     f"<code>{_html.esc(end_source)}</code>: “{_html.esc(row.get('end_quote'))}”. "
                     "Pick it with the end row's source in the reader.</div>")
        self.row_html.value = (f"<b>{_html.esc(self.dataset.value)} · {_html.esc(self.record.value)}"
                               f"</b><table style='font-size:0.85em'>{cells}</table>"
                               f"<div>Quote: <mark style='background:#FFE08A'>“{_html.esc(row['quote'])}”</mark>"
                               + (f" · end quote: <mark style='background:#BDE3F7'>“{_html.esc(second)}”</mark>"
                                  if second else "") + f"</div>{extra}{mark}")
        self.meta_html.value = _meta_html(source_id)


def _meta_html(source_id: str) -> str:
    sources = _cl.load("sources").set_index("source_id")
    row = sources.loc[source_id]
    fields = [("source", f"<code>{_html.esc(source_id)}</code>")]
    for column in ("title", "author", "outlet", "published", "kind", "covers", "file", "note"):
        if column in row and not _html.is_missing(row[column]):
            value = _html.esc(row[column])
            if column == "published" and "published_precision" in row:
                how = {"stated": "stated", "context": "inferred from its text",
                       "outside": "outside the sources"}.get(str(row.get("published_basis")), "")
                value += " " + _html.muted(f"({_html.esc(row['published_precision'])}"
                                           + (f"; {how}" if how else "") + ")")
            fields.append((column, value))
    cells = "".join(f"<tr><td style='padding:1px 8px;color:#595959;vertical-align:top'>{k}</td>"
                    f"<td style='padding:1px 8px'>{v}</td></tr>" for k, v in fields)
    return f"<details open><summary><b>The source</b></summary><table style='font-size:0.85em'>{cells}</table></details>"


def _parse_record(record: Any, keys: dict[str, list[str]]) -> tuple[str, str]:
    if isinstance(record, tuple) and len(record) == 2:
        dataset, row_id = str(record[0]), str(record[1])
    elif isinstance(record, str) and ":" in record:
        dataset, row_id = (part.strip() for part in record.split(":", 1))
    else:
        row_id, dataset = str(record).strip(), ""
    if dataset:
        if dataset not in keys:
            import difflib

            close = difflib.get_close_matches(dataset, list(keys), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise UnknownDatasetError(f"No dataset {dataset!r} with quoted rows.{hint} The "
                                      f"source reader reads: {', '.join(keys)}.")
        ids = _ids(dataset, keys[dataset])
        if row_id not in ids:
            raise UnknownRecordError(_missing(row_id, ids, f"in {dataset}"))
        return dataset, row_id
    every: list[str] = []
    for name, key in keys.items():
        ids = _ids(name, key)
        if row_id in ids:
            return name, row_id
        every += ids
    raise UnknownRecordError(_missing(row_id, every, "in any dataset") +
                             " Write 'dataset:id', e.g. 'events:E006'.")


def _ids(dataset: str, key: list[str]) -> list[str]:
    return _row_ids(_cl.load(dataset), key)


def _missing(row_id: str, ids: list[str], where: str) -> str:
    import difflib

    close = difflib.get_close_matches(row_id, ids, n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"No row {row_id!r} {where}.{hint}"


def source_reader(record: Any = None) -> SourceReader:
    """Read the source behind a dataset row, with its quote highlighted.

    Parameters
    ----------
    record : str or tuple, optional
        ``"dataset:id"`` (``"events:E006"``), ``("events", "E006")`` or a bare id
        (``"UZB-3"``); two-part keys are written ``"drill_id/party"``. Default: Azerbaijan's
        first spell (``"memberships:AZE-1"``): joined in 1993, left in 1999, two quotes.

    Returns
    -------
    SourceReader
        An ``ipywidgets.VBox``: pick a dataset and row in its drop-downs, or call
        ``reader.show("claims:...")``.

    Raises
    ------
    UnknownRecordError
        For an id that is in no dataset ("did you mean ...?").
    UnknownDatasetError
        For a dataset name that does not exist or quotes no source.

    Examples
    --------
    >>> import course_lib as cl
    >>> reader = cl.widgets.source_reader("events:E006")
    >>> "<mark" in reader.text_html.value
    True
    """
    return SourceReader(record)
