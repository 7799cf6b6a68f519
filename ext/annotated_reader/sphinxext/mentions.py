"""Mentions: the links from every form in a text to its entry, resolved where it is cheapest.

A text of the article has about 120 mentions.  As ``pending_xref`` nodes they would be
resolved in ``get_and_resolve_doctree``, which Sphinx runs in the main process even in a
parallel build (only the translation to HTML runs in the workers), so their resolution
was the largest serial cost of writing with ``-j 2``.  A mention is therefore a node of
its own, :class:`mention`, that the HTML translator turns into the link while it writes
the page (in the worker), from the domain's table of entries: the same ``<a>`` Sphinx
would write for the resolved cross-reference.

Builders that do not write pages one by one through the HTML translator (LaTeX, which
assembles one tree; single-page HTML, which rewrites its links afterwards; text, man …)
get the ``pending_xref`` they always had, from a post-transform that runs before Sphinx
resolves references, and so keep Sphinx's own resolution (and the LaTeX registers, see
:mod:`.latex`, which read those cross-references).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..core.annotations import Ref
from ..core.protocol import entry_id
from .domain import ObjectRecord, reader_domain
from .register_pages import pageless
from .upstream import depart_internal_reference, visit_internal_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

sphinx_logger = logging.getLogger(__name__)

PAGE_BUILDERS = frozenset({"html", "dirhtml", "epub"})
"""Builders whose HTML translator writes each page on its own (and may run in workers)."""


class mention(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """A form in a text that names an entry.

    Attributes: ``ar_kind`` (``term`` or ``actor``), ``reftype`` (``term`` or the actor
    type), ``reftarget`` (the term's headword or the actor's id), ``ar_id`` (the entry's id),
    ``ar_entry`` (``<kind>-<id>``, read by :mod:`.latex`) and ``ar_link`` (whether the
    page shows it as a link, see :mod:`..core.links`; the PDF links every mention).
    Its one child is an inline with the classes ``ar-mention``, ``ar-<type>`` and, for the
    first mention of the entry in its paragraph, ``ar-first``.
    """


ENTRY_ATTRIBUTE = "data-ar-entry"
"""The attribute by which a mention in the page names its entry, ``<kind>-<id>``: its card
is ``#ar-card-<kind>-<id>``."""


def make_mention(
    ref: Ref, type_: str, label: str, content: nodes.Node, docname: str, *, link: bool = True
) -> mention:
    """The node for one mention of the entry ``ref`` (of type ``type_``, headword ``label``)."""
    kind, id_ = ref.kind, ref.id
    node = mention("", "", content)
    node["ar_link"] = link
    node["ar_kind"] = kind
    node["reftype"] = "term" if kind == "term" else type_
    node["reftarget"] = label if kind == "term" else id_
    node["ar_id"] = id_
    node["ar_entry"] = entry_id(ref)
    node["refdoc"] = docname
    return node


def _as_pending_xref(node: mention) -> addnodes.pending_xref:
    if node["ar_kind"] == "term":
        xref = addnodes.pending_xref("", *node.children, refdomain="std", reftype="term")
    else:
        xref = addnodes.pending_xref("", *node.children, refdomain="ar", reftype=node["reftype"])
    xref["reftarget"] = node["reftarget"]
    xref["refexplicit"] = True
    xref["refdoc"] = node["refdoc"]
    xref["refwarn"] = True
    xref["ar_entry"] = node["ar_entry"]
    xref["ar_kind"], xref["ar_id"] = node["ar_kind"], node["ar_id"]  # for the PDF's registers
    xref.source, xref.line = node.source, node.line
    return xref


class MentionsAsCrossReferences(SphinxPostTransform):
    """For builders other than :data:`PAGE_BUILDERS`: each mention a ``pending_xref``.

    Registered only for those builders (see :func:`_add_cross_references`): a transform
    can name the builders it is for, not the ones it is not for, and its ``app`` (to ask
    the builder's name) is deprecated since Sphinx 9.
    """

    default_priority = 1  # before Sphinx resolves references (10) and the LaTeX registers (5)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(mention)):
            node.replace_self(_as_pending_xref(node))


def _target(translator: HTML5Translator, node: mention) -> ObjectRecord | None:
    domain = reader_domain(translator.builder.env)
    kind = node["ar_kind"]
    return domain.objects.get((kind, "term" if kind == "term" else node["reftype"], node["ar_id"]))


def visit_mention_html(self: HTML5Translator, node: mention) -> None:
    """A mention as ``<a …><span class="ar-mention ar-<type>" data-ar-entry="…">…</span></a>``.

    Without the link where the page shows the mention as plain text (see
    :mod:`..core.links`).  ``ar-first`` is for the PDF: the page does not use it.
    """
    record = _target(self, node)
    kind_key = (node["ar_kind"], "term" if node["ar_kind"] == "term" else node["reftype"])
    if record is None and kind_key not in pageless(self.builder.env):
        # The warning Sphinx gives for the cross-reference it could not resolve.
        if node["ar_kind"] == "term":
            message = self.builder.env.domains.standard_domain.dangling_warnings["term"] % {
                "target": node["reftarget"]
            }
        else:
            message = f"ar:{node['reftype']} reference target not found: {node['reftarget']}"
        sphinx_logger.warning(message, location=node, type="ref", subtype=node["reftype"])
    linked = record is not None and node.get("ar_link", True)
    if linked:
        assert record is not None
        # The link Sphinx writes for the resolved cross-reference; no title: the card shows the name.
        visit_internal_reference(self, node.parent, record.docname, record.node_id)
    (content,) = node.children
    classes = (
        [name for name in content["classes"] if name != "ar-first"]
        if isinstance(content, nodes.Element)
        else []
    )
    attributes = {ENTRY_ATTRIBUTE: node["ar_entry"]} if record is not None else {}
    self.body.append(self.starttag(nodes.inline(classes=classes), "span", "", **attributes))
    for child in content.children if isinstance(content, nodes.Element) else [content]:
        child.walkabout(self)
    self.body.append("</span>")
    if linked:
        depart_internal_reference(self, node.parent)
    raise nodes.SkipNode


def _unlink_copied_titles(app: Sphinx, doctree: nodes.document) -> None:
    # Sphinx copies section titles into the page's table of contents and title without
    # the cross-references in them (a link in a link); mentions go the same way.
    env = app.env
    docname = env.current_document.docname
    for tree in (env.tocs.get(docname), env.titles.get(docname), env.longtitles.get(docname)):
        for node in list(tree.findall(mention)) if tree is not None else []:
            node.replace_self(node.children)


def _add_cross_references(app: Sphinx) -> None:
    if app.builder.name not in PAGE_BUILDERS:
        app.add_post_transform(MentionsAsCrossReferences)


def setup_mentions(app: Sphinx) -> None:
    """Register the mention node, its HTML writing and the cross-references for the rest."""
    app.add_node(mention, html=(visit_mention_html, None))
    app.connect("builder-inited", _add_cross_references)
    app.connect("doctree-read", _unlink_copied_titles, priority=900)  # after Sphinx's collectors
