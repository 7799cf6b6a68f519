"""Annotation files: the glossary and actor registries, and one file per text.

Loading reads a file with the strict YAML reader, validates it against its JSON Schema and
builds plain, immutable objects that remember where each value was written.  A file with
problems still yields every entry that is valid, so that one mistake does not hide the
rest of the edition; the problems are returned beside it.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .dates import iso_date_hint
from .markup import markup_problems, sanitize
from .problems import Location, Problem, ProblemKind
from .records import PickledByFields
from .schema import FileKind, validate
from .textio import control_character_problems, normalise, read_text_file, visible_controls
from .yaml_strict import YamlDocument, load_yaml

EntryKind = Literal["term", "actor"]

DEFAULT_ACTOR_TYPES = ("person", "organisation", "state", "place")

_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$")


@dataclass(frozen=True, slots=True, order=True)
class Ref(PickledByFields):
    """Identifies an entry: a glossary term or an actor."""

    kind: EntryKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind} '{self.id}'"


@dataclass(frozen=True, slots=True)
class Form(PickledByFields):
    """A surface form and where it was listed."""

    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class Source(PickledByFields):
    """A citable source."""

    title: str
    publisher: str
    url: str
    author: str = ""
    date: str = ""
    accessed: str = ""
    location: Location | None = field(default=None, compare=False)
    """Where the source is listed (its item in the annotation file)."""
    url_location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Entry(PickledByFields):
    """A glossary term or an actor."""

    ref: Ref
    type: str
    """``term`` for glossary terms; the actor type (``person``, …) for actors."""
    label: str
    """Headword of a term, name of an actor."""
    sort_key: str
    text: str
    """Definition of a term, description of an actor (annotation markup)."""
    forms: tuple[Form, ...]
    sources: tuple[Source, ...]
    location: Location
    abbreviation: str = ""
    text_location: Location | None = None
    """Where the definition or description starts (for problems in its markup)."""


@dataclass(slots=True)
class Registry:
    """All terms and actors of a project, loaded from its registry files."""

    entries: dict[Ref, Entry] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    """Registry files that could not be read at all (their entries are missing)."""

    def of_kind(self, kind: EntryKind) -> list[Entry]:
        """Entries of one kind, in the order of their files."""
        return [entry for entry in self.entries.values() if entry.ref.kind == kind]

    def forms(self) -> dict[str, Ref]:
        """Surface form → entry, for every form of every entry."""
        return {form.text: entry.ref for entry in self.entries.values() for form in entry.forms}

    def closest_id(self, kind: EntryKind, wanted: str) -> str | None:
        """The existing id of ``kind`` that looks most like ``wanted``."""
        ids = [ref.id for ref in self.entries if ref.kind == kind]
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
        return close[0] if close else None


@dataclass(frozen=True, slots=True)
class Quote:
    """A W3C TextQuoteSelector."""

    exact: str
    prefix: str
    suffix: str
    location: Location


@dataclass(frozen=True, slots=True)
class Period:
    """A date (``2022-09-21``) or a period (``2022-09-23/2022-09-27``)."""

    start: str
    end: str = ""

    def __str__(self) -> str:
        return f"{self.start}/{self.end}" if self.end else self.start


@dataclass(frozen=True, slots=True)
class Note:
    """A context note, anchored by a quote."""

    id: str
    quote: Quote
    body: str
    title: str
    date: Period | None
    sources: tuple[Source, ...]
    location: Location
    body_location: Location


@dataclass(frozen=True, slots=True)
class TextForm:
    """A form that holds only in one text."""

    ref: Ref
    form: Form
    ref_location: Location


@dataclass(frozen=True, slots=True)
class Remark:
    """A remark on a registry entry that holds for one text only."""

    ref: Ref
    text: str
    """The remark (annotation markup)."""
    location: Location
    """Where the entry's id is written."""
    text_location: Location


@dataclass(frozen=True, slots=True)
class MarkupField:
    """Annotation markup with the location of its first line."""

    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class TextSpec:
    """The annotation file of one text."""

    path: Path
    seed: Path
    seed_location: Location
    title: str = ""
    date: str = ""
    language: str = ""
    teaser: str = ""
    summary: MarkupField | None = None
    provenance: MarkupField | None = None
    author: str = ""
    """Who wrote the text, as its source names them (empty: not named)."""
    rights: MarkupField | None = None
    """The rights in the text (its licence, who holds them, why it may be reproduced)."""
    headings: tuple[str, ...] | None = None
    heading_locations: tuple[Location, ...] = ()
    heading_levels: tuple[int, ...] = ()
    """Level of each of ``headings``: 2 under the title, 3 under a level-2 heading, …"""
    forms: tuple[TextForm, ...] = ()
    notes: tuple[Note, ...] = ()
    remarks: tuple[Remark, ...] = ()


