"""Text pages: a Sphinx source parser for ``*.text.yaml`` files.

Each text file is a source document.  Parsing it runs the pure core (load, locate,
render MyST) and hands the MyST to MyST-Parser in the fixed :data:`~..core.markup.DIALECT`.
Then the page's own constructs become Sphinx nodes: mention spans become cross-references
(to the glossary through the standard ``term`` role, to actors through the ``ar`` domain),
each paragraph gets its anchor and number, and what the text contributes to other pages is recorded
in the domain.  The seed and the registry files are noted as dependencies, so an edit to
any of them re-reads exactly the pages that use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser

from ..core import pipeline
from ..core.annotate import AnnotatedText, Mention
from ..core.annotations import Entry, Ref
from ..core.links import Candidate, choose_links
from ..core.markup import escape
from ..core.pipeline import TextResult
from ..core.protocol import PARAGRAPH_CLASS, note_label, parse_block_key, parse_mention_key
from ..core.render import render_myst
from ..core.seed import Block
from .config import reader_config
from .domain import MentionRecord, reader_domain
from .endnotes import notes_heading
from .events import emit_mentions_linked, emit_text_read
from .locale import _
from .mentions import make_mention
from .notes import complete_notes
from .page_text import CURRENT_TEXT
from .paragraphs import paragraph_number
from .registries import TEXT_SUFFIX, build_registries
from .replace import replace_nodes
from .report import report
from .upstream import render_into

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class AnnotatedTextParser(MystParser):
    """Parses ``*.text.yaml``: the text file of one text of the edition."""

    supported = ("annotated-text",)  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        docname = env.current_document.docname
        path = Path(env.doc2path(docname))
        # No typographic replacements on a text page: every character stays as written.
        document.settings = document.settings.copy()
        document.settings.smart_quotes = False

        result = build_text(path, inputstring, env)
        report(result.problems)
        text = result.text
        if text is None:
            if result.failure is not None:
                reader_domain(env).unreadable[docname] = result.failure
            # Still a page (so links to it and the build go on), saying why it is empty.
            render_into(
                document,
                f"# {escape(path.name)}\n\n{escape(_('This text cannot be shown: see the warnings of the build.'))}\n",
            )
            return
        env.current_document[CURRENT_TEXT] = text
        render_into(document, render_myst(text))
        complete_notes(document, text, env.config.language or "en")
        if text.notes:
            document += notes_heading()  # MyST moves the footnotes after it
        mentions = _link_mentions(document, text, env)
        _number_paragraphs(document, text)
        note_anchors = _note_places(document, text)
        reader_domain(env).note_text(docname, text, mentions, note_anchors)
        emit_text_read(env, docname, text)


def build_text(path: Path, source: str, env: BuildEnvironment) -> TextResult:
    """Run the core pipeline on one text; note the files it read as the page's dependencies."""
    loaded = build_registries(env)
    result = pipeline.build_text(
        path, loaded.loaded, Path(env.srcdir), reader_config(env.config).source_policy, source
    )
    for dependency in result.dependencies:
        env.note_dependency(dependency)
    if result.seed is not None:
        loaded.seeds[env.current_document.docname] = result.seed
    return result


def _place(block: Block, node: nodes.Node | None) -> tuple[str, str]:
    """Id and register label of the paragraph or heading ``block``; ``node`` stands in it.

    A paragraph's anchor and number are the core's.  A heading's id is not: MyST and docutils
    make it from the heading's text (numbered on a clash with another id), so for headings,
    and only for them, it is found in the doctree, as the id of the section around ``node``.
    """
    if not block.heading:
        return block.anchor, str(block.number)
    section = node.parent if node is not None else None
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    anchor = section["ids"][0] if section is not None and section["ids"] else ""
    return anchor, block.text.strip(" \t")


