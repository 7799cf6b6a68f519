"""Problem messages and hints: what the contributor reads when a text or registry is wrong.

Each function phrases one kind of problem found while locating (:mod:`.annotate`) or
across the texts of a build (:func:`unused_registry_forms`), with the hint that fixes it.
Hints that look through the text (closest passage, near forms) are rationed by a
:class:`.suggest.Budget`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from . import locate, suggest
from .annotations import EntryKind, Form, Note, Ref, Registry, TextSpec
from .problems import Location, Problem, ProblemKind
from .seed import Seed

if TYPE_CHECKING:
    from .annotate import RegistryIndex


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


def unknown_id_problem(
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


def unused_form_problem(form: Form, ref: Ref, seed: Seed, budget: suggest.Budget) -> Problem:
    suggested = budget.take()
    near = suggest.near_form([seed], form.text) if suggested else ""
    return Problem(
        ProblemKind.FORM_UNUSED,
        form.location,
        f"form '{form.text}' ({ref}) does not occur in the text as a whole word",
        near or "remove it, or copy it from the text" + ("" if suggested else f" ({suggest.SPENT})"),
    )


def heading_problems(spec: TextSpec, seed: Seed, budget: suggest.Budget) -> list[Problem]:
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


def overlap_problem(form: Form, ref: Ref, kept_form: Form, kept_ref: Ref, where: Location) -> Problem:
    """A form not linked at ``where`` because a longer form of another entry crosses it."""
    return Problem(
        ProblemKind.OVERLAP,
        form.location,
        f"'{form.text}' ({ref}) at {where.path.name}:{where.line} crosses the longer "
        f"'{kept_form.text}' ({kept_ref}, listed at {_short(kept_form.location, form.location)}) "
        "and is not linked there",
        "list one form that covers both, or remove one",
    )


def _short(location: Location, here: Location) -> str:
    if location.path == here.path:
        return f"line {location.line}"
    return f"{location.path.name}:{location.line}"


def quote_problem(note: Note, seed: Seed, result: locate.QuoteResult, budget: suggest.Budget) -> Problem:
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
