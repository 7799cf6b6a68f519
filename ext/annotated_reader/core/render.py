"""From a text file, its seed and the registries to one MyST page.

:func:`render_myst` writes the page of a text located by :func:`.annotate.annotate`.  The page uses three constructs of its own,
which the Sphinx layer turns into cross-references, header and cards:

* a mention is a span ``[Putins]{.ar-m-17}`` naming its position in the text's mentions;
* ``{ar:text-info}`` after the title stands for the text's metadata;
* ``{ar:cards}`` at the end lists the entries mentioned, for their hover cards.

Everything else is plain MyST: headings, paragraphs with the position of their block
(``{.ar-b-5}``; the Sphinx layer gives them their anchor and number), and footnotes
(``[^note-id]``) for the notes.  Mentions and blocks are named by position (see
:mod:`.protocol`), so whoever reads the page takes entries and places from the
:class:`.annotate.AnnotatedText`, not from strings.
"""

from __future__ import annotations

import re

from docutils.nodes import make_id

from .annotate import AnnotatedText, Mention, PlacedNote
from .markup import escape
from .protocol import (
    NOTE_LABEL_PREFIX,
    PARAGRAPH_ANCHOR_PREFIX,
    block_key,
    mention_key,
    note_label,
)
from .seed import Block, Seed

TEXT_INFO_DIRECTIVE = "ar:text-info"
CARDS_DIRECTIVE = "ar:cards"


def render_myst(text: AnnotatedText) -> str:
    """The MyST page of an annotated text."""
    seed = text.seed
    by_block: dict[int, list[tuple[int, Mention]]] = {}
    for index, mention in enumerate(text.mentions):
        by_block.setdefault(mention.block, []).append((index, mention))
    marks: dict[int, list[PlacedNote]] = {}
    for note in text.notes:
        marks.setdefault(note.block, []).append(note)

    out: list[str] = []
    if text.title_block is not None:
        block = text.title_block
        content = _render_block(seed, block, by_block.get(block.index, []), marks.get(block.index, []))
        out.append(_heading_id(block.text) + "# " + content)
    else:
        out.append(_heading_id(text.title) + "# " + escape(text.title))
    out.append(f"```{{{TEXT_INFO_DIRECTIVE}}}\n```")
    levels = dict(zip(text.spec.headings or (), text.spec.heading_levels, strict=False))
    for block in seed.blocks:
        if block is text.title_block:
            continue
        content = _render_block(seed, block, by_block.get(block.index, []), marks.get(block.index, []))
        if block.heading:
            level = levels.get(block.text.strip(" \t"), 2)
            out.append(_heading_id(block.text) + "#" * level + " " + content)
        else:
            out.append(f"{{.{block_key(block.index)}}}\n{content}")
    for note in text.notes:
        out.append(_footnote(note))
    entries = text.entries()
    if entries:
        listing = "\n".join(f"{ref.kind} {ref.id}" for ref in entries)
        out.append(f"```{{{CARDS_DIRECTIVE}}}\n{listing}\n```")
    return "\n\n".join(out) + "\n"


_GENERATED_ID = re.compile(rf"^({PARAGRAPH_ANCHOR_PREFIX}[0-9]+|{NOTE_LABEL_PREFIX}.*|ar-.*)$")
"""Ids the page gives to its own elements: paragraphs, notes, cards."""


def _heading_id(title: str) -> str:
    """An explicit id for a heading whose own id would take one of the page's ids.

    A heading "P2" would be ``#p2``, the id the Sphinx layer gives paragraph 2 (two elements
    of one id); a title "Note Rede" would take the id of note ``rede``.
    """
    slug = make_id(title.strip(" \t"))
    return f"{{#h-{slug}}}\n" if _GENERATED_ID.match(slug) else ""


def _render_block(
    seed: Seed, block: Block, mentions: list[tuple[int, Mention]], notes: list[PlacedNote]
) -> str:
    """A block's text with spans for mentions (with their positions) and footnote marks for notes."""
    events: list[tuple[int, int, object]] = []
    for index, mention in mentions:
        events.append((mention.start, 1, (index, mention)))
    for note in notes:
        events.append((note.mark, 0, note))
    events.sort(key=lambda e: (e[0], e[1]))
    parts: list[str] = []
    position = block.start
    line_start = True
    after_mark = False

    def text_until(end: int, *, last: bool) -> None:
        nonlocal position, line_start, after_mark
        if end <= position:
            return
        chunk = seed.body[position:end]
        escaped = escape(chunk, line_start=line_start, line_end=last)
        if after_mark and escaped[:1] in "([":
            escaped = "\\" + escaped
        parts.append(escaped)
        line_start = chunk.endswith("\n")
        after_mark = False
        position = end

    for offset, _, item in events:
        text_until(offset, last=False)
        if isinstance(item, tuple):
            index, mention = item
            form = seed.body[mention.start : mention.end]
            parts.append(f"[{escape(form, line_start=False, line_end=False)}]{{.{mention_key(index)}}}")
            position = mention.end
            after_mark = False
        elif isinstance(item, PlacedNote):
            parts.append(f"[^{note_label(item.note.id)}]")
            after_mark = True
        line_start = False
    text_until(block.end, last=True)
    return "".join(parts)


def _footnote(note: PlacedNote) -> str:
    first, *rest = note.body.split("\n")
    lines = [f"[^{note_label(note.note.id)}]: {first}"] + [f"    {line}" if line else "" for line in rest]
    return "\n".join(lines)
