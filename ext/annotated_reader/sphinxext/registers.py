"""The glossary and the actor registers: entries described from the registry files.

* ``{ar:glossary}`` writes every glossary term as a standard Sphinx glossary entry (so the
  ``{term}`` role and the general index work), with definition, sources and mentions.
* ``{ar:register} person`` writes every actor of one type, each through the type's own
  directive (``{ar:person} putin``), which can also be used on its own.

As in a printed edition, a person stands under "Surname, Given names" (the registry's
``sort_name``), sorted DIN 5007 as the PDF's registers; a long register or glossary gets a
letter bar (A–Z, linking the letters present) and a heading per letter (web and EPUB only:
the PDF's appendix stays as it is).

The mentions under each entry are placeholders, filled at write time from the domain
(:mod:`.listings`), so that an edit to a text does not re-read the registers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, overload

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.domains import Index, IndexEntry
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from ..core.annotations import Entry, Ref
from ..core.collation import german_sort_key, index_letter
from ..core.problems import Location, Problem, ProblemKind
from ..core.protocol import entry_id
from .config import reader_config
from .domain import ObjectRecord, ReaderDomain, reader_domain
from .listings import mention_list
from .locale import _
from .registries import build_registries
from .report import report
from .snippets import parse_markup
from .sources import sources_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

LETTER_BAR_MIN_ENTRIES = 10
"""A register or glossary with at least this many entries gets a letter bar."""
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def term_id(entry: Entry) -> str:
    """HTML id of a glossary entry: stable, from the registry id."""
    return entry_id(entry.ref)


def actor_id(entry: Entry) -> str:
    """HTML id of an actor's entry."""
    return entry_id(entry.ref)


def headword(entry: Entry) -> str:
    """How a register names an entry, as a printed index does.

    "Eschment, Beate" for a person whose ``sort_name`` inverts the name; the name itself
    where the sort name only shortens it ("Zentrum für Osteuropa- und internationale
    Studien (ZOiS)").
    """
    return entry.label if entry.label.startswith(entry.sort_key) else entry.sort_key


def letter_id(letter: str) -> str:
    """The id of a letter's heading in a register (``ar-letter-a``; ``ar-letter-0`` for ``#``)."""
    return f"ar-letter-{letter.lower() if letter.isalpha() else '0'}"


