"""The same edition as a plain Sphinx + MyST project: what one would write by hand.

The baseline of the benchmark.  Each text becomes a MyST page with the same text, the
same links (``{ref}`` to the register entry, ``{term}`` to the glossary), the same
footnotes, the same header fields and the same hidden cards; the glossary, the registers,
the timeline and the list of texts are written out in full, mentions included.  The pages
are made from the annotated edition with the pure core (so both builds show the same
content), but the project does not load the extension: it is plain MyST with
``{ref}``/``{term}`` roles, labels, definition lists and the ``{glossary}`` directive.

What the plain project lacks: the per-type domain indices (``ar-person.html`` …) and the
``objects.inv`` entries of actors.  Both are part of what the extension adds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from annotated_reader.core.annotate import AnnotatedText
from annotated_reader.core.annotations import Entry, Ref, Source, entry_markup
from annotated_reader.core.collation import german_sort_key
from annotated_reader.core.markup import escape
from annotated_reader.core.project import load_project
from annotated_reader.core.protocol import (
    BLOCK_KEY_PREFIX,
    MENTION_KEY_PREFIX,
    parse_block_key,
    parse_mention_key,
)
from annotated_reader.core.render import render_myst
from annotated_reader.sphinxext.listings import format_period, language_name

from .corpus import REGISTER_PAGES, write_pages

_MENTION = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\{\.(" + re.escape(MENTION_KEY_PREFIX) + r"[0-9]+)\}")
_PARAGRAPH = re.compile(r"^\{\.(" + re.escape(BLOCK_KEY_PREFIX) + r"[0-9]+)\}$", re.MULTILINE)
_INFO = "```{ar:text-info}\n```"
_CARDS = re.compile(r"```\{ar:cards\}\n(.*?)\n```", re.DOTALL)
_ESCAPED = re.compile(r"\\(.)|&#x([0-9A-F]+);|&#32;")
TYPE_LABELS = {"person": "Person", "organisation": "Organisation", "state": "Staat", "place": "Ort"}


def _literal(escaped: str) -> str:
    """The text an escaped MyST snippet stands for (for role content, which is literal)."""

    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return chr(int(match.group(2), 16)) if match.group(2) else " "

    return _ESCAPED.sub(one, escaped)


def _link(entry: Entry, text: str) -> str:
    text = text.replace("<", "\\<")
    if entry.ref.kind == "term":
        return f"{{term}}`{text} <{entry.label}>`"
    return f"{{ref}}`{text} <actor-{entry.ref.id}>`"


def _indent(markup: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in markup.split("\n"))


def _sources(sources: tuple[Source, ...]) -> str:
    if not sources:
        return ""
    parts = []
    for source in sources:
        prefix = ", ".join(part for part in (source.author, source.publisher) if part)
        title = source.title.replace("[", "\\[").replace("]", "\\]")
        parts.append(f"{prefix}: [{title}](<{source.url}>)" + (f" ({source.date})" if source.date else ""))
    return ("Quellen: " if len(sources) > 1 else "Quelle: ") + "; ".join(parts)


def text_page(text: AnnotatedText, name: str, entries: dict[Ref, Entry]) -> str:
    """The page of one text in plain MyST."""
    page = render_myst(text)

    def mention(match: re.Match[str]) -> str:
        index = parse_mention_key(match.group(2))
        assert index is not None
        return _link(entries[text.mentions[index].ref], _literal(match.group(1)))

    def paragraph(match: re.Match[str]) -> str:
        index = parse_block_key(match.group(1))
        assert index is not None
        return f"({name}-{text.seed.blocks[index].anchor})="

    page = _MENTION.sub(mention, page)
    page = _PARAGRAPH.sub(paragraph, page)
    fields = []
    if text.date:
        fields.append(f":Datum: {format_period(text.date, 'de')}")
    if text.spec.language:
        fields.append(f":Sprache: {language_name(text.spec.language, 'de')}")
    for label, key in (("Zusammenfassung", "summary"), ("Herkunft", "provenance")):
        if key in text.header_markup:
            fields.append(f":{label}: " + _indent(text.header_markup[key], 2).lstrip())
    page = page.replace(_INFO, "\n".join(fields), 1)

    def cards(match: re.Match[str]) -> str:
        out = ["::::{container} ar-cards no-search", ""]
        for line in match.group(1).split("\n"):
            kind, _sep, id_ = line.partition(" ")
            entry = entries[Ref(kind, id_)]  # type: ignore[arg-type]
            label = "Begriff" if kind == "term" else TYPE_LABELS[entry.type]
            more = "Zum Glossareintrag" if kind == "term" else "Zum Registereintrag"
            out += [":::{container} ar-card", f"**{entry.label}** {label}", "", entry_markup(entry)[0], ""]
            out += [_link(entry, more), ":::", ""]
        return "\n".join([*out, "::::"])

    return _CARDS.sub(cards, page)


def _mentions(entry: Entry, places: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    if not places:
        return "In keinem Text erwähnt."
    count = sum(len(anchors) for _name, _title, anchors in places)
    parts = []
    for name, title, anchors in places:
        unique = dict(anchors)
        links = ", ".join(
            f"{{ref}}`¶ {place} <{name}-{anchor}>`" if anchor else f"{{doc}}`{place} </texts/{name}>`"
            for anchor, place in unique.items()
        )
        parts.append(f"*{title}* {links}")
    return f"Erwähnungen ({count}): " + "; ".join(parts)


def render(annotated_srcdir: Path, srcdir: Path) -> None:
    """Write the plain project of the edition in ``annotated_srcdir`` into ``srcdir``."""
    project = load_project(annotated_srcdir, seed_dirs=("seeds",))
    assert not project.problems, project.problems[:3]
    entries = project.registry.entries
    (srcdir / "texts").mkdir(parents=True, exist_ok=True)
    named = sorted(
        ((text.spec.path.name.removesuffix(".text.yaml"), text) for text in project.texts),
        key=lambda item: german_sort_key(item[1].title),
    )
    named.sort(key=lambda item: item[1].date, reverse=True)

    mentioned: dict[Ref, list[tuple[str, str, list[tuple[str, str]]]]] = defaultdict(list)
    events = []
    for name, text in named:
        (srcdir / "texts" / f"{name}.md").write_text(text_page(text, name, entries), "utf-8")
        per_entry: dict[Ref, list[tuple[str, str]]] = defaultdict(list)
        for found in text.mentions:
            block = text.seed.blocks[found.block]
            anchor = block.anchor
            per_entry[found.ref].append((anchor, str(block.number) if anchor else block.text.strip()))
        for ref, anchors in per_entry.items():
            mentioned[ref].append((name, text.title, anchors))
        for note in text.notes:
            if note.note.date is not None:
                block = text.seed.blocks[note.block]
                events.append(
                    (note.note.date.start, note.note.date.end, text.title, note.number, name, block, note)
                )

    text_list = []
    for name, text in named:
        line = f"- **{{doc}}`{text.title} </texts/{name}>`**"
        if text.date:
            line += f" · {format_period(text.date, 'de')}"
        text_list.append(line)
        if text.spec.teaser:
            text_list += ["", f"  {text.spec.teaser}", ""]

    glossary = ["```{glossary}"]
    for entry in sorted(project.registry.of_kind("term"), key=lambda e: german_sort_key(e.label)):
        glossary.append(entry.label)
        abbreviation = f"({entry.abbreviation})" if entry.abbreviation else ""
        body = [
            abbreviation,
            entry_markup(entry)[0],
            _sources(entry.sources),
            _mentions(entry, mentioned[entry.ref]),
        ]
        glossary.append(_indent("\n\n".join(part for part in body if part), 3))
        glossary.append("")
    glossary.append("```")

    registers = []
    for page, (_title, type_id) in REGISTER_PAGES.items():
        lines = []
        actors = [entry for entry in project.registry.of_kind("actor") if entry.type == type_id]
        for entry in sorted(actors, key=lambda e: german_sort_key(e.sort_key)):
            body = [entry_markup(entry)[0], _sources(entry.sources), _mentions(entry, mentioned[entry.ref])]
            lines += [f"```{{index}} single: {entry.sort_key}", "```", "", f"(actor-{entry.ref.id})="]
            lines += [entry.label, ": " + _indent("\n\n".join(part for part in body if part), 2).lstrip(), ""]
        registers.append((page, "\n".join(lines)))

    events.sort(key=lambda event: event[:4])
    timeline = []
    for start, end, title, number, name, block, note in events:
        period = format_period(f"{start}/{end}" if end else start, "de")
        where = f"{title}, ¶ {block.number}, Anm. {number}"
        target = (
            f"{{ref}}`{where} <{name}-{block.anchor}>`"
            if block.anchor
            else f"{{doc}}`{where} </texts/{name}>`"
        )
        timeline.append(f"- {period} {escape(note.note.title, line_start=False)} ({target})")

    write_pages(
        srcdir,
        annotated=False,
        texts="\n".join(text_list),
        glossary="\n".join(glossary),
        timeline="\n".join(timeline),
        registers=registers,
        imprint="\n".join(
            f"- {{doc}}`{escape(text.title, line_start=False)} </texts/{name}>`, {text.date}"
            + (f"; {text.header_markup['rights']}" if text.header_markup.get("rights") else "")
            for name, text in named
        ),
    )
