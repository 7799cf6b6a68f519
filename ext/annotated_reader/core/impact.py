"""What a change to the annotations does to every text: links and notes added, removed, moved.

A registry form applies to every text of the edition: a form added for one text can link
words in others ("Land" in "unser Land").  :func:`impact` compares the annotated texts of two
states of a project (before and after a change) and :func:`format_impact` says, per text,
which links and notes appear, disappear or move, with their places (¶ numbers or headings),
so that a reach into other texts is seen before the change is merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .annotate import AnnotatedText

_SHOWN_PLACES = 8
"""How many places a line names before it says "…"."""


@dataclass(frozen=True, slots=True)
class Change:
    """Links to one entry through one form, or one note, added or removed in one text."""

    text: str
    """Name of the text file (``kasachstan-….text.yaml``)."""
    what: str
    """``link`` or ``note``."""
    label: str
    """The form (for links) or the note id (for notes)."""
    target: str
    """The entry (``actor 'russland'``) a link goes to; the note's title for notes."""
    sign: str
    """``+`` added, ``-`` removed, ``~`` moved."""
    places: tuple[tuple[str, int], ...]
    """Each place (``¶ 3`` or a heading) with the number of links there, in text order."""


def _place(text: AnnotatedText, block_index: int) -> str:
    block = text.seed.blocks[block_index]
    if block.number is not None:
        return f"¶ {block.number}"
    return f"„{block.text.strip()}“"


def _name(text: AnnotatedText) -> str:
    return text.spec.path.name


def _links(text: AnnotatedText) -> Counter[tuple[str, str, str]]:
    """(form, entry, place) -> number of links there."""
    return Counter(
        (text.seed.body[m.start : m.end], str(m.ref), _place(text, m.block)) for m in text.mentions
    )


def _notes(text: AnnotatedText) -> dict[str, tuple[str, str]]:
    """Note id -> (title, place)."""
    return {placed.note.id: (placed.note.title, _place(text, placed.block)) for placed in text.notes}


def _ordered(places: Iterable[str], order: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Each place once, in text order, with how often it was given."""
    counts = Counter(places)
    rank = {place: number for number, place in enumerate(order)}
    return tuple(
        (place, counts[place]) for place in sorted(counts, key=lambda place: rank.get(place, len(rank)))
    )


def impact(before: Sequence[AnnotatedText], after: Sequence[AnnotatedText]) -> list[Change]:
    """The changes from ``before`` to ``after``, text by text (texts matched by file name)."""
    old = {_name(text): text for text in before}
    changes: list[Change] = []
    for text in after:
        name = _name(text)
        previous = old.get(name)
        order = [_place(text, block.index) for block in text.seed.blocks]
        new_links = _links(text)
        old_links = _links(previous) if previous is not None else Counter()
        for sign, difference in (("+", new_links - old_links), ("-", old_links - new_links)):
            grouped: dict[tuple[str, str], list[str]] = {}
            for (form, target, place), count in difference.items():
                grouped.setdefault((form, target), []).extend([place] * count)
            for (form, target), places in sorted(grouped.items()):
                changes.append(Change(name, "link", form, target, sign, _ordered(places, order)))
        new_notes = _notes(text)
        old_notes = _notes(previous) if previous is not None else {}
        for note_id, (title, place) in new_notes.items():
            if note_id not in old_notes:
                changes.append(Change(name, "note", note_id, title, "+", ((place, 1),)))
            elif old_notes[note_id][1] != place:
                moved = ((old_notes[note_id][1], 1), (place, 1))
                changes.append(Change(name, "note", note_id, title, "~", moved))
        for note_id, (title, place) in old_notes.items():
            if note_id not in new_notes:
                changes.append(Change(name, "note", note_id, title, "-", ((place, 1),)))
    names = {_name(text) for text in after}
    for name, text in old.items():
        if name not in names:
            changes.append(Change(name, "text", name, text.title, "-", ()))
    return changes


def format_impact(changes: Sequence[Change]) -> str:
    """The changes as lines a contributor reads before a pull request."""
    if not changes:
        return "Impact: no link or note changes in any text.\n"
    lines = ["Impact of the change on the texts:"]
    for change in changes:
        named = [f"{place} ({count}×)" if count > 1 else place for place, count in change.places]
        shown = ", ".join(named[:_SHOWN_PLACES]) + (", …" if len(named) > _SHOWN_PLACES else "")
        if change.what == "link":
            count = sum(count for _place, count in change.places)
            noun = "link" if count == 1 else "links"
            lines.append(
                f"  {change.sign}{count} {noun} to {change.target} as “{change.label}” in {change.text}: {shown}"
            )
        elif change.what == "note":
            verb = {"+": "added", "-": "removed", "~": "moved"}[change.sign]
            where = " → ".join(named) if change.sign == "~" else shown
            lines.append(f"  {change.sign} note '{change.label}' {verb} in {change.text}: {where}")
        else:
            lines.append(f"  - text {change.text} is gone (or cannot be read now)")
    if any(c.what == "link" and c.sign == "+" and c.text for c in changes):
        lines.append(
            "  A registry form links in every text; a form meant for one text belongs in that "
            "text file's 'forms'."
        )
    return "\n".join(lines) + "\n"