def short_location(location: Location, here: Path) -> str:
    """``line 12`` in the same file, else ``file.yaml:12``: short enough for a message."""
    if location.path == here:
        return f"line {location.line}"
    return f"{location.path.name}:{location.line}"


def nfc(text: str) -> str:
    """Unicode NFC, the normal form of every string we compare."""
    return unicodedata.normalize("NFC", text)


def read_annotation_file(
    path: Path, kind: FileKind, text: str | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
    """Read, parse and validate one annotation file (``text``: its content, if already read)."""
    if text is None:
        source, problems = read_text_file(path)
        if source is None:
            return None, problems
        text = source.text
    else:
        text = normalise(text)
        problems = control_character_problems(text, path)
    # Control characters are reported above; as their pictures they no longer stop YAML,
    # so that the rest of the file is still read and checked.
    document, yaml_problems = load_yaml(visible_controls(text), path)
    problems.extend(yaml_problems)
    if document is None:
        return None, problems
    problems.extend(validate(document, kind))
    return document, problems


def load_registry(paths: Iterable[Path], actor_types: Iterable[str] = DEFAULT_ACTOR_TYPES) -> Registry:
    """Load glossary (``*.glossary.yaml``) and actor (``*.actors.yaml``) files."""
    registry = Registry()
    known_types = tuple(actor_types)
    form_owner: dict[str, tuple[Ref, Location]] = {}
    headwords: dict[str, Entry] = {}
    for path in paths:
        kind = FileKind.of(path.name)
        if kind not in (FileKind.GLOSSARY, FileKind.ACTORS):
            registry.problems.append(
                Problem(
                    ProblemKind.FILE,
                    Location(path),
                    "not a registry file",
                    "registry files end in .glossary.yaml or .actors.yaml",
                )
            )
            continue
        registry.files.append(path)
        document, problems = read_annotation_file(path, kind)
        registry.problems.extend(problems)
        if document is None or not isinstance(document.data, dict):
            registry.unreadable.append(path)
            continue
        key = "terms" if kind is FileKind.GLOSSARY else "actors"
        items = document.data.get(key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            entry = _entry(document, (key, index), item, kind, known_types, registry.problems)
            if entry is None:
                continue
            previous = registry.entries.get(entry.ref)
            if previous is not None:
                registry.problems.append(
                    Problem(
                        ProblemKind.DUPLICATE_ID,
                        document.location((key, index, "id")),
                        f"{entry.ref} is defined twice (first at {short_location(previous.location, path)})",
                        "give each entry its own id",
                    )
                )
                continue
            registry.entries[entry.ref] = entry
            if entry.ref.kind == "term":
                # The glossary links a mention to its term by headword (a Sphinx glossary
                # term): a second term with the same headword would take the first's mentions.
                first = headwords.setdefault(entry.label, entry)
                if first is not entry:
                    registry.problems.append(
                        Problem(
                            ProblemKind.DUPLICATE_ID,
                            document.location((key, index, "headword")),
                            f"{first.ref} has the same headword '{entry.label}' (at {first.location})",
                            "give each term its own headword",
                        )
                    )
            for form in entry.forms:
                owner = form_owner.get(form.text)
                if owner is not None and owner[0] != entry.ref:
                    registry.problems.append(
                        Problem(
                            ProblemKind.FORM_CONFLICT,
                            form.location,
                            f"form '{form.text}' is listed for {entry.ref} and for {owner[0]} "
                            f"(at {short_location(owner[1], path)})",
                            "a form can name only one entry; list it once, or move it to "
                            "the text files where it holds",
                        )
                    )
                    continue
                form_owner.setdefault(form.text, (entry.ref, form.location))
    return registry


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key, "")
    return nfc(value) if isinstance(value, str) else ""


def _scalar_text(item: Mapping[str, Any], key: str) -> str:
    """A text field that YAML may have read as a number (an unquoted year)."""
    value = item.get(key, "")
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else _text(item, key)


def _sources(document: YamlDocument, at: tuple[str | int, ...], value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list):
        return ()
    sources = []
    for number, item in enumerate(value):
        if (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("title", "publisher", "url"))
            and _SAFE_URL.match(item["url"])
        ):
            sources.append(
                Source(
                    title=_text(item, "title"),
                    publisher=_text(item, "publisher"),
                    url=item["url"],
                    author=_text(item, "author"),
                    date=_scalar_text(item, "date"),
                    accessed=_scalar_text(item, "accessed"),
                    location=document.location((*at, number)),
                    url_location=document.location((*at, number, "url")),
                )
            )
    return tuple(sources)


