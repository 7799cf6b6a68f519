r"""LaTeX: the book, with registers that give the page of every mention.

**Registers.**  A printed register lists pages, which only TeX knows.  So at every mention
the LaTeX document gets an index entry in the register of the entry's type
(``\index[ar-person]`` from imakeidx), and at the description of the entry (glossary,
actor register) an entry set in bold.  latexmk runs xindy on each register (Sphinx's
``latexmkrc`` runs it on every index file the log names; the extension adds the
registers' xindy module and, for German, DIN 5007-1), and the registers are printed at the
end of the document, one section each.  The index entries that Sphinx would make for
glossary terms and actors become the bold register entries, so Sphinx's general index has
nothing left to say about them; a project can drop it (``latex_elements["printindex"] =
""``).  Sphinx's domain indices of the registers are not printed (they would repeat the
registers without pages).

**The book.**  The package ``sphinxannotatedreader.sty`` sets the type area and the page
(its header says why: a measure of 2.25 lowercase alphabets of the body font, 56-68
characters of German text; a text block 1.6 times as high as wide, the paragraph numbers in
the left margin), the headings, running heads, footnotes, title page and registers.  A
generated ``sphinxannotatedreader.cfg`` declares this project's registers, translated
names, PDF metadata and the words TeX must not hyphenate (:func:`unbreakable_words`: the
actors' names and the acronyms of the registries).  Here the tree is made printable: a
text's metadata as a head note (:class:`HeadNote`), the head of a note run into it, the
sources of a note as one run-in paragraph, addresses printed as host and path once, in the
list of sources (:func:`print_addresses`), typographic apostrophes in the editors' text.

**Tagging.**  ``\DocumentMetadata`` is put before ``\documentclass`` (Sphinx's template has
no place for it): see :func:`document_metadata` and the README for what TeX Live 2022 does.

**TeX safety.**  Everything that reaches the ``.tex`` from the input is escaped (Sphinx's
``encode`` and ``idescape``, :func:`index_key`) or refused with a located warning: a
document whose name TeX cannot take is left out of the book (:func:`tex_safe_name`), an
index key without letters is replaced by the entry's id, an icon name of another
extension's role that is no icon name is left out.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import textwrap
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from babel.core import get_global
from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import footnotetext
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as tex_escape

from ..core.annotations import Entry, Ref, Registry
from ..core.problems import Location, Problem, ProblemKind
from ..core.protocol import ENTRY_KINDS, PARAGRAPH_CLASS, parse_entry_id
from ..edition import Edition
from .config import reader_config
from .locale import _
from .paragraphs import paragraph_number
from .registries import build_registries
from .report import report
from .sources import SOURCES_CLASS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator

LATEX_DIR = Path(__file__).resolve().parent.parent / "latex"
PACKAGE = "sphinxannotatedreader"
SETUP_FILE = f"{PACKAGE}.cfg"
TERM_REGISTER = "ar-term"
REGISTERS_INTRO = (
    "The registers list every page on which a text mentions an entry; "
    "the page with the entry's description is set in bold."
)
LATEXMKRC_MARK = "# sphinx-annotated-reader:"


class register_mark(nodes.Inline, nodes.Element):  # noqa: N801 - docutils naming
    """An entry in a printed register: ``register`` (``ar-person``), ``key``, ``label``, ``main``.

    ``main`` marks the place where the entry is described; its page is set in bold.
    """


class registers(nodes.General, nodes.Element):  # noqa: N801
    """The chapter of printed registers; ``names`` lists the registers in print order."""


def register_name(entry: Entry) -> str:
    """The register an entry belongs to, as an index name (``ar-person``, ``ar-term``)."""
    return TERM_REGISTER if entry.ref.kind == "term" else f"ar-{entry.type}"


def register_names(config: Config) -> list[str]:
    """All registers in print order: one per actor type, as configured, then the terms."""
    return [f"ar-{type_id}" for type_id in reader_config(config).actor_types] + [TERM_REGISTER]


def register_titles(config: Config) -> dict[str, str]:
    """The printed title of each register, translated (``Personen``, ``Begriffe`` …)."""
    titles = {
        f"ar-{type_id}": _(labels["register"])
        for type_id, labels in reader_config(config).actor_types.items()
    }
    titles[TERM_REGISTER] = _("Terms")
    return {name: str(title) for name, title in titles.items()}


def entry_label(entry: Entry) -> str:
    """How an entry is listed: by its sort name (``Putin, Wladimir``), with its abbreviation."""
    return f"{entry.sort_key} ({entry.abbreviation})" if entry.abbreviation else entry.sort_key


def _mark(entry: Entry, key: str, *, main: bool) -> register_mark:
    label = entry_label(entry) if key == entry.sort_key else entry.label
    return register_mark(register=register_name(entry), key=key, label=label, main=main)


def sort_key_problem(entry: Entry) -> Problem | None:
    """An entry whose sort name has nothing to sort by (``sort_name: "{}"``), for xindy."""
    if index_key(entry.sort_key):
        return None
    return Problem(
        ProblemKind.SCHEMA,
        entry.location,
        f"the sort name {entry.sort_key!r} of {entry.ref} has no letter or digit to sort by in the "
        f"printed register; it is sorted by its id '{entry.ref.id}'",
        "give the entry a sort_name made of words",
    )


def _entry_of(node_id: str, entries: dict[Ref, Entry]) -> Entry | None:
    """The entry described at ``node_id`` (``actor-putin``, ``term-eawu``), if any."""
    ref = parse_entry_id(node_id)
    return entries.get(ref) if ref is not None else None


def _mentioned_entry(xref: addnodes.pending_xref, entries: dict[Ref, Entry]) -> Entry | None:
    """The entry a mention names (its attributes, set by :func:`.mentions.make_mention`)."""
    kind, id_ = xref.get("ar_kind"), xref.get("ar_id")
    return entries.get(Ref(kind, id_)) if kind in ENTRY_KINDS and isinstance(id_, str) else None


def _in_title(node: nodes.Element) -> nodes.title | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        if isinstance(parent, nodes.title):
            return parent
        parent = parent.parent
    return None


def _place_after_title(title: nodes.title, marks: list[register_mark]) -> None:
    r"""Index entries of a heading go into the paragraph after it, not into ``\section{}``.

    In the heading they would travel into the table of contents and the PDF bookmarks;
    between heading and paragraph they would allow a page break after the heading.
    """
    section = title.parent
    following = section[section.index(title) + 1 :] if section is not None else []
    paragraph = next(iter(following), None)
    if isinstance(paragraph, nodes.paragraph):
        start = 1 if paragraph.children and isinstance(paragraph[0], paragraph_number) else 0
        for offset, mark in enumerate(marks):
            paragraph.insert(start + offset, mark)
    elif section is not None:
        for offset, mark in enumerate(marks):
            section.insert(section.index(title) + 1 + offset, mark)


class RegisterMarks(SphinxPostTransform):
    """Put an index entry at every mention and description; add the registers at the end.

    Runs before cross-references are resolved (priority 10), while a mention is still a
    ``pending_xref`` that names its entry (``ar_entry``).
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        entries = build_registries(self.env).registry.entries
        problems = [problem for entry in entries.values() if (problem := sort_key_problem(entry))]
        unsortable = {problem.location for problem in problems}
        report(problems)

        def key(entry: Entry) -> str:
            return entry.ref.id if entry.location in unsortable else entry.sort_key

        used: set[str] = set()
        by_title: dict[int, tuple[nodes.title, list[register_mark]]] = {}
        for xref in list(self.document.findall(addnodes.pending_xref)):
            entry = _mentioned_entry(xref, entries)
            if entry is None or xref.parent is None:
                continue
            mark = _mark(entry, key(entry), main=False)
            used.add(mark["register"])
            title = _in_title(xref)
            if title is not None:
                by_title.setdefault(id(title), (title, []))[1].append(mark)
                # A heading stays plain: no link in the heading, the running head, the contents.
                xref.replace_self(xref.children)
            else:
                xref.parent.insert(xref.parent.index(xref) + 1, mark)
        for title, marks in by_title.values():
            _place_after_title(title, marks)
        for index in list(self.document.findall(addnodes.index)):
            described: list[Entry] = []
            kept: list[Any] = []
            for item in index["entries"]:
                entry = _entry_of(item[2], entries)
                if entry is None:
                    kept.append(item)
                else:
                    described.append(entry)
            if not described:
                continue
            marks = [_mark(entry, key(entry), main=True) for entry in described]
            used.update(mark["register"] for mark in marks)
            index["entries"] = kept
            assert index.parent is not None
            position = index.parent.index(index) + 1
            for offset, mark in enumerate(marks):
                index.parent.insert(position + offset, mark)
            if not kept:
                index.parent.remove(index)
        if used:
            names = [name for name in register_names(self.config) if name in used]
            self.document += registers(names=names)


