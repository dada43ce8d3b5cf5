#!/usr/bin/env python
"""Build the course website, its PDF and its offline zip, from the stored outputs (``make site``).

Nothing is executed and nothing is fetched from the internet: the lessons' saved outputs and
widget state are the pages, and the widget renderer comes from npm (``book/package.json``,
installed by ``make site`` before this script runs).

Steps (each one a function below)::

    stage       book/ + lessons + blank exercises + generated pages  ->  build/site/src
    sphinx      build/site/src  ->  build/site/html (and build/site/single, one page, for the PDF)
    pdf         Debian's chromium prints build/site/single  ->  html/downloads/csto-in-data.pdf
    zip         build/site/html  ->  html/downloads/csto-in-data-site.zip

Usage::

    python scripts/build_site.py            # everything (what make site runs)
    python scripts/build_site.py --no-pdf   # the website only (a quicker loop while writing)

The build fails on any Sphinx warning (``-W``): a link to a page or heading that does not
exist, a bad cross-reference, a broken download link.
"""

from __future__ import annotations

import argparse
import base64
import copy
import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course_lib.links import binder_url, nbgitpuller_url  # noqa: E402

__all__ = [
    "BUILD",
    "HUB_PLACEHOLDER",
    "KERNEL_NEEDS",
    "jupyterlab_anchor_to_myst",
    "rewrite_links",
    "launch_cell",
    "stage_notebook",
    "datasets_page",
    "sources_page",
    "explorer_frames",
    "stage",
    "sphinx",
    "print_pdf",
    "inject_widget_state",
    "ARIA_BRIDGE_CLASS",
    "aria_bridge_script",
    "replace_aria_bridges",
    "WIDGETS_RENDERED",
    "CHROMIUM_ARGS",
    "Server",
    "make_zip",
    "main",
]

BUILD = ROOT / "build" / "site"
BOOK = ROOT / "book"
#: The hub address the launch form replaces with the reader's own (see book/_static/launch.js).
HUB_PLACEHOLDER = "https://your-hub.example.edu"
WIDGET_DIST = BOOK / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
EXPLORER_CLASS = "csto-membership-explorer"

#: What each of the course's widgets can and cannot do on a static page, by its DOM class.
KERNEL_NEEDS = {
    "csto-membership-explorer": "the membership explorer's month slider and play button (below "
    "it, a year-by-year version works on this page without a kernel)",
    "csto-quiz": "checking your answer to a quick check",
    "csto-quiz-question": "checking your answer to a quick check",
    "csto-source-reader": "choosing another record or source in the source reader",
    "csto-country-profile": "choosing another state in the country profile",
}

#: The DOM class of what stands in for each aria bridge on a page (see replace_aria_bridges).
ARIA_BRIDGE_CLASS = "csto-aria-bridge"
_BRIDGE_ID = "course_lib.widgets._a11y.AriaBridge"

