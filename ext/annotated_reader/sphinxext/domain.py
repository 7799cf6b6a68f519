"""The ``ar`` domain: actors as objects, and every piece of cross-document state.

Actors are objects of one type per configured actor type (``ar:person``, ``ar:state`` …),
each with a role and an entry in ``objects.inv`` (its directive and its register, a domain
index, come from :mod:`.registers`).
The domain also keeps what the texts contribute to other pages: mentions (for the
registers), text metadata (for the list of texts), dated notes (for the timeline) and the
registry forms each text uses (for the check of unused forms).  All of it is keyed by the
document that contributed it, so :meth:`ReaderDomain.clear_doc` and
:meth:`ReaderDomain.merge_domaindata` keep it right in incremental and parallel builds.
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from collections.abc import Iterator, MutableMapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..core.annotations import Ref, Source
from ..core.problems import Problem
from ..core.text_order import TextKey, order_texts
from .config import reader_config
from .locale import _
from .packed_table import PackedTable

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.annotate import AnnotatedText
    from .registries import BuildRegistries


class ObjectRecord(NamedTuple):
    """Where an actor or a term is described."""

    docname: str
    node_id: str
    label: str
    sort_key: str


class MentionRecord(NamedTuple):
    """A mention of an entry in a text."""

    kind: str
    """``term`` or ``actor``."""
    id: str
    anchor: str
    """Id of the paragraph (``p3``) or section the mention is in."""
    place: str
    """How the register names the place: ``3`` for paragraph 3, else the heading."""


class TextRecord(NamedTuple):
    """A text, for the list of texts."""

    title: str
    date: str
    teaser: str
    language: str
    author: str = ""
    rights: str = ""
    """The text's rights as safe MyST (for the imprint, ``{ar:edition-info}``)."""
    provenance: str = ""
    """Where the text comes from, as safe MyST (for the imprint)."""


class NoteRecord(NamedTuple):
    """A dated note, for the timeline."""

    number: int
    note_id: str
    start: str
    end: str
    title: str
    anchor: str
    """Id of the paragraph or section the note's mark is in."""
    place: str
    """How that place is named: ``3`` for paragraph 3, else the heading."""


class CitationRecord(NamedTuple):
    """A source cited by a note of a text, for the list of sources."""

    source_fields: tuple[str, str, str, str, str, str]
    """The source's title, publisher, URL, author, date and access date.

    Plain strings, not the :class:`Source`: a frozen dataclass is unpickled field by field
    (``dataclasses._dataclass_setstate``), and at 100 texts these records were most of the
    environment and a tenth of a rebuild's fixed cost.
    """
    number: int
    """Number of the note."""
    note_id: str

    @property
    def source(self) -> Source:
        """The cited source (without where it is written: the list of sources does not need it)."""
        return Source(*self.source_fields)

    @classmethod
    def of(cls, source: Source, number: int, note_id: str) -> CitationRecord:
        fields = (source.title, source.publisher, source.url, source.author, source.date, source.accessed)
        return cls(tuple(map(sys.intern, fields)), number, note_id)  # type: ignore[arg-type]


LISTED_TABLES = ("notes", "mentions", "remarks", "citations")
"""The per-document tables that listings on other pages show (see :meth:`ReaderDomain.listing_fingerprints`).

They are kept packed (:class:`.packed_table.PackedTable`): a build reads them only to write
a listing or a register whose digest changed, and they were most of the environment.
"""


def _digest(*parts: object) -> str:
    """A digest of records that are tuples, lists and dicts of strings and numbers.

    Their ``repr`` is the same in every process (no set, whose order changes with the hash seed).
    """
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class ActorRole(XRefRole):
    """``{ar:person}`putin``` and friends: a link to an actor."""


DOCUMENT_TABLES: dict[str, str] = {
    "mentions": "list[MentionRecord]",
    "texts": "TextRecord",
    "notes": "list[NoteRecord]",
    "forms_used": "frozenset of registry forms found in the text",
    "listings": "set of write-time listings on the page",
    "index_entries": "the page's index entries, for the search index",
    "citations": "list[CitationRecord]: the sources of the text's notes",
    "unreadable": "Problem: why the text could not be read (its first problem)",
    "remarks": "{(kind, id): markup}: the text's remarks on entries",
    "digests": "{table: digest}: what the text shows in listings, hashed when it was read",
    "mentioned_kinds": "{(kind, type): count}: how often the text mentions each kind of entry",
}
"""The domain's tables keyed by document, each a dict ``docname -> value`` (described here).

This one list makes the initial data, what :meth:`ReaderDomain.clear_doc` removes and what
:meth:`ReaderDomain.merge_domaindata` takes from a parallel reader: a new table cannot be
forgotten in one of them.
"""


