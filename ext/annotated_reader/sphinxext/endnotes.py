"""The heading of a text page's notes: "Notes" above the footnotes at the end of the text.

MyST collects a page's footnotes at its end.  On narrow screens, without script, in print
and in the EPUB they are the notes, and the heading says what they are (and gives screen
readers a landmark to jump to).  On wide screens the script sets the same notes beside
their lines, and the heading is only for screen readers.  The PDF sets notes as
footnotes on their pages and has no such heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NOTES_ID = "ar-notes"
"""The id of the heading (the page's own ids start with ``ar-``, see :mod:`..core.render`)."""


class notes_heading(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The heading of the notes; put at the end of a text page, before its footnotes."""


def visit_html(self: HTML5Translator, node: notes_heading) -> None:
    self.body.append(f'<h2 class="ar-notes-heading" id="{NOTES_ID}">{self.encode(_("Notes"))}</h2>\n')
    raise nodes.SkipNode


MARK_TEXT_CLASS = "ar-mark-text"


def visit_footnote_reference(self: HTML5Translator, node: nodes.footnote_reference) -> None:
    """A note mark whose number the stylesheet shows, so that copying the text leaves it out.

    ``<a class="footnote-reference …" data-note="3" aria-label="Anmerkung 3">`` holds
    ``<span class="ar-mark-text">[3]</span>``, which shows only without the stylesheet;
    with it, the number is generated content (``attr(data-note)``), which a selection of
    the text does not include (``user-select: none`` would, in Chromium, also end a triple
    click's selection at the mark).  A number of two or more digits gets ``ar-mark-wide``:
    the mark's 24 px target reaches less far into the space after it.  The EPUB keeps
    Sphinx's mark.
    """
    if self.builder.name.startswith("epub"):
        HTML5Translator.visit_footnote_reference(self, node)
        return
    number = node.astext()
    classes = ["footnote-reference", self.settings.footnote_references]
    if len(number) > 1:
        classes.append("ar-mark-wide")
    attributes: dict[str, Any] = {
        "aria-label": _("Note %(number)s") % {"number": number},
        "data-note": number,
    }
    self.body.append(
        self.starttag(
            node, "a", suffix="", classes=classes, role="doc-noteref", href="#" + node["refid"], **attributes
        )
    )
    self.body.append(f'<span class="{MARK_TEXT_CLASS}">[')


def depart_footnote_reference(self: HTML5Translator, node: nodes.footnote_reference) -> None:
    if self.builder.name.startswith("epub"):
        HTML5Translator.depart_footnote_reference(self, node)
        return
    self.body.append("]</span></a>")


def _plain_label(self: HTML5Translator, node: nodes.label) -> bool:
    # A footnote's number with one back link, on a web page (the EPUB keeps Sphinx's).
    return (
        not self.builder.name.startswith("epub")
        and isinstance(node.parent, nodes.footnote)
        and bool(self.settings.footnote_backlinks)
        and len(node.parent.get("backrefs", [])) == 1
    )


def visit_label(self: HTML5Translator, node: nodes.label) -> None:
    """A note's number as its link back to the mark, without the brackets the page hides."""
    if not _plain_label(self, node):
        HTML5Translator.visit_label(self, node)
        return
    self.body.append(f'<span class="label"><a role="doc-backlink" href="#{node.parent["backrefs"][0]}">')


def depart_label(self: HTML5Translator, node: nodes.label) -> None:
    if not _plain_label(self, node):
        HTML5Translator.depart_label(self, node)
        return
    self.body.append("</a></span>\n")


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
    app.add_node(nodes.label, override=True, html=(visit_label, depart_label))
    app.add_node(
        nodes.footnote_reference,
        override=True,
        html=(visit_footnote_reference, depart_footnote_reference),
    )