class ActorNamesAsText(SphinxPostTransform):
    r"""An actor's name heads its register entry in bold text, not in bold code.

    Sphinx sets the name of any described object as code (``\sphinxbfcode``), with
    unbreakable spaces; a person's name is not code.
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for desc in list(self.document.findall(addnodes.desc)):
            if desc.get("domain") != "ar":
                continue
            for name in list(desc.findall(addnodes.desc_name)):
                name.replace_self(nodes.strong(name.astext(), name.astext()))


class printed_address(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """A web address as printed: host and path (``printed``), linked to ``refuri``."""


def printed_form(uri: str) -> str:
    """How an address is printed: host and path, without the scheme, decoded, no final slash.

    ``https://www.example.org/a/b%C3%BC/`` is printed ``www.example.org/a/bü``; a query
    stays (without it the path may name no page); ``mailto:`` addresses lose the scheme.
    """
    if uri.startswith("mailto:"):
        return uri.removeprefix("mailto:")
    parts = urlsplit(uri)
    if not parts.netloc:
        return uri
    path = unquote(parts.path).rstrip("/")
    query = f"?{unquote(parts.query)}" if parts.query else ""
    return f"{parts.netloc}{path}{query}"


_ADDRESS_PIECES = re.compile(r"[^/.]*[/.]|[^/.]+$")
LONG_PIECE = 24
"""A piece of an address (between slashes and dots) longer than this may break before a hyphen."""


def address_breaks(printed: str) -> list[tuple[str, str]]:
    """The address in pieces, each with the break allowed before it (``""``, ``"/."`` or ``"-"``).

    An address breaks only after a slash or a dot, where no reader takes the break for a
    hyphen.  A piece longer than :data:`LONG_PIECE` characters (the slug of a news site) may
    break before one of its separators (``-``, ``_``, ``+``, ``=``, ``&``): the separator
    then opens the next line, which no hyphenation does.  A long piece without any may break
    every :data:`LONG_PIECE` characters: an address wider than the page has to break somewhere.
    """
    result: list[tuple[str, str]] = []
    for piece in _ADDRESS_PIECES.findall(printed):
        if len(piece) <= LONG_PIECE:
            result.append((piece, "/." if result else ""))
            continue
        first, *rest = _SEPARATED.split(piece) if _SEPARATED.search(piece[1:]) else [piece]
        parts = [(first, "/." if result else ""), *((part, "-") for part in rest if part)]
        for part, before in parts:
            chunks = [part[i : i + LONG_PIECE] for i in range(0, len(part), LONG_PIECE)] or [part]
            result.append((chunks[0], before))
            result.extend((chunk, "-") for chunk in chunks[1:])
    return [(part, before) for part, before in result if part]


_SEPARATED = re.compile(r"(?=[-_+=&])")


def _end_of_citation(parent: nodes.Element, position: int) -> int:
    """Where a citation (:func:`.sources.citation`) ends: after the closing quote and the date."""
    if position < len(parent) and isinstance(parent[position], nodes.Text) and str(parent[position]) == "“":
        position += 1
    if position + 1 >= len(parent) or str(parent[position]) != ", ":
        return position
    date = parent[position + 1]
    is_date = isinstance(date, nodes.Element) and "ar-source-date" in date["classes"]
    return position + 2 if is_date else position


def print_addresses(document: nodes.Element) -> None:
    """Print the address of every link to the web, as host and path, after its text.

    A printed book has nothing to click: the reader needs the address.  A source
    (``ar-source``) has it once, at the end of its citation in the list of sources
    (``Publisher: „Title“, 26. September 2022, host/path``); where the book has no list of
    sources, at the end of every citation.  Any other link has the address in parentheses
    after its text; a bare address is printed as it is.  (Sphinx's own ``latex_show_urls``
    prints the whole address with its scheme and breaks it anywhere; with it set, not
    ``"no"``, links are left to Sphinx.)
    """
    source_lists = [node for node in document.findall(nodes.bullet_list) if SOURCE_INDEX in node["classes"]]
    listed = {id(ref) for listing in source_lists for ref in listing.findall(nodes.reference)}
    for reference in list(document.findall(nodes.reference)):
        uri, parent = reference.get("refuri", ""), reference.parent
        if parent is None or not uri.startswith(("http://", "https://", "mailto:")):
            continue
        is_source = "ar-source" in reference["classes"]
        if is_source and source_lists and id(reference) not in listed:
            continue  # cited with publisher, title and date; the address is in the list
        address = printed_address("", printed_form(uri), refuri=uri)
        if reference.astext() in (uri, uri.removeprefix("mailto:"), address.astext()):
            reference.replace_self(address)
            continue
        position = parent.index(reference)
        # The title is the link's text, set as text: the address is the link.
        parent[position] = nodes.inline("", "", *reference.children, classes=reference["classes"])
        if is_source:
            end = _end_of_citation(parent, position + 1)
            # By position: Text nodes are strings, equal to any other with the same text.
            parent[end:end] = [nodes.Text(", "), address]
        else:
            parent[position + 1 : position + 1] = [nodes.Text(" ("), address, nodes.Text(")")]


SOURCE_INDEX = "ar-source-index"
"""Class of the list of sources (:mod:`.source_list`)."""


def _notes(document: nodes.Element) -> list[nodes.Element]:
    """The notes: footnotes, and the text of those Sphinx moved out of a heading (``footnotetext``)."""
    return [
        node for node in document.findall(nodes.Element) if isinstance(node, (nodes.footnote, footnotetext))
    ]


def run_in_note_heads(document: nodes.Element) -> None:
    """A note's head (its title, bold, and its date) runs into the note's first paragraph.

    ``Title (30. September 2022). Am 30. September …``: a line less for every note at the
    foot of a page, and the title still opens the note.
    """
    for footnote in _notes(document):
        paragraphs = [child for child in footnote.children if isinstance(child, nodes.paragraph)]
        if len(paragraphs) < 2 or not paragraphs[0].children:
            continue
        head, body = paragraphs[0], paragraphs[1]
        if not isinstance(head[0], nodes.strong):
            continue
        dates = [
            child
            for child in head.children
            if isinstance(child, nodes.Element) and "ar-note-date" in child["classes"]
        ]
        run_in: list[nodes.Node] = [head[0].deepcopy()]
        if dates:
            run_in += [nodes.Text(" ("), *(child.deepcopy() for child in dates[:1]), nodes.Text(")")]
        run_in.append(nodes.Text(". "))
        body[0:0] = run_in
        footnote.remove(head)


def _short_citation(cited: nodes.paragraph) -> list[nodes.Node]:
    """A citation as "Publisher, 26. September 2022": who published it and when.

    The title and the address are in the list of sources, found there by the publisher.
    """
    who = cited[0].astext().removesuffix("„").removesuffix(" ").removesuffix(":") if len(cited) else ""
    dates = [
        child
        for child in cited.children
        if isinstance(child, nodes.Element) and "ar-source-date" in child["classes"]
    ]
    short: list[nodes.Node] = [nodes.Text(who)]
    if dates:
        short += [nodes.Text(", "), dates[0].deepcopy()]
    return short


def run_in_sources(document: nodes.Element) -> None:
    """A note's sources (label and list) as one run-in paragraph: "Quellen: …; …".

    A list with bullets at the foot of a page would be the heaviest thing on it.  Where the
    book has a list of sources, a note names each source short, by publisher and date (the
    list gives title and address, sorted by publisher): the notes at the foot of a page are
    then a few lines, not a third of it.
    """
    short = any(SOURCE_INDEX in node["classes"] for node in document.findall(nodes.bullet_list))
    for block in list(document.findall(nodes.container)):
        if SOURCES_CLASS not in block["classes"]:
            continue
        label = next(iter(block.findall(nodes.paragraph)), None)
        items = list(block.findall(nodes.list_item))
        paragraph = nodes.paragraph()
        if label is not None:
            paragraph += nodes.inline(text=f"{label.astext()}:", classes=["ar-label"])
        for number, item in enumerate(items):
            paragraph += nodes.Text("; " if number else " ")
            for cited in item.findall(nodes.paragraph):
                paragraph.extend(
                    _short_citation(cited) if short else (child.deepcopy() for child in cited.children)
                )
        block.replace_self(nodes.container("", paragraph, classes=[SOURCES_CLASS]))


class note_anchor(nodes.Inline, nodes.Element):  # noqa: N801 - docutils naming
    """The label of a note (``note-<id>``) in the PDF, for the references to it."""


def visit_note_anchor(self: LaTeXTranslator, node: note_anchor) -> None:
    self.body.append(self.hypertarget(node["refid"]))
    raise nodes.SkipNode


def anchor_notes(document: nodes.Element) -> None:
    """Give every footnote its HTML id as a label: the list of sources refers to notes."""
    for footnote in _notes(document):
        first = next((child for child in footnote.children if isinstance(child, nodes.paragraph)), None)
        if first is not None:
            first[0:0] = [note_anchor(refid=node_id) for node_id in footnote["ids"]]


SINGLE_QUOTES = {"de": ("‚", "‘")}
"""Opening and closing single quotation marks by language; English ones for the others."""


def typographic_apostrophes(text: str, language: str = "") -> str:
    """The editors' typewriter ``'`` as a typesetter sets it.

    Within a word or after one, an apostrophe (``won’t``, ``Belarus’``); before a word, an
    opening single quotation mark, and the next ``'`` after a word its closing one
    (German ``‚Kurhaus A‘``, English ``‘Kurhaus A’``).
    """
    opening, closing = SINGLE_QUOTES.get(language[:2], ("‘", "’"))
    result: list[str] = []
    quoted = False
    for index, char in enumerate(text):
        if char != "'":
            result.append(char)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if not before.isalnum() and after.isalnum():
            result.append(opening)
            quoted = True
        elif quoted and not after.isalnum():
            result.append(closing)
            quoted = False
        else:
            result.append("’")
    return "".join(result)


def _is_seed_text(node: nodes.Node) -> bool:
    """Whether a text node is the author's: in a paragraph of a text (outside its notes) or a heading."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.footnote, footnotetext, nodes.literal_block, nodes.literal, nodes.raw)):
            return isinstance(parent, (nodes.literal_block, nodes.literal, nodes.raw))
        if isinstance(parent, nodes.title) or (
            isinstance(parent, nodes.paragraph) and PARAGRAPH_CLASS in parent["classes"]
        ):
            return True
        parent = parent.parent
    return False


