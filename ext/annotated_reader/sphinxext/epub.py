"""EPUB: the texts in the reading order, an e-reader stylesheet, no inline SVG.

* Texts are not in the site's toctree (see ``docs/index.md``), so Sphinx's EPUB builder
  would put them in the spine as non-linear pages: a reader paging through the book would
  never reach them.  :class:`ReaderEpubBuilder` lists them right after the start page, in
  the order of the list of texts, in the spine and in both tables of contents.
* The site's stylesheet is written for browsers (``:has()``, hover cards, fixed
  elements); e-readers and epubcheck reject parts of it.  The EPUB gets its own
  stylesheet of the same name (``epub/annotated-reader.css``).
* Inline SVG icons (sphinx-design's) are decoration and would need a manifest property
  Sphinx does not write; epubcheck fails on them, so the EPUB drops them.
* The project's templates (``templates_path``) adapt the site's theme; the EPUB has a
  theme of its own (``epub_theme``), which they would break, so it does without them
  (the extension's own, which check each page, stay).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

from .domain import reader_domain
from .pagecheck import TEMPLATES_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EPUB_STATIC_DIR = Path(__file__).resolve().parent.parent / "epub"


class ReaderEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the texts in the reading order."""

    def init_templates(self) -> None:
        # A site's page.html may extend its theme's base.html (furo's), which the EPUB's
        # theme does not have: the EPUB renders with its theme's templates alone.
        # The extension's own templates stay (the page check's, see .pagecheck).
        site_templates = self.config.templates_path
        self.config.templates_path = [path for path in site_templates if str(path) == str(TEMPLATES_DIR)]
        try:
            super().init_templates()
        finally:
            self.config.templates_path = site_templates

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        super().toc_add_files(refnodes)
        listed = {node["refuri"] for node in refnodes}
        domain = reader_domain(self.env)
        # After the start page, which Sphinx puts after the epub_pre_files.
        position = len(self.config.epub_pre_files) + 1
        for docname in domain.ordered_texts():
            refuri = html.escape(docname + self.out_suffix)
            if refuri in listed:
                continue
            title = html.escape(domain.texts[docname].title)
            refnodes.insert(position, {"level": 1, "refuri": refuri, "text": title})
            position += 1


def _use_epub_stylesheet(app: Sphinx) -> None:
    # Later entries of html_static_path overwrite earlier files of the same name.
    if app.builder.name.startswith("epub"):
        app.config.html_static_path.append(str(EPUB_STATIC_DIR))


def _drop_inline_svg(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not app.builder.name.startswith("epub"):
        return
    for node in list(doctree.findall(nodes.Element)):
        svg = node.get("svg", "")
        is_raw_svg = isinstance(node, nodes.raw) and "<svg" in node.astext()
        if (isinstance(svg, str) and svg.lstrip().startswith("<svg")) or is_raw_svg:
            node.parent.remove(node)


def setup_epub(app: Sphinx) -> None:
    """Replace the EPUB builder; give the EPUB its stylesheet; drop inline SVG."""
    app.add_builder(ReaderEpubBuilder, override=True)
    app.connect("builder-inited", _use_epub_stylesheet)
    app.connect("doctree-resolved", _drop_inline_svg)