_LINK = re.compile(r"\]\((?P<target>[^)\s#]*)#(?P<anchor>[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


def _slug(text: str) -> str:
    from myst_parser.slugs import github_slugify

    return github_slugify(text)


def jupyterlab_anchor_to_myst(anchor: str, headings: list[str]) -> str:
    """Return the page anchor Sphinx/myst gives the heading JupyterLab calls ``anchor``.

    JupyterLab anchors a heading by its text with spaces turned into dashes
    (``#The-course-map``); myst-parser by a GitHub-style slug (``#the-course-map``).

    Examples
    --------
    >>> jupyterlab_anchor_to_myst("The-course-map", ["Start here", "The course map"])
    'the-course-map'
    """
    for title in headings:
        if title.replace(" ", "-") == anchor:
            return _slug(title)
    return anchor  # not a JupyterLab heading anchor: leave it (Sphinx -W reports it if broken)


def _headings(nb) -> list[str]:
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [m.group("title") for m in _HEADING.finditer(cell.source)]
    return found


def rewrite_links(source: str, headings_of: dict[str, list[str]], here: str) -> str:
    """Rewrite JupyterLab-style heading anchors in a Markdown cell to Sphinx's anchors.

    Parameters
    ----------
    source : str
        The cell's Markdown.
    headings_of : dict
        The headings of every notebook, by file name (``"00-start-here.ipynb"``).
    here : str
        The file name of the notebook the cell is in (for ``(#Anchor)`` links).

    Examples
    --------
    >>> rewrite_links("[Contents](00-start-here.ipynb#The-course-map)",
    ...               {"00-start-here.ipynb": ["The course map"]}, "01-x.ipynb")
    '[Contents](00-start-here.ipynb#the-course-map)'
    """

    def fix(match: re.Match) -> str:
        target = match.group("target")
        name = Path(target).name if target else here
        anchor = jupyterlab_anchor_to_myst(match.group("anchor"), headings_of.get(name, []))
        return f"]({target}#{anchor})"

    return _LINK.sub(fix, source)


def _widget_classes(nb) -> set[str]:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    classes: set[str] = set()
    for model in state.get("state", {}).values():
        classes.update(model.get("state", {}).get("_dom_classes", []) or [])
    return classes


def _view_ids(cell) -> list[str]:
    ids = []
    for output in cell.get("outputs", []):
        view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
        if view:
            ids.append(view.get("model_id"))
    return ids


def launch_cell(repo_path: str, needs: list[str], *, exercise: bool) -> nbformat.NotebookNode:
    """The box under each page's title: launch buttons and what needs a kernel.

    ``repo_path`` is the notebook's path in the repository (``notebooks/02-who-is-in.ipynb``).
    The Binder link and the nbgitpuller link come from :mod:`course_lib.links`; the hub form
    (book/_static/launch.js) puts the reader's hub in place of :data:`HUB_PLACEHOLDER`.
    """
    binder = html.escape(binder_url(repo_path))
    puller = html.escape(nbgitpuller_url(HUB_PLACEHOLDER, repo_path))
    if exercise:
        kernel = ("This is the blank exercise as a learner gets it. Answering and checking "
                  "(<code>grader.check</code>) need a kernel: launch it on Binder or your hub.")
    else:
        kernel = ("This page shows the lesson as it was last run: every output and widget as "
                  "saved. Running or changing code needs a kernel"
                  + ("; so do " + "; ".join(sorted(set(needs))) if needs else "")
                  + ". Launch it on Binder or your hub to do those.")
    body = f"""<div class="csto-launch" data-hub-placeholder="{HUB_PLACEHOLDER}">
<p class="csto-launch-buttons"><a class="csto-button" href="{binder}">Launch on Binder</a>
<a class="csto-button csto-hub-link" href="{puller}" data-template="{puller}">Open on your JupyterHub</a></p>
<form class="csto-hub-form" action="#">
<label>Your JupyterHub's address <input type="text" inputmode="url" name="hub" placeholder="https://hub.example.edu" autocomplete="url"></label>
<button type="submit">Make the hub link</button>
<output class="csto-hub-message" aria-live="polite"></output>
</form>
<p class="csto-kernel-note"><strong>What needs a kernel.</strong> {kernel}</p>
</div>"""
    cell = nbformat.v4.new_markdown_cell(body)
    cell.metadata = {"tags": ["book-launch"]}
    cell.pop("id", None)
    return cell


def _explorer_cell() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(
        '<div class="csto-static-explorer" data-frames="_static/explorer/frames.json">\n'
        "<p><strong>Without a kernel:</strong> the explorer above shows the month it was saved "
        "at. Move through the years here instead (a map and table per year, drawn when this "
        "site was built). This needs JavaScript; nothing else.</p>\n</div>"
    )
    cell.metadata = {"tags": ["book-static-explorer"]}
    cell.pop("id", None)
    return cell


def stage_notebook(path: Path, repo_path: str, headings_of: dict[str, list[str]], *,
                   exercise: bool) -> nbformat.NotebookNode:
    """A copy of a lesson or exercise ready for the book (the file itself is never changed).

    Heading anchors are rewritten for Sphinx, the launch box goes under the title, a
    year-by-year static explorer goes under every membership explorer, and each aria bridge
    in the saved widgets becomes a standard widget the book can draw (replace_aria_bridges).
    """
    nb = nbformat.read(path, as_version=4)
    nb = copy.deepcopy(nb)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    replace_aria_bridges(state)
    models = state.get("state", {})
    needs = [text for cls, text in KERNEL_NEEDS.items() if cls in _widget_classes(nb)]
    cells = []
    launched = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, headings_of, path.name)
            if "navigation" in cell.metadata.get("tags", []):
                # a class for the print style sheet, which leaves the navigation out of the PDF
                lines = cell.source.split("\n")
                at = 1 if lines[0].startswith("<!--") else 0
                cell.source = "\n".join(lines[:at] + ["{.csto-nav}"] + lines[at:])
        cells.append(cell)
        if not launched and cell.cell_type == "markdown" and re.search(r"^#\s", cell.source, re.M):
            cells.append(launch_cell(repo_path, needs, exercise=exercise))
            launched = True
        if cell.cell_type == "code":
            for model_id in _view_ids(cell):
                classes = models.get(model_id, {}).get("state", {}).get("_dom_classes", [])
                if EXPLORER_CLASS in (classes or []):
                    cells.append(_explorer_cell())
    if not launched:
        cells.insert(0, launch_cell(repo_path, needs, exercise=exercise))
    nb.cells = cells
    for cell in nb.cells:
        cell.pop("id", None)
    nb.nbformat_minor = min(nb.nbformat_minor, 4)
    return nb