_UNBREAKABLE_SPACES = re.compile(r"(¶|Anm\.|S\.|Nr\.|Art\.) (?=\d)")
"""A space a line must not break: between ``¶``, ``Anm.`` and the like and their number."""


def set_editorial_typography(document: nodes.Element, language: str) -> None:
    r"""Typographic apostrophes and unbreakable spaces in the editors' text, never in the author's.

    Sphinx prints ``'`` as ``\textquotesingle`` (a straight, typewriter mark); typed in a note
    (``Belarus'``) or a source's title (``Won't``) it should be ``’``.  The author's text
    (the seed's paragraphs and headings) keeps every character as it is.
    """
    for text in list(document.findall(nodes.Text)):
        parent = text.parent
        if parent is None or _is_seed_text(text):
            continue
        printed = _UNBREAKABLE_SPACES.sub("\\1\u00a0", typographic_apostrophes(str(text), language))
        if printed != str(text):
            position = next(index for index, child in enumerate(parent.children) if child is text)
            parent[position] = nodes.Text(printed)


PRINTED_LISTS = ("ar-timeline", SOURCE_INDEX)
PRINTED_PARAGRAPHS = ("ar-sources", "ar-mentions")
"""Paragraphs the package sets in an environment of their own (an entry's sources, its mentions)."""
"""Lists the package sets as a book does: no bullets, each entry a hanging paragraph."""


