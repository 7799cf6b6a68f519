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
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
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


class FormIndex(Generic[T]):
    """An automaton over surface forms, each mapped to a value.

    Build it once for a set of forms and search many texts with it.
    """

    def __init__(self, forms: Mapping[str, T]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._values: dict[str, T] = {}
        for form, value in forms.items():
            key = _strip_ignorable(form)
            if not key:
                continue
            self._values[key] = value
            self._automaton.add_word(key, key)
        if self._values:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._values)

    def candidates(self, view: str) -> list[Match[T]]:
        """All matches at word boundaries in ``view`` (a text without ignorables)."""
        if not self._values:
            return []
        found = []
        length = len(view)
        for end_index, key in self._automaton.iter(view):
            end = end_index + 1
            start = end - len(key)
            if start > 0 and is_word_char(view[start - 1]) and is_word_char(key[0]):
                continue
            if end < length and is_word_char(view[end]) and is_word_char(key[-1]):
                continue
            found.append(Match(start, end, key, self._values[key]))
        return found


def find_forms(text: str, *indexes: FormIndex[T]) -> tuple[list[Match[T]], list[Hidden[T]]]:
    """Non-overlapping matches of all ``indexes`` in ``text``, and those that lost.

    On equal spans, earlier indexes win (so text-specific forms can override registry
    forms).  Offsets refer to ``text`` itself, ignorable characters included.
    """
    view, offsets = _view(text)
    candidates: list[tuple[int, int, Match[T]]] = []
    seen: set[tuple[int, int]] = set()
    for priority, index in enumerate(indexes):
        for match in index.candidates(view):
            if (match.start, match.end) in seen:
                continue
            seen.add((match.start, match.end))
            candidates.append((-(match.end - match.start), priority, match))
    candidates.sort(key=lambda c: (c[0], c[2].start, c[1]))
    owner: dict[int, Match[T]] = {}
    kept: list[Match[T]] = []
    hidden: list[Hidden[T]] = []
    for _, _, match in candidates:
        covering = [owner[i] for i in range(match.start, match.end) if i in owner]
        if covering:
            longer = covering[0]
            inside = longer.start <= match.start and match.end <= longer.end
            if not inside and longer.value != match.value:
                hidden.append(Hidden(match, longer))
            continue
        for i in range(match.start, match.end):
            owner[i] = match
        kept.append(match)
    kept.sort(key=lambda m: m.start)

    def original(match: Match[T]) -> Match[T]:
        return Match(offsets[match.start], offsets[match.end - 1] + 1, match.form, match.value)

    return [original(m) for m in kept], [Hidden(original(h.dropped), original(h.kept)) for h in hidden]


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


def unique_context(text: str, spans: Iterable[tuple[int, int]], chosen: tuple[int, int]) -> tuple[str, str]:
    """The shortest prefix (or else suffix), in whole words, that singles out ``chosen``."""
    others = [span for span in spans if span != chosen]
    start, end = chosen
    for width in range(1, min(80, start) + 1):
        prefix = text[start - width : start]
        if all(text[max(0, s - width) : s] != prefix for s, _ in others) and _word_edge(text, start - width):
            return prefix, ""
    for width in range(1, min(80, len(text) - end) + 1):
        suffix = text[end : end + width]
        if all(text[e : e + width] != suffix for _, e in others) and _word_edge(
            text, end + width, after=True
        ):
            return "", suffix
    return text[max(0, start - 40) : start], ""


def _word_edge(text: str, offset: int, *, after: bool = False) -> bool:
    if offset <= 0 or offset >= len(text):
        return True
    return not (is_word_char(text[offset - 1]) and is_word_char(text[offset]))


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {'"': "'", "„": "'", "“": "'", "”": "'", "«": "'", "»": "'", "‚": "'", "‘": "'", "’": "'"}
)


def closest_passage(text: str, exact: str) -> tuple[int, int, float] | None:
    """The span of ``text`` most like ``exact`` and how alike (0–1), for a suggestion."""
    if not text or not exact:
        return None
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    best: tuple[int, int, float] | None = None
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    blocks.sort(key=lambda b: -b.size)
    for block in blocks[:8]:
        start = max(0, block.a - block.b)
        end = min(len(text), start + len(exact))
        ratio = difflib.SequenceMatcher(None, text[start:end], exact, autojunk=False).ratio()
        if best is None or ratio > best[2]:
            best = (start, end, ratio)
    return best


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
