"""Accessible names for the parts of ipywidgets that cannot be given one from Python (private).

ipywidgets 8 draws a slider's handle (noUiSlider: ``role="slider"``) without a name, the Play
widget's buttons as icons without text, and an Image without ``alt``; nothing in their Python
API sets these. :func:`aria_bridge` returns a tiny invisible widget (anywidget: its few lines
of JavaScript ship with the course, nothing loads at run time) that, placed inside a container
widget, sets ARIA attributes on the parts of that container it names, and keeps them set as
the widgets redraw. Drop it when ipywidgets names its controls itself.

The rules are ``{css selector: {attribute: value}}``, applied inside the nearest ancestor
matching ``scope`` (the selector ``""`` is that ancestor itself); ``valuetexts`` gives a slider
handle a spoken value per position (``aria-valuetext``: "May 1992" rather than "4").

:data:`KEYS_TO_WIDGET` lets a container's controls have their keys: in a notebook,
JupyterLab takes Enter and the arrow keys for its own shortcuts (enter edit mode, move to the
next cell) even when a widget's button or radio button has the focus: ArrowDown on a quick
check's choice moved the focus to the next cell, and Enter on "Check" did nothing. Lumino
skips its shortcuts for an element marked ``data-lm-suppress-shortcuts`` (JupyterLab's own
shortcut editor uses it); the mark must be on the focused control itself, since the notebook's
shortcuts match any focused element.

Examples
--------
>>> bridge = aria_bridge(".my-box", {".widget-image": {"alt": "A map"}})
>>> bridge.rules
{'.widget-image': {'alt': 'A map'}}
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["KEYS_TO_WIDGET", "aria_bridge"]

#: A rule for the container itself: keys pressed inside it go to its controls, not to
#: JupyterLab's shortcuts.
KEYS_TO_WIDGET: dict[str, dict[str, str]] = {
    "input, button, select, textarea, [role=slider]": {"data-lm-suppress-shortcuts": "true"}}

_ESM = r"""
function render({ model, el }) {
  let scope = null, observer = null, tries = 0;
  const apply = () => {
    if (!scope) return;
    const rules = model.get("rules") || {};
    for (const [selector, attrs] of Object.entries(rules)) {
      const nodes = selector === "" ? [scope] : scope.querySelectorAll(selector);
      for (const node of nodes) {
        for (const [name, value] of Object.entries(attrs)) {
          if (value === null) { if (node.hasAttribute(name)) node.removeAttribute(name); }
          else if (node.getAttribute(name) !== String(value)) node.setAttribute(name, value);
        }
      }
    }
    const texts = model.get("valuetexts") || {};
    for (const [selector, list] of Object.entries(texts)) {
      for (const node of scope.querySelectorAll(selector)) {
        const text = list[Math.round(Number(node.getAttribute("aria-valuenow")))];
        if (text !== undefined && node.getAttribute("aria-valuetext") !== text) {
          node.setAttribute("aria-valuetext", text);
        }
      }
    }
  };
  const attach = () => {
    scope = el.closest(model.get("scope"));
    if (!scope) { if (tries++ < 200) setTimeout(attach, 50); return; }
    apply();
    observer = new MutationObserver(apply);
    observer.observe(scope, { subtree: true, childList: true, attributes: true,
                              attributeFilter: ["aria-valuenow", "class", "src"] });
  };
  model.on("change:rules", apply);
  model.on("change:valuetexts", apply);
  attach();
  return () => { if (observer) observer.disconnect(); };
}
export default { render };
"""


@cache
def _bridge_class() -> type:
    import anywidget
    import traitlets

    class AriaBridge(anywidget.AnyWidget):
        """Sets ARIA attributes on the parts of its container widget that its rules name."""

        _esm = _ESM
        scope = traitlets.Unicode().tag(sync=True)
        rules = traitlets.Dict().tag(sync=True)
        valuetexts = traitlets.Dict().tag(sync=True)

    return AriaBridge


def aria_bridge(scope: str, rules: dict[str, dict[str, Any]],
                valuetexts: dict[str, list[str]] | None = None) -> Any:
    """An invisible widget that names the parts of the container it is placed in.

    Parameters
    ----------
    scope : str
        A CSS selector of the container (its nearest ancestor that matches), e.g. a class the
        container widget was given with ``add_class``.
    rules : dict of str to dict
        ``{selector: {attribute: value}}``; a value of None removes the attribute.
    valuetexts : dict of str to list of str, optional
        ``{selector of a slider handle: the spoken value of each position}``.

    Returns
    -------
    anywidget.AnyWidget
        Hidden (``layout.display = "none"``); update its ``rules`` to change what it sets.
    """
    import ipywidgets as widgets

    return _bridge_class()(scope=scope, rules=rules, valuetexts=valuetexts or {},
                           layout=widgets.Layout(display="none"))
