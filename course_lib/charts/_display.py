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
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._kernel import ipython_shell

__all__ = ["CourseFigure", "course_figure_png", "show_in_one_pass"]


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


def course_figure_png(fig: Figure) -> bytes | str | None:
    """The PNG a notebook shows for a course chart: one render of the whole figure.

    Under any setting but the inline backend's default PNG, the printer IPython uses for every
    other figure is called instead, so the chart is shown as the learner asked.

    Examples
    --------
    >>> fig = CourseFigure(figsize=(2, 1))
    >>> ax = fig.add_subplot()
    >>> course_figure_png(fig) is None  # not in a notebook: nothing to show
    True
    """
    if _shown_as_default(fig):
        buffer = io.BytesIO()
        fig.canvas.print_png(buffer)
        return buffer.getvalue()
    shell = ipython_shell()
    if shell is None:
        return None
    printer = shell.display_formatter.formatters["image/png"].type_printers.get(Figure)
    return printer(fig) if printer is not None else None


def show_in_one_pass() -> None:
    """Tell the running IPython shell to show :class:`CourseFigure` with :func:`course_figure_png`.

    Called whenever a chart makes a figure (a dictionary update): a learner's ``%matplotlib
    inline`` re-registers IPython's printers for ``Figure`` only, so this one stays.
    """
    shell = ipython_shell()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    shell.display_formatter.formatters["image/png"].for_type(CourseFigure, course_figure_png)