def replace_aria_bridges(state: dict) -> int:
    """Put a standard hidden HTML widget in place of each aria bridge in a saved widget state.

    In JupyterLab the course's aria bridge (:func:`course_lib.widgets._a11y.aria_bridge`, an
    anywidget) names the parts of a widget that ipywidgets cannot name from Python (the
    explorer's slider handle, its play buttons, the map image). The book's widget renderer
    draws only the standard widgets: it cannot load the module ``anywidget``, and nothing may
    come from a CDN. So each bridge model becomes an ``HTMLModel``, in the same place among
    its container's children, hidden by the bridge's own layout, whose content is the
    bridge's saved settings (``scope``, ``rules``, ``valuetexts``) as inert JSON; the page's
    ``_static/aria-bridge.js`` (:func:`aria_bridge_script`: the bridge's own JavaScript) reads
    them and sets the same attributes. Changes ``state`` in place; returns how many bridges
    it replaced. Any other anywidget stops the build: the book cannot draw it.

    Examples
    --------
    >>> state = {"state": {"b": {"model_module": "anywidget", "model_name": "AnyModel",
    ...     "model_module_version": "~0.11.*", "state": {"_anywidget_id": _BRIDGE_ID,
    ...     "_esm": "...", "scope": ".box", "rules": {"img": {"alt": "A map"}},
    ...     "valuetexts": {}, "layout": "IPY_MODEL_l"}}}}
    >>> replace_aria_bridges(state)
    1
    >>> model = state["state"]["b"]
    >>> model["model_name"], model["state"]["_dom_classes"], model["state"]["layout"]
    ('HTMLModel', ['csto-aria-bridge'], 'IPY_MODEL_l')
    >>> model["state"]["value"]
    '<script type="application/json">{"scope": ".box", "rules": {"img": {"alt": "A map"}}, "valuetexts": {}}</script>'
    """
    models = state.get("state", {})
    replaced = 0
    for model_id, model in list(models.items()):
        if model.get("model_module") != "anywidget":
            continue
        saved = model.get("state", {})
        if saved.get("_anywidget_id") != _BRIDGE_ID:
            raise SystemExit(
                f"A notebook's saved widgets include an anywidget ({saved.get('_anywidget_id')!r},"
                f" model {model_id}) that the book's standard-widget renderer cannot draw, and "
                "nothing may load from a CDN. Only the course's aria bridge is replaced by a "
                "static equivalent (scripts/build_site.py, replace_aria_bridges): add one for "
                "this widget there, or use standard ipywidgets.")
        settings = {key: saved.get(key) or ({} if key != "scope" else "")
                    for key in ("scope", "rules", "valuetexts")}
        payload = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")
        style_id = f"{model_id}-style"
        controls = {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0"}
        models[style_id] = {
            "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
            "model_name": "HTMLStyleModel",
            "state": {**controls, "_model_name": "HTMLStyleModel", "_view_count": None,
                      "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                      "_view_name": "StyleView", "background": None, "description_width": "",
                      "font_size": None, "text_color": None}}
        models[model_id] = {
            "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
            "model_name": "HTMLModel",
            "state": {**controls, "_model_name": "HTMLModel", "_view_count": None,
                      "_view_module": "@jupyter-widgets/controls",
                      "_view_module_version": "2.0.0", "_view_name": "HTMLView",
                      "_dom_classes": [ARIA_BRIDGE_CLASS], "description": "",
                      "description_allow_html": False, "layout": saved.get("layout"),
                      "placeholder": "\u200b", "style": f"IPY_MODEL_{style_id}",
                      "tabbable": None, "tooltip": None,
                      "value": f'<script type="application/json">{payload}</script>'}}
        if not models[model_id]["state"]["layout"]:
            del models[model_id]["state"]["layout"]
        replaced += 1
    return replaced


#: Runs the aria bridge's own ``render`` (course_lib/widgets/_a11y.py) once for each hidden
#: HTML widget that replace_aria_bridges put in a bridge's place, as the renderer draws them.
_BRIDGE_RUNNER = """
  const started = new WeakSet();
  const start = (data) => {
    const el = data.closest(".%(cls)s") || data;
    if (started.has(el)) return;
    started.add(el);
    let saved;
    try { saved = JSON.parse(data.textContent); } catch (error) {
      console.warn("aria-bridge.js: unreadable bridge settings", error); return; }
    render({ model: { get: (key) => saved[key], on: () => {} }, el });
  };
  let queued = false;
  const scan = () => {
    queued = false;
    document.querySelectorAll('.%(cls)s script[type="application/json"]').forEach(start);
  };
  const boot = () => {
    scan();
    new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(scan); } })
      .observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
"""


def aria_bridge_script() -> str:
    """``_static/aria-bridge.js``: the aria bridge's JavaScript as a plain script for the book.

    The bridge's ``render`` function is taken as is from :mod:`course_lib.widgets._a11y` (so
    the book sets exactly what JupyterLab sets) and run on each bridge's saved settings.

    Examples
    --------
    >>> text = aria_bridge_script()
    >>> "function render(" in text and "export default" not in text
    True
    """
    from course_lib.widgets import _a11y

    export = "export default { render };"
    if export not in _a11y._ESM:
        raise SystemExit("course_lib/widgets/_a11y.py: the bridge's JavaScript no longer ends "
                         f"with {export!r}; update aria_bridge_script in scripts/build_site.py.")
    return ("// Generated by scripts/build_site.py from course_lib/widgets/_a11y.py: the aria\n"
            "// bridge's own render(), run on the settings each bridge saved (no anywidget).\n"
            "(function () {\n\"use strict\";\n" + _a11y._ESM.replace(export, "")
            + _BRIDGE_RUNNER % {"cls": ARIA_BRIDGE_CLASS} + "})();\n")


# -- generated pages ----------------------------------------------------------------------------
def _cell(text) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ").strip()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _table_label(name: str) -> str:
    """The datasets page's anchor for a table (Sphinx turns ``_`` into ``-`` in ids)."""
    return "table-" + name.replace("_", "-")


def datasets_page(datasets: Path) -> str:
    """The datasets page: the codebook of every table, from datapackage.json."""
    package = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))
    licences = ", ".join(
        f"[{lic.get('title', lic['name'])}]({lic['path']})" if lic.get("path") else lic["name"]
        for lic in package.get("licenses", [])
    )
    out = [
        "# Datasets and codebook",
        "",
        "<!-- generated by scripts/build_site.py from datasets/datapackage.json: edit that file -->",
        "",
        package.get("description", ""),
        "",
        f"**Licence of the curated data:** {licences}. It covers the tables, notes and descriptor "
        "(our curation), not the quoted source texts: see [the sources](sources.md) and "
        "[the licence page](licence.md).",
        "",
        "**Download:** {download}`datapackage.json <data/datapackage.json>` (the Frictionless "
        "descriptor: every table and field below, machine-readable). In a notebook, "
        "`cl.load(name)` gives a typed table and `cl.info(name)` this codebook.",
        "",
        "| table | what it holds | rows | file |",
        "| --- | --- | --- | --- |",
    ]
    for res in package["resources"]:
        n = len(_rows(datasets / res["path"]))
        out.append(f"| [{res['name']}](#{_table_label(res['name'])}) | {_cell(res.get('title'))} | {n} "
                   f"| {{download}}`{res['path']} <data/{res['path']}>` |")
    for res in package["resources"]:
        rows = _rows(datasets / res["path"])
        schema = res["schema"]
        out += [
            "",
            f"({_table_label(res['name'])})=",
            f"## {res['name']}: {res.get('title', '')}",
            "",
            _cell(res.get("description")),
            "",
            f"{len(rows)} rows, {len(schema['fields'])} columns. "
            f"Download {{download}}`{res['path']} <data/{res['path']}>`.",
        ]
        if schema.get("primaryKey"):
            out.append(f"Primary key: `{', '.join(schema['primaryKey'])}`.")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            fields = fk["fields"] if isinstance(fk["fields"], str) else ", ".join(fk["fields"])
            target = ref.get("resource") or res["name"]
            rfields = ref["fields"] if isinstance(ref["fields"], str) else ", ".join(ref["fields"])
            out.append(f"`{fields}` refers to `{rfields}` of [{target}](#{_table_label(target)}).")
        out += ["", "| column | type | rules | meaning |", "| --- | --- | --- | --- |"]
        for f in schema["fields"]:
            rules = []
            c = f.get("constraints", {})
            if c.get("required"):
                rules.append("required")
            if c.get("unique"):
                rules.append("unique")
            if "enum" in c:
                rules.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
            if "pattern" in c:
                rules.append("matches `" + c["pattern"].replace("|", "\\|").replace("`", "'") + "`")
            for key in ("minimum", "maximum"):
                if key in c:
                    rules.append(f"{key} {c[key]}")
            out.append(f"| `{f['name']}` | {f.get('type', 'string')} | {_cell('; '.join(rules))} "
                       f"| {_cell(f.get('description'))} |")
    return "\n".join(out) + "\n"


