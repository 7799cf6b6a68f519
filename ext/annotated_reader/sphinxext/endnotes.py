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

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

NOTES_ID = "ar-notes"
"""The id of the heading (the page's own ids start with ``ar-``, see :mod:`..core.render`)."""


class notes_heading(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The heading of the notes; put at the end of a text page, before its footnotes."""


def visit_html(self: HTML5Translator, node: notes_heading) -> None:
    self.body.append(f'<h2 class="ar-notes-heading" id="{NOTES_ID}">{self.encode(_("Notes"))}</h2>\n')
    raise nodes.SkipNode


def skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_endnotes(app: Sphinx) -> None:
    """Register the heading: HTML and EPUB only."""
    app.add_node(
        notes_heading,
        html=(visit_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
