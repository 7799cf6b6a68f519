"""Cards: the definition or description of each entry a page mentions, for hover and tap.

``{ar:cards}`` lists the entries (``actor putin``); each becomes a hidden card in the page
with name, type, definition or description (with its markup) and a link to the register
entry.  Cards are built at build time and shipped in the page: reading needs no request.
Script (see :mod:`.html`) shows a card next to a mention on hover, focus or tap; without
script the mention is still a link to the entry.  Only HTML shows cards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.annotations import Ref
from ..core.protocol import card_id
from .config import reader_config
from .locale import _
from .page_text import current_text
from .registries import build_registries
from .remarks import remark_block
from .snippets import parse_markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


MORE_CLASS = "ar-card-more"
"""The paragraph with the card's link to the entry."""
MORE_ATTRIBUTE = "data-ar-more"
"""The card's link to the entry in the page (the script builds the paragraph from it)."""


class cards(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The hidden container of a page's cards."""


class card(nodes.General, nodes.Element):  # noqa: N801
    """One card; its ``ids`` are ``ar-card-<kind>-<id>``."""


class CardsDirective(SphinxDirective):
    """``{ar:cards}``: one line ``term <id>`` or ``actor <id>`` per card."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        loaded = build_registries(self.env)
        types = reader_config(self.config).actor_types
        # Not in the search index: a card repeats its register entry on every page that
        # mentions it, so its words would make each of those pages a hit (and they were
        # most of the words the search index stemmed).  Its HTML does not show the class.
        container = cards(classes=["no-search"])
        text = current_text(self.env)
        for line in self.content:
            kind, _sep, id_ = line.strip().partition(" ")
            if kind not in ("term", "actor"):
                continue
            ref = Ref(kind, id_)  # type: ignore[arg-type]
            entry = loaded.registry.entries.get(ref)
            if entry is None:
                continue
            node = card(ids=[card_id(ref)])
            head = nodes.paragraph(classes=["ar-card-head"])
            head += nodes.strong(text=entry.label)
            if entry.abbreviation:
                head += nodes.Text(f" ({entry.abbreviation})")
            type_label = (
                _("Term") if kind == "term" else _(types.get(entry.type, {}).get("label", entry.type))
            )
            head += nodes.Text(" ")
            head += nodes.inline(text=type_label, classes=["ar-card-type"])
            node += head
            node.extend(parse_markup(loaded.markup(entry), self.state.document))
            remark = text.remarks.get(ref) if text is not None else None
            if remark is not None:
                node += remark_block(remark, self.state.document)
            more = nodes.paragraph(classes=[MORE_CLASS])
            link_text = nodes.inline(text=_("Glossary entry") if kind == "term" else _("Register entry"))
            if kind == "term":
                xref = addnodes.pending_xref(
                    "", link_text, refdomain="std", reftype="term", reftarget=entry.label
                )
            else:
                xref = addnodes.pending_xref(
                    "", link_text, refdomain="ar", reftype=entry.type, reftarget=ref.id
                )
            xref["refexplicit"] = True
            xref["refdoc"] = self.env.docname
            more += xref
            node += more
            container += node
        return [container] if container.children else []


def visit_cards_html(self: HTML5Translator, node: cards) -> None:
    if self.builder.name.startswith("epub"):
        raise nodes.SkipNode
    self.body.append('<div class="ar-cards" hidden>')


def depart_cards_html(self: HTML5Translator, node: cards) -> None:
    self.body.append("</div>")


def visit_card_html(self: HTML5Translator, node: card) -> None:
    """The card; its link to the entry as ``data-ar-more``, which the script shows.

    A page carries a card for every entry it mentions; the link's markup, the same on each,
    would be a quarter of their weight.  The card is the mention's description for screen
    readers, who have the mention's own link to the entry.
    """
    more = next(
        (
            child
            for child in node.children
            if isinstance(child, nodes.paragraph) and MORE_CLASS in child["classes"]
        ),
        None,
    )
    reference = more.next_node(nodes.reference) if more is not None else None
    attributes: dict[str, Any] = {}
    if reference is not None:
        attributes[MORE_ATTRIBUTE] = reference.get("refuri") or "#" + reference.get("refid", "")
    self.body.append(self.starttag(node, "div", CLASS="ar-card", **attributes))
    for child in node.children:
        if child is not more or reference is None:
            child.walkabout(self)
    self.body.append("</div>")
    raise nodes.SkipNode


def skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_cards(app: Sphinx) -> None:
    """Register the nodes (HTML only) and the directive."""
    hidden = (skip, None)
    app.add_node(
        cards,
        html=(visit_cards_html, depart_cards_html),
        latex=hidden,
        text=hidden,
        man=hidden,
        texinfo=hidden,
    )
    app.add_node(card, html=(visit_card_html, None), latex=hidden, text=hidden, man=hidden, texinfo=hidden)
    app.add_directive_to_domain("ar", "cards", CardsDirective)