def sources_page(datasets: Path) -> str:
    """The sources page: each source's metadata, what it is, its rights and origin."""
    rows = _rows(datasets / "sources.csv")
    package = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "sources")
    out = [
        "# Sources",
        "",
        "<!-- generated by scripts/build_site.py from datasets/sources.csv: edit that file -->",
        "",
        "Every fact in the course is a row that quotes one of these five texts verbatim. What "
        "each one is, who wrote it and when, is read off its own text; where a date is inferred, "
        "the note says how.",
        "",
        _cell(resource.get("description")),
        "",
        "The texts are third-party writing, kept unchanged in `datasets/sources/` so that every "
        "quotation can be checked against them and criticised; they are not under the course's "
        "licence (see `NOTICE` and [the licence page](licence.md)).",
    ]
    for row in rows:
        published = row["published"] or "not stated"
        if row["published"] and row.get("published_precision"):
            published += f" ({row['published_precision']})"
        out += [
            "",
            f"(source-{row['source_id']})=",
            f"## {row['source_id']}",
            "",
            f"**{_cell(row['title'])}**",
            "",
            "| | |",
            "| --- | --- |",
            f"| author | {_cell(row['author']) or 'not named in the text'} |",
            f"| outlet | {_cell(row['outlet']) or 'not named in the text'} |",
            f"| published | {_cell(published)} |",
            f"| kind | {_cell(row['kind'])} |",
            f"| covers | {_cell(row['covers'])} |",
            f"| rights | {_cell(row.get('rights'))} |",
            f"| origin | {_cell(row.get('origin'))} |",
            f"| text | {{download}}`{Path(row['file']).name} <data/{row['file']}>` |",
            "",
            f"**What it is.** {row['note']}",
        ]
    return "\n".join(out) + "\n"


