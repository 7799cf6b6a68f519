"""Sphinx configuration of the reading edition (uses the extension like any project would)."""

from __future__ import annotations

import datetime
import os

import babel.dates
from annotated_reader.edition import sphinx_settings

# The edition, described once (docs/wiederverwenden.md, "Die Ausgabe an einer Stelle"): the
# project's name, the copyright line, the page titles and the names of the PDF and the EPUB
# all come from here. Each text's author and rights are in its own text file.
annotated_reader_edition = {
    "title": "Kasachstan und Russland 2022",
    "subtitle": "annotierte Ausgabe",
    "editors": ["Redaktion der annotierten Ausgabe"],
    "year": 2026,
    # The copyright covers the annotations; each text's rights are in its text file.
    "rights": "Annotationen",
    "description": (
        "Eine annotierte Leseausgabe deutschsprachiger Texte, zuerst eines Nachrichtentextes vom "
        "September 2022: Kasachstan geht auf Abstand zu Russland. Die Texte bleiben unverändert; "
        "Begriffe, Personen, Organisationen, Staaten und Orte sind erklärt, Anmerkungen liefern "
        "Zusammenhänge."
    ),
    "language": "de",
    "basename": "kasachstan-russland-2022",
}
globals().update(sphinx_settings(annotated_reader_edition))
root_doc = "index"
# One order of the texts for the list, the navigation, the EPUB and the PDF: by date, oldest first.
annotated_reader_text_order = "date"

# sphinx_design: cards, buttons and tabs. Its CSS and JS (62 KB) load only on the pages that
# use one of its components (the extension drops them elsewhere; the article's budget is in
# tests/browser/test_checkers.py).
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
# Sources (see ueber-diese-ausgabe.md): dated (or "undatiert") and with the day the editors
# last checked them; the default list of refused hosts (content farms, copies of Wikipedia,
# aggregators) applies.
annotated_reader_require_source_dates = True
# Every term, actor and note names at least one source.
annotated_reader_require_sources = True
# The contributors' guide shows examples that are also test inputs (tests/contrib/examples).
annotated_reader_include_dirs = ["../tests/contrib/examples"]

html_theme = "furo"
# furo's page and icon templates with their English strings passed through the catalog.
templates_path = ["_templates"]
html_search_language = "de"
html_static_path = ["_static"]
# A favicon of our own: without one, every page view asks for /favicon.ico and gets a 404.
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# furo's sidebar, with the downloads after the navigation.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/ar-downloads.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
# The PDF and the EPUB lie next to the start page (nox -s publish puts them there); the
# sidebar, the start page ({ar:downloads}) and every text page link to them.
annotated_reader_downloads = ["pdf", "epub"]
# The navigation lists at most this many texts (with a link to all): its size does not grow
# with the number of texts.
annotated_reader_sidebar_texts = 12

# Reproducible output: dates come from SOURCE_DATE_EPOCH when set.
today_fmt = "%Y-%m-%d"

# -- PDF: nox -s pdf (XeLaTeX through latexmk; registers through xindy) ------------------
# The book is docs/book.md (the texts, in annotated_reader_text_order) with the reference pages
# as its appendix; the extension adds the registers (persons, organisations, states, places,
# terms) at the end. latex_documents comes from the edition.
latex_engine = "xelatex"
latex_appendices = [
    "glossar",
    "zeitleiste",
    "register/personen",
    "register/organisationen",
    "register/staaten",
    "register/orte",
    "quellen",
    "ueber-diese-ausgabe",
]
# The registers replace Sphinx's general index (its only entries, terms and actors, are in
# the registers with every mention) and the HTML-only domain indices.
latex_domain_indices = False


def _edition_date() -> str:
    """The date of this build in words ("29. November 2026"); SOURCE_DATE_EPOCH if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() if epoch else datetime.date.today()
    return babel.dates.format_date(day, "long", locale=annotated_reader_edition["language"])


# The title page's date (LaTeX only; HTML pages show no date).
today = _edition_date()

latex_elements = {
    # A5, the ISO size of a German paperback (close to 13.5 x 21 cm), printable two to an
    # A4 sheet; the extension's package sets the type area from the font (README "Outputs").
    "papersize": "a5paper",
    "pointsize": "11pt",
    "classoptions": ",openany,oneside",
    "fncychap": "",
    "maketitle": r"\sphinxARmaketitle",
    "printindex": "",
}

# -- EPUB: nox -s epub ------------------------------------------------------------------
# Its names (epub_basename, epub_title, epub_author, epub_description, …) come from the edition.
# A reading edition: the start page, the texts, the reference pages and the pages about the
# edition, in this order; the contributors' guide, the security page and the benchmark stay
# on the website.
annotated_reader_epub_pages = [
    "texts/*",
    "glossar",
    "zeitleiste",
    "register/personen",
    "register/organisationen",
    "register/staaten",
    "register/orte",
    "quellen",
    "lesen",
    "ueber-diese-ausgabe",
]
epub_use_index = False
# Not in the EPUB: the site's favicon and the README's screenshot.
epub_exclude_files = ["_static/favicon.svg", "_static/screenshot.png"]
epub_tocdepth = 2
# The edition of the annotations (raise it for a new edition); EPUB 3 requires a version.
version = "1"

nitpicky = True

if os.environ.get("READTHEDOCS"):
    html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
