"""Remarks on registry entries that hold for one text: on that text's cards and in the register.

A registry's description holds for every text; what only one text needs said of an entry
(how it uses a name, say) is a remark in that text's file (``remarks``).
"""

from __future__ import annotations

from docutils import nodes

from .locale import _
from .snippets import parse_markup

REMARK_CLASS = "ar-remark"
"""A remark on an entry that holds for one text (on its cards and in the register)."""


def remark_inlines(markup: str, document: nodes.document) -> list[nodes.Node]:
    """A text's remark on an entry as inline nodes (paragraphs joined by a space)."""
    inlines: list[nodes.Node] = []
    for block in parse_markup(markup, document):
        if inlines:
            inlines.append(nodes.Text(" "))
        inlines.extend(block.children if isinstance(block, nodes.paragraph) else [block])
    return inlines


def remark_block(markup: str, document: nodes.document) -> nodes.paragraph:
    """The paragraph "In diesem Text: …" of a card."""
    paragraph = nodes.paragraph(classes=[REMARK_CLASS])
    paragraph += nodes.strong(text=_("In this text:"))
    paragraph += nodes.Text(" ")
    paragraph.extend(remark_inlines(markup, document))
    return paragraph
