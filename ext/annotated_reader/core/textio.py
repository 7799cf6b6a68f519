"""Reading text files the way every other module expects them.

One policy for seeds and annotation files alike, documented in the contributors' guide:

* the bytes must be UTF-8; an invalid byte is reported with line, column and byte offset;
* a byte order mark at the start is dropped;
* CRLF and lone CR line ends become LF;
* the text is normalised to Unicode NFC, so that a decomposed ``u`` + combining diaeresis
  matches a typed ``ü``;
* control characters (other than tab and line feed) are reported, since HTML and PDF
  cannot show them; :func:`visible_controls` makes them visible instead of dropping them.

Files larger than :data:`MAX_FILE_BYTES` are refused before they are parsed.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .problems import Location, Problem, ProblemKind

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest annotation or seed file we read (2 MiB): far above any real annotation file,
and small enough that a hostile 10 MB file is refused at once instead of parsed."""

REPLACING_UTF8 = "annotated-reader-utf-8-replace"
"""A codec name: UTF-8 (BOM dropped) with every undecodable byte read as U+FFFD, whatever
error handling the caller asks for.  For readers we do not control (Sphinx reads source
files itself, strictly) once :func:`decode` has reported the bytes."""


class _ReplacingDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _replacing_utf8(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != REPLACING_UTF8:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=REPLACING_UTF8,
        encode=utf8.encode,
        decode=lambda data, errors="strict": utf8.decode(data, "replace"),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_ReplacingDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_replacing_utf8)

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded, normalised text file."""

    path: Path
    text: str


def decode(data: bytes, path: Path) -> tuple[str, list[Problem]]:
    """Decode UTF-8 and normalise; undecodable bytes become U+FFFD and are reported."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(_decode_problem(data, error, path))
        text = data.decode("utf-8", errors="replace")
    return normalise(text), problems


def normalise(text: str) -> str:
    """Drop a leading BOM, turn CRLF and CR into LF, and normalise to NFC."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[TextFile | None, list[Problem]]:
    """Read ``path``; on failure return ``None`` and the problems that explain why."""
    location = Location(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(
                    ProblemKind.FILE,
                    location,
                    f"file is {size / 1_000_000:.1f} MB, more than the limit of "
                    f"{max_bytes / 1_000_000:.1f} MB",
                    "split it into several files",
                )
            ]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(ProblemKind.FILE, location, "file not found")]
    except IsADirectoryError:
        return None, [Problem(ProblemKind.FILE, location, "is a directory, not a file")]
    except OSError as error:
        return None, [Problem(ProblemKind.FILE, location, f"cannot read file: {error.strerror}")]
    text, problems = decode(data, path)
    problems.extend(control_character_problems(text, path))
    return TextFile(path, text), problems


def control_character_problems(text: str, path: Path) -> list[Problem]:
    """One problem per control character (tab and line feed are fine)."""
    problems = []
    positions = _Lines(text)
    for match in _CONTROL.finditer(text):
        line, column = positions.at(match.start())
        problems.append(
            Problem(
                ProblemKind.ENCODING,
                Location(path, line, column),
                f"control character U+{ord(match.group()):04X} cannot be shown in HTML or PDF",
                f"it is shown as {visible_controls(match.group())!r}; remove it from the file",
            )
        )
    return problems


def visible_controls(text: str) -> str:
    """Replace control characters by their visible Control Pictures (U+2400 block)."""

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        return "\ufffd"

    return _CONTROL.sub(picture, text)


class _Lines:
    """Line and column of increasing offsets, counting each line break once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1
        self.line_start = 0

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:  # pragma: no cover - callers go forward
            self.offset, self.line, self.line_start = 0, 1, 0
        breaks = self.text.count("\n", self.offset, offset)
        if breaks:
            self.line += breaks
            self.line_start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _decode_problem(data: bytes, error: UnicodeDecodeError, path: Path) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    line_start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    bad = data[error.start : error.end].hex(" ")
    return Problem(
        ProblemKind.ENCODING,
        Location(path, line, column, byte=error.start),
        f"not valid UTF-8 at byte {error.start} (bytes {bad}): {error.reason}",
        "save the file as UTF-8 (until then the character is shown as U+FFFD)",
    )
