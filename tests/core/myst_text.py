"""Read generated MyST back with MyST-Parser's docutils renderer (no Sphinx), as text."""

from __future__ import annotations

from annotated_reader.core.markup import DIALECT
from docutils import nodes
from myst_parser.mdit_to_docutils.base import DocutilsRenderer, make_document
from myst_parser.parsers.mdit import create_md_parser


def parse(text: str) -> nodes.document:
    document = make_document("generated.md")
    document.settings.myst_suppress_warnings = ["directive_unknown"]
    document.settings.report_level = 4
    parser = create_md_parser(DIALECT, DocutilsRenderer)
    parser.options["document"] = document
    parser.render(text)
    return document


MARKUP_NODES = (
    nodes.system_message,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.substitution_definition,
    nodes.literal_block,
    nodes.transition,
)


def blocks(text: str) -> list[str]:
    """The text of each title and paragraph, markup stripped (footnotes and their marks too)."""
    document = parse(text)
    for node in list(document.findall(lambda n: isinstance(n, MARKUP_NODES))):
        if node.parent is not None:
            node.parent.remove(node)
    return [
        node.astext() for node in document.findall(lambda n: isinstance(n, (nodes.title, nodes.paragraph)))
    ]
