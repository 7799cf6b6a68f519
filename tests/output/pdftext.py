"""Reading a built PDF back: words with their page, position and size (``pdftotext -bbox``).

Where the text block lies and how large the text and the notes are set is read from what
the package writes into the ``.aux`` file (``\\sphinxARlayout``), not assumed.  A word's
height in ``pdftotext -bbox`` is its font size: the running text and the headings are at
least the body size, the notes and the paragraph numbers in the margin the notes' size,
the note marks (superscripts) smaller.  The running head lies above the text block, the
page number of a chapter's first page below it.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_LAYOUT = re.compile(r"\\sphinxARlayout" + r"\{([\d.]+)pt\}" * 4 + r"\{([\d.]+)\}\{([\d.]+)\}")
TEX_PT = 72 / 72.27
"""A TeX point in PDF points."""
SLACK = 0.6
"""How much shorter than its font size a word's box may be."""


@dataclass(frozen=True)
class Layout:
    """The text block (PDF points from the top left corner) and the two text sizes."""

    left: float
    right: float
    top: float
    bottom: float
    body: float
    note: float

    @classmethod
    def from_aux(cls, aux: Path) -> Layout:
        match = _LAYOUT.search(aux.read_text("utf-8"))
        assert match is not None, f"no \\sphinxARlayout in {aux}"
        left, right, top, bottom = (float(value) * TEX_PT for value in match.groups()[:4])
        return cls(left, right, top, bottom, float(match.group(5)), float(match.group(6)))

    def is_body(self, word: Word) -> bool:
        """Running text or a heading."""
        return word.height >= self.body - SLACK and self.in_block(word)

    def is_note(self, word: Word) -> bool:
        """Notes and paragraph numbers (set at the notes' size)."""
        return abs(word.height - self.note) <= SLACK and self.in_block(word)

    def is_mark(self, word: Word) -> bool:
        """A note mark (a superscript)."""
        return word.height < self.note - SLACK and self.in_block(word)

    def in_block(self, word: Word) -> bool:
        return word.y0 > self.top - 3 and word.y1 < self.bottom + 3

    def in_head(self, word: Word) -> bool:
        return word.y1 <= self.top - 3


@dataclass(frozen=True)
class Word:
    page: int
    """Page number in the file, from 1."""
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def read_words(pdf: Path) -> list[Word]:
    """Every word of the PDF, page by page, in pdftotext's reading order."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for number, page in enumerate(_PAGE.finditer(xhtml), start=1):
        for x0, y0, x1, y1, text in _WORD.findall(page.group(3)):
            words.append(Word(number, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return words


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines (same page, baselines within 2 pt), in reading order."""
    result: list[list[Word]] = []
    for word in words:
        last = result[-1][-1] if result else None
        if last is not None and last.page == word.page and abs(last.y1 - word.y1) < 2.0:
            result[-1].append(word)
        else:
            result.append([word])
    return result


def between(mark: Word, before: Word, after: Word) -> bool:
    """Whether ``mark`` stands in the line of ``before`` and ``after``, filling the gap between them."""
    middle = (mark.y0 + mark.y1) / 2  # a superscript's middle lies within its line's words
    same_line = mark.page == before.page and before.y0 - 3 <= middle <= before.y1
    return same_line and abs(mark.x0 - before.x1) < 0.5 and abs(after.x0 - mark.x1) < 0.5


class Stream:
    """Running text as one string (lines joined by newlines), each character with its page.

    Note marks are left out; where one stood between two words without space ("Montag⁴."),
    the words are joined without space.  A mark counts only in its own line: a mark of
    another line at the same horizontal place says nothing about a gap ("(1) Die").
    """

    def __init__(self, words: list[Word], layout: Layout) -> None:
        self.lines = lines([w for w in words if layout.is_body(w)])
        marks: dict[int, list[Word]] = {}
        for word in words:
            if layout.is_mark(word):
                marks.setdefault(word.page, []).append(word)
        parts: list[str] = []
        self._starts: list[int] = []
        offset = 0
        for line in self.lines:
            text = line[0].text
            for before, after in itertools.pairwise(line):
                glued = any(between(mark, before, after) for mark in marks.get(before.page, []))
                text += ("" if glued else " ") + after.text
            self._starts.append(offset)
            parts.append(text)
            offset += len(text) + 1
        self.text = "\n".join(parts)

    def page_at(self, index: int) -> int:
        return self.line_at(index)[0].page

    def line_at(self, index: int) -> list[Word]:
        return self.lines[bisect.bisect_right(self._starts, index) - 1]

    def line_number(self, index: int) -> int:
        """Which line (from 0) the character at ``index`` stands in."""
        return bisect.bisect_right(self._starts, index) - 1


def align(text: str, stream: str, start: int) -> list[int] | None:
    """Where each character of ``text`` stands in ``stream`` from ``start``, or ``None``.

    ``text`` has single spaces.  A space matches a space or a line break; a line that
    ends in a hyphen the text does not have was hyphenated by TeX; a line may break after
    a hyphen the text has.
    """
    positions = []
    j = start
    for char in text:
        if char == " ":
            if j < len(stream) and stream[j] in " \n":
                positions.append(j)
                j += 1
                continue
            return None
        if char != "-" and stream.startswith("-\n", j):
            j += 2
        if j < len(stream) and stream[j] == char:
            positions.append(j)
            j += 1
            if char == "-" and j < len(stream) and stream[j] == "\n":
                j += 1
            continue
        return None
    return positions


def find(text: str, stream: str, start: int) -> list[int] | None:
    """The first place at or after ``start`` where ``text`` stands in ``stream``."""
    first = text.split(" ", 1)[0]
    probe = first[: max(1, min(len(first), 4))]
    at = stream.find(probe, start)
    while at != -1:
        positions = align(text, stream, at)
        if positions is not None:
            return positions
        at = stream.find(probe, at + 1)
    return None