def _link_mentions(
    document: nodes.document, text: AnnotatedText, env: BuildEnvironment
) -> list[MentionRecord]:
    """Replace mention spans by mention nodes; return the mentions for the registers.

    Each span names its mention's position in ``text.mentions`` (:func:`~..core.protocol.mention_key`);
    entry and place come from that mention, so a mention that has no span (or no entry)
    leaves the others as they are.  Which mentions show as links is decided by
    :func:`~..core.links.choose_links`; the others name their entry all the same (its card,
    the highlighting, the registers).
    """
    entries = build_registries(env).registry.entries
    blocks = text.seed.blocks
    records: list[MentionRecord] = []
    first_in: set[tuple[str, Ref]] = set()
    docname = env.current_document.docname
    replacements: list[tuple[nodes.Node, nodes.Node]] = []
    places: dict[int, tuple[str, str]] = {}
    positions = _Positions()
    found: list[tuple[nodes.inline, Mention, Entry]] = []
    candidates: list[Candidate] = []
    previous: nodes.inline | None = None
    for span in list(document.findall(nodes.inline)):
        index = next((i for i in map(parse_mention_key, span["classes"]) if i is not None), None)
        if index is None or index >= len(text.mentions):
            continue
        mention = text.mentions[index]
        entry = entries.get(mention.ref)
        if entry is None:
            continue
        candidates.append(
            Candidate(
                mention.ref,
                blocks[mention.block].anchor or None,  # a paragraph's anchor; None in a heading
                previous is not None and _nothing_between(previous, span, positions),
            )
        )
        found.append((span, mention, entry))
        previous = span
    words = sum(len(block.text.split()) for block in blocks if not block.heading)
    for (span, mention, entry), link in zip(found, choose_links(candidates, words), strict=True):
        ref = mention.ref
        if mention.block not in places:
            places[mention.block] = _place(blocks[mention.block], span)
        anchor, place = places[mention.block]
        classes = ["ar-mention", f"ar-{entry.type}"]
        if (anchor, ref) not in first_in:
            first_in.add((anchor, ref))
            classes.append("ar-first")
        content = nodes.inline("", "", *span.children, classes=classes)
        xref = make_mention(ref, entry.type, entry.label, content, docname, link=link)
        xref.source, xref.line = span.source, span.line
        span["classes"] = []  # replacing would copy them onto the link
        replacements.append((span, xref))
        records.append(MentionRecord(ref.kind, ref.id, anchor, place))
    replace_nodes(replacements)  # at once: one by one is quadratic in the mentions of a paragraph
    emit_mentions_linked(env, docname, (xref for _span, xref in replacements))
    return records


class _Positions:
    """The place of each child among its siblings, found once per parent.

    ``parent.index(child)`` is a ``list.index``: asked for every mention of a paragraph of
    40,000 mentions, it alone took time quadratic in their number.
    """

    def __init__(self) -> None:
        self._of: dict[int, dict[int, int]] = {}

    def __call__(self, node: nodes.Node) -> int:
        parent = node.parent
        assert parent is not None
        places = self._of.get(id(parent))
        if places is None:
            places = self._of[id(parent)] = {id(child): place for place, child in enumerate(parent.children)}
        return places[id(node)]


def _nothing_between(before: nodes.Node, after: nodes.Node, position: _Positions) -> bool:
    """Whether only spaces and note marks stand between two nodes of one parent."""
    parent = after.parent
    if parent is None or before.parent is not parent:
        return False
    between = parent.children[position(before) + 1 : position(after)]
    return all(
        isinstance(node, nodes.footnote_reference) or (isinstance(node, nodes.Text) and not node.strip())
        for node in between
    )


def _number_paragraphs(document: nodes.document, text: AnnotatedText) -> None:
    """Give each paragraph of the seed its class, its anchor and its visible number.

    The anchor is set here rather than as a MyST id (``{#p3}``): MyST would make it a label
    of the standard domain, and the labels ``p1``, ``p2`` … of all texts would collide in
    ``objects.inv``.  A paragraph's HTML id is all that links to it need.
    """
    blocks = text.seed.blocks
    for paragraph in document.findall(nodes.paragraph):
        classes = paragraph["classes"]
        index = next((i for i in map(parse_block_key, classes) if i is not None), None)
        if index is None or index >= len(blocks) or blocks[index].heading:
            continue
        block = blocks[index]
        paragraph["classes"] = [
            PARAGRAPH_CLASS if parse_block_key(name) is not None else name for name in classes
        ]
        paragraph["ids"].insert(0, block.anchor)
        document.ids.setdefault(block.anchor, paragraph)
        paragraph.insert(0, paragraph_number("", number=str(block.number), refid=block.anchor))


def _note_places(document: nodes.document, text: AnnotatedText) -> dict[str, tuple[str, str]]:
    """Map each note id to the id and register label of its mark's paragraph or heading."""
    blocks = text.seed.blocks
    marks: dict[str, nodes.Node] = {}
    if any(blocks[placed.block].heading for placed in text.notes):  # only headings need the marks
        marks = {mark.get("refname", ""): mark for mark in document.findall(nodes.footnote_reference)}
    places = {}
    for placed in text.notes:
        block = blocks[placed.block]
        mark = marks.get(note_label(placed.note.id))
        if block.heading and mark is None:
            continue
        places[placed.note.id] = _place(block, mark)
    return places


def setup_parser(app: Sphinx) -> None:
    """Register ``*.text.yaml`` as source files and their parser."""
    app.add_source_suffix(TEXT_SUFFIX, "annotated-text")
    app.add_source_parser(AnnotatedTextParser)
