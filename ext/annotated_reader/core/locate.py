"""Finding surface forms and quotes in a text.

Forms are found in one pass over the text with an Aho–Corasick automaton (the
``pyahocorasick`` library), whatever the number of forms.  A match counts only at word
boundaries, where letters, digits, combining marks and hyphens all belong to a word: so
``Russland`` is not found inside ``Russland-Experte`` unless that compound is a form itself.
Where matches overlap, the longest wins (then the leftmost).  Invisible format characters
(soft hyphen, zero-width space and joiners, word joiner) are skipped while matching, so
``Ka\u00adsach\u00adstan`` still matches ``Kasachstan``; they stay in the text.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")

_HYPHENS = frozenset("-\u2010\u2011_")


def is_word_char(char: str) -> bool:
    """Letters, digits, combining marks and hyphens belong to words."""
    return char.isalnum() or char in _HYPHENS or unicodedata.category(char).startswith("M")


def is_ignorable(char: str) -> bool:
    """Invisible format characters (category Cf) are skipped while matching."""
    return unicodedata.category(char) == "Cf"


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """An occurrence of a form: ``text[start:end]``."""

    start: int
    end: int
    form: str
    value: T


@dataclass(frozen=True, slots=True)
class Hidden(Generic[T]):
    """A match dropped because it crosses a longer one."""

    dropped: Match[T]
    kept: Match[T]


MAX_NESTED_FORMS = 8
"""Most forms of one index that may end alike (each the end of the next: ``Tokajew``,
``Präsident Tokajew`` …).  At any place of a text the automaton reports every form that
ends there, so with more of them finding forms would take time proportional to their
number at every place; a form that ends with this many others is not looked for."""

MAX_CROSSINGS_REPORTED = 3
"""Places at which the same pair of forms is reported as crossing (the rest are counted only)."""


class FormIndex(Generic[T]):
    """An automaton over surface forms, each mapped to a value.

    Build it once for a set of forms and search many texts with it.  Forms nested too
    deeply (:data:`MAX_NESTED_FORMS`) are left out and listed in :attr:`too_nested`.
    """

    def __init__(self, forms: Mapping[str, T]) -> None:
        self._values: dict[str, T] = {}
        self.too_nested: list[tuple[str, T, tuple[str, ...]]] = []
        """Forms left out: each with its value and the forms it ends with."""
        keys: dict[str, str] = {}
        for form, value in forms.items():
            key = _strip_ignorable(form)
            if key:
                self._values[key] = value
                keys[key] = form
        if not self._values:
            self._automaton = ahocorasick.Automaton()
            return
        everything = _automaton(self._values)
        for key in sorted(self._values, key=len):
            endings = [found for end, found in everything.iter(key) if end == len(key) - 1]
            if len(endings) > MAX_NESTED_FORMS:
                self.too_nested.append((keys[key], self._values[key], tuple(sorted(endings, key=len)[:-1])))
        for form, _value, _endings in self.too_nested:
            del self._values[_strip_ignorable(form)]
        self._automaton = _automaton(self._values) if self.too_nested else everything
        self._ids = {key: number for number, key in enumerate(self._values)}
        self._keys = list(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def candidates(self, view: str) -> list[Match[T]]:
        """All matches at word boundaries in ``view`` (a text without ignorables)."""
        return [
            Match(start, end, self._keys[key], self._values[self._keys[key]])
            for start, end, key in self.spans(view)
        ]

    def spans(self, view: str) -> Iterator[tuple[int, int, int]]:
        """``(start, end, key number)`` of every match at word boundaries, by end, then start."""
        if not self._values:
            return
        length = len(view)
        ids = self._ids
        for end_index, key in self._automaton.iter(view):
            end = end_index + 1
            start = end - len(key)
            if start > 0 and is_word_char(view[start - 1]) and is_word_char(key[0]):
                continue
            if end < length and is_word_char(view[end]) and is_word_char(key[-1]):
                continue
            yield start, end, ids[key]

    def key(self, number: int) -> str:
        """The form (without ignorables) of a key number."""
        return self._keys[number]

    def value(self, number: int) -> T:
        """The value of a key number."""
        return self._values[self._keys[number]]


def _decoded(codes: array[int], priority: int, width: int) -> Iterator[tuple[int, int, int]]:
    """``(start, priority, key)`` of each match of one length and index, in order."""
    for code in codes:
        start, key = divmod(code, width)
        yield start, priority, key


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def find_forms(text: str, *indexes: FormIndex[T]) -> tuple[list[Match[T]], list[Hidden[T]]]:
    """Non-overlapping matches of all ``indexes`` in ``text``, and those that lost.

    Longer matches win, then those further left; on equal spans, earlier indexes win (so
    text-specific forms can override registry forms).  Offsets refer to ``text`` itself,
    ignorable characters included.  A match that crosses a longer one of another entry is
    reported as :class:`Hidden` (at most :data:`MAX_CROSSINGS_REPORTED` places per pair of
    forms).

    Time and memory are linear in the text: each index reports at most
    :data:`MAX_NESTED_FORMS` matches ending at one place; the matches are kept in compact
    arrays, one per length and index, already in order (the automaton reports them by
    end, so those of one length by start); and whether a match overlaps one kept before
    is seen at its two ends (kept matches are at least as long, so one that overlaps it
    covers one of its ends).
    """
    view, offsets = _view(text)
    width = max((len(index) for index in indexes), default=0) + 1
    by_length: dict[int, list[array[int]]] = {}
    for priority, index in enumerate(indexes):
        for start, end, key in index.spans(view):
            arrays = by_length.get(end - start)
            if arrays is None:
                arrays = by_length[end - start] = [array("q") for _ in indexes]
            arrays[priority].append(start * width + key)
    owner = array("i", [-1]) * len(view)
    kept: list[tuple[int, int, int, int]] = []  # start, end, priority, key
    hidden: list[tuple[tuple[int, int, int, int], int]] = []  # the match, the kept one's index
    reported: dict[tuple[int, int, int, int], int] = {}
    for length in sorted(by_length, reverse=True):
        streams = [_decoded(codes, priority, width) for priority, codes in enumerate(by_length[length])]
        last_start = -1
        for start, priority, key in heapq.merge(*streams):
            if start == last_start:
                continue  # the same span from a later index
            last_start = start
            end = start + length
            covering = owner[start] if owner[start] >= 0 else owner[end - 1]
            if covering >= 0:
                longer = kept[covering]
                inside = longer[0] <= start and end <= longer[1]
                value = indexes[priority].value(key)
                if not inside and indexes[longer[2]].value(longer[3]) != value:
                    pair = (priority, key, longer[2], longer[3])
                    if reported.get(pair, 0) < MAX_CROSSINGS_REPORTED:
                        reported[pair] = reported.get(pair, 0) + 1
                        hidden.append(((start, end, priority, key), covering))
                continue
            owner[start:end] = array("i", [len(kept)]) * length
            kept.append((start, end, priority, key))

    def original(match: tuple[int, int, int, int]) -> Match[T]:
        start, end, priority, key = match
        index = indexes[priority]
        return Match(offsets[start], offsets[end - 1] + 1, index.key(key), index.value(key))

    matches = [original(match) for match in sorted(kept)]
    lost = [Hidden(original(match), original(kept[covering])) for match, covering in hidden]
    return matches, lost


def _strip_ignorable(text: str) -> str:
    return "".join(char for char in text if not is_ignorable(char))


def _view(text: str) -> tuple[str, Sequence[int]]:
    """``text`` without ignorable characters, and the original offset of each character."""
    # Test each distinct character once (set() runs in C): a per-character Python test
    # was most of the time of locating forms.
    ignorable = {char for char in set(text) if is_ignorable(char)}
    if not ignorable:
        return text, range(len(text))
    chars, offsets = [], []
    for offset, char in enumerate(text):
        if char not in ignorable:
            chars.append(char)
            offsets.append(offset)
    return "".join(chars), offsets


# --- quotes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """Where a TextQuoteSelector matches: ``spans`` of ``exact``, and hints if not once."""

    spans: tuple[tuple[int, int], ...]
    exact_only: tuple[tuple[int, int], ...] = ()
    """Where ``exact`` occurs when ``prefix``/``suffix`` rule every occurrence out."""


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> QuoteResult:
    """All spans of ``exact`` in ``text`` that have ``prefix`` before and ``suffix`` after."""
    exact_spans = []
    start = text.find(exact)
    while start != -1:
        exact_spans.append((start, start + len(exact)))
        start = text.find(exact, start + 1)
    spans = tuple(
        (s, e)
        for s, e in exact_spans
        if text[max(0, s - len(prefix)) : s] == prefix and text[e : e + len(suffix)] == suffix
    )
    return QuoteResult(spans, () if spans else tuple(exact_spans))


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {'"': "'", "„": "'", "“": "'", "”": "'", "«": "'", "»": "'", "‚": "'", "‘": "'", "’": "'"}
)


ANCHOR_PIECES = 32
"""Pieces of a wanted passage looked up in the text to find where it may be (at most)."""

ANCHOR_HITS = 200
"""Occurrences of one piece counted (a piece that occurs more often says little)."""

ANCHOR_CANDIDATES = 8
"""Places compared in full with the wanted passage."""

EXACT_RATIO_LENGTH = 300
"""Up to this length, passages are compared character by character (difflib); longer ones
word by word, so that a comparison of long quotes stays cheap."""

_WORDS = re.compile(r"\w+|[^\w\s]")


def similarity(a: str, b: str) -> float:
    """How alike two passages are (0–1): difflib's ratio, by characters or, for long ones, by words."""
    if max(len(a), len(b)) <= EXACT_RATIO_LENGTH:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    # Words without the spaces between them; difflib's own heuristic for long sequences
    # (autojunk) skips words too frequent to place anything, which keeps this fast.
    return difflib.SequenceMatcher(None, _WORDS.findall(a), _WORDS.findall(b)).ratio()


