"""The page protocol: the names the generated MyST and the built pages use, each made here once.

The core writes a text's page as MyST (:mod:`.render`); the Sphinx layer reads it back and
writes HTML and LaTeX; the page's script and stylesheet read the HTML.  Whatever crosses
those boundaries as a string is made here, and whatever is read back is parsed here, in pairs
whose round trip is tested:

* a mention: the span class ``ar-m-17`` (:func:`mention_key`), its position in
  :attr:`.annotate.AnnotatedText.mentions`, the only datum the span carries: the Sphinx layer
  reads entry and place from that mention, so a mention without a span changes nothing;
* a paragraph: the class ``ar-b-5`` (:func:`block_key`) in the generated MyST, the position of
  its block in :attr:`.seed.Seed.blocks`; the Sphinx layer replaces it by the class ``ar-para``
  and the anchor ``p3`` (:func:`paragraph_anchor`), whose number is shown as "¶ 3".  The
  anchor is no MyST id (``{#p3}``) because MyST makes every id a label of the standard domain,
  and those of several texts would collide in ``objects.inv``;
* a note: the footnote label and HTML id ``note-rede`` (:func:`note_label`);
* an entry: ``actor-putin`` (:func:`entry_id`), the id of its description in a register
  and the ``data-ar-entry`` of its mentions; its card is ``ar-card-actor-putin``.

Registry ids are lowercase words joined by single hyphens and kinds are ``term`` or
``actor`` (the schema), so none of these names is ambiguous.  The keys of mentions and blocks
exist only between the core and the Sphinx layer: no built page shows them.
"""

from __future__ import annotations

from typing import get_args

from .annotations import EntryKind, Ref

MENTION_KEY_PREFIX = "ar-m-"
"""A mention span's class is this prefix and the mention's position (:func:`mention_key`)."""
BLOCK_KEY_PREFIX = "ar-b-"
"""A paragraph's class in the MyST is this prefix and its block's position (:func:`block_key`)."""
PARAGRAPH_CLASS = "ar-para"
"""Class of a paragraph of the seed in the built page (one with an anchor and a number)."""
NOTE_LABEL_PREFIX = "note-"
PARAGRAPH_ANCHOR_PREFIX = "p"
CARD_ID_PREFIX = "ar-card-"
"""A card's id is this prefix and its entry id (the page's script knows it too)."""
ENTRY_KINDS: tuple[str, ...] = get_args(EntryKind)


def _key(prefix: str, index: int) -> str:
    if index < 0:
        raise ValueError(f"a position is not negative: {index}")
    return f"{prefix}{index}"


def _parse_key(prefix: str, name: str) -> int | None:
    if not name.startswith(prefix):
        return None
    digits = name.removeprefix(prefix)
    # Only the spelling _key makes: no sign, no leading zero, ASCII digits only.
    if not digits.isascii() or not digits.isdigit() or digits != str(int(digits)):
        return None
    return int(digits)


def mention_key(index: int) -> str:
    """The class of the span of the mention at ``index`` in the text's mentions: ``ar-m-17``."""
    return _key(MENTION_KEY_PREFIX, index)


def parse_mention_key(name: str) -> int | None:
    """The mention's position a class names, or ``None`` for any other class."""
    return _parse_key(MENTION_KEY_PREFIX, name)


def block_key(index: int) -> str:
    """The class of the paragraph of the seed's block at ``index``: ``ar-b-5``."""
    return _key(BLOCK_KEY_PREFIX, index)


def parse_block_key(name: str) -> int | None:
    """The block's position a class names, or ``None`` for any other class."""
    return _parse_key(BLOCK_KEY_PREFIX, name)


def note_label(note_id: str) -> str:
    """The footnote label (and HTML id) of a note; never all digits, which MyST would number by hand."""
    return f"{NOTE_LABEL_PREFIX}{note_id}"


def paragraph_anchor(number: int) -> str:
    """The id of the paragraph numbered ``number``: ``p3``."""
    return f"{PARAGRAPH_ANCHOR_PREFIX}{number}"


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
