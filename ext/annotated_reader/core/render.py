"""From a text file, its seed and the registries to one MyST page.

:func:`annotate` finds every mention and anchors every note, collecting the problems on
the way; :func:`render_myst` writes the page.  The page uses three constructs of its own,
which the Sphinx layer turns into cross-references, header and cards:

* a mention is a span ``[Putins]{.ar-m .ar-m--actor--putin}``;
* ``{ar:text-info}`` after the title stands for the text's metadata;
* ``{ar:cards}`` at the end lists the entries mentioned, for their hover cards.

Everything else is plain MyST: headings, paragraphs with ids (``{#p3 .ar-para}``), and
footnotes (``[^note-id]``) for the notes.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from docutils.nodes import make_id

from . import locate, names, suggest
from .annotations import Entry, EntryKind, Form, Note, Ref, Registry, TextSpec
from .markup import Finding, escape, sanitize
from .problems import Location, Problem, ProblemKind
from .seed import Block, Seed

MENTION_CLASS = "ar-m"
PARAGRAPH_CLASS = "ar-para"
TEXT_INFO_DIRECTIVE = "ar:text-info"
CARDS_DIRECTIVE = "ar:cards"


def footnote_label(note_id: str) -> str:
    """The footnote label of a note; never all digits, which MyST would number by hand."""
    return f"note-{note_id}"


def mention_class(ref: Ref) -> str:
    """The class that carries a mention's target: ``ar-m--actor--putin``."""
    return f"{MENTION_CLASS}--{ref.kind}--{ref.id}"


def parse_mention_class(name: str) -> Ref | None:
    """The target of a mention class, or ``None``."""
    parts = name.split("--")
    if len(parts) == 3 and parts[0] == MENTION_CLASS and parts[1] in ("term", "actor"):
        return Ref(parts[1], parts[2])  # type: ignore[arg-type]
    return None


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
        return nesting_problems(self.index)

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
    problems.extend(_heading_problems(spec, seed, budget))

    text_forms: dict[str, tuple[Ref, Form]] = {}
    unknown: set[tuple[Ref, Location]] = set()
    for text_form in spec.forms:
        if text_form.ref not in registry.entries:
            where = text_form.ref_location
            if (text_form.ref, where) not in unknown:  # once per id, not once per form
                unknown.add((text_form.ref, where))
                problems.append(_unknown_id_problem(text_form.ref, where, registry, budget))
            continue
        text_forms[text_form.form.text] = (text_form.ref, text_form.form)
    text_index = locate.FormIndex(text_forms)
    problems.extend(nesting_problems(text_index))

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
        where = seed.location(lost.dropped.start)
        problems.append(
            Problem(
                ProblemKind.OVERLAP,
                form.location,
                f"'{form.text}' ({ref}) at {where.path.name}:{where.line} crosses the longer "
                f"'{kept_form.text}' ({kept_ref}, listed at {_short(kept_form.location, form.location)}) "
                "and is not linked there",
                "list one form that covers both, or remove one",
            )
        )
    for text, (ref, form) in text_forms.items():
        if text not in used_text_forms:
            problems.append(_unused_form_problem(form, ref, seed, budget))

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
            problems.append(_unknown_id_problem(remark.ref, remark.location, registry))
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


def nesting_problems(index: locate.FormIndex[tuple[Ref, Form]]) -> list[Problem]:
    """One problem for each form an index leaves out (:data:`.locate.MAX_NESTED_FORMS`)."""
    return [
        Problem(
            ProblemKind.LIMIT,
            form.location,
            f"form '{text}' ({ref}) ends with {len(endings)} other forms "
            f"({', '.join(repr(ending) for ending in endings[:3])}{', …' if len(endings) > 3 else ''}); "
            f"more than {locate.MAX_NESTED_FORMS} forms that end alike are not looked for, "
            "so this one is not linked",
            "remove some of the shorter forms, or this one",
        )
        for text, (ref, form), endings in index.too_nested
    ]