def _print_late(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """What the listings add when the tree is resolved (sources, the timeline), made printable.

    Runs after the listings are filled (:mod:`.listings`, at the default priority).
    """
    if app.builder.format != "latex":
        return
    set_editorial_typography(doctree, app.config.language or "")
    for transition in list(doctree.findall(nodes.transition)):
        # MyST's rule before a page's notes: in print the notes stand under their own rule.
        if "footnotes" in transition["classes"] and transition.parent is not None:
            transition.parent.remove(transition)
    run_in_sources(doctree)
    run_in_note_heads(doctree)
    anchor_notes(doctree)
    if app.config.latex_show_urls == "no":
        print_addresses(doctree)
    for paragraph in list(doctree.findall(nodes.paragraph)):
        printed = [name for name in PRINTED_PARAGRAPHS if name in paragraph["classes"]]
        if printed and paragraph.parent is not None:
            # Sphinx's LaTeX writer drops a paragraph's classes, not a container's.
            paragraph.replace_self(nodes.container("", paragraph.deepcopy(), classes=printed))
    for listing in list(doctree.findall(nodes.bullet_list)):
        printed = [name for name in PRINTED_LISTS if name in listing["classes"]]
        if printed and listing.parent is not None:
            # An environment of the package sets the list (sphinxclass<name>).
            listing.replace_self(nodes.container("", listing.deepcopy(), classes=printed))


def visit_printed_address(self: LaTeXTranslator, node: printed_address) -> None:
    breaks = {"": "", "/.": r"\allowbreak{}", "-": r"\sphinxARurlhyphenbreak{}"}
    pieces = "".join(
        breaks[before] + r"\mbox{" + self.encode(piece) + "}"
        for piece, before in address_breaks(node.astext())
    )
    self.body.append(r"\sphinxARurl{\sphinxhref{" + self.encode_uri(node["refuri"]) + "}{" + pieces + "}}")
    raise nodes.SkipNode


class HeadNote(SphinxPostTransform):
    """A text's metadata (``{ar:text-info}``) printed as a head note, not as a field list.

    Short fields (date, language) share one line, ``Datum: September 2022 · Sprache:
    Deutsch``; the longer ones (summary, provenance) are paragraphs with a run-in label.
    The package sets the head note small (``sphinxclassar-text-info``).
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for fields in list(self.document.findall(nodes.field_list)):
            if "ar-text-info" not in fields["classes"]:
                continue
            note = nodes.container(classes=["ar-text-info"])
            short = nodes.paragraph()
            for field in fields.findall(nodes.field):
                name, body = field[0], field[1]
                label = nodes.inline(text=f"{name.astext()}:", classes=["ar-label"])
                paragraphs = [child for child in body.children if isinstance(child, nodes.paragraph)]
                if len(body.children) == 1 and paragraphs and len(body.astext()) <= SHORT_FIELD:
                    if short.children:
                        short += nodes.Text(" · ")
                    short += [label, nodes.Text(" "), *paragraphs[0].children]
                    continue
                for number, child in enumerate(body.children):
                    if number == 0 and isinstance(child, nodes.paragraph):
                        child.insert(0, [label, nodes.Text(" ")])
                    note += child
            if short.children:
                note.insert(0, short)
            fields.replace_self(note)


SHORT_FIELD = 40
"""A field of the head note this long or shorter shares a line with the other short ones."""


_INDEX_QUOTED = str.maketrans({'"': '""', "@": '"@', "!": '"!', "|": '"|'})


def index_key(text: str) -> str:
    r"""The sort key of an index entry: plain text, no TeX commands, xindy's characters quoted.

    An entry is the same entry only if its key is the same text; a TeX command in it would
    be written differently when ``\index`` stands in a macro argument (a glossary term).
    """
    plain = "".join(" " if char in "\\{}%#&~^_$" else char for char in text)
    return " ".join(plain.split()).translate(_INDEX_QUOTED)


def _index_label(translator: LaTeXTranslator, text: str) -> str:
    """The printed part of an index entry: LaTeX-escaped, xindy's characters quoted."""
    value = translator.encode(text)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}").replace(r"\}", r"\sphinxrightcurlybrace{}")
    value = value.replace('"', '""').replace("@", '"@').replace("!", '"!')
    return value.replace("|", r"\textbar{}")


