"""Locating: a text file, its seed and the registries to an :class:`AnnotatedText`.

:func:`annotate` finds every mention of a registry or text form in the seed and anchors
every note at its quote, collecting the problems on the way (phrased by :mod:`.diagnostics`).
The result is structured data (offsets, blocks, entries) that :mod:`.render` writes as
MyST and the exports and reports read directly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from . import diagnostics, locate, suggest
from .annotations import Form, Note, Ref, Registry, TextSpec
from .markup import markup_problems, sanitize
from .problems import Location, Problem, ProblemKind
from .seed import Block, Seed


@dataclass(frozen=True, slots=True)
class Mention:
    """An occurrence of an entry in the text."""

    start: int
    end: int
    ref: Ref
    form: Form
    block: int
    """Index of the block it is in."""


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with its anchor in the text and its footnote number."""

    note: Note
    start: int
    end: int
    mark: int
    """Offset at which the footnote mark goes."""
    block: int
    number: int
    body: str
    """The body as safe MyST."""


@dataclass(slots=True)
class AnnotatedText:
    """A text with everything located: ready to render."""

    spec: TextSpec
    seed: Seed
    title: str
    title_block: Block | None
    """The seed's first block when it serves as the title."""
    mentions: list[Mention] = field(default_factory=list)
    notes: list[PlacedNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    registry_forms_used: set[str] = field(default_factory=set)
    text_forms_used: set[str] = field(default_factory=set)
    """Forms of the text file that occur in the text (for the coverage report)."""
    header_markup: dict[str, str] = field(default_factory=dict)
    remarks: dict[Ref, str] = field(default_factory=dict)
    """Remarks on entries that hold for this text, as safe MyST, by entry."""
    """Summary and provenance as safe MyST, by field name."""

    @property
    def date(self) -> str:
        """Date of the text: from the text file, else from the seed."""
        return self.spec.date or self.seed.metadata.get("date", "")

    def entries(self) -> list[Ref]:
        """The entries mentioned, in order of first mention."""
        return list(dict.fromkeys(m.ref for m in self.mentions))


class RegistryIndex:
    """The registry's forms, indexed once for all texts of a build."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        forms: dict[str, tuple[Ref, Form]] = {}
        for entry in registry.entries.values():
            for form in entry.forms:
                forms.setdefault(form.text, (entry.ref, form))
        self.index: locate.FormIndex[tuple[Ref, Form]] = locate.FormIndex(forms)

    @property
    def problems(self) -> list[Problem]:
        """Registry forms left out because too many end alike (see :func:`nesting_problems`)."""
        return diagnostics.nesting_problems(self.index)

    @cached_property
    def all_forms(self) -> dict[str, tuple[Ref, Form]]:
        """Every registry form, for the corpus-wide check of unused forms."""
        return {
            form.text: (entry.ref, form) for entry in self.registry.entries.values() for form in entry.forms
        }


def annotate(spec: TextSpec, seed: Seed, index: RegistryIndex) -> AnnotatedText:
    """Locate the mentions and notes of one text."""
    registry = index.registry
    problems: list[Problem] = []
    budget = suggest.Budget()  # suggestions look through the text: a few per text, not thousands
    title_block = None
    title = spec.title
    if not title and seed.blocks and seed.blocks[0].heading:
        title_block = seed.blocks[0]
        title = title_block.text.strip(" \t")
    if not title:
        title = spec.path.name.removesuffix(".text.yaml")
        problems.append(
            Problem(
                ProblemKind.SCHEMA,
                Location(spec.path, 1, 1),
                "the text has no title: the seed does not start with a heading",
                "add a 'title' field",
            )
        )
    problems.extend(diagnostics.heading_problems(spec, seed, budget))

    text_forms: dict[str, tuple[Ref, Form]] = {}
    unknown: set[tuple[Ref, Location]] = set()
    for text_form in spec.forms:
        if text_form.ref not in registry.entries:
            where = text_form.ref_location
            if (text_form.ref, where) not in unknown:  # once per id, not once per form
                unknown.add((text_form.ref, where))
                problems.append(diagnostics.unknown_id_problem(text_form.ref, where, registry, budget))
            continue
        text_forms[text_form.form.text] = (text_form.ref, text_form.form)
    text_index = locate.FormIndex(text_forms)
    problems.extend(diagnostics.nesting_problems(text_index))

    matches, hidden = locate.find_forms(seed.body, text_index, index.index)
    starts = [block.start for block in seed.blocks]
    mentions = []
    used_text_forms: set[str] = set()
    registry_used: set[str] = set()
    for match in matches:
        ref, form = match.value
        block = bisect.bisect_right(starts, match.start) - 1
        mentions.append(Mention(match.start, match.end, ref, form, block))
        (
            used_text_forms if form.text in text_forms and text_forms[form.text][1] is form else registry_used
        ).add(form.text)
    for lost in hidden:
        ref, form = lost.dropped.value
        kept_ref, kept_form = lost.kept.value
        (used_text_forms if form.text in text_forms else registry_used).add(form.text)
        if ref == kept_ref:
            continue  # the entry is linked there all the same
        problems.append(
            diagnostics.overlap_problem(form, ref, kept_form, kept_ref, seed.location(lost.dropped.start))
        )
    for text, (ref, form) in text_forms.items():
        if text not in used_text_forms:
            problems.append(diagnostics.unused_form_problem(form, ref, seed, budget))

    notes = _place_notes(spec, seed, mentions, problems, budget)
    annotated = AnnotatedText(
        spec, seed, title, title_block, mentions, notes, problems, registry_used, used_text_forms
    )
    for name, field_ in (("summary", spec.summary), ("provenance", spec.provenance), ("rights", spec.rights)):
        if field_ is not None:
            annotated.header_markup[name], findings = sanitize(field_.text)
            problems.extend(markup_problems(findings, field_.location))
    mentioned = {mention.ref for mention in mentions}
    for remark in spec.remarks:
        if remark.ref not in registry.entries:
            problems.append(diagnostics.unknown_id_problem(remark.ref, remark.location, registry))
            continue
        if remark.ref not in mentioned:
            problems.append(
                Problem(
                    ProblemKind.UNKNOWN_ID,
                    remark.location,
                    f"the text never mentions {remark.ref}, so its remark is shown nowhere",
                    "remove the remark, or list the form the text uses for the entry",
                )
            )
            continue
        annotated.remarks[remark.ref], findings = sanitize(remark.text)
        problems.extend(markup_problems(findings, remark.text_location))
    return annotated


def _place_notes(
    spec: TextSpec, seed: Seed, mentions: list[Mention], problems: list[Problem], budget: suggest.Budget
) -> list[PlacedNote]:
    body = seed.body
    placed: list[tuple[int, int, int, int, Note]] = []
    mention_starts = [mention.start for mention in mentions]  # mentions are in text order
    for order, note in enumerate(spec.notes):
        quote = note.quote
        result = locate.find_quote(body, quote.exact, quote.prefix, quote.suffix)
        if len(result.spans) != 1:
            problems.append(diagnostics.quote_problem(note, seed, result, budget))
            continue
        start, end = result.spans[0]
        first, last = seed.block_at(start), seed.block_at(end - 1)
        if first is None or last is None or first.index != last.index:
            problems.append(
                Problem(
                    ProblemKind.QUOTE_NOT_FOUND,
                    quote.location,
                    f"the quote of note '{note.id}' spans a paragraph break "
                    f"({seed.path.name}:{seed.line_of(start)}–{seed.line_of(end)})",
                    "quote a passage within one paragraph",
                )
            )
            continue
        mark = end
        # The mention that holds the end, if any (mentions do not overlap): the mark follows it.
        holder = bisect.bisect_left(mention_starts, mark) - 1
        if holder >= 0 and mentions[holder].start < mark < mentions[holder].end:
            mark = mentions[holder].end
        while mark > first.start and body[mark - 1] in " \t\n" and body[mark - 1] == "\n":
            mark -= 1
        placed.append((mark, start, order, first.index, note))
    placed.sort(key=lambda item: item[:3])
    notes = []
    for number, (mark, start, _, block, note) in enumerate(placed, start=1):
        rendered, findings = sanitize(note.body)
        problems.extend(markup_problems(findings, note.body_location))
        end = start + len(note.quote.exact)
        notes.append(PlacedNote(note, start, end, mark, block, number, rendered))
    return notes
