"""Show the course's charts in a notebook with one render instead of two (private).

The inline backend shows every figure with ``bbox_inches="tight"``: before it renders the
pixels it draws the whole figure once more with drawing turned off, only to find the box
around what was drawn. The course's charts already fit their figure (``fit_axes`` or
constrained layout, with margins of a few points), so that pass finds the figure's own edges,
give or take 0.1 in of padding, and costs about a fifth of a chart cell: 40 ms of the
membership chart's 185 ms, 32 ms of a 119 ms time line, measured in a kernel.

A chart's new figure (:func:`course_lib.charts._common.new_figure`) is a :class:`CourseFigure`.
IPython shows it through :func:`course_figure_png`: one render of the whole figure, encoded as
pyplot would. Whenever a learner has changed how figures are shown (``%config
InlineBackend.figure_formats``, ``print_figure_kwargs``, another backend), it is shown exactly
as any other figure is. Figures a learner makes with pyplot, and charts drawn into a learner's
own ``ax=``, are not touched.

Every course chart's display also says what it shows (:func:`course_lib.charts.describe`), the
one convention the notebooks and the book share:

* the PNG output's metadata carries the description at ``metadata["image/png"]["alt"]``
  (myst-nb and the course's book read it there);
* a ``text/html`` output, which JupyterLab shows instead of the PNG: the same pixels in an
  ``<img alt=...>`` (JupyterLab's own PNG renderer writes no alt text) and a "Describe this
  chart" toggle (``<details>``) with the description, for anyone who wants the numbers.

The picture is rendered once for both: the HTML formatter runs first and leaves its PNG for
the PNG formatter of the same display.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._kernel import ipython_shell

__all__ = ["CourseFigure", "course_figure_html", "course_figure_png", "describe_html",
           "show_in_one_pass"]


class CourseFigure(Figure):
    """A Figure made by a course chart: it fits its own contents, so it is shown as drawn.

    It is an ordinary :class:`matplotlib.figure.Figure` in every other way (its repr included).

    Examples
    --------
    >>> fig = CourseFigure(figsize=(4, 2))
    >>> fig
    <Figure size 400x200 with 0 Axes>
    """

    def __repr__(self) -> str:
        return "<Figure size {:g}x{:g} with {} Axes>".format(*self.bbox.size, len(self.axes))


def _shown_as_default(fig: Figure) -> bool:
    """Whether ``fig`` would be shown as a plain PNG of the inline backend's default settings."""
    if "inline" not in str(matplotlib.get_backend()).lower():
        return False
    if not isinstance(fig.canvas, FigureCanvasAgg):
        return False
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:
        return False
    settings = InlineBackend.instance()
    return (set(settings.figure_formats) == {"png"}
            and set(settings.print_figure_kwargs) <= {"bbox_inches"})


def _description(fig: Figure) -> str | None:
    """The chart's description, or None for a figure no course chart drew."""
    from .description import chart_record, describe

    return describe(fig) if chart_record(fig) is not None else None


def _render_png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer)
    return buffer.getvalue()


def _with_alt(shown: Any, alt: str | None) -> Any:
    """``shown`` (PNG data, or ``(data, metadata)``) with ``alt`` added to its metadata."""
    if alt is None or shown is None:
        return shown
    data, metadata = shown if isinstance(shown, tuple) else (shown, {})
    return data, {**(metadata or {}), "alt": alt}


def course_figure_png(fig: Figure) -> Any:
    """The PNG a notebook shows for a course chart: one render, its description as ``alt``.

    Returns ``(png, {"alt": description})``, which IPython stores as the output's
    ``metadata["image/png"]["alt"]``. Under any setting but the inline backend's default PNG,
    the printer IPython uses for every other figure is called instead, so the chart is shown
    as the learner asked (the description is still added to its metadata).

    Examples
    --------
    >>> fig = CourseFigure(figsize=(2, 1))
    >>> ax = fig.add_subplot()
    >>> course_figure_png(fig) is None  # not in a notebook: nothing to show
    True
    """
    alt = _description(fig)
    if _shown_as_default(fig):
        png = fig.__dict__.pop("_course_png", None)  # rendered for this display's HTML
        if png is None or fig.stale:  # none, or the figure changed since
            png = _render_png(fig)
        return _with_alt(png, alt)
    shell = ipython_shell()
    if shell is None:
        return None
    printer = shell.display_formatter.formatters["image/png"].type_printers.get(Figure)
    return _with_alt(printer(fig) if printer is not None else None, alt)


def describe_html(description: str) -> str:
    """A "Describe this chart" toggle holding a description, one paragraph per line.

    Examples
    --------
    >>> print(describe_html("Map. A title.\\nDetails & more."))
    <details class="csto-describe"><summary>Describe this chart</summary><p>Map. A title.</p><p>Details &amp; more.</p></details>
    """
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in description.splitlines())
    return (f'<details class="csto-describe"><summary>Describe this chart</summary>{lines}'
            "</details>")


def course_figure_html(fig: Figure) -> str | None:
    """The chart as JupyterLab shows it: the PNG with alt text, and a "Describe this chart" toggle.

    The image's ``alt`` is the description's first sentence; the toggle right after it holds
    every sentence. Only for the inline backend's default PNG (otherwise None, and the
    notebook shows the PNG output with its ``alt`` metadata); the PNG rendered here is the
    one the PNG output of the same display shows.

    Examples
    --------
    >>> fig = CourseFigure(figsize=(2, 1))
    >>> course_figure_html(fig) is None  # not in a notebook, and no course chart
    True
    """
    description = _description(fig)
    if description is None or not _shown_as_default(fig):
        return None
    png = _render_png(fig)
    fig.__dict__["_course_png"] = png
    width, height = (int(round(v)) for v in fig.bbox.size)
    summary = description.split("\n", 1)[0]
    return (f'<figure class="csto-chart" style="margin:0">'
            f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
            f'width="{width}" height="{height}" style="max-width:100%;height:auto" '
            f'alt="{html.escape(summary, quote=True)}"/>'
            f"{describe_html(description)}</figure>")


def show_in_one_pass() -> None:
    """Tell the running IPython shell to show :class:`CourseFigure` with :func:`course_figure_png`.

    Called whenever a chart makes a figure (a dictionary update): a learner's ``%matplotlib
    inline`` re-registers IPython's printers for ``Figure`` only, so this one stays.
    """
    shell = ipython_shell()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    formatters = shell.display_formatter.formatters
    formatters["image/png"].for_type(CourseFigure, course_figure_png)
    formatters["text/html"].for_type(CourseFigure, course_figure_html)