def _unknown_id_problem(
    ref: Ref, where: Location, registry: Registry, budget: suggest.Budget | None = None
) -> Problem:
    other: EntryKind = "actor" if ref.kind == "term" else "term"
    if Ref(other, ref.id) in registry.entries:
        hint = f"'{ref.id}' is {'an' if other == 'actor' else 'a'} {other}: write '{other}: {ref.id}'"
    else:
        suggested = budget is None or budget.take()
        close = registry.closest_id(ref.kind, ref.id) if suggested else None
        hint = (
            f"did you mean '{close}'?"
            if close
            else f"add it to {'an' if ref.kind == 'actor' else 'a'} {ref.kind} registry first"
            + ("" if suggested else f", or check its spelling ({suggest.SPENT})")
        )
        suffix = ".actors.yaml" if ref.kind == "actor" else ".glossary.yaml"
        broken = [path.name for path in registry.unreadable if path.name.endswith(suffix)]
        if broken and not close:
            hint = f"{', '.join(broken)} could not be read; fix the problem reported there first"
    return Problem(ProblemKind.UNKNOWN_ID, where, f"no {ref.kind} has the id '{ref.id}'", hint)


def _unused_form_problem(form: Form, ref: Ref, seed: Seed, budget: suggest.Budget) -> Problem:
    suggested = budget.take()
    near = suggest.near_form([seed], form.text) if suggested else ""
    return Problem(
        ProblemKind.FORM_UNUSED,
        form.location,
        f"form '{form.text}' ({ref}) does not occur in the text as a whole word",
        near or "remove it, or copy it from the text" + ("" if suggested else f" ({suggest.SPENT})"),
    )


def _heading_problems(spec: TextSpec, seed: Seed, budget: suggest.Budget) -> list[Problem]:
    if spec.headings is None:
        return []
    texts = [block.text.strip(" \t") for block in seed.blocks]
    known = set(texts)
    problems = []
    levels = dict(
        zip(spec.headings, zip(spec.heading_levels, spec.heading_locations, strict=False), strict=False)
    )
    previous = 1  # the title
    for text in texts:
        if text not in levels:
            continue
        level, location = levels[text]
        if level > previous + 1:
            problems.append(
                Problem(
                    ProblemKind.HEADING,
                    location,
                    f"a heading of level {level} follows one of level {previous}",
                    f"give it level {previous + 1}, or give a heading before it level {level - 1}",
                )
            )
        previous = level
    for heading, location in zip(spec.headings, spec.heading_locations, strict=False):
        if heading in known:
            continue
        hint = ""
        # Headings are short (the schema allows 300 characters); a paragraph more than
        # twice as long cannot be 0.6 alike, and is not compared.
        ratios = (
            [
                difflib.SequenceMatcher(None, text, heading, autojunk=False).ratio()
                if len(text) <= 2 * max(len(heading), 1) and len(heading) <= 2 * max(len(text), 1)
                else 0.0
                for text in texts
            ]
            if len(heading) <= suggest.MAX_QUOTED and budget.take()
            else []
        )
        if ratios and max(ratios) > 0.6:
            block = seed.blocks[ratios.index(max(ratios))]
            closest = texts[block.index]
            difference = suggest.describe_difference(closest, heading)
            hint = f"closest paragraph, on {seed.path.name} line {block.line}: {suggest.yaml_string(closest)}"
            hint += f"; {difference}" if difference else ""
        problems.append(
            Problem(ProblemKind.HEADING, location, "no paragraph of the seed has exactly this text", hint)
        )
    return problems


def _short(location: Location, here: Location) -> str:
    if location.path == here.path:
        return f"line {location.line}"
    return f"{location.path.name}:{location.line}"


MARKUP_HINT = "allowed: *emphasis*, **strong**, `code`, [text](https://…)"


def markup_problems(findings: Iterable[Finding], location: Location) -> list[Problem]:
    """Problems for the findings of :func:`~.markup.sanitize` in a field at ``location``."""
    return [
        Problem(
            ProblemKind.MARKUP,
            Location(location.path, location.line + finding.line, location.column if not finding.line else 0),
            f"{finding.message}; it is shown literally",
            MARKUP_HINT,
        )
        for finding in findings
    ]


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
            problems.append(_quote_problem(note, seed, result, budget))
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


