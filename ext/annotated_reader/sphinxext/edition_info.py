"""``{ar:edition-info}``: the imprint, from the edition's one description and the text files.

The edition (``annotated_reader_edition``: title, subtitle, editors, publisher, year, rights
of the annotations, description) and then every text, in the edition's order, with its
author, date, rights and provenance from its text file.  The texts are known only when all
are read, so the directive leaves a placeholder that is filled when the page is written,
like the list of texts (and re-written when a text changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..core.dates import format_period
from ..edition import Edition
from .config import reader_config
from .domain import TextRecord, reader_domain
from .locale import _
from .snippets import parse_markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class edition_info(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for the imprint, filled in at write time."""


class EditionInfoDirective(SphinxDirective):
    """``{ar:edition-info}``: the edition and its texts, with authors and rights."""

    def run(self) -> list[nodes.Node]:
        reader_domain(self.env).note_listing("texts")
        node = edition_info()
        self.set_source_info(node)
        return [node]


def _fields(rows: list[tuple[str, str, list[nodes.Node]]]) -> nodes.field_list:
    fields = nodes.field_list(classes=["ar-edition-info"])
    for key, label, content in rows:
        if content:
            body = nodes.field_body("", *content)
            fields += nodes.field("", nodes.field_name(text=label), body, classes=[f"ar-edition-{key}"])
    return fields


def _line(text: str) -> list[nodes.Node]:
    return [nodes.paragraph(text=text)] if text else []


def edition_fields(edition: Edition) -> nodes.field_list:
    """The edition's own fields."""
    return _fields(
        [
            ("title", _("Title"), _line(edition.title)),
            ("subtitle", _("Subtitle"), _line(edition.subtitle)),
            ("editors", _("Edited by"), _line(edition.author)),
            ("publisher", _("Published by"), _line(edition.publisher)),
            # Year, holder and what it covers (the annotations; each text's rights are below).
            ("copyright", _("Copyright"), _line(f"© {edition.copyright}" if edition.copyright else "")),
            ("description", _("Description"), _line(edition.description)),
        ]
    )


def _text_item(
    builder: Builder,
    fromdocname: str,
    docname: str,
    record: TextRecord,
    document: nodes.document,
    language: str,
) -> nodes.list_item:
    head = nodes.paragraph()
    head += make_refnode(builder, fromdocname, docname, "", nodes.strong(text=record.title))
    date = format_period(record.date, language) if record.date else ""
    markup = {
        key: parse_markup(value, document) if value else []
        for key, value in (
            ("rights", record.rights),
            ("provenance", record.provenance),
        )
    }
    fields = _fields(
        [
            ("author", _("Author"), _line(record.author)),
            ("date", _("Date"), _line(date)),
            ("rights", _("Rights"), markup["rights"]),
            ("provenance", _("Provenance"), markup["provenance"]),
        ]
    )
    return nodes.list_item("", head, *([fields] if fields.children else []))


def imprint(app: Sphinx, fromdocname: str, document: nodes.document) -> list[nodes.Node]:
    """The imprint: the edition's fields, then the texts."""
    edition = Edition.from_mapping(reader_config(app.config).edition)
    found: list[nodes.Node] = []
    if edition.title:
        found.append(edition_fields(edition))
    domain = reader_domain(app.env)
    language = app.config.language or "en"
    texts = nodes.bullet_list(classes=["ar-edition-texts"])
    for docname in domain.ordered_texts():
        texts += _text_item(app.builder, fromdocname, docname, domain.texts[docname], document, language)
    if texts.children:
        found.append(nodes.paragraph("", "", nodes.strong(text=_("Texts"))))
        found.append(texts)
    return found or [nodes.paragraph(text=_("No texts yet."))]


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(edition_info)):
        node.replace_self(imprint(app, docname, doctree))


def setup_edition_info(app: Sphinx) -> None:
    """Register the imprint directive and its filling at write time."""
    app.add_node(edition_info)
    app.add_directive_to_domain("ar", "edition-info", EditionInfoDirective)
    app.connect("doctree-resolved", _fill)