class letter_bar(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """The letters A–Z of a register, those with entries linked (``letters`` attribute)."""


def visit_letter_bar_html(self: HTML5Translator, node: letter_bar) -> None:
    present = list(node["letters"])
    letters = [*ALPHABET, *(letter for letter in present if letter not in ALPHABET)]
    label = self.attval(_("Initial letters"))
    self.body.append(f'<nav class="ar-letter-bar" aria-label="{label}">')
    self.body.append('<ul class="ar-letters">')
    for letter in letters:
        if letter in present:
            item = f'<a href="#{letter_id(letter)}">{self.encode(letter)}</a>'
        else:
            item = f'<span aria-hidden="true">{self.encode(letter)}</span>'
        self.body.append(f"<li>{item}</li>")
    self.body.append("</ul></nav>\n")
    raise nodes.SkipNode


def skip_node(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _html_only(*children: nodes.Node) -> addnodes.only:
    only = addnodes.only(expr="html")
    only.extend(children)
    return only


def letter_groups(entries: Sequence[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries (sorted) grouped by initial letter, in order (``Ä`` under ``A``)."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(index_letter(entry.sort_key), []).append(entry)
    return list(groups.items())


def letter_navigation(groups: list[tuple[str, list[Entry]]]) -> list[nodes.Node]:
    """The letter bar before a long register (web and EPUB only), or nothing."""
    if sum(len(entries) for _letter, entries in groups) < LETTER_BAR_MIN_ENTRIES:
        return []
    return [_html_only(letter_bar(letters=[letter for letter, _entries in groups]))]


def letter_heading(letter: str) -> nodes.Node:
    """The heading over a letter's entries (web and EPUB only)."""
    heading = nodes.rubric("", letter, ids=[letter_id(letter)], classes=["ar-letter"])
    heading["heading-level"] = 2
    return _html_only(heading)


def entry_body(entry: Entry, document: nodes.document, registry_markup: str) -> list[nodes.Node]:
    """Definition or description, sources, and the placeholder for mentions."""
    body: list[nodes.Node] = list(parse_markup(registry_markup, document))
    sources = sources_line(entry.sources, document.settings.env.config.language or "en")
    if sources is not None:
        body.append(sources)
    body.append(mention_list(kind=entry.ref.kind, entry=entry.ref.id))
    return body


def _note_registry_files(directive: SphinxDirective) -> None:
    for path in build_registries(directive.env).registry.files:
        directive.env.note_dependency(path)


class GlossaryDirective(SphinxDirective):
    """``{ar:glossary}``: the glossary of all registry terms."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        loaded = build_registries(self.env)
        _note_registry_files(self)
        domain = reader_domain(self.env)
        domain.note_listing("mentions")
        terms = sorted(loaded.registry.of_kind("term"), key=lambda e: german_sort_key(e.sort_key))
        groups = letter_groups(terms)
        result = letter_navigation(groups)
        lettered = bool(result)
        source, line = self.get_source_info()
        if not lettered:
            return [self._glossary(terms, source, line)]
        for letter, entries in groups:
            result.append(letter_heading(letter))
            result.append(self._glossary(entries, source, line))
        return result

    def _glossary(self, terms: list[Entry], source: str, line: int) -> addnodes.glossary:
        loaded = build_registries(self.env)
        domain = reader_domain(self.env)
        items = nodes.definition_list(classes=["glossary"])
        for entry in terms:
            node_id = term_id(entry)
            term = make_glossary_term(
                self.env, [nodes.Text(entry.label)], None, source, line, node_id, self.state.document
            )
            self.state.document.note_explicit_target(term)
            if entry.abbreviation:
                term += nodes.inline(text=f" ({entry.abbreviation})", classes=["ar-abbr"])
            definition = nodes.definition("", *entry_body(entry, self.state.document, loaded.markup(entry)))
            items += nodes.definition_list_item("", term, definition)
            domain.note_entry(
                "term", "term", entry.ref.id, node_id, entry.label, entry.label, (self.env.docname, line)
            )
        glossary = addnodes.glossary(sorted=False)  # sorted here, the German way
        glossary += items
        return glossary


class ActorDirective(ObjectDescription[str]):
    """``{ar:person} putin`` (one directive per actor type): an actor's register entry."""

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"no-index": directives.flag}

    def _entry(self, sig: str) -> Entry | None:
        entry = build_registries(self.env).registry.entries.get(Ref("actor", sig.strip()))
        if entry is None or entry.type != self.objtype:
            close = build_registries(self.env).registry.closest_id("actor", sig.strip())
            _source, line = self.get_source_info()
            report(
                [
                    Problem(
                        ProblemKind.UNKNOWN_ID,
                        Location(self.env.doc2path(self.env.docname), line),
                        f"no actor of type '{self.objtype}' has the id '{sig.strip()}'",
                        f"did you mean '{close}'?" if close else "",
                    )
                ]
            )
            return None
        return entry

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        entry = self._entry(sig)
        if entry is None:
            raise ValueError(sig)
        name = headword(entry)
        signode += addnodes.desc_name(name, name)
        return entry.ref.id

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        entry = build_registries(self.env).registry.entries[Ref("actor", name)]
        node_id = actor_id(entry)
        signode["ids"].append(node_id)
        self.state.document.note_explicit_target(signode)
        reader_domain(self.env).note_entry(
            "actor", self.objtype, name, node_id, entry.label, entry.sort_key, signode
        )
        self.indexnode["entries"].append(("single", entry.sort_key, node_id, "", None))

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        if not self.names:
            return
        loaded = build_registries(self.env)
        entry = loaded.registry.entries[Ref("actor", self.names[0])]
        _note_registry_files(self)
        reader_domain(self.env).note_listing("mentions")
        content_node.extend(entry_body(entry, self.state.document, loaded.markup(entry)))

    def _toc_entry_name(self, sig_node: addnodes.desc_signature) -> str:
        return ""  # registers can be long; the sidebar lists the register, not each actor


class RegisterDirective(SphinxDirective):
    """``{ar:register} person``: the register of one actor type."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        type_id = self.arguments[0].strip()
        loaded = build_registries(self.env)
        _note_registry_files(self)
        actors = [entry for entry in loaded.registry.of_kind("actor") if entry.type == type_id]
        actors.sort(key=lambda entry: german_sort_key(entry.sort_key))
        groups = letter_groups(actors)
        result = letter_navigation(groups)
        lettered = bool(result)
        for letter, entries in groups:
            if lettered:
                result.append(letter_heading(letter))
            for entry in entries:
                result.extend(self._entry(type_id, entry))
        if not actors:
            result.append(nodes.paragraph(text=_("No entries yet.")))
        return result

    def _entry(self, type_id: str, entry: Entry) -> list[nodes.Node]:
        directive = ActorDirective(
            f"ar:{type_id}",
            [entry.ref.id],
            {},
            StringList(),
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return directive.run()


def register_entries(
    domain: ReaderDomain, kind: str, type_: str, docnames: Iterable[str] | None
) -> list[tuple[str, list[IndexEntry]]]:
    """A register as index content: entries by letter, mentions as sub-entries."""
    letters: dict[str, list[IndexEntry]] = defaultdict(list)
    records = [(key, record) for key, record in domain.objects.items() if key[0] == kind and key[1] == type_]
    records.sort(key=lambda item: german_sort_key(item[1].sort_key))
    for (_kind, _type, id_), record in records:
        if docnames is not None and record.docname not in docnames:
            continue
        group = letters[index_letter(record.sort_key)]
        mentions = domain.mentions_of(kind, id_)
        group.append(
            IndexEntry(record.sort_key, 1 if mentions else 0, record.docname, record.node_id, "", "", "")
        )
        for docname, records_in_text in mentions:
            title = domain.texts[docname].title
            seen: set[str] = set()
            for mention in records_in_text:
                if mention.anchor in seen:
                    continue
                seen.add(mention.anchor)
                place = f"¶ {mention.place}" if mention.place.isdigit() else mention.place
                group.append(IndexEntry(f"{title}, {place}", 2, docname, mention.anchor, "", "", ""))
    return sorted(letters.items(), key=lambda item: german_sort_key(item[0]))


class RegisterContent(Sequence[tuple[str, list[IndexEntry]]]):
    """A register's index content, made only when a page is rendered from it.

    Sphinx generates every domain index on every build, even when nothing changed; the
    page of an unchanged register is then written as it was (:mod:`.page_reuse`), whose key
    is :attr:`reuse_key`: a digest of what the content is made of, far cheaper than the
    content (at 100 texts some 12,000 mentions sorted into letters).
    """

    def __init__(self, domain: ReaderDomain, kind: str, type_: str, docnames: Iterable[str] | None) -> None:
        self._domain, self._kind, self._type = domain, kind, type_
        self._docnames = None if docnames is None else frozenset(docnames)
        self._items: list[tuple[str, list[IndexEntry]]] | None = None

    @cached_property
    def _objects(self) -> list[tuple[str, ObjectRecord]]:
        """The entries of this register (their ids and where they are described)."""
        return sorted(
            (id_, record)
            for (kind, type_, id_), record in self._domain.objects.items()
            if kind == self._kind
            and type_ == self._type
            and (self._docnames is None or record.docname in self._docnames)
        )

    @property
    def items(self) -> list[tuple[str, list[IndexEntry]]]:
        if self._items is None:
            self._items = register_entries(self._domain, self._kind, self._type, self._docnames)
        return self._items

    @property
    def reuse_key(self) -> str:
        """A digest of the entries, their mentions, the texts' titles and order."""
        return self._domain.mentions_digest(self._objects)

    def __bool__(self) -> bool:
        return bool(self._objects)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> tuple[str, list[IndexEntry]]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, list[IndexEntry]]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self.items[index]

    def __iter__(self) -> Iterator[tuple[str, list[IndexEntry]]]:
        return iter(self.items)


def _actor_index(type_id: str, register: str) -> type[Index]:
    """The domain index (``ar-<type>.html``) of one actor type."""

    def generate(self: Index, docnames: Iterable[str] | None = None) -> tuple[RegisterContent, bool]:
        return RegisterContent(reader_domain(self.domain.env), "actor", type_id, docnames), True

    return type(
        f"{type_id.title()}Index",
        (Index,),
        {"name": type_id, "localname": _(register), "shortname": _(register), "generate": generate},
    )


class TermIndex(Index):
    """The register of glossary terms with their mentions."""

    name = "term"
    localname = _("Terms")
    shortname = _("Terms")

    def generate(self, docnames: Iterable[str] | None = None) -> tuple[RegisterContent, bool]:  # type: ignore[override]  # a Sequence made lazily, see RegisterContent
        return RegisterContent(reader_domain(self.domain.env), "term", "term", docnames), True


def _add_actor_types(app: Sphinx, config: Config) -> None:
    for type_id, labels in reader_config(config).actor_types.items():
        app.add_directive_to_domain("ar", type_id, ActorDirective)
        app.add_index_to_domain("ar", _actor_index(type_id, labels["register"]))


def setup_registers(app: Sphinx) -> None:
    """Register the directives and the domain indices: the glossary's, one per actor type."""
    app.add_node(
        letter_bar,
        html=(visit_letter_bar_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive_to_domain("ar", "glossary", GlossaryDirective)
    app.add_directive_to_domain("ar", "register", RegisterDirective)
    app.add_index_to_domain("ar", TermIndex)
    app.connect("config-inited", _add_actor_types, priority=450)
