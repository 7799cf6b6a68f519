"""A text's context notes as the reader gets them: head, body and sources.

MyST turns each note into a footnote holding its body.  Here each footnote gets, from the
note's data (not from its markup), a head with the note's title and date (``ar-note-head``)
before the body and the block of its sources (:func:`.sources.sources_block`) after it, so
that every output (HTML sidenotes, PDF footnotes, EPUB notes) shows them.
"""

from __future__ import annotations

from docutils import nodes

from ..core.annotate import AnnotatedText
from ..core.dates import format_period
from ..core.protocol import note_label
from .sources import sources_block

NOTE_CLASS = "ar-note"
NOTE_HEAD_CLASS = "ar-note-head"


def note_head(title: str, date: str) -> nodes.paragraph | None:
    """The head of a note: its title and its date in words, or ``None`` if it has neither."""
    if not title and not date:
        return None
    head = nodes.paragraph(classes=[NOTE_HEAD_CLASS])
    if title:
        head += nodes.strong(text=title, classes=["ar-note-title"])
    if date:
        if title:
            head += nodes.Text(" ")
        head += nodes.inline(text=date, classes=["ar-note-date"])
    return head


def complete_notes(document: nodes.document, text: AnnotatedText, language: str) -> None:
    """Give every note's footnote its head and its sources."""
    by_label = {note_label(placed.note.id): placed for placed in text.notes}
    for footnote in document.findall(nodes.footnote):
        placed = next((by_label[name] for name in footnote["names"] if name in by_label), None)
        if placed is None:
            continue
        note = placed.note
        footnote["classes"].append(NOTE_CLASS)
        label = footnote.next_node(nodes.label)
        head = note_head(note.title, format_period(str(note.date), language) if note.date else "")
        if head is not None:
            head.source, head.line = footnote.source, footnote.line
            footnote.insert(footnote.index(label) + 1 if label is not None else 0, head)
        sources = sources_block(note.sources, language)
        if sources is not None:
            sources.source, sources.line = footnote.source, footnote.line
            footnote.append(sources)