def _quote_problem(note: Note, seed: Seed, result: locate.QuoteResult, budget: suggest.Budget) -> Problem:
    quote = note.quote
    body = seed.body
    name = seed.path.name
    if result.spans:
        lines = suggest.line_list(seed.line_of(start) for start, _ in result.spans)
        choices = []
        for span in result.spans[:3]:
            prefix, suffix = suggest.unique_context(body, result.spans, span)
            if prefix or suffix:
                field = f"prefix: {suggest.yaml_string(prefix)}" if prefix else ""
                field = field or f"suffix: {suggest.yaml_string(suffix)}"
                choices.append(f"for the one at {suggest.place(seed, span[0])}, add {field}")
        return Problem(
            ProblemKind.QUOTE_AMBIGUOUS,
            quote.location,
            f"the quote of note '{note.id}' occurs {len(result.spans)} times ({name} {lines})",
            "; ".join(choices) or "quote a longer passage",
        )
    if result.exact_only:
        return _context_problem(note, seed, result.exact_only)
    if "\n\n" in quote.exact or "\n \n" in quote.exact:
        return Problem(
            ProblemKind.QUOTE_NOT_FOUND,
            quote.location,
            f"the quote of note '{note.id}' spans a paragraph break",
            "quote a passage within one paragraph",
        )
    suggested = budget.take()
    passage = suggest.closest_passage(body, quote.exact) if suggested else None
    hint = "copy the passage from the seed character for character"
    if not suggested:
        hint += f" ({suggest.SPENT})"
    if passage is not None and passage.ratio >= suggest.NEAR_QUOTE_RATIO:
        difference = suggest.describe_difference(passage.text, quote.exact)
        kind = (
            "the text differs only in spaces or quotation marks"
            if locate.loosely_equal(passage.text, quote.exact)
            else "closest passage"
        )
        shown = (
            f"exact: {suggest.yaml_string(passage.text)}"
            if len(passage.text) <= suggest.MAX_QUOTED
            else f"{len(passage.text)} characters from there"
        )
        hint = f"{kind}, at {suggest.place(seed, passage.start)}: {shown}" + (
            f"; {difference}" if difference else ""
        )
    return Problem(
        ProblemKind.QUOTE_NOT_FOUND,
        quote.location,
        f"the quote of note '{note.id}' is not in the text",
        hint,
    )


def _context_problem(note: Note, seed: Seed, spans: tuple[tuple[int, int], ...]) -> Problem:
    """The quote occurs, but never with the given prefix and suffix."""
    quote = note.quote
    body = seed.body
    start, end = spans[0]
    fixes = []
    if quote.prefix and body[max(0, start - len(quote.prefix)) : start] != quote.prefix:
        first = locate.expand_to_words(body, max(0, start - len(quote.prefix)), start)[0]
        fixes.append(f"prefix: {suggest.yaml_string(body[first:start])}")
    if quote.suffix and body[end : end + len(quote.suffix)] != quote.suffix:
        last = locate.expand_to_words(body, end, min(len(body), end + len(quote.suffix)))[1]
        fixes.append(f"suffix: {suggest.yaml_string(body[end:last])}")
    wrong = " and ".join(fix.split(":")[0] for fix in fixes) or "prefix/suffix"
    if len(spans) == 1:
        hint = f"the text there has {'; '.join(fixes)}; or remove the {wrong}, the quote is unique without it"
    else:
        hint = f"at {suggest.place(seed, start)} the text has {'; '.join(fixes)}"
    lines = suggest.line_list(seed.line_of(s) for s, _ in spans)
    return Problem(
        ProblemKind.QUOTE_NOT_FOUND,
        quote.location,
        f"the quote of note '{note.id}' occurs ({seed.path.name} {lines}), but not with this {wrong}",
        hint,
    )


# --- rendering ------------------------------------------------------------------------