def pacing_page(root: Path) -> str:
    """The instructor guide's pacing table, from the lessons, quiz.csv and the exercise sets."""
    sys.path.insert(0, str(root / "scripts"))
    import make_navigation

    lessons, _ = make_navigation.discover_lessons(root)
    quiz = _rows(root / "datasets" / "quiz.csv")
    out = ["| lesson | teach (the lesson's own time) | quick checks | practice: exercise set "
           "(our estimate) |", "| --- | --- | --- | --- |"]
    total_teach = total_practice = 0
    for lesson in lessons:
        checks = sum(1 for row in quiz if row.get("lesson") == lesson.path.stem)
        exercise = root / "exercises" / lesson.path.stem / lesson.path.name
        practice = "none (no exercise set)"
        if exercise.exists():
            nb = nbformat.read(exercise, as_version=4)
            text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
            questions = sorted(set(re.findall(r"\*\*Question (\d+)", text)))
            minutes = 8 * max(len(questions) - 1, 0) + 15
            total_practice += minutes
            practice = (f"[{len(questions)} questions](exercises/{lesson.path.stem}/"
                        f"{lesson.path.name}): about {minutes} min")
        split = getattr(lesson, "minutes", None)  # (reading, practice) when the lesson splits them
        found = re.match(r"(?:about\s+)?(\d+)\s*min", lesson.time)
        total_teach += sum(split) if split else (int(found.group(1)) if found else 0)
        out.append(f"| [{lesson.label}](notebooks/{lesson.filename}) | {_cell(lesson.time)} "
                   f"| {checks} | {practice} |")
    out += ["", f"In all: about {total_teach} minutes of lessons and {total_practice} minutes of "
            "exercises. The practice estimate allows 8 minutes for each automatically graded "
            "question and 15 for the written one; it is our estimate, not a measurement: "
            "time your own class once and adjust."]
    return "\n".join(out) + "\n"


