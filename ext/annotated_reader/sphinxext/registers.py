"""The glossary and the actor registers: entries described from the registry files.

* ``{ar:glossary}`` writes every glossary term as a standard Sphinx glossary entry (so the
  ``{term}`` role and the general index work), with definition, sources and mentions.
* ``{ar:register} person`` writes every actor of one type, each through the type's own
  directive (``{ar:person} putin``), which can also be used on its own.

The mentions under each entry are placeholders, filled at write time from the domain
(:mod:`.listings`), so that an edit to a text does not re-read the registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from ..core.annotations import Entry, Ref
from ..core.collation import german_sort_key
from ..core.problems import Location, Problem, ProblemKind
from .corpus import corpus
from .domain import reader_domain
from .listings import mention_list
from .locale import _
from .parser import parse_markup
from .report import report
from .sources import sources_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec


def term_id(entry: Entry) -> str:
    """HTML id of a glossary entry: stable, from the registry id."""
    return f"term-{entry.ref.id}"


def actor_id(entry: Entry) -> str:
    """HTML id of an actor's entry."""
    return f"actor-{entry.ref.id}"


def entry_body(entry: Entry, document: nodes.document, env_corpus_markup: str) -> list[nodes.Node]:
    """Definition or description, sources, and the placeholder for mentions."""
    body: list[nodes.Node] = list(parse_markup(env_corpus_markup, document))
    sources = sources_line(entry.sources, document.settings.env.config.language or "en")
    if sources is not None:
        body.append(sources)
    body.append(mention_list(kind=entry.ref.kind, entry=entry.ref.id))
    return body


def _note_registry_files(directive: SphinxDirective) -> None:
    for path in corpus(directive.env).registry.files:
        directive.env.note_dependency(path)


class GlossaryDirective(SphinxDirective):
    """``{ar:glossary}``: the glossary of all registry terms."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        loaded = corpus(self.env)
        _note_registry_files(self)
        domain = reader_domain(self.env)
        domain.note_listing("mentions")
        items = nodes.definition_list(classes=["glossary"])
        terms = sorted(loaded.registry.of_kind("term"), key=lambda e: german_sort_key(e.label))
        source, line = self.get_source_info()
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
        return [glossary]


class ActorDirective(ObjectDescription[str]):
    """``{ar:person} putin`` (one directive per actor type): an actor's register entry."""

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"no-index": directives.flag}

    def _entry(self, sig: str) -> Entry | None:
        entry = corpus(self.env).registry.entries.get(Ref("actor", sig.strip()))
        if entry is None or entry.type != self.objtype:
            close = corpus(self.env).registry.closest_id("actor", sig.strip())
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
        signode += addnodes.desc_name(entry.label, entry.label)
        return entry.ref.id

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        entry = corpus(self.env).registry.entries[Ref("actor", name)]
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
        loaded = corpus(self.env)
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
        loaded = corpus(self.env)
        _note_registry_files(self)
        actors = [entry for entry in loaded.registry.of_kind("actor") if entry.type == type_id]
        actors.sort(key=lambda entry: german_sort_key(entry.sort_key))
        result: list[nodes.Node] = []
        for entry in actors:
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
            result.extend(directive.run())
        if not actors:
            result.append(nodes.paragraph(text=_("No entries yet.")))
        return result


def setup_registers(app: Sphinx) -> None:
    """Register the directives (the per-type ones are added by the domain)."""
    app.add_directive_to_domain("ar", "glossary", GlossaryDirective)
    app.add_directive_to_domain("ar", "register", RegisterDirective)
