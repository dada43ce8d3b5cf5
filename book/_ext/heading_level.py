"""Give Sphinx's toctree captions the heading level their ``role="heading"`` requires.

Sphinx's HTML writer draws a toctree's caption (the book's "Lessons", "Exercises", ... in the
page and in furo's sidebar) as ``<p class="caption" role="heading">`` without ``aria-level``,
which ARIA requires for that role (axe-core: ``aria-required-attr``, critical); screen readers
then guess a level. After the build, this extension adds ``aria-level="2"`` (the captions sit
under the page's one ``h1``) to every such caption in the written pages.

Examples
--------
>>> add_level('<p class="caption" role="heading"><span class="caption-text">Lessons</span></p>')
'<p class="caption" role="heading" aria-level="2"><span class="caption-text">Lessons</span></p>'
>>> add_level('<p class="caption" role="heading" aria-level="3">')
'<p class="caption" role="heading" aria-level="3">'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["add_level", "setup"]

_CAPTION = re.compile(r'<p class="caption" role="heading"(?![^>]*aria-level)')


def add_level(html: str) -> str:
    """Every toctree caption in ``html`` with ``aria-level="2"`` added."""
    return _CAPTION.sub('<p class="caption" role="heading" aria-level="2"', html)


def _fix_pages(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = add_level(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