def visit_register_mark(self: LaTeXTranslator, node: register_mark) -> None:
    encap = "|spxpagem" if node["main"] else ""
    key, label = index_key(node["key"]), _index_label(self, node["label"])
    self.body.append(rf"\index[{node['register']}]{{{key}@{label}{encap}}}")
    raise nodes.SkipNode


def visit_registers(self: LaTeXTranslator, node: registers) -> None:
    self.body.append("\n\n\\begin{sphinxARregisters}\n")
    self.body.extend(f"\\sphinxARprintregister{{{name}}}\n" for name in node["names"])
    self.body.append("\\end{sphinxARregisters}\n")
    raise nodes.SkipNode


_WORD = re.compile(r"[^\W\d_]+")


def _is_acronym(word: str) -> bool:
    return sum(char.isupper() for char in word) >= 2


def unbreakable_words(registry: Registry) -> list[str]:
    r"""The words TeX must not hyphenate: the names of actors and every acronym, from the registries.

    A name is every capitalised word of an actor's name, sort name, abbreviation and
    forms (``Smadiyarow``, ``Kasachstan``, ``Außenministerium``), also with the genitive
    ``s`` (``Smadiyarows``); an acronym is any word with two capitals or more (``EAWU``,
    ``ZOiS``), also among the glossary's terms, whose other words are hyphenated as words.
    The package gives them to ``\hyphenation`` without a hyphen: TeX never breaks them.
    """
    words: set[str] = set()
    for entry in registry.entries.values():
        texts = [entry.label, entry.sort_key, entry.abbreviation, *(form.text for form in entry.forms)]
        for word in _WORD.findall(" ".join(texts)):
            if len(word) < 2:
                continue
            if _is_acronym(word):
                words.add(word)
            elif entry.ref.kind == "actor" and word[0].isupper():
                words.add(word)
                if word[-1] not in "sxzß":
                    words.add(f"{word}s")
    return sorted(words, key=str.casefold)


