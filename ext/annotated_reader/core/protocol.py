"""The page protocol: the names the generated MyST and the built pages use, each made here once.

The core writes a text's page as MyST (:mod:`.render`); the Sphinx layer reads it back and
writes HTML and LaTeX; the page's script and stylesheet read the HTML.  Whatever crosses
those boundaries as a string is made and parsed here, in pairs whose round trip is tested:

* a mention: the span classes ``ar-m ar-m--actor--putin`` (:func:`mention_class`);
* a note: the footnote label and HTML id ``note-rede`` (:func:`note_label`);
* a paragraph: the anchor ``p3``, whose number is shown as "¶ 3" (:func:`paragraph_anchor`);
* an entry: ``actor-putin`` (:func:`entry_id`), the id of its description in a register
  and the ``data-ar-entry`` of its mentions; its card is ``ar-card-actor-putin``.

Registry ids are lowercase words joined by single hyphens and kinds are ``term`` or
``actor`` (the schema), so none of these names is ambiguous.
"""

from __future__ import annotations

from typing import get_args

from .annotations import EntryKind, Ref

MENTION_CLASS = "ar-m"
"""Class of every mention span in the generated MyST."""
PARAGRAPH_CLASS = "ar-para"
"""Class of a paragraph of the seed (one with an anchor and a number)."""
NOTE_LABEL_PREFIX = "note-"
PARAGRAPH_ANCHOR_PREFIX = "p"
CARD_ID_PREFIX = "ar-card-"
"""A card's id is this prefix and its entry id (the page's script knows it too)."""
ENTRY_KINDS: tuple[str, ...] = get_args(EntryKind)


def mention_class(ref: Ref) -> str:
    """The class that carries a mention's target: ``ar-m--actor--putin``."""
    return f"{MENTION_CLASS}--{ref.kind}--{ref.id}"


def parse_mention_class(name: str) -> Ref | None:
    """The target of a mention class, or ``None`` for any other class."""
    parts = name.split("--")
    if len(parts) == 3 and parts[0] == MENTION_CLASS and parts[1] in ENTRY_KINDS:
        return Ref(parts[1], parts[2])  # type: ignore[arg-type]
    return None


def note_label(note_id: str) -> str:
    """The footnote label (and HTML id) of a note; never all digits, which MyST would number by hand."""
    return f"{NOTE_LABEL_PREFIX}{note_id}"


def parse_note_label(label: str) -> str | None:
    """The note id of a footnote label, or ``None`` for a footnote that is not a note."""
    return label.removeprefix(NOTE_LABEL_PREFIX) if label.startswith(NOTE_LABEL_PREFIX) else None


def paragraph_anchor(number: int) -> str:
    """The id of the paragraph numbered ``number``: ``p3``."""
    return f"{PARAGRAPH_ANCHOR_PREFIX}{number}"


def paragraph_anchor_number(anchor: str) -> str:
    """The number of a paragraph as shown ("3"), from its anchor."""
    return anchor.removeprefix(PARAGRAPH_ANCHOR_PREFIX)


def entry_id(ref: Ref) -> str:
    """An entry's id in the pages: ``actor-putin``, ``term-eawu``."""
    return f"{ref.kind}-{ref.id}"


def parse_entry_id(name: str) -> Ref | None:
    """The entry an id names, or ``None`` for any other id."""
    kind, _sep, id_ = name.partition("-")
    if kind not in ENTRY_KINDS or not id_:
        return None
    return Ref(kind, id_)  # type: ignore[arg-type]


def card_id(ref: Ref) -> str:
    """The id of an entry's card in a text page: ``ar-card-actor-putin``."""
    return f"{CARD_ID_PREFIX}{entry_id(ref)}"
