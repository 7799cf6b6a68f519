"""How completely the texts are annotated: the report of ``check --report``.

For each text: how many mentions are linked, and of which entries; which forms of its text
file never occur; how many notes each paragraph has, and which notes cite no source.  For
the registries: forms that no text uses, entries no text mentions, entries without a
source.  It is computed from a checked :class:`~.project.Project` and changes nothing.
"""

from __future__ import annotations

import os
import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import AnnotatedText
from .annotations import Entry, Form, Ref
from .collation import german_sort_key
from .project import Project

WIDTH = 96
"""Width of the printed report."""


@dataclass(frozen=True, slots=True)
class EntryCount:
    """How often an entry is mentioned in one text."""

    ref: Ref
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class TextCoverage:
    """The coverage of one text."""

    path: Path
    title: str
    paragraphs: tuple[int, ...]
    """Numbers of the paragraphs (headings have none)."""
    mentions: int
    by_entry: tuple[EntryCount, ...]
    """Mentioned entries, most mentioned first."""
    unused_text_forms: tuple[tuple[Ref, Form], ...]
    notes_per_paragraph: dict[int, int]
    """Paragraph number → notes anchored in it (every paragraph is listed)."""
    notes_in_headings: int
    notes_without_source: tuple[str, ...]

    @property
    def notes(self) -> int:
        """All notes placed in the text."""
        return sum(self.notes_per_paragraph.values()) + self.notes_in_headings

    @property
    def paragraphs_without_notes(self) -> tuple[int, ...]:
        """Paragraphs that no note explains."""
        return tuple(number for number, count in self.notes_per_paragraph.items() if not count)


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """The coverage of a whole project."""

    texts: tuple[TextCoverage, ...]
    entries: int
    unused_registry_forms: tuple[tuple[Ref, Form], ...]
    never_mentioned: tuple[Entry, ...]
    without_source: tuple[Entry, ...]
    registry_files: tuple[Path, ...] = field(default=())


def text_coverage(text: AnnotatedText, labels: dict[Ref, str]) -> TextCoverage:
    """The coverage of one annotated text."""
    counts = Counter(mention.ref for mention in text.mentions)
    by_entry = sorted(
        (EntryCount(ref, labels.get(ref, ref.id), count) for ref, count in counts.items()),
        key=lambda item: (-item.count, german_sort_key(item.label)),
    )
    paragraphs = tuple(block.number for block in text.seed.blocks if block.number is not None)
    per_paragraph = dict.fromkeys(paragraphs, 0)
    in_headings = 0
    for placed in text.notes:
        number = text.seed.blocks[placed.block].number
        if number is None:
            in_headings += 1
        else:
            per_paragraph[number] += 1
    unused = tuple(
        (text_form.ref, text_form.form)
        for text_form in text.spec.forms
        if text_form.form.text not in text.text_forms_used
    )
    return TextCoverage(
        path=text.spec.path,
        title=text.title,
        paragraphs=paragraphs,
        mentions=len(text.mentions),
        by_entry=tuple(by_entry),
        unused_text_forms=unused,
        notes_per_paragraph=per_paragraph,
        notes_in_headings=in_headings,
        notes_without_source=tuple(placed.note.id for placed in text.notes if not placed.note.sources),
    )


def coverage(project: Project) -> CoverageReport:
    """The coverage report of a checked project."""
    entries = project.registry.entries
    labels = {ref: entry.label for ref, entry in entries.items()}
    used_forms: set[str] = set().union(*(text.registry_forms_used for text in project.texts))
    mentioned = {mention.ref for text in project.texts for mention in text.mentions}
    return CoverageReport(
        texts=tuple(text_coverage(text, labels) for text in project.texts),
        entries=len(entries),
        unused_registry_forms=tuple(
            (entry.ref, form)
            for entry in entries.values()
            for form in entry.forms
            if form.text not in used_forms
        ),
        never_mentioned=tuple(_sorted(entry for entry in entries.values() if entry.ref not in mentioned)),
        without_source=tuple(_sorted(entry for entry in entries.values() if not entry.sources)),
        registry_files=tuple(project.registry.files),
    )


def _sorted(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: german_sort_key(entry.sort_key))


# --- printing ---------------------------------------------------------------------------


def format_report(report: CoverageReport) -> str:
    """The report as plain text, paths relative to the working directory."""
    out = ["Coverage report", "==============="]
    for text in report.texts:
        out.append("")
        out.append(f"{_relative(text.path)}: {text.title}")
        entries = len(text.by_entry)
        out.append(f"  mentions linked: {text.mentions}, of {entries} entr{'y' if entries == 1 else 'ies'}")
        out.extend(_wrapped("per entry", [f"{item.label} {item.count}" for item in text.by_entry]))
        out.extend(
            _wrapped(
                "text forms never used",
                [f"'{form.text}' ({ref}, line {form.location.line})" for ref, form in text.unused_text_forms],
            )
        )
        paragraphs = len(text.paragraphs)
        placed = sum(1 for count in text.notes_per_paragraph.values() if count)
        out.append(f"  notes: {text.notes}, in {placed} of {paragraphs} paragraph(s)")
        per_paragraph = [f"¶{number} {count}" for number, count in text.notes_per_paragraph.items()]
        if text.notes_in_headings:
            per_paragraph.append(f"headings {text.notes_in_headings}")
        out.extend(_wrapped("notes per paragraph", per_paragraph))
        out.extend(_wrapped("paragraphs without a note", [f"¶{n}" for n in text.paragraphs_without_notes]))
        out.extend(_wrapped("notes without a source", list(text.notes_without_source)))
    out.append("")
    files = ", ".join(_relative(path) for path in report.registry_files) or "no registry files"
    out.append(f"Registries ({files}): {report.entries} entries")
    out.extend(
        _wrapped(
            "forms never used in any text",
            [
                f"'{form.text}' ({ref}, {_relative(form.location.path)}:{form.location.line})"
                for ref, form in report.unused_registry_forms
            ],
        )
    )
    out.extend(_wrapped("entries never mentioned", [_entry(entry) for entry in report.never_mentioned]))
    out.extend(_wrapped("entries without a source", [_entry(entry) for entry in report.without_source]))
    return "\n".join(out) + "\n"


def _entry(entry: Entry) -> str:
    return f"{entry.label} ({entry.ref})"


def _wrapped(label: str, items: list[str]) -> list[str]:
    text = f"{label}: " + (", ".join(items) if items else "none")
    return textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False)


def _relative(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("../..") else relative
