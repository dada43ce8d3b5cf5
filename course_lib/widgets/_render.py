"""Off-screen figures for widgets (private).

A widget owns one :class:`matplotlib.figure.Figure` that pyplot never sees: it is not in
``plt.get_fignums()``, the notebook's inline backend does not display it at the end of a cell,
and it is freed with the widget. Each update redraws it and hands the PNG to an
``ipywidgets.Image``.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

__all__ = ["offscreen_figure", "png_bytes"]


def offscreen_figure(figsize: tuple[float, float], dpi: float = 80) -> Figure:
    """A Figure with an Agg canvas, unknown to pyplot."""
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Draw ``fig`` and encode it as PNG (fast compression: speed over a few kilobytes)."""
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    buffer = io.BytesIO()
    Image.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class TextOverlay:
    """Draw a figure's texts once, then paste them over every later redraw.

    Text is the slowest thing Agg draws (glyph layout, label boxes). A widget whose labels never
    change renders them once into a transparent layer; each update redraws only the shapes and
    composites that layer on top, which gives the same pixels as a full draw.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An off-screen figure (see :func:`offscreen_figure`), fully built.
    axes : list of Axes
        Every Axes of the figure whose texts to freeze (child axes such as insets included).
    """

    def __init__(self, fig: Figure, axes: list) -> None:
        self.fig = fig
        texts = [t for ax in axes for t in ax.texts]
        shapes = [fig.patch]
        for ax in axes:
            shapes += [ax.patch, *ax.patches, *ax.lines, *ax.collections, *ax.images,
                       *ax.spines.values()]
        saved = [(a, a.get_visible()) for a in shapes]
        for artist, _visible in saved:
            artist.set_visible(False)
        try:
            fig.canvas.draw()
            self.layer = Image.fromarray(np.array(fig.canvas.buffer_rgba()))
        finally:
            for artist, visible in saved:
                artist.set_visible(visible)
        for text in texts:
            text.set_visible(False)
        self.texts = texts

    def png(self) -> bytes:
        """Redraw the shapes, paste the texts over them, and encode the result as PNG."""
        self.fig.canvas.draw()
        base = Image.fromarray(np.asarray(self.fig.canvas.buffer_rgba()))
        composed = Image.alpha_composite(base, self.layer).convert("RGB")
        buffer = io.BytesIO()
        composed.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