def setup_tex(config: Config, registry: Registry | None = None) -> str:
    """The generated part of the package: registers, translated names, words not to break."""

    def tex(text: str) -> str:
        return tex_escape(text, config.latex_engine)

    # The edition's subtitle (annotated_reader_edition), else the extension's own.
    subtitle = Edition.from_mapping(reader_config(config).edition).subtitle or _("annotated edition")
    lines = ["% Generated by sphinx-annotated-reader; do not edit.", r"\makeatletter"]
    for name, title in register_titles(config).items():
        lines.append(rf"\sphinxARdeclareregister{{{name}}}{{{tex(title)}}}")
    lines += [
        rf"\renewcommand*\sphinxARregistersname{{{tex(_('Registers'))}}}",
        rf"\renewcommand*\sphinxARregistersintro{{{tex(_(REGISTERS_INTRO))}}}",
        rf"\renewcommand*\sphinxARsubtitle{{{tex(subtitle)}}}",
        rf"\renewcommand*\sphinxARtitlesubtitle{{{tex(_capitalized(subtitle))}}}",
        rf"\renewcommand*\sphinxARcopyright{{\textcopyright{{}} {tex(config.copyright)}}}",
        rf"\AddToHook{{begindocument/end}}{{\renewcommand*\contentsname{{{tex(_('Contents'))}}}}}",
        rf"\renewcommand*\sphinxARedition{{{tex(_('As of %s') % config.today) if config.today else ''}}}",
        # The PDF's metadata: title, author, language;
        # a viewer shows the title, not the file name.
        r"\AtBeginDocument{\hypersetup{pdftitle={\@title{} – \sphinxARsubtitle},pdfauthor={\@author},"
        + r"pdfdisplaydoctitle=true"
        + (rf",pdflang={{{language_tag(config.language)}}}" if config.language else "")
        + "}}",
        *_pdf_dates(),
    ]
    words = unbreakable_words(registry) if registry is not None else []
    if words:
        # After polyglossia has switched to the main language: exceptions belong to a language.
        lines.append(r"\AddToHook{begindocument/end}{\hyphenation{%")
        lines += textwrap.wrap(" ".join(words), 96, break_long_words=False, break_on_hyphens=False)
        lines.append("}}")
    lines.append(r"\makeatother")
    return "\n".join(lines) + "\n"