def render_myst(text: AnnotatedText) -> str:
    """The MyST page of an annotated text."""
    seed = text.seed
    by_block: dict[int, list[Mention]] = {}
    for mention in text.mentions:
        by_block.setdefault(mention.block, []).append(mention)
    marks: dict[int, list[PlacedNote]] = {}
    for note in text.notes:
        marks.setdefault(note.block, []).append(note)

    out: list[str] = []
    if text.title_block is not None:
        block = text.title_block
        content = _render_block(seed, block, by_block.get(block.index, []), marks.get(block.index, []))
        out.append(_heading_id(block.text) + "# " + content)
    else:
        out.append(_heading_id(text.title) + "# " + escape(text.title))
    out.append(f"```{{{TEXT_INFO_DIRECTIVE}}}\n```")
    levels = dict(zip(text.spec.headings or (), text.spec.heading_levels, strict=False))
    for block in seed.blocks:
        if block is text.title_block:
            continue
        content = _render_block(seed, block, by_block.get(block.index, []), marks.get(block.index, []))
        if block.heading:
            level = levels.get(block.text.strip(" \t"), 2)
            out.append(_heading_id(block.text) + "#" * level + " " + content)
        else:
            out.append(f"{{#{block.anchor} .{PARAGRAPH_CLASS}}}\n{content}")
    for note in text.notes:
        out.append(_footnote(note))
    entries = text.entries()
    if entries:
        listing = "\n".join(f"{ref.kind} {ref.id}" for ref in entries)
        out.append(f"```{{{CARDS_DIRECTIVE}}}\n{listing}\n```")
    return "\n\n".join(out) + "\n"


_GENERATED_ID = re.compile(r"^(p[0-9]+|note-.*|ar-.*)$")
"""Ids the page gives to its own elements: paragraphs, notes, cards."""


def _heading_id(title: str) -> str:
    """An explicit id for a heading whose own id would take one of the page's ids.

    A heading "P2" would be ``#p2`` and push paragraph 2 off its stable id (to ``id2``,
    numbered "¶ id2"); a title "Note Rede" would take the id of note ``rede``.
    """
    slug = make_id(title.strip(" \t"))
    return f"{{#h-{slug}}}\n" if _GENERATED_ID.match(slug) else ""


def _render_block(seed: Seed, block: Block, mentions: list[Mention], notes: list[PlacedNote]) -> str:
    """A block's text with spans for mentions and footnote marks for notes."""
    events: list[tuple[int, int, object]] = []
    for mention in mentions:
        events.append((mention.start, 1, mention))
    for note in notes:
        events.append((note.mark, 0, note))
    events.sort(key=lambda e: (e[0], e[1]))
    parts: list[str] = []
    position = block.start
    line_start = True
    after_mark = False

    def text_until(end: int, *, last: bool) -> None:
        nonlocal position, line_start, after_mark
        if end <= position:
            return
        chunk = seed.body[position:end]
        escaped = escape(chunk, line_start=line_start, line_end=last)
        if after_mark and escaped[:1] in "([":
            escaped = "\\" + escaped
        parts.append(escaped)
        line_start = chunk.endswith("\n")
        after_mark = False
        position = end

    for offset, _, item in events:
        text_until(offset, last=False)
        if isinstance(item, Mention):
            form = seed.body[item.start : item.end]
            parts.append(
                f"[{escape(form, line_start=False, line_end=False)}]{{.{MENTION_CLASS} .{mention_class(item.ref)}}}"
            )
            position = item.end
            after_mark = False
        elif isinstance(item, PlacedNote):
            parts.append(f"[^{footnote_label(item.note.id)}]")
            after_mark = True
        line_start = False
    text_until(block.end, last=True)
    return "".join(parts)


def _footnote(note: PlacedNote) -> str:
    first, *rest = note.body.split("\n")
    lines = [f"[^{footnote_label(note.note.id)}]: {first}"] + [f"    {line}" if line else "" for line in rest]
    return "\n".join(lines)


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


