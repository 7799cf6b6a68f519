"""Sphinx configuration of the reading edition (uses the extension like any project would)."""

from __future__ import annotations

import os

project = "Kasachstan und Russland 2022"
author = "Redaktion der annotierten Ausgabe"
copyright = "2026, Redaktion der annotierten Ausgabe (Annotationen); Originaltext: Urheber nicht genannt"
language = "de"
root_doc = "index"

# No sphinx_design: no page uses it, and its CSS and JS (62 KB) would load on every page,
# a quarter of the article's budget (tests/browser/test_checkers.py).
extensions = [
    "myst_parser",
    "annotated_reader",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# The author's characters stay as written: no typographic replacement anywhere.
smartquotes = False

# Pages are written by contributors in pull requests: no raw HTML, no substitutions.
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]

html_theme = "furo"
html_title = "Kasachstan und Russland 2022 – annotierte Ausgabe"
# furo's page and icon templates with their English strings passed through the catalog.
templates_path = ["_templates"]
html_search_language = "de"
html_static_path = ["_static"]
# A favicon of our own: without one, every page view asks for /favicon.ico and gets a 404.
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# Reproducible output: dates come from SOURCE_DATE_EPOCH when set.
today_fmt = "%Y-%m-%d"

latex_engine = "xelatex"
latex_documents = [
    ("book", "kasachstan-russland-2022.tex", html_title, author, "manual"),
]

nitpicky = True

if os.environ.get("READTHEDOCS"):
    html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
