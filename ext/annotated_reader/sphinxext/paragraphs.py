"""Paragraph numbers: a stable id (``p3``) and a visible, citable number on every paragraph.

HTML shows ``¶ 3`` as a permalink to the paragraph; LaTeX sets the number in the margin
and labels the place, so that a citation "¶ 3" finds the same paragraph in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class paragraph_number(nodes.Inline, nodes.Element):  # noqa: N801 - docutils naming
    """The number of the paragraph it opens; ``number`` and ``refid`` attributes."""


def visit_html(self: HTML5Translator, node: paragraph_number) -> None:
    label = _("Paragraph %s") % node["number"]
    self.body.append(
        f'<a class="ar-pnum" href="#{node["refid"]}" aria-label="{self.attval(label)}">'
        f'<span aria-hidden="true">¶\u00a0</span>{self.encode(node["number"])}</a>'
    )
    raise nodes.SkipNode


def visit_latex(self: LaTeXTranslator, node: paragraph_number) -> None:
    # The label (document:p3) makes the paragraph a target, as its id is in HTML.
    self.body.append(
        r"\sphinxARparnum{" + self.encode(node["number"]) + "}" + self.hypertarget(node["refid"])
    )
    raise nodes.SkipNode


def visit_text(self: TextTranslator, node: paragraph_number) -> None:
    self.add_text(f"[{node['number']}] ")
    raise nodes.SkipNode


def skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_paragraphs(app: Sphinx) -> None:
    """Register the node with a rendering for each output format."""
    app.add_node(
        paragraph_number,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_text, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
