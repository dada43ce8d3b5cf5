"""The codebook card :func:`course_lib.info` returns: Markdown in a notebook, text in a terminal."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Codebook", "FieldCard"]


@dataclass(frozen=True)
class FieldCard:
    """One column of a dataset, as its descriptor describes it.

    Examples
    --------
    >>> FieldCard("iso3", "string", "ISO 3166 alpha-3 code").line()
    'iso3 (string): ISO 3166 alpha-3 code'
    """

    name: str
    type: str
    description: str = ""
    unit: str = ""
    allowed: list[str] = field(default_factory=list)
    required: bool = False

    def line(self) -> str:
        """The field on one line of plain text."""
        parts = [f"{self.name} ({self.type}{', required' if self.required else ''})"]
        text = self.description.strip()
        if self.unit:
            text += f" [unit: {self.unit}]"
        if self.allowed:
            text += f" Allowed: {', '.join(self.allowed)}."
        return parts[0] + (f": {text.strip()}" if text.strip() else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


@dataclass(frozen=True)
class Codebook:
    """A dataset's codebook card.

    Attributes
    ----------
    name, title, description : str
        What :func:`course_lib.load` takes, and what the table is.
    rows : int
        How many rows the table has.
    primary_key : list of str
        The column(s) that identify a row.
    sources : list of str
        Where its rows come from (source ids with titles and row counts).
    fields : list of FieldCard
        One entry per column, in the table's order.
    path : str
        The CSV file, relative to :func:`course_lib.data_dir`.

    Examples
    --------
    >>> import course_lib as cl
    >>> print(cl.info("countries"))  # doctest: +ELLIPSIS
    countries: ...
    """

    name: str
    title: str
    description: str
    rows: int
    primary_key: list[str]
    sources: list[str]
    fields: list[FieldCard]
    path: str = ""

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.title}"]
        if self.description:
            lines.append(self.description.strip())
        lines.append("")
        lines.append(f"Rows: {self.rows}    File: {self.path}    "
                     f"Load it with: cl.load({self.name!r})")
        lines.append(f"Primary key: {', '.join(self.primary_key) or '(none)'}")
        if self.sources:
            lines.append("Sources:")
            lines.extend(f"  - {s}" for s in self.sources)
        lines.append(f"Fields ({len(self.fields)}):")
        lines.extend(f"  - {f.line()}" for f in self.fields)
        return "\n".join(lines)

    def __repr__(self) -> str:  # a bare `cl.info(...)` in a terminal shows the card too
        return str(self)

    def _repr_markdown_(self) -> str:
        out = [f"### `{self.name}`: {self.title}", ""]
        if self.description:
            out += [self.description.strip(), ""]
        out.append(
            f"**Rows:** {self.rows} &nbsp; **Primary key:** "
            f"{', '.join(f'`{k}`' for k in self.primary_key) or '(none)'} &nbsp; "
            f"**File:** `{self.path}` &nbsp; **Load:** `cl.load({self.name!r})`"
        )
        out.append("")
        if self.sources:
            out.append("**Sources:**")
            out.append("")
            out += [f"- {s}" for s in self.sources]
            out.append("")
        out.append("| field | type | unit | description | allowed values |")
        out.append("| --- | --- | --- | --- | --- |")
        for f in self.fields:
            kind = f.type + (", required" if f.required else "")
            out.append(
                f"| `{f.name}` | {_cell(kind)} | {_cell(f.unit)} | {_cell(f.description)} | "
                f"{_cell(', '.join(f'`{a}`' for a in f.allowed))} |"
            )
        return "\n".join(out)
