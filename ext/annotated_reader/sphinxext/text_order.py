"""One order of the texts in every output (``annotated_reader_text_order``).

The list of texts, the navigation, Zurück/Weiter and the EPUB's spine take the texts from
:meth:`.domain.ReaderDomain.ordered_texts`, which applies the setting (see
:mod:`..core.text_order`).  The PDF's chapters come from the book's toctree, whose glob
(``texts/*``) lists files by name: when the LaTeX builder has put the book together, the
texts are put into the same order here (``doctree-resolved`` on the assembled tree).  Only
texts that stand side by side change places, so the book's other chapters stay where the
toctree puts them, whatever the toctree looks like.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..core.text_order import TextKey, order_texts, text_id
from .config import reader_config
from .domain import reader_domain
from .report import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def order_chapters(tree: nodes.Node, order: list[str]) -> None:
    """Put the texts included into ``tree`` (``start_of_file`` nodes) into ``order``.

    Each run of consecutive texts keeps its place in the tree; within it, the texts follow
    ``order``.  Other included documents do not move.
    """
    rank = {docname: index for index, docname in enumerate(order)}
    parents: dict[int, nodes.Element] = {}
    for node in tree.findall(addnodes.start_of_file):
        if node.get("docname") in rank and node.parent is not None:
            parents.setdefault(id(node.parent), node.parent)
    for parent in parents.values():
        children = parent.children
        index = 0
        while index < len(children):
            end = index
            while end < len(children) and _text_of(children[end], rank):
                end += 1
            if end - index > 1:
                run = sorted(children[index:end], key=lambda child: rank[_text_of(child, rank)])
                children[index:end] = run
            index = max(end, index + 1)


def _text_of(node: nodes.Node, rank: dict[str, int]) -> str:
    if isinstance(node, addnodes.start_of_file) and node.get("docname") in rank:
        return str(node["docname"])
    return ""


def _order_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    roots = {str(document[0]) for document in app.config.latex_documents}
    if docname in roots:
        order_chapters(doctree, reader_domain(app.env).ordered_texts())


def _check_order(app: Sphinx, env: BuildEnvironment) -> None:
    """Name the ids of ``annotated_reader_text_order`` that are no text's."""
    order = reader_config(env.config).text_order
    if isinstance(order, str):
        return
    texts = reader_domain(env).texts
    _ordered, unknown = order_texts({docname: TextKey("", "") for docname in texts}, order)
    known = ", ".join(sorted(text_id(docname) for docname in texts))
    for name in unknown:
        logger.warning(
            "annotated_reader_text_order names %r, which is no text of the edition (the texts: %s)",
            name,
            known or "none",
            type=WARNING_TYPE,
            subtype="config",
            location=f"{Path(app.confdir or app.srcdir) / 'conf.py'}:1",
        )


def setup_text_order(app: Sphinx) -> None:
    """Order the PDF's chapters as the other outputs; check the setting's ids."""
    app.connect("doctree-resolved", _order_book)
    app.connect("env-check-consistency", _check_order)