def _forms(document: YamlDocument, at: tuple[str | int, ...], value: Any) -> tuple[Form, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Form(nfc(text), document.location((*at, index)))
        for index, text in enumerate(value)
        if isinstance(text, str) and text.strip()
    )


def _entry(
    document: YamlDocument,
    at: tuple[str | int, ...],
    item: Any,
    kind: FileKind,
    actor_types: tuple[str, ...],
    problems: list[Problem],
) -> Entry | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    label_key, text_key = ("headword", "definition") if kind is FileKind.GLOSSARY else ("name", "description")
    label, text = _text(item, label_key), _text(item, text_key)
    if not label or not text:
        return None  # the schema has reported it
    if kind is FileKind.GLOSSARY:
        ref, entry_type = Ref("term", item["id"]), "term"
    else:
        ref, entry_type = Ref("actor", item["id"]), _text(item, "type")
        if not entry_type:
            return None  # the schema has reported it
        if entry_type not in actor_types:
            problems.append(
                Problem(
                    ProblemKind.SCHEMA,
                    document.location((*at, "type")),
                    f"'type' must be one of the actor types: {', '.join(actor_types)}; not '{entry_type}'",
                    _did_you_mean(entry_type, actor_types),
                )
            )
            return None
    return Entry(
        ref=ref,
        type=entry_type,
        label=label,
        sort_key=_text(item, "sort_name") or label,
        text=text,
        forms=_forms(document, (*at, "forms"), item.get("forms")),
        sources=_sources(document, (*at, "sources"), item.get("sources")),
        location=document.location(at),
        abbreviation=_text(item, "abbreviation"),
        text_location=document.location((*at, text_key)),
    )


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def check_date(value: str) -> bool:
    """Whether ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` is a real calendar date."""
    parts = value.split("-")
    try:
        year, month, day = (
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
        datetime.date(year, month, day)
    except (ValueError, IndexError):
        return False
    return True


def _period(
    document: YamlDocument, at: tuple[str | int, ...], value: Any, problems: list[Problem]
) -> Period | None:
    if not isinstance(value, str) or not value:
        return None
    start, _, end = value.partition("/")
    for part in (start, end):
        if part and not check_date(part):
            problems.append(
                Problem(
                    ProblemKind.SCHEMA,
                    document.location(at),
                    f"'{part}' is not a real calendar date",
                    iso_date_hint(part),
                )
            )
            return None
    if end and end < start:
        problems.append(
            Problem(
                ProblemKind.SCHEMA,
                document.location(at),
                f"the period ends ({end}) before it starts ({start})",
            )
        )
        return None
    return Period(start, end)


def load_text_spec(path: Path, text: str | None = None) -> tuple[TextSpec | None, list[Problem]]:
    """Load one text file (``*.text.yaml``); ``text`` is its content, if already read."""
    document, problems = read_annotation_file(path, FileKind.TEXT, text)
    if document is None or not isinstance(document.data, dict):
        return None, problems
    data = document.data
    seed = data.get("seed")
    if not isinstance(seed, str) or not seed:
        return None, problems

    date = _text(data, "date")
    if date and not check_date(date):
        problems.append(
            Problem(
                ProblemKind.SCHEMA,
                document.location(("date",)),
                f"'{date}' is not a real calendar date",
                iso_date_hint(date),
            )
        )
        date = ""

    headings: tuple[str, ...] | None = None
    heading_locations: tuple[Location, ...] = ()
    heading_levels: tuple[int, ...] = ()
    if isinstance(data.get("headings"), list):
        given: list[tuple[str, Location, int]] = []
        for i, item in enumerate(data["headings"]):
            text = item.get("heading") if isinstance(item, dict) else item
            if not isinstance(text, str):
                continue
            level = str(item.get("level", "2")) if isinstance(item, dict) else "2"
            given.append(
                (
                    nfc(text).strip(" \t"),
                    document.location(("headings", i)),
                    int(level) if level in "23456" and len(level) == 1 else 2,
                )
            )
        headings = tuple(text for text, _, _ in given)
        heading_locations = tuple(location for _, location, _ in given)
        heading_levels = tuple(level for _, _, level in given)

    forms: list[TextForm] = []
    for index, item in enumerate(data.get("forms") or []):
        if not isinstance(item, dict):
            continue
        kind: EntryKind = "actor" if "actor" in item else "term"
        target = item.get(kind)
        if not isinstance(target, str):
            continue
        where = document.location(("forms", index, kind))
        for form in _forms(document, ("forms", index, "forms"), item.get("forms")):
            forms.append(TextForm(Ref(kind, target), form, where))

    remarks: list[Remark] = []
    remarked: dict[Ref, Location] = {}
    for index, item in enumerate(data.get("remarks") or []):
        if not isinstance(item, dict) or not isinstance(item.get("remark"), str):
            continue
        remark_kind: EntryKind = "actor" if "actor" in item else "term"
        remark_target = item.get(remark_kind)
        if not isinstance(remark_target, str):
            continue
        ref = Ref(remark_kind, remark_target)
        where = document.location(("remarks", index, remark_kind))
        if ref in remarked:
            problems.append(
                Problem(
                    ProblemKind.DUPLICATE_ID,
                    where,
                    f"{ref} has a second remark (first at {short_location(remarked[ref], path)})",
                    "write one remark per entry",
                )
            )
            continue
        remarked[ref] = where
        text_at = document.location(("remarks", index, "remark"))
        remarks.append(Remark(ref, nfc(item["remark"]), where, text_at))

    notes: list[Note] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(data.get("notes") or []):
        note = _note(document, ("notes", index), item, problems)
        if note is None:
            continue
        if note.id in seen:
            problems.append(
                Problem(
                    ProblemKind.DUPLICATE_ID,
                    document.location(("notes", index, "id")),
                    f"note '{note.id}' is defined twice (first at {short_location(seen[note.id], path)})",
                    "give each note its own id",
                )
            )
            continue
        seen[note.id] = note.location
        notes.append(note)

    def markup(key: str) -> MarkupField | None:
        text = _text(data, key)
        return MarkupField(text, document.location((key,))) if text else None

    spec = TextSpec(
        path=path,
        seed=Path(os.path.normpath(path.parent / seed)),
        seed_location=document.location(("seed",)),
        title=_text(data, "title"),
        date=date,
        language=_text(data, "language"),
        teaser=_text(data, "teaser"),
        summary=markup("summary"),
        provenance=markup("provenance"),
        author=_text(data, "author"),
        rights=markup("rights"),
        headings=headings,
        heading_locations=heading_locations,
        heading_levels=heading_levels,
        forms=tuple(forms),
        notes=tuple(notes),
        remarks=tuple(remarks),
    )
    return spec, problems


def _note(
    document: YamlDocument, at: tuple[str | int, ...], item: Any, problems: list[Problem]
) -> Note | None:
    if not isinstance(item, dict):
        return None
    note_id, body, quote = item.get("id"), item.get("body"), item.get("quote")
    if not isinstance(note_id, str) or not isinstance(body, str) or not body.strip():
        return None
    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return None
    return Note(
        id=note_id,
        quote=Quote(
            exact=nfc(quote["exact"]),
            prefix=_text(quote, "prefix"),
            suffix=_text(quote, "suffix"),
            location=document.location((*at, "quote", "exact")),
        ),
        body=nfc(body),
        title=_text(item, "title"),
        date=_period(document, (*at, "date"), item.get("date"), problems),
        sources=_sources(document, (*at, "sources"), item.get("sources")),
        location=document.location(at),
        body_location=document.location((*at, "body")),
    )


def entry_markup(entry: Entry) -> tuple[str, list[Problem]]:
    """An entry's definition or description as safe MyST, with its problems."""
    rendered, findings = sanitize(entry.text)
    return rendered, markup_problems(findings, entry.text_location or entry.location)


def registry_problems(registry: Registry) -> list[Problem]:
    """Problems of the registry files, including their markup."""
    problems = list(registry.problems)
    for entry in registry.entries.values():
        problems.extend(entry_markup(entry)[1])
    return problems
