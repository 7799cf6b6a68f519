"""Suggestions for problem messages: what the contributor probably meant, and where it is.

Every function here runs only on the error path (a quote that is not found, a form that
never occurs), so they may spend a few milliseconds looking for the best hint.  The hints
quote values as YAML double-quoted strings, so that they can be pasted into the file.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import locate
from .seed import Seed

NEAR_FORM_RATIO = 0.75
"""How alike a passage must be to a form to be offered as "did you mean"."""

NEAR_QUOTE_RATIO = 0.5
"""How alike a passage must be to a quote to be offered as the closest passage."""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of space, and single marks: the units in which two passages are compared."""

_REFINE = 12
"""How far (in characters) the ends of a closest passage are moved to fit it better."""

REFINE_LENGTH = 200
"""Longest wanted passage whose ends are moved to fit (each try compares the whole passage)."""

MAX_SUGGESTIONS = 20
"""Problems of one kind in one file (or, for the registries, in a build) that get a
suggestion; each costs a look through a text, so the rest get a plain hint."""

MAX_QUOTED = 200
"""Longest passage a hint quotes for pasting; a longer one is given by place and length."""


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def clip(text: str, limit: int = 80) -> str:
    """``text``, cut to ``limit`` characters with "…" (for hints that only point at a place)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Budget:
    """How many more suggestions may be computed (see :data:`MAX_SUGGESTIONS`)."""

    def __init__(self, size: int = MAX_SUGGESTIONS) -> None:
        self.left = size

    def take(self) -> bool:
        """Whether one more may be computed (and count it)."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


SPENT = f"no suggestion: more than {MAX_SUGGESTIONS} such problems"
"""Said instead of a suggestion once the budget is spent."""


def count_phrase(count: int) -> str:
    """``once``, ``twice``, ``3 times``."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def line_list(lines: Iterable[int]) -> str:
    """``line 4``, ``lines 4, 9``, ``line 4 (twice)``: each line once, in order."""
    counts: dict[int, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    parts = [f"{line} ({count_phrase(n)})" if n > 1 else str(line) for line, n in sorted(counts.items())]
    more = f" and {len(parts) - MAX_LINES} more" if len(parts) > MAX_LINES else ""
    return ("line " if len(parts) == 1 else "lines ") + ", ".join(parts[:MAX_LINES]) + more


MAX_LINES = 10
"""Lines a message lists (of a quote that occurs many times, say)."""


def place(seed: Seed, offset: int) -> str:
    """``beispiel.txt:4:17``: the seed file, line and column of a body offset."""
    location = seed.location(offset)
    return f"{location.path.name}:{location.line}:{location.column}"


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of a text that looks like what the contributor wrote."""

    start: int
    end: int
    text: str
    ratio: float


def closest_passage(body: str, wanted: str, *, whole_words: bool = True) -> Passage | None:
    """The passage of ``body`` most like ``wanted``.

    :func:`.locate.closest_passage` finds where the longest common stretches are; here
    both ends are moved a little to fit better (a quote with a word added or dropped is
    longer or shorter than its passage) and, with ``whole_words``, widened to whole words.
    """
    loose = loose_find(body, wanted)
    if loose is not None:
        return Passage(loose[0], loose[1], body[loose[0] : loose[1]], 1.0)
    near = locate.closest_passage(body, wanted)
    if near is None:
        return None
    start, end, ratio = near

    def score(s: int, e: int) -> float:
        return locate.similarity(body[s:e], wanted)

    rounds = 2 if len(wanted) <= REFINE_LENGTH else 0  # 100 comparisons: only for short passages
    for _ in range(rounds):  # ends depend on each other; two rounds settle them
        end = max(
            range(max(start + 1, end - _REFINE), min(len(body), end + _REFINE) + 1),
            key=lambda e: (score(start, e), -abs(e - end)),
        )
        start = max(
            range(max(0, start - _REFINE), min(end - 1, start + _REFINE) + 1),
            key=lambda s: (score(s, end), -abs(s - start)),
        )
    if whole_words:
        start, end = locate.expand_to_words(body, start, end)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    ratio = max(ratio, score(start, end))
    return Passage(start, end, body[start:end], ratio)


_QUOTE_MARKS = frozenset("\"'„“”«»‚‘’")


