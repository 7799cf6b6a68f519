"""``{ar:source-list}``: every source of the edition once, with the notes and entries citing it.

The list depends on every text, so it is a placeholder at read time and is filled when its
page is written, like the other listings (:mod:`.listings`).  A source is one web address:
cited by three notes and an entry, it is listed once with links back to all four.  Sources
are sorted by publisher, then title, as German readers expect (DIN 5007).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..core.annotations import Entry, Source
from ..core.collation import german_sort_key, index_letter
from ..core.dates import format_day
from ..core.protocol import note_label
from ..core.sources import SourceGroup, group_sources
from .config import reader_config
from .domain import ReaderDomain, reader_domain
from .locale import _
from .registers import LETTER_BAR_MIN_ENTRIES, letter_bar, letter_id
from .registries import build_registries
from .sources import citation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class source_list(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for the list of sources."""


class SourceListDirective(SphinxDirective):
    """``{ar:source-list}``: the edition's sources, filled in at write time."""

    def run(self) -> list[nodes.Node]:
        # The entries' sources come from the registry files: an edit there re-reads this page.
        for path in build_registries(self.env).registry.files:
            self.env.note_dependency(path)
        reader_domain(self.env).note_listing("sources")
        return [source_list()]


class _Citing(NamedTuple):
    """One place that cites a source: its label and where it is."""

    sort_key: tuple[object, ...]
    """Notes first (by text and number), then entries (by label)."""
    label: str
    docname: str
    anchor: str


def _entry_place(domain: ReaderDomain, entry: Entry, registers: dict[str, str]) -> _Citing | None:
    key = ("term", "term", entry.ref.id) if entry.ref.kind == "term" else ("actor", entry.type, entry.ref.id)
    record = domain.objects.get(key)
    if record is None:
        return None
    where = _("Glossary") if entry.ref.kind == "term" else registers.get(entry.type, entry.type)
    return _Citing(
        (1, german_sort_key(entry.label), 0), f"{where}: {entry.label}", record.docname, record.node_id
    )


def _citations(
    domain: ReaderDomain, registry_entries: list[Entry], registers: dict[str, str]
) -> Iterator[tuple[Source, _Citing]]:
    for docname in domain.ordered_texts():
        title = domain.texts[docname].title
        for record in domain.citations.get(docname, ()):
            label = _("note %(note)d, %(text)s") % {"note": record.number, "text": title}
            yield (
                record.source,
                _Citing((0, docname, record.number), label, docname, note_label(record.note_id)),
            )
    for entry in registry_entries:
        place = _entry_place(domain, entry, registers)
        if place is None:
            continue
        for source in entry.sources:
            yield source, place


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(source_list))
    if not placeholders:
        return
    domain = reader_domain(app.env)
    language = app.config.language or "en"
    registers = {
        type_id: _(labels["register"]) for type_id, labels in reader_config(app.config).actor_types.items()
    }
    cited = list(_citations(domain, list(build_registries(app.env).registry.entries.values()), registers))
    places: dict[str, list[_Citing]] = {}
    for source, place in cited:
        listed = places.setdefault(source.url, [])
        if place not in listed:
            listed.append(place)
    groups = group_sources([source for source, _place in cited])
    groups.sort(key=lambda g: (german_sort_key(g.source.publisher), german_sort_key(g.source.title)))
    for node in placeholders:
        node.replace_self(_listing(app.builder, docname, groups, places, language))


def _listing(
    builder: Builder,
    fromdocname: str,
    groups: list[SourceGroup],
    places: dict[str, list[_Citing]],
    language: str,
) -> nodes.Node:
    if not groups:
        return nodes.paragraph(text=_("No sources yet."))
    # On the web and in the EPUB a long list gets a letter bar and a heading per letter of the
    # publisher, as the registers do (see .registers); the PDF keeps one list.
    lettered = builder.format == "html" and len(groups) >= LETTER_BAR_MIN_ENTRIES
    by_letter: dict[str, list[SourceGroup]] = {}
    for group in groups:
        by_letter.setdefault(index_letter(group.source.publisher) if lettered else "", []).append(group)
    result = nodes.container(classes=["ar-source-register"])
    if lettered:
        result += letter_bar(letters=list(by_letter))
    for letter, members in by_letter.items():
        if lettered:
            heading = nodes.rubric("", letter, ids=[letter_id(letter)], classes=["ar-letter"])
            heading["heading-level"] = 2
            result += heading
        result += _items(builder, fromdocname, members, places, language)
    return result if lettered else result.children[0]


def _items(
    builder: Builder,
    fromdocname: str,
    groups: list[SourceGroup],
    places: dict[str, list[_Citing]],
    language: str,
) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["ar-source-index"])
    for group in groups:
        source = group.source
        item = nodes.list_item(classes=["ar-source-entry"])
        paragraph = nodes.paragraph()
        paragraph.extend(citation(source, language))
        if source.accessed:
            paragraph += nodes.Text(", ")
            paragraph += nodes.inline(
                text=_("checked on %s") % format_day(source.accessed, language), classes=["ar-accessed"]
            )
        item += paragraph
        cited_in = nodes.paragraph(classes=["ar-cited-in"])
        cited_in += nodes.inline(text=_("Cited in:"), classes=["ar-label"])
        for number, place in enumerate(sorted(places[source.url])):
            cited_in += nodes.Text("; " if number else " ")
            cited_in += make_refnode(
                builder, fromdocname, place.docname, place.anchor, nodes.inline(text=place.label)
            )
        item += cited_in
        items += item
    return items


def setup_source_list(app: Sphinx) -> None:
    """Register the list of sources: its directive, its placeholder and its filling."""
    app.add_node(source_list)
    app.add_directive_to_domain("ar", "source-list", SourceListDirective)
    app.connect("doctree-resolved", _fill)