# -- the static membership explorer -------------------------------------------------------------
def explorer_frames(out: Path) -> dict:
    """Draw the membership explorer once a year and write the maps and ``frames.json``.

    Each frame is what the explorer in a kernel shows for that date: its map image, its header
    and its table of states with their quotes. Years whose maps are identical share one file.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    import pandas as pd

    import course_lib as cl
    from course_lib.charts import _common

    out.mkdir(parents=True, exist_ok=True)
    today = _common.today()
    explorer = cl.widgets.membership_explorer("1992-12-31")
    frames = []
    for year in range(1992, today.year + 1):
        when = pd.Timestamp(year=year, month=12, day=31)
        if when > today:
            when = today
        explorer.set_date(when.strftime("%Y-%m-%d"))
        png = bytes(explorer.map_image.value)
        name = f"map-{hashlib.sha256(png).hexdigest()[:16]}.png"
        if not (out / name).exists():
            (out / name).write_bytes(png)
        frame = explorer.current
        groups: dict[str, list[str]] = {}
        for rec in frame.to_dict("records"):
            label = str(rec["status"]) + ("" if rec["certain"] else " (uncertain)")
            groups.setdefault(label, []).append(str(rec["country"]))
        described = "; ".join(f"{status}: {', '.join(names)}" for status, names in groups.items())
        frames.append({
            "year": year,
            "date": f"{when.day} {when:%B %Y}",
            "image": name,
            "alt": f"Map of the states that were ever party to the Collective Security Treaty, "
                   f"coloured by their status on {when.day} {when:%B %Y}. {described}.",
            "header": explorer.header.value,
            "table": explorer.table.value,
        })
    from course_lib.widgets import _html

    data = {"legend": _html.legend_html(),
            "note": "Drawn by scripts/build_site.py with course_lib.widgets.membership_explorer, "
                    "on 31 December of each year (the last year: the build date).",
            "frames": frames}
    (out / "frames.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


# -- stage, build, print, zip -------------------------------------------------------------------
def _lessons(root: Path) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _exercises(root: Path) -> list[Path]:
    return sorted(p for p in (root / "exercises").glob("*/*.ipynb")
                  if p.stem == p.parent.name)


def _third_party_notice(widgets: Path) -> None:
    """Write the licences of the bundled JavaScript and fonts beside them."""
    modules = BOOK / "node_modules"
    parts = []
    for name in ("@jupyter-widgets/html-manager", "@fortawesome/fontawesome-free"):
        meta = json.loads((modules / name / "package.json").read_text(encoding="utf-8"))
        parts.append(f"{name} {meta['version']}: licence {meta.get('license')}; "
                     f"{meta.get('homepage', '')}")
        for licence in ("LICENSE", "LICENSE.txt"):
            if (modules / name / licence).exists():
                parts.append((modules / name / licence).read_text(encoding="utf-8"))
    parts.append("embed.js bundles these packages, whose notices follow:")
    parts.append((WIDGET_DIST / "embed.js.LICENSE.txt").read_text(encoding="utf-8"))
    (widgets / "THIRD-PARTY-LICENSES.txt").write_text("\n\n".join(parts), encoding="utf-8")


def stage(root: Path = ROOT, build: Path = BUILD) -> Path:
    """Assemble the Sphinx source folder ``build/site/src``; return it."""
    src = build / "src"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(root / "book", src, ignore=shutil.ignore_patterns(
        "node_modules", "package.json", "package-lock.json", "__pycache__"))
    # the widget renderer, its licence and the icon fonts it asks for
    if not (WIDGET_DIST / "embed.js").exists():
        raise SystemExit("book/node_modules is missing: run `make site` (it runs npm install in "
                         "book/ first), or `cd book && npm install`.")
    widgets = src / "_static" / "widgets"
    widgets.mkdir(parents=True)
    for item in WIDGET_DIST.iterdir():
        if item.suffix in {".woff2", ".woff", ".ttf", ".eot", ".svg"} or item.name in {
                "embed.js", "embed.js.LICENSE.txt"}:
            shutil.copy2(item, widgets / item.name)
    _third_party_notice(widgets)
    (src / "_static" / "aria-bridge.js").write_text(aria_bridge_script(), encoding="utf-8")
    # data files, as downloads
    data = src / "data"
    shutil.copytree(root / "datasets", data, ignore=shutil.ignore_patterns("geo", "__pycache__"))
    (src / "datasets.md").write_text(datasets_page(root / "datasets"), encoding="utf-8")
    (src / "sources.md").write_text(sources_page(root / "datasets"), encoding="utf-8")
    (src / "_generated").mkdir()
    (src / "_generated" / "pacing.md").write_text(pacing_page(root), encoding="utf-8")
    for name in ("LICENSE", "LICENSE-CONTENT.md", "NOTICE", "CITATION.cff"):
        shutil.copy2(root / name, src / "_generated" / name)
    # lessons and blank exercises
    lessons, exercises = _lessons(root), _exercises(root)
    headings_of = {}
    for path in lessons + exercises:
        headings_of[path.name] = _headings(nbformat.read(path, as_version=4))
    for path in lessons:
        nb = stage_notebook(path, f"notebooks/{path.name}", headings_of, exercise=False)
        (src / "notebooks").mkdir(exist_ok=True)
        nbformat.write(nb, src / "notebooks" / path.name)
    for path in exercises:
        rel = path.relative_to(root).as_posix()
        nb = stage_notebook(path, rel, headings_of, exercise=True)
        (src / path.parent.relative_to(root)).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, src / rel)
    explorer_frames(src / "_static" / "explorer")
    return src


def sphinx(src: Path, out: Path, builder: str = "html") -> None:
    """Run sphinx-build with warnings as errors."""
    # one doctree cache for both builders: the one-page build reuses what the website read
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-j", "auto",
           "-b", builder, "-d", str(src.parent / "doctrees"), str(src), str(out)]
    result = subprocess.run(cmd)
    if result.returncode:
        raise SystemExit(f"sphinx-build -b {builder} failed (warnings are errors); see above.")


class Server:
    """``python -m http.server`` on a free port of 127.0.0.1, serving ``folder``."""

    def __init__(self, folder: Path) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
             "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "_Server":
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


#: Headless, and quiet on a closed network (shared/recipes/browser-widget-check.md).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: True in a page once every saved widget view has been drawn by the widget renderer.
WIDGETS_RENDERED = """() => [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')].every(
    s => s.parentElement.querySelector('.widget-subarea .jupyter-widgets'))"""


def inject_widget_state(single: Path, notebooks: list[Path]) -> None:
    """Give the one-page build the widget state and renderer that Sphinx's singlehtml drops.

    myst-nb adds each notebook's saved widget state to that notebook's own page only; the
    single page gets none, so its widgets would not draw. The states are merged (model ids are
    unique) into one state script, with the renderer after it.
    """
    merged: dict = {"version_major": 2, "version_minor": 0, "state": {}}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json")
        if state:
            merged["state"].update(state.get("state", {}))
    page = single / "index.html"
    text = page.read_text(encoding="utf-8")
    payload = json.dumps(merged).replace("</", "<\\/")
    scripts = ('<script type="application/vnd.jupyter.widget-state+json">' + payload
               + '</script>\n<script src="_static/widgets/embed.js"></script>\n</body>')
    page.write_text(text.replace("</body>", scripts, 1), encoding="utf-8")


def print_pdf(single: Path, pdf: Path, chromium: str = "/usr/bin/chromium") -> None:
    """Print the one-page build to PDF with Debian's chromium (each page title on a new page)."""
    from playwright.sync_api import sync_playwright

    if not Path(chromium).exists():
        raise SystemExit(f"{chromium} is missing: run `make system-deps` (Debian's chromium "
                         "prints the PDF).")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with Server(single) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{server.url}/index.html", wait_until="load")
        # the saved widgets render after load; wait until every widget view has drawn
        page.wait_for_function(WIDGETS_RENDERED, timeout=60_000)
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        browser.close()


