"""Small HTML helpers shared by the widgets (private)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..charts.palette import EDGE_COLOR, MUTED_TEXT_COLOR, STATUS_COLORS, STATUS_LABELS, STATUS_ORDER

__all__ = ["esc", "find_quote", "highlight", "legend_html", "swatch", "table", "is_missing"]


def is_missing(value: Any) -> bool:
    """True for None, NaN, NA and the empty string."""
    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and not value.strip()


def esc(value: Any) -> str:
    """HTML-escaped text of a cell ('' for a missing value)."""
    return "" if is_missing(value) else html.escape(str(value))


def swatch(status: str, uncertain: bool = False) -> str:
    """A small colour square for a status (hatched when uncertain)."""
    fill = STATUS_COLORS.get(status, STATUS_COLORS["never"])
    background = fill
    if uncertain:
        background = (f"repeating-linear-gradient(135deg, {fill} 0 3px, #ffffff 3px 4.5px)")
    return (f'<span style="display:inline-block;width:0.9em;height:0.9em;vertical-align:-0.1em;'
            f'margin-right:0.35em;border:1px solid {EDGE_COLOR};background:{background}"></span>')


def legend_html(statuses: Sequence[str] = STATUS_ORDER, member_label: str | None = None) -> str:
    """One line of swatches: every status, then the hatch for "uncertain".

    ``member_label`` names the ``member`` status for the date on show (``cl.body_on``).
    """
    labels = dict(STATUS_LABELS, **({"member": member_label} if member_label else {}))
    items = [f'<span style="margin-right:1em;white-space:nowrap">{swatch(s)}{esc(labels[s])}</span>'
             for s in statuses]
    items.append(f'<span style="white-space:nowrap">{swatch("member", uncertain=True)}'
                 "uncertain: the date falls inside an imprecise transition</span>")
    return f'<div style="font-size:0.85em;line-height:1.8">{"".join(items)}</div>'


def table(header: Sequence[str], rows: Iterable[Sequence[str]], *, widths: Sequence[str] | None = None) -> str:
    """A compact HTML table; cells are already HTML (escape them first)."""
    cols = ""
    if widths:
        cols = "<colgroup>" + "".join(f'<col style="width:{w}">' for w in widths) + "</colgroup>"
    head = "".join(f'<th style="text-align:left;padding:2px 8px;border-bottom:1px solid #999">{h}</th>'
                   for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="text-align:left;vertical-align:top;padding:3px 8px;'
                         f'border-bottom:1px solid #e6e6e6">{c}</td>' for c in row) + "</tr>"
        for row in rows
    )
    return (f'<table style="border-collapse:collapse;font-size:0.85em;width:100%;table-layout:auto">'
            f"{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text`` after whitespace normalisation, as (start, end) in ``text``.

    The course's rule for a verbatim quote: every run of whitespace counts as one space.
    Returns None when the quote is not in the text.
    """
    words = _normalise(quote).split(" ")
    if not words or words == [""]:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


_MARKS = ("#FFE08A", "#BDE3F7")


def highlight(text: str, quotes: str | list[str] | None,
              names: Sequence[str] | None = None) -> tuple[str, list[bool]]:
    """HTML of ``text`` with each quote marked (first in yellow, second in blue).

    With ``names`` (one per quote), each mark starts with its name in words, e.g. "[end
    quote]", so which quote is which never rests on the colour alone.

    Returns the HTML and, for each quote, whether it was found (whitespace normalised).
    """
    if quotes is None:
        quotes = []
    elif isinstance(quotes, str):
        quotes = [quotes]
    spans: list[tuple[int, int, int]] = []
    found: list[bool] = []
    for number, quote in enumerate(quotes):
        span = find_quote(text, quote) if quote else None
        found.append(span is not None)
        if span is not None and not any(s < span[1] and span[0] < e for s, e, _ in spans):
            spans.append((span[0], span[1], number))
    pieces, cursor = [], 0
    for start, end, number in sorted(spans):
        pieces.append(html.escape(text[cursor:start]))
        colour = _MARKS[number % len(_MARKS)]
        if names and number < len(names):
            pieces.append(f'<b class="quote-name" style="font-size:0.75em">[{esc(names[number])}]'
                          '</b> ')
        pieces.append(f'<mark class="quote-{number}" style="background:{colour};padding:0 1px">'
                      f"{html.escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return _pre("".join(pieces)), found


def _pre(inner: str) -> str:
    # a scrolling box a keyboard can reach (Tab, then the arrow keys scroll it)
    return (f'<div tabindex="0" role="region" aria-label="Source text" '
            f'style="white-space:pre-wrap;font-family:Georgia,serif;font-size:0.92em;'
            f'line-height:1.45;max-height:28em;overflow-y:auto;border:1px solid #ddd;'
            f'padding:8px 10px;color:#1a1a1a">{inner}</div>')


def muted(text: str) -> str:
    """Grey small text (already HTML)."""
    return f'<span style="color:{MUTED_TEXT_COLOR};font-size:0.85em">{text}</span>'