class ReaderDomain(Domain):
    """Actors, mentions, texts and notes of an annotated edition."""

    name = "ar"
    label = "Annotated reader"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},  # (kind, type, id) -> ObjectRecord; kind "actor" or "term"
        **{table: PackedTable() if table in LISTED_TABLES else {} for table in DOCUMENT_TABLES},
        "shown": {},  # listing kind -> fingerprint of what it showed when last written
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.registries: BuildRegistries | None = None
        """The registries of this build (see :mod:`.registries`); not part of the pickled data."""
        self.texts_changed = False
        """Whether a text was read or removed in this build (so listings are stale)."""
        self._mentions_by_entry: dict[tuple[str, str], list[tuple[str, list[MentionRecord]]]] | None = None
        """(kind, id) -> mentions grouped by text; built on first use after reading."""
        self._ordered_texts: list[str] | None = None
        """The texts in the order of the list of texts; built on first use after reading."""
        self._text_positions: dict[str, int] | None = None
        """Docname -> its index in :meth:`ordered_texts`."""

    # --- typed views of the data ---------------------------------------------------

    def _listed(self, name: str) -> PackedTable[Any]:
        """One of the :data:`LISTED_TABLES` (made once if missing: no table allocated per look-up)."""
        table = self.data.get(name)
        if table is None:
            table = self.data[name] = PackedTable()
        return table

    @property
    def objects(self) -> dict[tuple[str, str, str], ObjectRecord]:
        """(kind, type, id) -> where the entry is described."""
        return self.data.setdefault("objects", {})  # type: ignore[no-any-return]

    @property
    def mentions(self) -> MutableMapping[str, list[MentionRecord]]:
        """Docname -> mentions in that text."""
        return self._listed("mentions")

    @property
    def texts(self) -> dict[str, TextRecord]:
        """Docname -> text metadata."""
        return self.data.setdefault("texts", {})  # type: ignore[no-any-return]

    @property
    def notes(self) -> MutableMapping[str, list[NoteRecord]]:
        """Docname -> dated notes."""
        return self._listed("notes")

    @property
    def forms_used(self) -> dict[str, frozenset[str]]:
        """Docname -> registry forms the text uses."""
        return self.data.setdefault("forms_used", {})  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, set[str]]:
        """Docname -> kinds of write-time listing on the page."""
        return self.data.setdefault("listings", {})  # type: ignore[no-any-return]

    @property
    def citations(self) -> MutableMapping[str, list[CitationRecord]]:
        """Docname -> the sources cited by the text's notes."""
        return self._listed("citations")

    @property
    def remarks(self) -> MutableMapping[str, dict[tuple[str, str], str]]:
        """Docname -> (kind, id) -> the text's remark on that entry, as safe MyST."""
        return self._listed("remarks")

    @property
    def mentioned_kinds(self) -> dict[str, dict[tuple[str, str], int]]:
        """Docname -> (kind, type) -> how many mentions of that kind of entry the text has."""
        return self.data.setdefault("mentioned_kinds", {})  # type: ignore[no-any-return]

    @property
    def unreadable(self) -> dict[str, Problem]:
        """Docname -> the first problem of a text that could not be read."""
        return self.data.setdefault("unreadable", {})  # type: ignore[no-any-return]

    @property
    def index_entries(self) -> dict[str, list[tuple[str, str, str, str, str | None]]]:
        """Docname -> the ``entries`` of the page's index nodes (see :mod:`.search`)."""
        return self.data.setdefault("index_entries", {})  # type: ignore[no-any-return]

    # --- recording -------------------------------------------------------------------

    def note_entry(
        self, kind: str, type_: str, id_: str, node_id: str, label: str, sort_key: str, location: Any
    ) -> None:
        """Record where an actor or term is described; warn about a second description."""
        from ..core.problems import ProblemKind
        from .report import WARNING_TYPE, logger

        key = (kind, type_, id_)
        docname = self.env.current_document.docname
        if key in self.objects and self.objects[key].docname != docname:
            logger.warning(
                "%s '%s' is also described in %s",
                kind,
                id_,
                self.objects[key].docname,
                type=WARNING_TYPE,
                subtype=ProblemKind.DUPLICATE_ID.value,
                location=location,
            )
        self.objects[key] = ObjectRecord(docname, node_id, label, sort_key)

    def listing_fingerprints(self) -> dict[str, str]:
        """Listing kind -> a digest of everything listings of that kind show."""
        titles = sorted((docname, record.title) for docname, record in self.texts.items())
        digests: dict[str, dict[str, str]] = self.data.setdefault("digests", {})

        def of(*tables: str) -> list[tuple[str, list[str]]]:
            # Each text's tables were hashed when it was read: here only the digests of
            # every text are hashed again, not their thousands of records.
            return sorted(
                (docname, [digests.get(docname, {}).get(table, "") for table in tables])
                for docname in self.texts
            )

        return {
            "texts": _digest(sorted(self.texts.items())),
            "timeline": _digest(of("notes"), titles),
            "mentions": _digest(of("mentions", "remarks"), titles),
            "sources": _digest(of("citations"), titles),
        }

    def mentions_digest(self, *parts: object) -> str:
        """A digest of ``parts`` and of everything a list of mentions shows.

        That is each text's mentions (hashed when it was read), titles and dates (the order
        of the texts).
        """
        digests: dict[str, dict[str, str]] = self.data.setdefault("digests", {})
        texts = sorted(self.texts.items())
        return _digest(
            parts, texts, [(name, digests.get(name, {}).get("mentions", "")) for name, _text in texts]
        )

    def stale_listings(self) -> list[str]:
        """The pages whose listings would show something else than when they were written.

        Records the new fingerprints: call once per build, after reading.
        """
        now = self.listing_fingerprints()
        shown = self.data.setdefault("shown", {})
        changed = {kind for kind, value in now.items() if shown.get(kind) != value}
        shown.update(now)
        return sorted(docname for docname, kinds in self.listings.items() if kinds & changed)

    def note_listing(self, kind: str) -> None:
        """Record that the current page has a listing filled in at write time."""
        self.listings.setdefault(self.env.current_document.docname, set()).add(kind)

    def note_text(
        self,
        docname: str,
        text: AnnotatedText,
        mentions: list[MentionRecord],
        note_anchors: dict[str, tuple[str, str]],
    ) -> None:
        """Record what a text contributes to other pages.

        ``note_anchors`` maps note ids to the id and the name of the paragraph or section of
        their mark.
        """
        spec = text.spec
        self.texts[docname] = TextRecord(
            text.title,
            text.date,
            spec.teaser,
            spec.language,
            spec.author,
            text.header_markup.get("rights", ""),
            text.header_markup.get("provenance", ""),
        )
        # Interned: the same kinds, ids and anchors recur in every text, and the pickled
        # environment then holds each string once (pickle memoises by identity).
        self.mentions[docname] = [MentionRecord(*map(sys.intern, record)) for record in mentions]
        entries = self.registries.registry.entries if self.registries is not None else {}
        kinds: dict[tuple[str, str], int] = {}
        for record in mentions:
            entry = entries.get(Ref(record.kind, record.id))  # type: ignore[arg-type]
            if entry is not None:
                key = (record.kind, "term" if record.kind == "term" else entry.type)
                kinds[key] = kinds.get(key, 0) + 1
        self.data.setdefault("mentioned_kinds", {})[docname] = kinds
        self.forms_used[docname] = frozenset(text.registry_forms_used)
        intern = sys.intern
        self.remarks[docname] = {
            (intern(ref.kind), intern(ref.id)): intern(markup) for ref, markup in text.remarks.items()
        }
        self.notes[docname] = [
            NoteRecord(
                placed.number,
                intern(placed.note.id),
                intern(placed.note.date.start),
                intern(placed.note.date.end),
                intern(placed.note.title),
                *map(intern, note_anchors.get(placed.note.id, ("", ""))),
            )
            for placed in text.notes
            if placed.note.date is not None
        ]
        self.citations[docname] = [
            # Without where the source is written: the list of sources does not need it, and
            # its paths made these records most of the cost of loading the environment.
            CitationRecord.of(source, placed.number, placed.note.id)
            for placed in text.notes
            for source in placed.note.sources
        ]
        self.data.setdefault("digests", {})[docname] = {
            table: _digest(self.data[table][docname]) for table in LISTED_TABLES
        }
        self.texts_changed = True
        self._forget_derived()

    def _forget_derived(self) -> None:
        """Drop what is computed from the tables, after they changed."""
        self._mentions_by_entry = None
        self._ordered_texts = None
        self._text_positions = None

    # --- Domain API ------------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        if docname in self.texts:
            self.texts_changed = True
        self._forget_derived()
        for name in DOCUMENT_TABLES:
            self.data.setdefault(name, {}).pop(docname, None)
        for key, record in list(self.objects.items()):
            if record.docname == docname:
                del self.objects[key]

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        self._forget_derived()
        for name in DOCUMENT_TABLES:
            table = self.data.setdefault(name, {})
            other = otherdata.get(name, {})
            for docname in other:
                if docname not in docnames:
                    continue
                if isinstance(table, PackedTable) and isinstance(other, PackedTable):
                    table.take(other, docname)  # as it was pickled: not unpickled to be pickled again
                else:
                    table[docname] = other[docname]
                if name == "texts":
                    self.texts_changed = True
        for key, record in otherdata.get("objects", {}).items():
            if record.docname in docnames:
                self.objects[key] = record

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        record = self.objects.get(("actor", typ, target))
        if record is None:
            return None
        return make_refnode(builder, fromdocname, record.docname, record.node_id, contnode, record.label)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for (kind, typ, id_), record in self.objects.items():
            if kind == "actor" and id_ == target:
                ref = make_refnode(
                    builder, fromdocname, record.docname, record.node_id, contnode, record.label
                )
                results.append((f"ar:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, typ, id_), record in sorted(self.objects.items()):
            if kind == "actor":
                yield id_, record.label, typ, record.docname, record.node_id, 1

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return type.lname

    # --- registers -------------------------------------------------------------------

    def mentions_of(self, kind: str, id_: str) -> list[tuple[str, list[MentionRecord]]]:
        """Mentions of one entry, grouped by text in the order of the list of texts."""
        if self._mentions_by_entry is None:
            # One pass over all mentions for all entries: the registers ask for every
            # entry, and a pass per entry grew with entries × mentions.
            grouped: dict[tuple[str, str], dict[str, list[MentionRecord]]] = defaultdict(dict)
            for docname in self.ordered_texts():
                for mention in self.mentions.get(docname, ()):
                    grouped[mention.kind, mention.id].setdefault(docname, []).append(mention)
            self._mentions_by_entry = {key: list(texts.items()) for key, texts in grouped.items()}
        return self._mentions_by_entry.get((kind, id_), [])

    def ordered_texts(self) -> list[str]:
        """Text documents in the edition's one order (a list shared by all callers).

        ``annotated_reader_text_order``, see :mod:`..core.text_order`.
        """
        if self._ordered_texts is None:
            keys = {docname: TextKey(text.title, text.date) for docname, text in self.texts.items()}
            order = reader_config(self.env.config).text_order
            self._ordered_texts = order_texts(keys, order)[0]
        return self._ordered_texts

    def text_position(self, docname: str) -> int | None:
        """The index of text ``docname`` in :meth:`ordered_texts` (``None`` for other pages)."""
        if self._text_positions is None:
            self._text_positions = {name: index for index, name in enumerate(self.ordered_texts())}
        return self._text_positions.get(docname)


def _add_actor_roles(app: Sphinx, config: Config) -> None:
    # Each type's directive and register are added by .registers.
    for type_id in reader_config(config).actor_types:
        app.add_role_to_domain("ar", type_id, ActorRole(innernodeclass=nodes.inline, warn_dangling=True))


def _add_object_types(app: Sphinx) -> None:
    # The environment (and with it the domain) is created before it gets the
    # configuration, so the configured types are added once the builder starts.
    domain = reader_domain(app.env)
    for type_id, labels in reader_config(app.config).actor_types.items():
        if type_id not in domain.object_types:
            domain.add_object_type(type_id, ObjType(_(labels["label"]), type_id))


def setup_domain(app: Sphinx) -> None:
    """Register the domain, and a role per configured actor type."""
    app.add_domain(ReaderDomain)
    app.connect("config-inited", _add_actor_roles, priority=450)
    app.connect("builder-inited", _add_object_types)


def reader_domain(env: BuildEnvironment) -> ReaderDomain:
    """The ``ar`` domain of an environment."""
    domain = env.domains["ar"]
    assert isinstance(domain, ReaderDomain)
    return domain
