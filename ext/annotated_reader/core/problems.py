"""Problems found in seeds and annotation files.

Every problem has a kind (the warning *subtype* under Sphinx, ``annotated_reader.<kind>``),
a location (file, line, column; columns and lines are 1-based) and a message; where we can
compute one, a suggestion says how to fix it.  The same objects are reported by the
``check`` command and, through the Sphinx layer, as typed, located warnings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .records import PickledByFields


class ProblemKind(enum.Enum):
    """The kinds of problem; each value is the warning subtype used under Sphinx.

    The docstring of each member (the text after it) is shown in the contributors' guide
    (``{ar:problem-reference}``), together with the worked examples of that kind (see
    :mod:`.examples`); a test requires an example for every member.
    """

    ENCODING = "encoding"
    """A file is not valid UTF-8, or contains control characters."""

    FILE = "file"
    """A file cannot be read: it is missing, empty, too large, or outside the project."""

    YAML = "yaml"
    """An annotation file is not the YAML subset we accept (syntax error, duplicate key,
    anchor, alias, tag, or nesting that is too deep)."""

    SCHEMA = "schema"
    """A field is missing, unknown, of the wrong type, or has an invalid value."""

    DUPLICATE_ID = "duplicate-id"
    """Two entries (or two notes of one text) have the same id."""

    UNKNOWN_ID = "unknown-id"
    """A text refers to a term or actor id that no registry defines."""

    FORM_CONFLICT = "form-conflict"
    """The same surface form is listed for two different entries."""

    FORM_UNUSED = "form-unused"
    """A listed surface form never occurs in any text."""

    OVERLAP = "overlap"
    """Two annotations cross each other, so one of them cannot be shown as listed."""

    QUOTE_NOT_FOUND = "quote-not-found"
    """A note's quote (``exact`` with its ``prefix`` and ``suffix``) is not in the text."""

    QUOTE_AMBIGUOUS = "quote-ambiguous"
    """A note's quote occurs more than once in the text."""

    MARKUP = "markup"
    """Annotation text uses markup we do not render (raw HTML, roles, directives, images,
    footnotes, unsafe links); it is shown literally instead."""

    HEADING = "heading"
    """A heading override names a paragraph that is not in the text."""

    SOURCE_REFUSED = "source-refused"
    """A source comes from a host the edition does not cite (a content farm, a copy of
    Wikipedia, an aggregator of others' wires; see ``annotated_reader_refused_source_hosts``)."""

    SOURCE_INCOMPLETE = "source-incomplete"
    """A source lacks what the edition's source policy requires: its publication date (or
    ``undatiert``) and the day the editors checked it (``accessed``), or a date is wrong (see
    ``annotated_reader_require_source_dates``); or an entry or note names no source at all
    (see ``annotated_reader_require_sources``)."""

    REGISTER_PAGE = "register-page"
    """The texts mention entries of a kind (glossary terms, or actors of one type) that no
    page describes, so their links lead nowhere: add a page with ``{ar:glossary}`` or
    ``{ar:register} <type>``."""

    SAFETY = "safety"
    """A page or file could run or leak something (raw HTML or LaTeX, file inclusion, a
    template, math, an unsafe link, a file reached through a symbolic link); it is refused
    and shown literally (see ``annotated_reader_safe_pages``)."""

    FILE_NAME = "file-name"
    """The name of a page, text, seed or registry file is outside the safe set (lowercase
    letters, digits, ``-``, ``_`` and ``.``; no hidden folders; a text file in a folder of
    its own): names reach links, pages and the PDF, so the file is not read or published."""

    LIMIT = "limit"
    """A value or list goes past a limit that keeps checking and building fast (a field
    longer than its maximum, a list with too many items, more than 8 forms that end alike):
    what goes past the limit is not used."""


@dataclass(frozen=True, slots=True)
class Location(PickledByFields):
    """A place in a file: 1-based line and column; ``byte`` for encoding errors."""

    path: Path
    line: int = 0
    column: int = 0
    byte: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, ready to print as ``file:line:col: message``."""

    kind: ProblemKind
    location: Location
    message: str
    suggestion: str = ""
    related: tuple[Location, ...] = field(default=())
    caused_by: Location | None = None
    """Where the problem that causes this one is (it is listed right after that one)."""

    @property
    def text(self) -> str:
        """Message and suggestion, without the location."""
        if self.suggestion:
            return f"{self.message} ({self.suggestion})"
        return self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.text} [{self.kind.value}]"


CAUSE_KINDS = frozenset({ProblemKind.ENCODING, ProblemKind.FILE, ProblemKind.YAML})
"""Kinds of problem that keep a whole file from being read: other problems follow from them."""


def _order(problem: Problem) -> tuple[int, str, int, int, int, str]:
    if problem.caused_by is not None:
        cause = problem.caused_by
        return (0, str(cause.path), cause.line, cause.column, 1, problem.message)
    where = problem.location
    rank = 0 if problem.kind in CAUSE_KINDS else 1
    return (rank, str(where.path), where.line, where.column, 0, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order to fix them.

    First what keeps a file from being read, each followed by what it causes; then the rest
    in file order, top to bottom.
    """
    return sorted(problems, key=_order)
