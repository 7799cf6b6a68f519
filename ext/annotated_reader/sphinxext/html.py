"""The reader's stylesheet and script, shipped with the package (no CDN, no request).

The script needs a few strings and, on a text page, the text's title and date for
citations.  They are written into each page's head as JSON (``#ar-reader-data``) in the
page's language, so the script itself holds no language; a text page also gets the
``citation_*`` meta tags that reference managers read.
"""

from __future__ import annotations

import gettext
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from docutils import nodes
from markupsafe import escape
from sphinx import addnodes
from sphinx.locale import get_translator
from sphinx.writers.html5 import HTML5Translator

from ..core.dates import format_period
from .domain import reader_domain
from .locale import LOCALE_DIR, _
from .upstream import HTML_TITLE_VISITOR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
DATA_ID = "ar-reader-data"

UNUSED_ON_TEXT_PAGES = frozenset({"_static/pygments.css", "_static/styles/furo-extensions.css"})
"""Stylesheets a text page does not use (no code, no other extension's markup): 26 KB of
its weight."""


def write_static_files(target: Path) -> None:
    """The reader's stylesheet and script, minified into ``target``; the sources stay readable."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC_DIR.iterdir()):
        text = source.read_text("utf-8")
        if source.suffix == ".js":
            text = rjsmin.jsmin(text)
        elif source.suffix == ".css":
            text = rcssmin.cssmin(text)
        destination = target / source.name
        if not destination.exists() or destination.read_text("utf-8") != text:
            destination.write_text(text, "utf-8")


def _write_static_files(app: Sphinx, builder: Builder) -> None:
    # Before the pages are written: their links carry a checksum of each file as written.
    if builder.format == "html":
        write_static_files(Path(builder.outdir) / "_static")


def reader_data(app: Sphinx, pagename: str) -> dict[str, Any]:
    """What the script needs on page ``pagename``: strings, and the text if it is one."""
    data: dict[str, Any] = {
        "strings": {
            "cite": _("Copy a citation of paragraph %(paragraph)s"),
            "citation": _("%(title)s (%(date)s), ¶ %(paragraph)s, %(url)s"),
            "copied": _("Citation copied to the clipboard."),
            "copyThis": _("Copy this citation: %(citation)s"),
            "note": _("Note %(number)s"),
            "noteToggle": _("Show all of note %(number)s, with its sources"),
            "glossaryEntry": _("Glossary entry"),
            "registerEntry": _("Register entry"),
            "backToText": _("%(number)s: back to the text"),
        }
    }
    if pagename == "search":
        data["sphinx"] = search_translations(app.config.language or "en")
    record = reader_domain(app.env).texts.get(pagename)
    if record is not None:
        data["text"] = {
            "title": record.title,
            "date": format_period(record.date, app.config.language or "en"),
        }
    return data


# Sphinx's search script: its German catalog leaves this plural untranslated (the compiled
# catalog holds the English, so ours cannot be a mere fallback here), and the catalog's
# plural expression gives true/false where the script indexes with 0/1, so the search page
# fails after the search.  The page gets our translation, and the script fixes the index.
SEARCH_PLURALS = [
    (
        "Search finished, found one page matching the search query.",
        "Search finished, found ${resultCount} pages matching the search query.",
    ),
]


def search_translations(language: str) -> dict[str, list[str]]:
    """Singular msgid -> [singular, plural] in ``language``, for searchtools.js."""
    translator = gettext.translation("sphinx", LOCALE_DIR, languages=[language], fallback=True)
    translator.add_fallback(get_translator())
    return {
        singular: [translator.ngettext(singular, plural, 1), translator.ngettext(singular, plural, 2)]
        for singular, plural in SEARCH_PLURALS
    }


def _script_json(data: dict[str, Any]) -> str:
    # "<" escaped, so no "</script>" or "<!--" can end the element early.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _citation_meta(app: Sphinx, pagename: str) -> str:
    record = reader_domain(app.env).texts.get(pagename)
    if record is None:
        return ""
    tags = [("citation_title", record.title)]
    if record.date:
        # Highwire Press style (Zotero, Google Scholar): YYYY/MM/DD, as far as known.
        tags.append(("citation_publication_date", record.date.partition("/")[0].replace("-", "/")))
    if record.language:
        tags.append(("citation_language", record.language))
    return "".join(f'<meta name="{name}" content="{escape(value)}">\n' for name, value in tags)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    if pagename in reader_domain(app.env).texts and "css_files" in context:
        context["css_files"] = [
            css
            for css in context["css_files"]
            if os.fspath(getattr(css, "filename", css)).replace(os.sep, "/") not in UNUSED_ON_TEXT_PAGES
        ]
    head = _citation_meta(app, pagename)
    head += f'<script type="application/json" id="{DATA_ID}">{_script_json(reader_data(app, pagename))}</script>\n'
    context["metatags"] = context.get("metatags", "") + head


def visit_title(self: HTML5Translator, node: nodes.title) -> None:
    """Sphinx's title, with ``aria-level`` on a toctree caption's ``role="heading"``.

    ARIA requires the level on a heading role (axe: aria-required-attr, critical); Sphinx
    writes ``<p class="caption" role="heading">`` without it.  The captions head the
    navigation's sections, under the page's one ``h1``: level 2.
    """
    HTML_TITLE_VISITOR[0](self, node)
    if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
        for index in range(len(self.body) - 1, -1, -1):
            if 'role="heading"' in self.body[index]:
                self.body[index] = self.body[index].replace('role="heading"', 'role="heading" aria-level="2"')
                break


def setup_html(app: Sphinx) -> None:
    """Add the reader's CSS and JavaScript, and the data the script reads, to every HTML page."""
    app.connect("write-started", _write_static_files)
    app.connect("html-page-context", _page_context)
    app.add_node(nodes.title, override=True, html=(visit_title, HTML_TITLE_VISITOR[1]))
    app.add_css_file("annotated-reader.css")
    app.add_js_file("annotated-reader.js", loading_method="defer")
