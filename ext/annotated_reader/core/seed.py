"""Seed texts: the original text of the edition, read but never changed.

Format (documented in the guide):

* optional metadata at the very start, before the text and possibly on its first line:
  ``date YYYY``, ``date YYYY-MM`` or ``date YYYY-MM-DD``;
* paragraphs are separated by blank lines (lines of only spaces and tabs);
* a paragraph of one line without closing punctuation is a heading; the text's annotation
  file can list the headings instead.

Offsets in this module count characters of :attr:`Seed.body`, the text after the metadata,
after the normalisation described in :mod:`.textio`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import check_date
from .dates import iso_date_hint
from .problems import Location, Problem, ProblemKind
from .protocol import paragraph_anchor
from .textio import line_and_column, read_text_file

_METADATA = re.compile(r"\A[ \t\n]*date[ \t]+([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(?:[ \t]+|[ \t]*\n|\Z)")
_CLOSING = frozenset(".!?…:;,\"'“”„«»‚‘’)]}–—-/")
MAX_HEADING_LENGTH = 160
"""A one-line paragraph longer than this is not taken for a heading."""


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading of the seed."""

    index: int
    """Position among all blocks, from 0."""
    start: int
    end: int
    line: int
    """Line of the seed file on which the block starts."""
    text: str
    heading: bool
    number: int | None
    """Paragraph number (1, 2, …) of a paragraph; ``None`` for a heading."""

    @property
    def anchor(self) -> str:
        """The HTML id of a paragraph (``p3``); headings get ids from their titles."""
        return paragraph_anchor(self.number) if self.number is not None else ""


@dataclass(frozen=True, slots=True)
class Seed:
    """A decoded seed, split into blocks."""

    path: Path
    body: str
    metadata: dict[str, str]
    blocks: tuple[Block, ...]
    line_offset: int = 0
    """Number of seed lines before the body (metadata on lines of its own)."""
    first_column: int = 0
    """Characters of metadata before the body on the body's first line."""
    _line_starts: tuple[int, ...] = field(default=(), repr=False)

    def line_of(self, offset: int) -> int:
        """Line of the seed file at a body offset."""
        return bisect.bisect_right(self._line_starts, offset) + self.line_offset

    def location(self, offset: int) -> Location:
        """Location in the seed file of a body offset."""
        line = self.line_of(offset)
        start = self._line_starts[line - self.line_offset - 1]
        shift = self.first_column if line == self.line_offset + 1 else 0
        return Location(self.path, line, offset - start + 1 + shift)

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, if any."""
        index = bisect.bisect_right(self.blocks, offset, key=_block_start) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    @property
    def paragraphs(self) -> list[Block]:
        """The blocks that are not headings."""
        return [block for block in self.blocks if not block.heading]


def _block_start(block: Block) -> int:
    return block.start


def read_seed(path: Path, headings: Sequence[str] | None = None) -> tuple[Seed | None, list[Problem]]:
    """Read and split a seed file; ``headings`` overrides heading detection."""
    source, problems = read_text_file(path)
    if source is None:
        return None, problems
    seed = parse_seed(source.text, path, headings)
    date = seed.metadata.get("date", "")
    if date and not check_date(date):
        line, column = line_and_column(source.text, source.text.index(date))
        problems.append(
            Problem(
                ProblemKind.SCHEMA,
                Location(path, line, column),
                f"'{date}' is not a real calendar date",
                f"{iso_date_hint(date)}; or give the text's date in its text file",
            )
        )
        del seed.metadata["date"]
    if not seed.blocks:
        problems.append(Problem(ProblemKind.FILE, Location(path, 1, 1), "the seed has no text"))
    return seed, problems


def parse_seed(text: str, path: Path, headings: Sequence[str] | None = None) -> Seed:
    """Split normalised seed text into metadata and blocks."""
    metadata: dict[str, str] = {}
    match = _METADATA.match(text)
    body_start = 0
    if match:
        metadata["date"] = match.group(1)
        body_start = match.end()
    line_offset = text.count("\n", 0, body_start)
    first_column = body_start - (text.rfind("\n", 0, body_start) + 1)
    body = text[body_start:]
    line_starts = [0] + [i + 1 for i, char in enumerate(body) if char == "\n"]

    raw_blocks: list[tuple[int, int, int]] = []
    offset = 0
    block_start: int | None = None
    for line_index, line in enumerate(body.split("\n")):
        line_end = offset + len(line)
        if line.strip(" \t"):
            if block_start is None:
                block_start = offset
                first_line = line_index
        elif block_start is not None:
            raw_blocks.append((block_start, offset - 1, first_line))
            block_start = None
        offset = line_end + 1
    if block_start is not None:
        raw_blocks.append((block_start, len(body), first_line))

    wanted = set(headings) if headings is not None else None
    blocks = []
    number = 0
    for index, (start, end, first_line) in enumerate(raw_blocks):
        block_text = body[start:end]
        heading = is_heading(block_text) if wanted is None else block_text.strip(" \t") in wanted
        if not heading:
            number += 1
        blocks.append(
            Block(
                index=index,
                start=start,
                end=end,
                line=first_line + 1 + line_offset,
                text=block_text,
                heading=heading,
                number=None if heading else number,
            )
        )
    return Seed(path, body, metadata, tuple(blocks), line_offset, first_column, tuple(line_starts))


def is_heading(text: str) -> bool:
    """A one-line paragraph, not too long, without closing punctuation."""
    stripped = text.strip(" \t")
    return "\n" not in stripped and 0 < len(stripped) <= MAX_HEADING_LENGTH and stripped[-1] not in _CLOSING
