r"""A strict YAML reader for annotation files.

Contributors write YAML by hand, and plain YAML 1.1 surprises them: ``no`` becomes False,
``1.10`` becomes 1.1, a repeated key silently replaces the first, and anchors and aliases
can expand a small file into gigabytes.  This reader accepts the plain subset that
annotation files need and reports everything else as a located problem:

* every scalar is a string, exactly as written (``no`` stays ``"no"``);
* a duplicate key, an anchor, an alias, an explicit tag, a non-string key, more than one
  document, or nesting deeper than :data:`MAX_DEPTH` is an error;
* a control character written as an escape (``"\0"``, ``"\e"``) is reported, and the
  value keeps it as its visible picture (``␀``), so that no path, name or text carries it on;
* the position of every key and value is kept, so that later checks (the JSON Schema,
  unknown ids, quotes) can point at the line and column.

It walks PyYAML's event stream (using libyaml's C parser when installed) instead of
PyYAML's constructors, so no YAML feature can run code or build objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from .problems import Location, Problem, ProblemKind
from .textio import line_and_column, visible_controls

MAX_DEPTH = 20
"""Deepest nesting of mappings and sequences we accept; annotation files need four."""

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Path_: TypeAlias = tuple[str | int, ...]
"""A path into the data: mapping keys and sequence indices."""


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column."""

    line: int
    column: int


@dataclass(slots=True)
class YamlDocument:
    """Plain data (dicts, lists, strings) and where each part was written."""

    path: Path
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def location(self, at: Path_ = (), *, key: bool = False) -> Location:
        """The location of the value (or, with ``key``, the key) at ``at``.

        Falls back to the nearest enclosing node, then to the top of the file.
        """
        table = self.keys if key else self.values
        probe = tuple(at)
        while probe:
            if probe in table:
                pos = table[probe]
                return Location(self.path, pos.line, pos.column)
            if key:
                table = self.values
            probe = probe[:-1]
        pos = self.values.get((), Position(1, 1))
        return Location(self.path, pos.line, pos.column)


_SYNTAX_HINTS = (
    ("cannot start any token", "a value that starts with @ or ` needs quotes"),
    ("expected <block end>", "check the indentation: the keys of one entry start in the same column"),
    (
        "did not find expected '-' indicator",
        "check the indentation: the keys of one entry start in the same column",
    ),
    ("did not find expected ',' or ']'", "a list in brackets must end with ']' on the same line"),
    ("did not find expected ',' or '}'", "a mapping in braces must end with '}' on the same line"),
)
"""Parts of PyYAML's syntax errors, and what usually causes them in an annotation file."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the keys of the entry that ``line`` belongs to start (0-based): after a ``- ``."""
    stripped = line.lstrip(" ")
    return _indent(line) + (2 if stripped.startswith("- ") else 0)


def _syntax_hint(message: str, text: str, line: int, column: int) -> tuple[str, int, int]:
    """What most likely causes a syntax error, and the line where it is (1-based).

    PyYAML often reports the place where it noticed the error, which is not always where the
    writer has to look: an unclosed quotation mark is noticed at the end of the file, a missing
    colon on the next line.
    """
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or "found a tab character" in message:
        tabbed = next(
            (n for n, row in enumerate(lines, 1) if "\t" in row[: len(row) - len(row.lstrip())]), line
        )
        return "indent with spaces, not tabs; editors can be set to insert spaces", tabbed, 1
    if "mapping values are not allowed" in message:
        previous = next(
            (row for row in reversed(lines[: line - 1]) if row.strip() and not row.lstrip().startswith("#")),
            "",
        )
        if previous and _indent(here) > _key_column(previous) and not previous.rstrip().endswith(":"):
            hint = "this line is indented further than the line before: keys of one entry start in the same column"
            return f"{hint}, here column {_key_column(previous) + 1}", line, _indent(here) + 1
        return 'a value that contains ": " must be in double quotes', line, column
    if "could not find expected ':'" in message:
        for number in range(line - 1, 0, -1):
            row = lines[number - 1]
            if row.strip() and not row.lstrip().startswith("#"):
                if ":" not in row:
                    return (
                        "a key needs a colon and a space after it, e.g. 'headword: Zollunion'",
                        number,
                        _indent(row) + 1,
                    )
                break
        return "a key needs a colon and a space after it, e.g. 'headword: Zollunion'", line, column
    if "found unexpected end of stream" in message and "quoted scalar" in message:
        for number in range(min(line, len(lines)), 0, -1):
            row = lines[number - 1]
            for quote in ('"', "'"):
                if row.count(quote) % 2 == 1 and f": {quote}" in row:
                    return (
                        f"the quotation mark {quote} opened on this line is not closed",
                        number,
                        row.index(f": {quote}") + 3,
                    )
        return "a quotation mark is not closed", line, column
    hint = next((hint for known, hint in _SYNTAX_HINTS if known in message), "")
    return hint, line, column