def _loose(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of space as one space and every quotation mark as ``'``; offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(text):
        if char.isspace() and chars and chars[-1] == " ":
            continue
        chars.append(" " if char.isspace() else "'" if char in _QUOTE_MARKS else char)
        offsets.append(offset)
    return "".join(chars), offsets


def loose_find(body: str, wanted: str) -> tuple[int, int] | None:
    """Where ``wanted`` occurs in ``body`` if spaces and quotation marks are not told apart."""
    loose_body, offsets = _loose(body)
    loose_wanted = _loose(wanted.strip())[0]
    if not loose_wanted:
        return None
    start = loose_body.find(loose_wanted)
    if start < 0:
        return None
    end = start + len(loose_wanted) - 1
    return offsets[start], offsets[end] + 1


def first_difference(found: str, wanted: str) -> tuple[str, str] | None:
    """The first words (or marks) where ``found`` (the text) and ``wanted`` (the quote) differ."""
    ours, theirs = _TOKEN.findall(found), _TOKEN.findall(wanted)
    same = 0
    while same < min(len(ours), len(theirs)) and ours[same] == theirs[same]:
        same += 1
    if same == len(ours) == len(theirs):
        return None
    # Only the stretch after the common start is compared, so that a long quote costs little.
    window = slice(same, same + _DIFFERENCE_WINDOW)
    matcher = difflib.SequenceMatcher(None, ours[window], theirs[window], autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            return "".join(ours[same + a1 : same + a2]), "".join(theirs[same + b1 : same + b2])
    return None  # pragma: no cover - the lists differ within the window


_DIFFERENCE_WINDOW = 64
"""Words (and marks) after the common start in which the first difference is looked for."""


def describe_difference(found: str, wanted: str) -> str:
    """Says where the text and the quote first differ (``the text has "„" where you wrote …``)."""
    difference = first_difference(found, wanted)
    if difference is None:
        return ""
    has, wrote = (clip(part) for part in difference)
    if not has:
        return f"the text has no {yaml_string(wrote)} there"
    if not wrote:
        return f"the text also has {yaml_string(has)}"
    return f"the text has {yaml_string(has)} where you wrote {yaml_string(wrote)}"


def whole_word_occurrences(body: str, form: str) -> list[int]:
    """Offsets where ``form`` occurs in ``body`` as a whole word (as mentions are found)."""
    index: locate.FormIndex[None] = locate.FormIndex({form: None})
    return [match.start for match in locate.find_forms(body, index)[0]]


def near_form(seeds: Sequence[Seed], form: str) -> str:
    """A hint for a form that is never linked: where it, or something like it, occurs."""
    for seed in seeds:
        hits = whole_word_occurrences(seed.body, form)
        if hits:
            return (
                f"it occurs at {place(seed, hits[0])}, but only inside a longer form, "
                "which is linked there instead"
            )
    for seed in seeds:
        inside = seed.body.find(form)
        if inside >= 0:
            start, end = locate.expand_to_words(seed.body, inside, inside + len(form))
            word = seed.body[start:end]
            return (
                f"it occurs only as part of the word {yaml_string(word)}, at {place(seed, start)}; "
                f"list {yaml_string(word)} as a form if that is meant"
            )
    best: tuple[Seed, Passage] | None = None
    for seed in seeds:
        passage = closest_passage(seed.body, form)
        if passage is not None and (best is None or passage.ratio > best[1].ratio):
            best = (seed, passage)
    if best is None or best[1].ratio < NEAR_FORM_RATIO:
        return ""
    seed, passage = best
    if form in passage.text:
        return (
            f"it occurs only as part of the word {yaml_string(passage.text)}, at {place(seed, passage.start)}"
        )
    return f"did you mean {yaml_string(passage.text)}? it occurs at {place(seed, passage.start)}"


def unique_context(body: str, spans: Sequence[tuple[int, int]], chosen: tuple[int, int]) -> tuple[str, str]:
    """The shortest ``prefix`` (else ``suffix``) of whole words that singles out ``chosen``.

    It holds at least one word, so that it still reads as text; ``("", "")`` if nothing
    within 80 characters tells the occurrences apart.
    """
    others = [span for span in spans if span != chosen]
    if len(others) > MAX_OTHERS:
        return "", ""  # 80 widths against each other occurrence: too many to try
    start, end = chosen
    for width in range(1, min(80, start) + 1):
        prefix = body[start - width : start]
        if (
            _has_word(prefix)
            and _edge(body, start - width)
            and all(body[max(0, s - width) : s] != prefix for s, _ in others)
        ):
            return prefix, ""
    for width in range(1, min(80, len(body) - end) + 1):
        suffix = body[end : end + width]
        if (
            _has_word(suffix)
            and _edge(body, end + width)
            and all(body[e : e + width] != suffix for _, e in others)
        ):
            return "", suffix
    return "", ""


MAX_OTHERS = 1000
"""Occurrences of a quote up to which a telling prefix or suffix is looked for."""


def _has_word(text: str) -> bool:
    return any(locate.is_word_char(char) for char in text)


def _edge(body: str, offset: int) -> bool:
    if offset <= 0 or offset >= len(body):
        return True
    return not (locate.is_word_char(body[offset - 1]) and locate.is_word_char(body[offset]))