def make_zip(html_dir: Path, target: Path) -> None:
    """Zip the built site (open ``index.html`` from a local web server to read it offline)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(html_dir.rglob("*")):
            if path.is_file() and path != target and path.name != ".buildinfo":
                zf.write(path, Path("csto-in-data") / path.relative_to(html_dir))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build everything into ``--out`` (default build/site)."""
    parser = argparse.ArgumentParser(description="Build the course website, PDF and zip.")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF and the zip")
    parser.add_argument("--out", type=Path, default=BUILD, help="build folder (default build/site)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    steps: list[str] = []

    def step(label: str, t0: float) -> float:
        now = time.perf_counter()
        steps.append(f"{label} {now - t0:.1f} s")
        return now

    t = step("", started) and time.perf_counter()
    src = stage(ROOT, args.out)
    shutil.rmtree(args.out / "doctrees", ignore_errors=True)
    t = step("staged", t)
    html_dir = args.out / "html"
    if html_dir.exists():
        shutil.rmtree(html_dir)
    sphinx(src, html_dir, "html")
    t = step("website", t)
    if not args.no_pdf:
        single = args.out / "single"
        if single.exists():
            shutil.rmtree(single)
        sphinx(src, single, "singlehtml")
        inject_widget_state(single, sorted((src / "notebooks").glob("*.ipynb"))
                            + sorted((src / "exercises").glob("*/*.ipynb")))
        t = step("one-page build", t)
        print_pdf(single, html_dir / "downloads" / "csto-in-data.pdf")
        t = step("PDF", t)
        make_zip(html_dir, html_dir / "downloads" / "csto-in-data-site.zip")
        t = step("zip", t)
    print(f"Built the site in {time.perf_counter() - started:.1f} s "
          f"({', '.join(steps[1:])}): {html_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
