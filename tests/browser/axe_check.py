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
>>> excluded_by(Violation("aria-prohibited-attr", "serious", "", ".jp-DirListing-content")).rule
'aria-prohibited-attr'
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
    """A violation in an interface the course does not make, excluded by rule and selector."""

    rule: str
    selector: str  # a regular expression, searched in the node's CSS selector
    reason: str

    def matches(self, violation: Violation) -> bool:
        return violation.rule == self.rule and re.search(self.selector, violation.selector) is not None


#: Violations of JupyterLab's (and Lumino's) own interface, seen on every lesson page, with or
#: without the course: the one list of what the accessibility tests leave alone. Each was seen
#: in JupyterLab 4.6 with axe-core 4.12 (see the accessibility note); report them upstream.
EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion("aria-prohibited-attr", r"\.jp-DirListing-content|\.jp-DirListing",
              "JupyterLab's file browser sets aria-label on an element whose role forbids it"),
    Exclusion("aria-required-children", r"#jp-top-bar|\.jp-Toolbar|\.lm-MenuBar|jp-toolbar",
              "JupyterLab's toolbars and menu bar declare a role without its required children"),
    Exclusion("aria-required-parent", r"\.lm-TabBar|\.jp-Toolbar|jp-toolbar",
              "Lumino tabs and JupyterLab toolbar items outside the parent role they require"),
    Exclusion("aria-allowed-role", r"\.jp-|\.lm-|jp-",
              "roles on JupyterLab/Lumino elements that the element's tag does not allow"),
    Exclusion("button-name", r"\.jp-(Toolbar|StatusBar|SideBar|DirListing|Notebook-toolbar)|"
              r"jp-toolbar|\.lm-TabBar|\.jp-ToolbarButtonComponent|\.jp-collapser",
              "JupyterLab's icon-only buttons (toolbars, side bars, tab close) have no name"),
    Exclusion("color-contrast", r"\.jp-(StatusBar|Toolbar|DirListing|InputPrompt|OutputPrompt|"
              r"Launcher|InputArea-prompt|OutputArea-prompt|cell-toolbar|Notebook-footer)|"
              r"\.lm-(MenuBar|TabBar)|\.jp-mod-|jp-toolbar|\.cm-",
              "JupyterLab's prompts, status bar and code highlighting use low-contrast greys"),
    Exclusion("landmark-unique", r".*", "JupyterLab's panels repeat landmark roles and names"),
    Exclusion("nested-interactive", r"\.lm-TabBar|\.jp-DirListing|\.jp-Toolbar",
              "Lumino tabs and the file browser nest focusable controls"),
    Exclusion("scrollable-region-focusable", r"\.jp-|\.lm-",
              "JupyterLab's scrollable panels are not focusable"),
    Exclusion("aria-command-name", r"\.lm-|\.jp-",
              "JupyterLab's command palette and menus expose items without names"),
    Exclusion("list", r"\.lm-|\.jp-", "Lumino lists hold non-list children"),
    Exclusion("listitem", r"\.lm-|\.jp-", "Lumino list items outside a list"),
    Exclusion("aria-input-field-name", r"\.jp-|\.lm-|jp-",
              "JupyterLab's own input fields (cell editors, search) without names"),
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


def excluded_by(violation: Violation,
                exclusions: tuple[Exclusion, ...] = EXCLUSIONS) -> Exclusion | None:
    """The exclusion that covers ``violation``, or None when it is the course's to fix."""
    return next((e for e in exclusions if e.matches(violation)), None)


def course_violations(found: list[Violation],
                      exclusions: tuple[Exclusion, ...] = EXCLUSIONS) -> list[Violation]:
    """The critical and serious violations no exclusion covers."""
    return [v for v in found if v.impact in BLOCKING and excluded_by(v, exclusions) is None]


def counts(found: list[Violation]) -> dict[str, int]:
    """Nodes per rule, most first."""
    return dict(Counter(v.rule for v in found).most_common())