def _pdf_dates() -> list[str]:
    """The PDF's dates and ids from ``SOURCE_DATE_EPOCH``: the same PDF in every build.

    XeTeX takes its own dates from the epoch, but LaTeX's PDF management, loaded for the
    tagging, writes the time of the run into the document information and the XMP
    metadata, and derives the XMP instance id from it.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return []
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    properties = {
        "document/pdfcreationdate": stamp,
        "document/pdfmoddate": stamp,
        "hyperref/pdfmetadate": stamp,
        "hyperref/pdfdate": stamp,
        "hyperref/pdfinstanceid": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'source-date-epoch:' + epoch)}",
    }
    label_key = [(name.split("/", 1), value) for name, value in properties.items()]
    return [
        r"\ifdefined\AddToDocumentProperties",
        *(rf"\AddToDocumentProperties[{label}]{{{key}}}{{{value}}}" for (label, key), value in label_key),
        r"\fi",
        rf"\AtBeginDocument{{\hypersetup{{pdfcreationdate={{{stamp}}},pdfmoddate={{{stamp}}}}}}}",
    ]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def xindy_options(config: Config) -> str:
    """The xindy options of Sphinx's Makefile, with German sorted by DIN 5007-1.

    Sphinx asks xindy for ``german-din5007``, which is DIN 5007-2 (Ä as Ae, the rule for
    lists of names); registers sort Ä with A and ß as ss (DIN 5007-1, what xindy calls
    ``german-duden``), as the HTML registers do (:mod:`..core.collation`).
    """
    language = (config.language or "en")[:2]
    from sphinx.builders.latex import XINDY_LANG_OPTIONS  # only LaTeX builds need it

    options = XINDY_LANG_OPTIONS.get(language, "-L general -C utf8 ").split()
    options = ["german-duden" if option == "german-din5007" else option for option in options]
    return " ".join([*options, "-M", "sphinx.xdy", "-M", f"{PACKAGE}.xdy"])


def latexmkrc_addition(config: Config) -> str:
    """Lines for Sphinx's ``latexmkrc``: xindy's options for every index file.

    They replace ``$XINDYOPTS``, which Sphinx's Makefile exports and a plain ``latexmk``
    run (as on Read the Docs) lacks.
    """
    return (
        f"{LATEXMKRC_MARK} xindy with German DIN 5007-1 and the registers' rules\n"
        f"$makeindex = 'internal xindy {xindy_options(config)} %O -o %D %S';\n"
    )


def _write_support_files(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for suffix in (".sty", ".xdy"):
        shutil.copyfile(LATEX_DIR / f"{PACKAGE}{suffix}", outdir / f"{PACKAGE}{suffix}")


def _write_setup(app: Sphinx, builder: Builder) -> None:
    # After reading: the registries are loaded, and give the words not to hyphenate.
    if builder.format != "latex":
        return
    setup = Path(builder.outdir) / SETUP_FILE
    text = setup_tex(app.config, build_registries(builder.env).registry)
    if not setup.is_file() or setup.read_text("utf-8") != text:
        setup.write_text(text, encoding="utf-8")  # unchanged files keep latexmk from rerunning


def language_tag(language: str | None) -> str:
    """The BCP 47 tag of a Sphinx language, with its likely region (``de`` → ``de-DE``)."""
    if not language:
        return ""
    parts = language.replace("_", "-").split("-")
    if len(parts) == 1:
        likely = str(get_global("likely_subtags").get(parts[0], "")).split("_")
        region = next((part for part in likely[1:] if part.isupper() and len(part) == 2), "")
        return f"{parts[0]}-{region}" if region else parts[0]
    return "-".join(parts)


def document_metadata(config: Config) -> str:
    r"""The line put before ``\documentclass``: LaTeX's PDF management and tagging.

    TeX Live 2022's kernel tags with ``testphase=phase-II`` (paragraphs, notes, links; the
    package adds the headings); kernels from November 2024 on take ``tagging=on``.  A
    kernel without ``\DocumentMetadata`` (before June 2022) skips the line.
    """
    lang = language_tag(config.language)
    keys = f"lang={lang}, pdfversion=1.7" if lang else "pdfversion=1.7"
    return (
        f"{DOCUMENT_METADATA_MARK}\n"
        r"\ifdefined\DocumentMetadata\IfFormatAtLeastTF{2024-11-01}"
        f"{{\\DocumentMetadata{{{keys}, tagging=on}}}}"
        f"{{\\DocumentMetadata{{{keys}, testphase=phase-II}}}}\\fi\n"
    )


DOCUMENT_METADATA_MARK = "%% sphinx-annotated-reader: tagged PDF (annotated_reader_pdf_tagging)"


def _add_document_metadata(app: Sphinx, exception: BaseException | None) -> None:
    # \DocumentMetadata must come before \documentclass, which opens Sphinx's template.
    if exception is not None or app.builder.format != "latex" or not reader_config(app.config).pdf_tagging:
        return
    for document in app.config.latex_documents:
        tex = Path(app.outdir) / document[1]
        if not tex.is_file():
            continue
        text = tex.read_text("utf-8")
        if not text.startswith(DOCUMENT_METADATA_MARK):
            tex.write_text(document_metadata(app.config) + text, encoding="utf-8")


def _extend_latexmkrc(app: Sphinx, exception: BaseException | None) -> None:
    # Sphinx writes latexmkrc anew in every build, before this event.
    if exception is not None or app.builder.format != "latex" or not app.config.latex_use_xindy:
        return
    latexmkrc = Path(app.outdir) / "latexmkrc"
    if not latexmkrc.is_file():
        return
    text = latexmkrc.read_text("utf-8")
    if LATEXMKRC_MARK not in text:
        latexmkrc.write_text(text.rstrip("\n") + "\n" + latexmkrc_addition(app.config), encoding="utf-8")


# --- TeX safety: nothing from the input reaches the .tex unescaped --------------------------

_TEX_SAFE_NAME = re.compile(r"[\w./-]+")
"""Document names Sphinx can write into labels and page references (letters, digits, _ . - /)."""
_ICON_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A Font Awesome icon name."""