def closest_passage(text: str, exact: str) -> tuple[int, int, float] | None:
    """The span of ``text`` most like ``exact`` and how alike (0–1), for a suggestion.

    Pieces of ``exact`` (at most :data:`ANCHOR_PIECES`) are looked up in ``text``; each
    occurrence votes for where ``exact`` would start; the places with the most votes (at
    most :data:`ANCHOR_CANDIDATES`) are compared with :func:`similarity`.  Time is linear
    in the text (a few scans of it), whatever it and ``exact`` hold.
    """
    if not text or not exact:
        return None
    size = max(3, min(8, len(exact) // 4))
    starts = range(0, max(1, len(exact) - size + 1), size)
    step = max(1, len(starts) // ANCHOR_PIECES)
    votes: dict[int, int] = {}
    for offset in list(starts)[::step][:ANCHOR_PIECES]:
        piece = exact[offset : offset + size]
        found, hits = text.find(piece), 0
        while found >= 0 and hits < ANCHOR_HITS:
            start = max(0, found - offset)
            votes[start] = votes.get(start, 0) + 1
            found, hits = text.find(piece, found + 1), hits + 1
    if not votes:
        return None
    # A word added or dropped shifts the pieces after it: votes a few characters apart count
    # together (a sliding window over the sorted places), the place with most of its own leads.
    places = sorted(votes)
    near: dict[int, int] = {}
    low = high = 0
    total = 0
    for place in places:
        while high < len(places) and places[high] <= place + _SHIFT:
            total += votes[places[high]]
            high += 1
        while places[low] < place - _SHIFT:
            total -= votes[places[low]]
            low += 1
        near[place] = total
    chosen: list[int] = []
    for place in sorted(places, key=lambda p: (-near[p], -votes[p], p)):
        if all(abs(place - other) > _SHIFT for other in chosen):
            chosen.append(place)
            if len(chosen) == ANCHOR_CANDIDATES:
                break
    best: tuple[int, int, float] | None = None
    for start in chosen:
        end = min(len(text), start + len(exact))
        ratio = similarity(text[start:end], exact)
        if best is None or (ratio, -start) > (best[2], -best[0]):  # on a tie, the first place
            best = (start, end, ratio)
    return best


_SHIFT = 4
"""Characters by which votes for a place may differ and still count for it."""


def expand_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` to whole words."""
    while start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        start -= 1
    while end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
        end += 1
    return start, end


def loosely_equal(a: str, b: str) -> bool:
    """Equal when whitespace runs and quotation marks are ignored."""
    return _SPACES.sub(" ", a).translate(_QUOTES) == _SPACES.sub(" ", b).translate(_QUOTES)
