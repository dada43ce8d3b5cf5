"""axe-core in a Playwright page: run it, attribute each violation, keep the course's own.

A small reusable helper (the lesson tests use it on JupyterLab; the book's tests can use it on
its pages). axe-core comes from PyPI's ``axe-playwright-python`` (it ships ``axe.min.js``;
nothing is downloaded at run time); only its script is used, run through ``page.evaluate``.

Violations in JupyterLab's own interface are not the course's to fix: :data:`EXCLUSIONS`
lists each, by rule and selector, with the reason, in this one place. Everything else at
impact ``critical`` or ``serious`` is the course's.

Examples
--------
>>> v = Violation("image-alt", "critical", "Images must have alternative text", "#main > img")
>>> excluded_by(v) is None
True
>>> excluded_by(Violation("button-name", "critical", "", 'button[data-heading-level="1"]')).owner
'JupyterLab'
>>> excluded_by(Violation("aria-input-field-name", "serious", "", ".noUi-handle"), "02-who-is-in")
>>> counts([v, v])
{'image-alt': 2}
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BLOCKING", "EXCLUSIONS", "Exclusion", "Violation", "axe_script", "counts",
           "course_violations", "excluded_by", "run_axe"]

#: The impacts that fail a page.
BLOCKING = ("critical", "serious")


@dataclass(frozen=True)
class Violation:
    """One node that breaks one axe rule."""

    rule: str
    impact: str
    help: str
    selector: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.selector}: {self.help}"


@dataclass(frozen=True)
class Exclusion:
    """A violation the course leaves alone, excluded by rule and selector, with the reason.

    ``page`` (a regular expression searched in the page's name, e.g. a lesson's file name)
    limits the exclusion to some pages; ``owner`` says whose interface it is; ``where`` says
    where it was seen: ``"jupyterlab"`` (the lessons open in JupyterLab), ``"book"`` (the
    course website's pages) or ``"both"``.
    """

    rule: str
    selector: str  # a regular expression, searched in the node's CSS selector
    reason: str
    owner: str = "JupyterLab"
    page: str = ""
    where: str = "jupyterlab"

    def matches(self, violation: Violation, page: str = "", where: str = "jupyterlab") -> bool:
        return (violation.rule == self.rule
                and self.where in (where, "both")
                and re.search(self.selector, violation.selector) is not None
                and (not self.page or re.search(self.page, page) is not None))


#: Everything critical or serious that the accessibility tests leave alone, in this one place,
#: each seen on the lesson pages in JupyterLab 4.6 with axe-core 4.12 (December 2026; the
#: accessibility note lists them with counts). All but the last are JupyterLab's own interface,
#: the same with or without the course: report them upstream, do not fix them here.
EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion("aria-allowed-attr", r"^jp-button\[|\.jp-DebuggerBugButton",
              "JupyterLab's toolbar buttons (file browser: upload, filter; the debugger's bug "
              "button) carry ARIA attributes their role does not allow"),
    Exclusion("aria-required-children", r"\.jp-WindowedPanel-viewport",
              "JupyterLab's windowed notebook list declares a list role without list items"),
    Exclusion("button-name", r"button\[data-heading-level",
              "JupyterLab's collapse button beside a markdown heading has no name"),
    Exclusion("aria-input-field-name", r"\.jp-Cell-inputWrapper|\.jp-InputArea",
              "JupyterLab's code cell editors (CodeMirror, role textbox) have no name"),
    Exclusion("scrollable-region-focusable", r"\.jp-Cell-inputWrapper|\.jp-InputArea",
              "JupyterLab's code cell editors scroll sideways but are not a focusable region"),
    Exclusion("image-alt", r"\.jp-RenderedImage > img$|^img$",
              "JupyterLab's PNG renderer writes no alt attribute for any image (it ignores the "
              "output's metadata). The course's charts are shown through an HTML output with "
              "<img alt> instead (test_accessibility checks each lesson's charts have it); a "
              "learner's pyplot chart in a lesson is described in the markdown right after it"),
    Exclusion("label", r"^li:nth-child\(\d+\) > input\[type=\"checkbox\"\]$",
              "JupyterLab's markdown renderer draws a task list item ('- [ ] ...') as a "
              "disabled checkbox without a label (the item's text is beside it, not tied to it)"),
)


def axe_script() -> str:
    """The text of ``axe.min.js`` as shipped by ``axe-playwright-python``."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def run_axe(page: Any, context: Any = None, rules: dict | None = None) -> list[Violation]:
    """Run axe-core on a Playwright page (or a part of it); one :class:`Violation` per node.

    Parameters
    ----------
    page : playwright.sync_api.Page
    context : str or dict, optional
        What to check (axe's ``context``: a selector, or ``{"include": ..., "exclude": ...}``);
        the whole document by default.
    rules : dict, optional
        axe's ``rules`` option, e.g. ``{"region": {"enabled": False}}``.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    options = {"resultTypes": ["violations"]}
    if rules:
        options["rules"] = rules
    results = page.evaluate(
        "async ([context, options]) => await axe.run(context || document, options)",
        [context, options])
    found = []
    for rule in results["violations"]:
        for node in rule["nodes"]:
            selector = " ".join(" ".join(t) if isinstance(t, list) else str(t)
                                for t in node["target"])
            found.append(Violation(rule["id"], str(node.get("impact") or rule.get("impact")),
                                   rule["help"], selector))
    return found


def excluded_by(violation: Violation, page: str = "",
                exclusions: tuple[Exclusion, ...] = EXCLUSIONS,
                where: str = "jupyterlab") -> Exclusion | None:
    """The exclusion that covers ``violation`` on ``page``, or None: the course's to fix.

    ``where`` is ``"jupyterlab"`` (a lesson open in JupyterLab) or ``"book"`` (a page of the
    course website): an exclusion applies only where it was seen (:class:`Exclusion`).
    """
    return next((e for e in exclusions if e.matches(violation, page, where)), None)


def course_violations(found: list[Violation], page: str = "",
                      exclusions: tuple[Exclusion, ...] = EXCLUSIONS,
                      where: str = "jupyterlab") -> list[Violation]:
    """The critical and serious violations on ``page`` that no exclusion covers."""
    return [v for v in found
            if v.impact in BLOCKING and excluded_by(v, page, exclusions, where) is None]


def counts(found: list[Violation]) -> dict[str, int]:
    """Nodes per rule, most first."""
    return dict(Counter(v.rule for v in found).most_common())
