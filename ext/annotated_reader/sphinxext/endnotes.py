"""The heading of a text page's notes: "Notes" above the footnotes at the end of the text.

MyST collects a page's footnotes at its end.  On narrow screens, without script, in print
and in the EPUB they are the notes, and the heading says what they are (and gives screen
readers a landmark to jump to).  On wide screens the script sets the same notes beside
their lines, and the heading is only for screen readers.  The PDF sets notes as
footnotes on their pages and has no such heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .locale import _

from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NOTES_ID = "ar-notes"
"""The id of the heading (the page's own ids start with ``ar-``, see :mod:`..core.render`)."""


class notes_heading(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The heading of the notes; put at the end of a text page, before its footnotes."""


def visit_html(self: HTML5Translator, node: notes_heading) -> None:
    self.body.append(f'<h2 class="ar-notes-heading" id="{NOTES_ID}">{self.encode(_("Notes"))}</h2>\n')
    raise nodes.SkipNode


def visit_footnote_reference(self: HTML5Translator, node: nodes.footnote_reference) -> None:
    """Sphinx's note mark, with ``ar-mark-wide`` on a number of two or more digits.

    The stylesheet gives every mark a 24 px target that reaches into the space after it
    without moving the next word; how far depends on the width of the number.
    """
    if len(node.astext()) > 1:
        node["classes"].append("ar-mark-wide")
    HTML5Translator.visit_footnote_reference(self, node)


def skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_endnotes(app: Sphinx) -> None:
    """Register the heading (HTML and EPUB only) and the marks' HTML."""
    app.add_node(
        notes_heading,
        html=(visit_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(
        nodes.footnote_reference,
        override=True,
        html=(visit_footnote_reference, HTML5Translator.depart_footnote_reference),
    )
