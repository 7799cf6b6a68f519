"""Sources as a reader sees them: one citation format for notes, entries and the list of sources.

A citation reads "Author, Publisher: „Title“, 26. September 2022", the title linking to the
source.  Notes carry their sources in a block of their own (:func:`sources_block`), register
and glossary entries in one line (:func:`sources_line`).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..core.annotations import Source
from ..core.dates import format_source_date
from .locale import _

SOURCES_CLASS = "ar-note-sources"
"""Class of a note's block of sources (HTML ``div``, LaTeX ``sphinxuseclass``)."""


def citation(source: Source, language: str) -> list[nodes.Node]:
    """The inline nodes of one citation."""
    who = ", ".join(part for part in (source.author, source.publisher) if part)
    # A title in square brackets is the editors' description of an untitled source: no quotes.
    described = source.title.startswith("[") and source.title.endswith("]")
    cited: list[nodes.Node] = [nodes.Text(f"{who}: " if described else f"{who}: „")]
    cited.append(nodes.reference("", source.title, refuri=source.url, classes=["ar-source"]))
    if not described:
        cited.append(nodes.Text("“"))
    if source.date:
        cited.append(nodes.Text(", "))
        cited.append(nodes.inline(text=format_source_date(source.date, language), classes=["ar-source-date"]))
    return cited


def sources_block(sources: Sequence[Source], language: str) -> nodes.container | None:
    """A note's sources: a label and a list, one citation per item; ``None`` without sources."""
    if not sources:
        return None
    block = nodes.container(classes=[SOURCES_CLASS])
    label = _("Sources") if len(sources) > 1 else _("Source")
    block += nodes.paragraph("", label, classes=["ar-note-sources-label"])
    items = nodes.bullet_list(classes=["ar-source-list"])
    for source in sources:
        items += nodes.list_item("", nodes.paragraph("", "", *citation(source, language)))
    block += items
    return block


def sources_line(sources: Sequence[Source], language: str) -> nodes.paragraph | None:
    """The line "Quellen: citation; citation" of a glossary or register entry, or ``None``."""
    if not sources:
        return None
    paragraph = nodes.paragraph(classes=["ar-sources"])
    paragraph += nodes.inline(text=_("Sources:") if len(sources) > 1 else _("Source:"), classes=["ar-label"])
    paragraph += nodes.Text(" ")
    for number, source in enumerate(sources):
        if number:
            paragraph += nodes.Text("; ")
        paragraph.extend(citation(source, language))
    return paragraph
