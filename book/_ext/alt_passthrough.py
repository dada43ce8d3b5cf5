"""Pass a chart's text description through to the page's ``<img alt>``.

The course's charts carry their description in the PNG output's metadata, at
``output.metadata["image/png"]["alt"]`` (the accessibility convention). myst-nb reads only
``width`` and ``height`` from there; ``alt`` it takes from the cell's metadata
(``{"mystnb": {"image": {"alt": "..."}}}``, which learners' own chart cells carry). This
extension wraps myst-nb's image renderer so that an output's own ``alt`` wins (it describes that
very image), then the cell's, and otherwise nothing (Sphinx would write the file name, which
the site's tests reject).
"""

from __future__ import annotations

from typing import Any

from myst_nb.core.render import MimeData, NbElementRenderer

__all__ = ["output_alt", "setup"]

_ORIGINAL = NbElementRenderer.render_image


def output_alt(data: MimeData) -> str | None:
    """The ``alt`` text an image output carries in its own metadata, or None."""
    meta = (data.output_metadata or {}).get(data.mime_type) or {}
    alt = meta.get("alt") if isinstance(meta, dict) else None
    return alt.strip() if isinstance(alt, str) and alt.strip() else None


def _render_image(self: NbElementRenderer, data: MimeData) -> list:
    nodes = _ORIGINAL(self, data)
    alt = output_alt(data)
    if alt:
        for node in nodes:
            node["alt"] = alt
    return nodes


def setup(app: Any) -> dict[str, Any]:
    NbElementRenderer.render_image = _render_image  # type: ignore[method-assign]
    return {"parallel_read_safe": True, "parallel_write_safe": True}
