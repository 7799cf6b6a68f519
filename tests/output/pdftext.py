"""Reading a built PDF back: words with their page, position and size (``pdftotext -bbox``).

The PDF's text is sorted by size: the running text (11 pt and headings) is taller than
the footnotes and the paragraph numbers in the margin (9 pt), which are taller than the
footnote marks (superscripts).  Header and footer lie outside the text area.
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

BODY_HEIGHT = 10.0
"""Words at least this tall (pt) are running text or headings."""
NOTE_HEIGHT = 8.5
"""Footnote text and margin numbers are at least this tall, and shorter than running text."""
HEAD_BAND = 62.0
"""The running head lies above this (pt from the top of the page)."""
FOOT_BAND = 770.0
"""The page number and running foot lie below this."""


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

    @property
    def in_text_area(self) -> bool:
        return self.y0 > HEAD_BAND and self.y1 < FOOT_BAND


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


class Stream:
    """Running text as one string (lines joined by newlines), each character with its page.

    Footnote marks are left out; where one stood between two words without space ("Montag⁴."),
    the words are joined without space.
    """

    def __init__(self, words: list[Word]) -> None:
        self.lines = lines([w for w in words if w.height >= BODY_HEIGHT and w.in_text_area])
        marks: dict[int, list[Word]] = {}
        for word in words:
            if word.height < NOTE_HEIGHT:
                marks.setdefault(word.page, []).append(word)
        parts: list[str] = []
        self._starts: list[int] = []
        offset = 0
        for line in self.lines:
            text = line[0].text
            for before, after in itertools.pairwise(line):
                glued = any(
                    abs(mark.x0 - before.x1) < 0.5 and abs(after.x0 - mark.x1) < 0.5
                    for mark in marks.get(before.page, [])
                )
                text += ("" if glued else " ") + after.text
            self._starts.append(offset)
            parts.append(text)
            offset += len(text) + 1
        self.text = "\n".join(parts)

    def page_at(self, index: int) -> int:
        return self.line_at(index)[0].page

    def line_at(self, index: int) -> list[Word]:
        return self.lines[bisect.bisect_right(self._starts, index) - 1]


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