def tex_safe_name(docname: str) -> bool:
    r"""Whether Sphinx's LaTeX writer can write ``docname`` into TeX without breaking out.

    Sphinx writes a document name raw into ``\sphinxstyleindexpageref`` (domain indices),
    and its ``\detokenize`` labels leave braces as they are: a name with ``{``, ``}``,
    ``\`` or ``%`` would write TeX of its own.
    """
    return bool(_TEX_SAFE_NAME.fullmatch(docname))


def _refuse(env: BuildEnvironment, docname: str, message: str, hint: str) -> None:
    report([Problem(ProblemKind.SAFETY, Location(Path(env.doc2path(docname))), message, hint)])


def _keep_unsafe_names_out(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A document whose name TeX cannot take is left out of the book, links to it become text.

    (The safety rules refuse such names when the pages are read; this holds where they are
    off, and for names that pass them but not TeX.)
    """
    if app.builder.format != "latex":
        return
    for start in list(doctree.findall(addnodes.start_of_file)):
        if not tex_safe_name(start["docname"]) and start.parent is not None:
            _refuse(
                app.env,
                start["docname"],
                "the document's name would write TeX into the PDF; it is left out of the book",
                "rename the file with letters, digits, '-', '_' and '.' only",
            )
            start.parent.remove(start)
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        if uri.startswith("%") and not tex_safe_name(uri[1:].split("#")[0]) and reference.parent is not None:
            reference.replace_self(nodes.inline("", "", *reference.children))


def _choose_domain_indices(app: Sphinx, builder: Builder) -> None:
    """The domain indices the PDF prints: not the registers' (printed with pages), no unsafe names.

    Sphinx writes each entry's document name raw into TeX; an index with a name TeX cannot
    take is left out, with a located warning.  (Sphinx's default prints every index.)
    """
    if builder.format != "latex" or not app.config.latex_domain_indices:
        return
    chosen = app.config.latex_domain_indices
    kept = []
    for domain in builder.env.domains.sorted():
        for index_cls in domain.indices:
            name = f"{domain.name}-{index_cls.name}"
            if domain.name == "ar" or (not isinstance(chosen, bool) and name not in chosen):
                continue
            content, _collapsed = index_cls(domain).generate(builder.env.found_docs)
            names = {entry[2] for _letter, entries in content for entry in entries}
            unsafe = sorted(docname for docname in names if not tex_safe_name(docname))
            for docname in unsafe:
                _refuse(
                    builder.env,
                    docname,
                    f"the document's name would write TeX into the index '{name}' of the PDF; "
                    "the index is left out of the book",
                    "rename the file with letters, digits, '-', '_' and '.' only",
                )
            if not unsafe:
                kept.append(name)
    app.config.latex_domain_indices = kept


def _check_icons(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """An icon of another extension (sphinx-design's ``{fas}``) whose name would be raw TeX."""
    if app.builder.format != "latex":
        return
    for icon in list(doctree.findall(nodes.Element)):
        name = icon.get("icon")
        if isinstance(name, str) and not _ICON_NAME.fullmatch(name) and icon.parent is not None:
            source, line = icon.source or app.env.doc2path(docname), icon.line or 0
            report(
                [
                    Problem(
                        ProblemKind.SAFETY,
                        Location(Path(source), line),
                        f"the icon name {name!r} would be written into the PDF as TeX; the icon is left out",
                        "icon names are lowercase letters, digits and '-' (e.g. 'book')",
                    )
                ]
            )
            icon.parent.remove(icon)


def setup_latex(app: Sphinx) -> None:
    """Load the package, write its files next to the .tex file, and mark the registers."""
    app.add_latex_package(PACKAGE)
    app.add_node(register_mark, latex=(visit_register_mark, None))
    app.add_node(registers, latex=(visit_registers, None))
    app.add_node(printed_address, latex=(visit_printed_address, None))
    app.add_node(note_anchor, latex=(visit_note_anchor, None))
    app.add_post_transform(RegisterMarks)
    app.add_post_transform(HeadNote)
    app.add_post_transform(ActorNamesAsText)
    app.connect("builder-inited", _write_support_files)
    app.connect("write-started", _write_setup)
    app.connect("doctree-resolved", _print_late, priority=800)
    app.connect("doctree-resolved", _keep_unsafe_names_out, priority=810)
    app.connect("doctree-resolved", _check_icons, priority=820)
    app.connect("write-started", _choose_domain_indices)
    app.connect("build-finished", _extend_latexmkrc)
    app.connect("build-finished", _add_document_metadata)
