"""EPUB: a reading edition, with the notes e-readers can show as pop-ups.

* **The reading pages only.**  ``annotated_reader_epub_pages`` lists, in reading order,
  the pages of the EPUB (glob patterns of document names); the texts are always in it, in
  the order of the list of texts, at the first pattern that matches one of them (or right
  after the start page).  Every other page (a contributors' guide, a benchmark) is left
  out: not written, not in the spine or the tables of contents, its entries dropped from
  the toctrees, and a link to it printed as its text.  Without the setting, the EPUB has
  every page, as Sphinx makes it, with the texts after the start page.
* **Notes.**  A note mark is a superscript number without brackets, a link with
  ``epub:type="noteref"``; the note is an ``<aside epub:type="footnote">`` whose number
  links back to the mark: readers that show notes as pop-ups (Apple Books, Kobo) do.
* **German throughout**: the tables of contents are titled from the extension's catalog
  (Sphinx writes "Table of Contents" whatever the language), and ``dc:description``,
  when the project gives none (Sphinx writes "unknown"), is the start page's first
  paragraph.
* The site's stylesheet is written for browsers (``:has()``, hover cards, fixed
  elements); e-readers and epubcheck reject parts of it.  The EPUB gets its own
  stylesheet of the same name (``epub/annotated-reader.css``).
* Inline SVG icons (sphinx-design's) are decoration and would need a manifest property
  Sphinx does not write; epubcheck fails on them, so the EPUB drops them.
* The project's templates (``templates_path``) adapt the site's theme; the EPUB has a
  theme of its own (``epub_theme``), which they would break, so it does without them
  (the extension's own, which check each page, stay).
* One viewport tag: docutils' HTML writer adds one to every page, the theme another.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Set as AbstractSet
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .config import reader_config
from .domain import reader_domain
from .locale import _
from .pagecheck import TEMPLATES_DIR
from .report import WARNING_TYPE
from .upstream import EPUB_BUILDER

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

EPUB_STATIC_DIR = Path(__file__).resolve().parent.parent / "epub"
SPHINX_DEFAULT_DESCRIPTION = "unknown"
"""What Sphinx writes into ``dc:description`` when ``epub_description`` is not set."""


def reading_order(env: BuildEnvironment) -> list[str] | None:
    """The documents of the EPUB in reading order, or ``None`` for all of them (Sphinx's way).

    The start page, then every document matched by ``annotated_reader_epub_pages``, pattern
    by pattern (several matches of one pattern by name); the texts in the order of the list
    of texts, where the first pattern matching a text stands, or after the start page.
    """
    patterns = reader_config(env.config).epub_pages
    if not patterns:
        return None
    root = env.config.root_doc
    texts = reader_domain(env).ordered_texts()
    others = sorted(docname for docname in env.found_docs if docname not in texts and docname != root)
    order: dict[str, None] = {root: None}
    for pattern in patterns:
        if any(fnmatchcase(text, pattern) for text in texts):
            order.update(dict.fromkeys(texts))
        order.update(dict.fromkeys(docname for docname in others if fnmatchcase(docname, pattern)))
    if not any(text in order for text in texts):
        order = {root: None, **dict.fromkeys(texts), **order}
    return list(order)


def _check_patterns(app: Sphinx, env: BuildEnvironment) -> None:
    if not app.builder.name.startswith("epub"):
        return
    docnames = [*env.found_docs, *reader_domain(env).texts]
    for pattern in reader_config(env.config).epub_pages:
        if not any(fnmatchcase(docname, pattern) for docname in docnames):
            logger.warning(
                "annotated_reader_epub_pages: %r matches no page",
                pattern,
                type=WARNING_TYPE,
                subtype="config",
                location="conf.py",
            )


EPUB_TYPE_NOTEREF: dict[str, Any] = {"epub:type": "noteref"}
EPUB_TYPE_FOOTNOTE: dict[str, Any] = {"epub:type": "footnote"}


class ReaderEpubTranslator(HTML5Translator):
    """Sphinx's HTML writer, with notes as EPUB 3 notes and one viewport tag."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self.meta = [tag for tag in self.meta if 'name="viewport"' not in tag]

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        self.body.append(
            self.starttag(
                node,
                "a",
                suffix="",
                CLASS="footnote-reference",
                href="#" + node["refid"],
                role="doc-noteref",
                **EPUB_TYPE_NOTEREF,
            )
        )
        self.body.append("<sup>")

    def depart_footnote_reference(self, node: nodes.Element) -> None:
        self.body.append("</sup></a>")

    def visit_footnote(self, node: nodes.Element) -> None:
        if not isinstance(node.previous_sibling(), nodes.footnote):
            self.body.append('<div class="footnote-list">\n')
        self.body.append(
            self.starttag(node, "aside", CLASS="footnote", role="doc-footnote", **EPUB_TYPE_FOOTNOTE)
        )

    def depart_footnote(self, node: nodes.Element) -> None:
        self.body.append("</aside>\n")
        if not isinstance(node.next_node(descend=False, siblings=True), nodes.footnote):
            self.body.append("</div>\n")

    def visit_label(self, node: nodes.label) -> None:
        if not isinstance(node.parent, nodes.footnote):
            super().visit_label(node)
            return
        # The number, linked back to the mark; several marks: the number, then a link to each.
        backrefs: list[str] = node.parent.get("backrefs", [])
        self.body.append('<span class="label">')
        if len(backrefs) == 1:
            self.body.append(f'<a role="doc-backlink" href="#{html.escape(backrefs[0])}">')
        self.body.append(self.encode(node.astext()))
        if len(backrefs) == 1:
            self.body.append("</a>")
        elif backrefs:
            links = ", ".join(
                f'<a role="doc-backlink" href="#{html.escape(ref)}">{number}</a>'
                for number, ref in enumerate(backrefs, start=1)
            )
            self.body.append(f' <span class="backrefs">({links})</span>')
        self.body.append("</span>\n")
        raise nodes.SkipNode


class ReaderEpubBuilder(EPUB_BUILDER):
    """Sphinx's EPUB 3 builder: the reading pages in the reading order, German labels."""

    default_translator_class = ReaderEpubTranslator

    def init(self) -> None:
        super().init()
        self.guide_titles = {"toc": str(_("Contents")), "cover": str(_("Cover"))}
        order = reading_order(self.env)
        self.book: list[str] | None = order
        if order is not None:
            self.use_index = False

    def in_book(self, docname: str) -> bool:
        return self.book is None or docname in self.book

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

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        self.book = reading_order(self.env)  # the texts are known now
        super().prepare_writing(docnames)
        if self.book is not None:
            self.domain_indices = []  # the registers are pages of the book

    def write_documents(self, docnames: AbstractSet[str]) -> None:
        super().write_documents({docname for docname in docnames if self.in_book(docname)})

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        super().toc_add_files(refnodes)
        if self.book is None:
            self._add_texts(refnodes)
            return
        refnodes[:] = [node for docname in self.book for node in self._toc_entries(docname)]

    def _add_texts(self, refnodes: list[dict[str, Any]]) -> None:
        # Texts are not in the site's toctree: they follow the start page.
        listed = {node["refuri"] for node in refnodes}
        position = len(self.config.epub_pre_files) + 1
        for docname in reader_domain(self.env).ordered_texts():
            entry = self._toc_entries(docname)[0]
            if entry["refuri"] not in listed:
                refnodes.insert(position, entry)
                position += 1

    def _toc_entries(self, docname: str) -> list[dict[str, Any]]:
        """The document, then its sections (for a table of contents two levels deep)."""
        refuri = docname + self.out_suffix
        title = self.env.titles[docname].astext() if docname in self.env.titles else docname
        entries = [{"level": 1, "refuri": html.escape(refuri), "text": html.escape(title)}]
        toc = self.env.tocs.get(docname)
        top = next(iter(toc.findall(nodes.bullet_list)), None) if toc is not None else None
        first = top[0] if top is not None and top.children else None
        sections = (
            next((child for child in first.children if isinstance(child, nodes.bullet_list)), None)
            if isinstance(first, nodes.Element)
            else None
        )
        for item in sections.children if sections is not None else []:
            reference = next(iter(item.findall(nodes.reference)), None)
            if reference is not None and reference.get("anchorname"):
                entries.append(
                    {
                        "level": 2,
                        "refuri": html.escape(refuri + reference["anchorname"]),
                        "text": html.escape(reference.astext()),
                    }
                )
        return entries

    def handle_finish(self) -> None:
        if self.book is not None:
            # A page of an earlier build that is no longer in the book must not be packed.
            for docname in self.env.found_docs:
                stale = Path(self.outdir, docname + self.out_suffix)
                if not self.in_book(docname) and stale.is_file():
                    stale.unlink()
        super().handle_finish()

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        if self.config.epub_description == SPHINX_DEFAULT_DESCRIPTION:
            metadata["description"] = html.escape(self._start_page_summary())
        return metadata

    def _start_page_summary(self) -> str:
        doctree = self.env.get_doctree(self.config.root_doc)
        paragraph = next(iter(doctree.findall(nodes.paragraph)), None)
        return " ".join(paragraph.astext().split()) if paragraph is not None else ""


def _prune_for_the_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Toctree entries and links to pages outside the book: dropped, and printed as text."""
    builder = app.builder
    if not isinstance(builder, ReaderEpubBuilder) or builder.book is None:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        toctree["entries"] = [(title, ref) for title, ref in toctree["entries"] if builder.in_book(ref)]
        toctree["includefiles"] = [ref for ref in toctree["includefiles"] if builder.in_book(ref)]
        if not toctree["entries"] and toctree.parent is not None:
            wrapper = toctree.parent
            wrapper.remove(toctree)
            if isinstance(wrapper, nodes.compound) and not wrapper.children and wrapper.parent is not None:
                wrapper.parent.remove(wrapper)
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        if not reference.get("internal") or not uri or uri.startswith("#"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), uri.split("#")[0]))
        target = target.removesuffix(builder.out_suffix)
        if target in app.env.found_docs and not builder.in_book(target) and reference.parent is not None:
            reference.replace_self(nodes.inline("", "", *reference.children))


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
    """Replace the EPUB builder; give the EPUB its stylesheet and its pages; drop inline SVG."""
    app.add_builder(ReaderEpubBuilder, override=True)
    app.connect("builder-inited", _use_epub_stylesheet)
    app.connect("env-check-consistency", _check_patterns)
    app.connect("doctree-resolved", _drop_inline_svg)
    app.connect("doctree-resolved", _prune_for_the_book, priority=900)
