"""Sphinx configuration of the course website (built by ``make site``; see scripts/build_site.py).

``scripts/build_site.py`` copies this folder, the lessons, the blank exercises and the generated
pages (datasets, sources) into ``build/site/src`` and runs Sphinx there, so every path below is
relative to that staged copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "CSTO in Data"
author = "CSTO in Data contributors"
copyright = "CSTO in Data contributors; code MIT, lesson text and curated data CC BY 4.0"
language = "en"

extensions = ["myst_nb", "alt_passthrough", "heading_level", "sphinx.ext.githubpages"]

# Pages: the book's own Markdown pages, the lessons and the blank exercises. Nothing else in the
# staged folder (node_modules, the data files, which are downloads) is a page.
exclude_patterns = ["_build", "_generated", "node_modules", "data", "**/.ipynb_checkpoints", "package*.json"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

# The stored outputs are the page: never execute a notebook to build the book.
nb_execution_mode = "off"
# The widget renderer comes from npm (book/package.json), copied into _static by the build:
# the standard-widget bundle needs no require.js. Nothing loads from a CDN.
nb_ipywidgets_js = {"widgets/embed.js": {}}
nb_merge_streams = True

myst_enable_extensions = ["attrs_block", "colon_fence", "deflist", "dollarmath", "html_image"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "CSTO in Data"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["book.css"]
# aria-bridge.js is written by the build (scripts/build_site.py, aria_bridge_script): it names
# the widgets' slider handles, play buttons and images as the aria bridge does in JupyterLab.
html_js_files = ["launch.js", "explorer.js", "aria-bridge.js"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
# Furo loads no web fonts and no CDN script; keep it that way (tests/site checks every page).
html_theme_options = {"navigation_with_keys": True}

# Warnings are errors (-W): an unresolved link or reference fails the build.
nitpicky = False
suppress_warnings: list[str] = []