def unused_registry_forms(
    index: RegistryIndex,
    used: Iterable[str],
    seeds: Sequence[Seed] = (),
    unreadable: Sequence[Problem] = (),
) -> list[Problem]:
    """Registry forms that no text uses; with ``seeds``, each says where a near form occurs.

    A text that cannot be read uses none of its forms: reported one by one, they would bury
    the problem that matters.  With ``unreadable`` (the first problem of each text that could
    not be read) they become one problem, listed right after the first of those.
    """
    seen = set(used)
    unused = [(text, ref, form) for text, (ref, form) in index.all_forms.items() if text not in seen]
    if unused and unreadable:
        cause = unreadable[0].location
        named = ", ".join(f"'{text}'" for text, _ref, _form in unused[:8]) + (
            ", …" if len(unused) > 8 else ""
        )
        others = len(unreadable) - 1
        which = "this text" if not others else f"this text and {others} other text{'s' if others > 1 else ''}"
        return [
            Problem(
                ProblemKind.FORM_UNUSED,
                cause,
                f"{len(unused)} registry form{'s are' if len(unused) > 1 else ' is'} unused while {which} "
                f"cannot be read ({'they' if len(unused) > 1 else 'it'} may occur there): {named}",
                "fix the problem above first",
                related=tuple(form.location for _text, _ref, form in unused),
                caused_by=cause,
            )
        ]
    budget = suggest.Budget()
    problems = []
    for text, ref, form in unused:
        suggested = budget.take()
        near = suggest.near_form(seeds, text) if suggested else ""
        problems.append(
            Problem(
                ProblemKind.FORM_UNUSED,
                form.location,
                f"form '{text}' ({ref}) does not occur in any text as a whole word",
                near
                or "remove it, or check its spelling against the text"
                + ("" if suggested else f" ({suggest.SPENT})"),
            )
        )
    return problems


def seed_path_problem(spec: TextSpec, roots: Iterable[Path], srcdir: Path) -> Problem | None:
    """A problem if the seed may not be read.

    It may not if it leaves the allowed roots, is reached through a symbolic link, does not
    exist, or has a name outside the safe set (see :mod:`.names`).  ``roots`` come from :func:`.names.project_roots`; nothing is opened before the checks.
    """
    roots = list(roots)
    try:
        exists = spec.seed.exists()
    except OSError:  # a name too long for the file system: the name check says so
        exists = True
    if not exists:
        return _missing_seed_problem(spec, roots)
    problem = names.place_problem(spec.seed, roots, srcdir, spec.seed_location, "seed")
    if problem is not None:
        return problem
    real = Path(os.path.realpath(srcdir)) / os.path.relpath(spec.seed, srcdir)
    root = next(root for root in roots if Path(os.path.normpath(real)).is_relative_to(root))
    relative = Path(os.path.normpath(real)).relative_to(root).as_posix()
    named = names.name_problem(relative, spec.seed, what="seed")
    if named is not None:
        return Problem(
            named.kind,
            spec.seed_location,
            f"seed '{names.shown(relative)}': {named.message}",
            named.suggestion,
        )
    return None


MAX_SEED_CANDIDATES = 1000
"""Files of the seed directories looked at for "did you mean" when a seed is missing."""


def _missing_seed_problem(spec: TextSpec, roots: Sequence[Path]) -> Problem:
    found: list[Path] = []
    for root in roots:
        if root.is_dir() and names.first_link(root, Path(os.path.realpath(spec.path.parent))) is None:
            for path in root.rglob("*"):
                if len(found) >= MAX_SEED_CANDIDATES:
                    break
                if not path.is_symlink() and path.is_file():
                    found.append(path)
    candidates = {path: os.path.relpath(path, spec.path.parent) for path in sorted(found)}
    wanted = names.shown(os.path.relpath(spec.seed, spec.path.parent), 200)
    close = difflib.get_close_matches(wanted, list(candidates.values()), n=1, cutoff=0.5)
    if close:
        hint = f"did you mean {suggest.yaml_string(close[0])}?"
    elif candidates:
        hint = "seeds: " + ", ".join(sorted(candidates.values())[:5])
    else:
        hint = "put the seed into the seed directory and give its path relative to this file"
    return Problem(ProblemKind.FILE, spec.seed_location, f"the seed file '{wanted}' does not exist", hint)