_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a scalar can hold only through an escape: the file itself has been
checked (:func:`.textio.control_character_problems`); carriage return is one of them here."""


class _AbortError(Exception):
    """Stop reading: the problem is already recorded."""


def load_yaml(text: str, path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Read ``text`` (the decoded file) into a :class:`YamlDocument`."""
    problems: list[Problem] = []
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.append(
            Problem(ProblemKind.FILE, Location(path, 1, 1), "file is empty", "see the examples in the guide")
        )
        return None, problems
    reader = _EventReader(path, problems)
    try:
        events = yaml.parse(text, Loader=_Loader)
        document = reader.read(events)
    except _AbortError:
        return None, problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        hint, line, column = _syntax_hint(message, text, line, column)
        problems.append(
            Problem(ProblemKind.YAML, Location(path, line, column), f"YAML syntax error: {message}", hint)
        )
        return None, problems
    except yaml.reader.ReaderError as error:
        offset = error.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts this position in UTF-8 bytes
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        line, column = line_and_column(text, offset)
        problems.append(
            Problem(
                ProblemKind.ENCODING,
                Location(path, line, column),
                f"character U+{error.character:04X} is not allowed in YAML"
                if isinstance(error.character, int)
                else f"YAML error: {error.reason}",
                "remove it",
            )
        )
        return None, problems
    except yaml.YAMLError as error:
        problems.append(Problem(ProblemKind.YAML, Location(path, 1, 1), f"YAML error: {error}"))
        return None, problems
    return document, problems


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


class _EventReader:
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.document = YamlDocument(path, None)

    def fail(self, event: yaml.Event, message: str, suggestion: str = "") -> None:
        position = _position(event)
        self.problems.append(
            Problem(
                ProblemKind.YAML,
                Location(self.path, position.line, position.column),
                message,
                suggestion,
            )
        )
        raise _AbortError

    def scalar(self, event: yaml.ScalarEvent) -> str:
        value: str = event.value
        if event.style == ">":
            # In a folded scalar a blank line of the file is one line break of the value;
            # the annotation fields read a paragraph break where the file has a blank line.
            value = value.replace("\n", "\n\n")
        found = _ESCAPED_CONTROL.search(value)
        if found is None:
            return value
        position = _position(event)
        self.problems.append(
            Problem(
                ProblemKind.ENCODING,
                Location(self.path, position.line, position.column),
                f"control character U+{ord(found.group()):04X} (written as an escape) cannot be "
                "shown in HTML or PDF",
                "remove the escape",
            )
        )
        return visible_controls(value.replace("\r", "\u240d"))

    def read(self, events: Any) -> YamlDocument:
        stream = iter(events)
        documents = 0
        for event in stream:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(event, "a file holds one YAML document; found a second '---'")
                self.document.data = self.node(next(stream), stream, (), 0)
        return self.document

    def node(self, event: yaml.Event, stream: Any, at: Path_, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self.fail(event, f"alias '*{event.anchor}' is not allowed", "write the value out in full")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.fail(event, f"anchor '&{anchor}' is not allowed", "write each value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.fail(event, f"tag '{tag}' is not allowed", "every value is read as text; remove the tag")
        self.document.values[at] = _position(event)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if depth >= MAX_DEPTH:
            self.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in stream:
                if isinstance(item, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(item, stream, (*at, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for key_event in stream:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                if not isinstance(key_event, yaml.ScalarEvent):
                    self.fail(key_event, "a key must be a plain name")
                key = self.scalar(key_event)
                if key_event.tag not in (None, "!") or key_event.anchor is not None:
                    self.fail(key_event, f"key '{key}' may not carry a tag or anchor")
                if key in mapping:
                    # Reported, and the rest of the file is still read: the first value
                    # stays, so that one slip does not hide every other problem.
                    first = self.document.keys[(*at, key)]
                    position = _position(key_event)
                    self.problems.append(
                        Problem(
                            ProblemKind.YAML,
                            Location(self.path, position.line, position.column),
                            f"duplicate key '{key}' (first at line {first.line}); this one is ignored",
                            "remove one of them, or merge them",
                        )
                    )
                    self._skip(next(stream), stream)
                    continue
                self.document.keys[(*at, key)] = _position(key_event)
                mapping[key] = self.node(next(stream), stream, (*at, key), depth + 1)
        self.fail(event, f"unexpected YAML event {type(event).__name__}")
        raise AssertionError("unreachable")  # pragma: no cover

    def _skip(self, event: yaml.Event, stream: Any) -> None:
        """Consume an ignored value, checking it like any other (aliases, tags, depth)."""
        shadow = _EventReader(self.path, self.problems)
        shadow.node(event, stream, (), 0)
