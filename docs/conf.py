"""Sphinx configuration of the reading edition (uses the extension like any project would)."""

from __future__ import annotations

import os

project = "Kasachstan und Russland 2022"
author = "Redaktion der annotierten Ausgabe"
copyright = "2026, Redaktion der annotierten Ausgabe (Annotationen); Originaltext: Urheber nicht genannt"
language = "de"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "annotated_reader",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# The author's characters stay as written: no typographic replacement anywhere.
smartquotes = False

# Pages are written by contributors in pull requests (see sicherheit.md): no raw HTML, no
# substitutions (unsandboxed Jinja), no math (TeX into the PDF, MathJax from a CDN). The
# extension enforces this for every page, front matter included; the settings say it here too.
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]
annotated_reader_safe_pages = True

html_theme = "furo"
html_title = "Kasachstan und Russland 2022 – annotierte Ausgabe"
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
