"""Listings filled in at write time from the domain: mentions, texts, timeline.

A register entry's mentions, the list of texts on the start page and the timeline all
depend on every text.  Each is a placeholder node at read time and is filled in when the
page is written (``doctree-resolved``), like Sphinx's indices: editing one text re-reads
only that text, and the pages with listings are re-written (``env-get-updated``, see
:mod:`.registries`).  The ``{ar:text-info}`` header of a text page lives here too, since it
shows the same metadata as the list of texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..core.dates import format_period
from .config import reader_config
from .domain import ReaderDomain, reader_domain
from .locale import _
from .navigation import TEXT_LIST_ID, downloads, is_site_builder
from .page_text import current_text
from .registries import build_registries
from .remarks import REMARK_CLASS, remark_inlines
from .snippets import parse_markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator


class mention_list(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for the mentions of one entry (``kind`` and ``entry`` attributes)."""


class text_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the list of texts."""


class timeline(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the timeline of dated notes."""


class download_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the download buttons (the site only)."""


def language_name(tag: str, language: str) -> str:
    """The name of language ``tag`` in ``language`` ("Deutsch" for ``de`` in ``de``)."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(Locale.parse(language or "en"))
    except (ValueError, UnknownLocaleError):
        return tag
    return name or tag


# --- read time -------------------------------------------------------------------------


class text_info(nodes.General, nodes.Element):  # noqa: N801
    """The header of a text page: a field list (author, date, language, summary, provenance, rights).

    Attributes for the compact HTML header: ``author``, ``date`` and ``language`` (as shown),
    ``editors_title`` (the page title is the editors', not the seed's) and ``types``
    (``[type, label]`` of each kind of entry the text mentions, for the highlighting
    control).  Other builders (LaTeX, EPUB) show the field list.
    """


class TextInfoDirective(SphinxDirective):
    """``{ar:text-info}``: author, date, language, summary, provenance and rights of the current text."""

    def run(self) -> list[nodes.Node]:
        text = current_text(self.env)
        if text is None:
            return []
        language = self.config.language or "en"
        fields = nodes.field_list(classes=["ar-text-info"])
        node = text_info("", fields, editors_title=text.title_block is None)

        def add(key: str, label: str, *content: nodes.Node) -> None:
            body = nodes.field_body("", *content)
            # With its source and raw source: Sphinx's ApplySourceWorkaround would otherwise
            # log (at debug level, but formatted all the same) each field name as XML.
            name = nodes.field_name(label, label)
            self.set_source_info(name)
            fields.append(nodes.field("", name, body, classes=[f"ar-text-{key}"]))

        if text.date:
            node["date"] = format_period(text.date, language)
            add("date", _("Date"), nodes.paragraph(text=node["date"]))
        if text.spec.author:
            node["author"] = text.spec.author
            add("author", _("Author"), nodes.paragraph(text=text.spec.author))
        if text.spec.language:
            node["language"] = language_name(text.spec.language, language)
            add("language", _("Language"), nodes.paragraph(text=node["language"]))
        for label, key in (
            (_("Summary"), "summary"),
            (_("Provenance"), "provenance"),
            (_("Rights"), "rights"),
        ):
            if key in text.header_markup:
                add(key, label, *parse_markup(text.header_markup[key], self.state.document))
        entries = build_registries(self.env).registry.entries
        mentioned = {entries[ref].type for ref in text.entries() if ref in entries}
        actor_types = reader_config(self.config).actor_types
        node["types"] = [["term", _("Terms")]] if "term" in mentioned else []
        node["types"] += [
            [key, _(labels["register"])] for key, labels in actor_types.items() if key in mentioned
        ]
        return [node]


class TextListDirective(SphinxDirective):
    """``{ar:text-list}``: all texts in the edition's order, filled in at write time."""

    def run(self) -> list[nodes.Node]:
        reader_domain(self.env).note_listing("texts")
        return [text_list()]


class DownloadsDirective(SphinxDirective):
    """``{ar:downloads}``: buttons for the PDF and the EPUB (``annotated_reader_downloads``).

    Only the web site shows them: the files lie next to its start page, not in the EPUB.
    """

    def run(self) -> list[nodes.Node]:
        return [download_list()]


class TimelineDirective(SphinxDirective):
    """``{ar:timeline}``: the dated notes of all texts in order, filled in at write time."""

    def run(self) -> list[nodes.Node]:
        reader_domain(self.env).note_listing("timeline")
        return [timeline()]


# --- write time ------------------------------------------------------------------------


def _link(builder: Builder, fromdocname: str, docname: str, anchor: str, text: str) -> nodes.reference:
    return make_refnode(builder, fromdocname, docname, anchor, nodes.inline(text=text))


def _mentions(
    domain: ReaderDomain, builder: Builder, fromdocname: str, node: mention_list, document: nodes.document
) -> nodes.Node:
    """The places of an entry's mentions, one link per paragraph or section, counted as shown.

    Two mentions in one paragraph are one place (one link): the count is of places, as in a
    printed index, where a page is named once however often it mentions an entry.
    """
    groups = domain.mentions_of(node["kind"], node["entry"])
    paragraph = nodes.paragraph(classes=["ar-mentions", "no-search"])  # titles, ¶ numbers: noise in search
    if not groups:
        paragraph += nodes.inline(text=_("Not mentioned in any text."), classes=["ar-label"])
        return paragraph
    places_by_text = []
    for docname, mentions in groups:
        places: dict[str, str] = {}
        for mention in mentions:
            places.setdefault(mention.anchor, mention.place)
        places_by_text.append((docname, places))
    count = sum(len(places) for _doc, places in places_by_text)
    paragraph += nodes.inline(text=_("Places (%d):") % count, classes=["ar-label"])
    for number, (docname, places) in enumerate(places_by_text):
        paragraph += nodes.Text("; " if number else " ")
        paragraph += nodes.emphasis(text=domain.texts[docname].title)
        paragraph += nodes.Text(" ")
        for index, (anchor, place) in enumerate(places.items()):
            if index:
                paragraph += nodes.Text(", ")
            label = f"¶\u00a0{place}" if place.isdigit() else place
            paragraph += _link(builder, fromdocname, docname, anchor, label)
        remark = domain.remarks.get(docname, {}).get((node["kind"], node["entry"]))
        if remark is not None:
            paragraph += nodes.Text(" ")
            said = nodes.inline(classes=[REMARK_CLASS])
            said += nodes.Text("(")
            said.extend(remark_inlines(remark, document))
            said += nodes.Text(")")
            paragraph += said
    return paragraph


def _texts(
    domain: ReaderDomain, builder: Builder, fromdocname: str, language: str, first: bool
) -> nodes.Node:
    cards = is_site_builder(builder)
    items = nodes.bullet_list(classes=["ar-texts"])
    for docname in domain.ordered_texts():
        record = domain.texts[docname]
        head = nodes.paragraph(classes=["ar-text-title"])
        link = make_refnode(builder, fromdocname, docname, "", nodes.strong(text=record.title))
        head += link
        if record.date:
            head += nodes.Text(" · ")
            head += nodes.inline(text=format_period(record.date, language), classes=["ar-date"])
        item = nodes.list_item("", head)
        if record.teaser:
            item += nodes.paragraph(text=record.teaser, classes=["ar-teaser"])
        if cards:
            # sphinx-design's card, the whole card a link through its title (stretched link).
            item["classes"] += ["sd-card", "sd-sphinx-override", "sd-shadow-sm", "sd-card-hover"]
            head["classes"].append("sd-card-title")
            link["classes"].append("sd-stretched-link")
            body = nodes.container("", *item.children, classes=["sd-card-body"], is_div=True)
            item.children = []
            item += body
        items += item
    if not items.children:
        return nodes.paragraph(text=_("No texts yet."))
    if first:
        items["ids"].append(TEXT_LIST_ID)  # the target of the navigation's "All texts"
    return items


def _downloads(builder: Builder, fromdocname: str) -> list[nodes.Node]:
    if not is_site_builder(builder):
        return []
    items = nodes.bullet_list(classes=["ar-downloads"])
    prefix = "../" * fromdocname.count("/")
    for download in downloads(builder.config):
        button = nodes.reference(
            "",
            download.label,
            refuri=prefix + download.filename,
            classes=["sd-btn", "sd-btn-primary", "sd-shadow-sm", "ar-download"],
        )
        paragraph = nodes.paragraph("", "", button)
        paragraph += nodes.inline(text=download.description, classes=["ar-download-description"])
        items += nodes.list_item("", paragraph)
    return [items] if items.children else []


def _timeline(domain: ReaderDomain, builder: Builder, fromdocname: str, language: str) -> nodes.Node:
    events = [
        (note.start, note.end, docname, note) for docname, notes in domain.notes.items() for note in notes
    ]
    events.sort(key=lambda event: (event[0], event[1], domain.texts[event[2]].title, event[3].number))
    items = nodes.bullet_list(classes=["ar-timeline"])
    for start, end, docname, note in events:
        period = f"{start}/{end}" if end else start
        paragraph = nodes.paragraph()
        paragraph += nodes.inline(text=format_period(period, language), classes=["ar-date"])
        paragraph += nodes.Text(" ")
        paragraph += nodes.inline(text=note.title, classes=["ar-event"])
        # The place in parentheses in running text (the PDF); on its own line on the site.
        paragraph += nodes.inline(text=" (", classes=["ar-paren"])
        values = {"text": domain.texts[docname].title, "place": note.place, "note": note.number}
        where = (
            _("%(text)s, ¶ %(place)s, note %(note)d") % values
            if note.place.isdigit()
            else _("%(text)s, „%(place)s“, note %(note)d") % values
        )
        paragraph += nodes.inline(
            "", "", _link(builder, fromdocname, docname, note.anchor, where), classes=["ar-where"]
        )
        paragraph += nodes.inline(text=")", classes=["ar-paren"])
        items += nodes.list_item("", paragraph)
    if not items.children:
        return nodes.paragraph(text=_("No dated notes yet."))
    return items


def _fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # One walk of the tree; not a look-up of ``docname`` in the domain, because the LaTeX
    # builder resolves one tree assembled from many documents under the root's name.
    placeholders = list(
        doctree.findall(lambda node: isinstance(node, (mention_list, text_list, timeline, download_list)))
    )
    if not placeholders:
        return
    domain = reader_domain(app.env)
    language = app.config.language or "en"
    first_text_list = True
    for node in placeholders:
        if isinstance(node, mention_list):
            node.replace_self(_mentions(domain, app.builder, docname, node, doctree))
        elif isinstance(node, text_list):
            node.replace_self(_texts(domain, app.builder, docname, language, first_text_list))
            first_text_list = False
        elif isinstance(node, timeline):
            node.replace_self(_timeline(domain, app.builder, docname, language))
        elif isinstance(node, download_list):
            node.replace_self(_downloads(app.builder, docname))


HIGHLIGHT_NAME = "ar-highlight"
"""The name of the highlighting checkboxes (one per type, the type as value)."""


def visit_text_info_html(self: HTML5Translator, node: text_info) -> None:
    """A compact header: who wrote what, summary and provenance folded, the highlighting.

    The EPUB (no script, readers' own styles) gets the plain field list.
    """
    if self.builder.name.startswith("epub"):
        return
    fields = {
        field["classes"][0].removeprefix("ar-text-"): field
        for field in node.findall(nodes.field)
        if field["classes"]
    }
    self.body.append('<div class="ar-text-info">\n')
    facts = [node.get("author", ""), node.get("date", ""), node.get("language", ""), _("unchanged")]
    self.body.append(
        '<p class="ar-ti-row"><span class="ar-ti-label">'
        + self.encode(_("Original text"))
        + '</span> <span class="ar-ti-value">'
        + " · ".join(
            f'<span class="ar-ti-{key}">{self.encode(value)}</span>'
            for key, value in zip(("author", "date", "language", "state"), facts, strict=True)
            if value
        )
        + "</span></p>\n"
    )
    editors = (
        _("Title, notes, cards and registers") if node["editors_title"] else _("Notes, cards and registers")
    )
    self.body.append(
        '<div class="ar-ti-row"><span class="ar-ti-label">'
        + self.encode(_("Editors"))
        + '</span> <div class="ar-ti-value"><span class="ar-ti-editors">'
        + self.encode(editors)
        + "</span>"
    )
    about = [fields[key] for key in ("summary", "provenance", "rights") if key in fields]
    if about:
        titles = [field[0].astext() for field in about]  # the field's name
        summary = (
            _("%(first)s and %(second)s") % {"first": ", ".join(titles[:-1]), "second": titles[-1]}
            if len(titles) > 1
            else titles[0]
        )
        self.body.append(f'<details class="ar-ti-about"><summary>{self.encode(summary)}</summary>\n<dl>\n')
        for field, title in zip(about, titles, strict=True):
            self.body.append(f"<dt>{self.encode(title)}</dt>\n<dd>")
            body = field.next_node(nodes.field_body)
            for child in body.children if body is not None else []:
                child.walkabout(self)
            self.body.append("</dd>\n")
        self.body.append("</dl></details>")
    self.body.append("</div></div>\n")
    if node["types"]:
        self.body.append(
            f'<fieldset class="ar-ti-row ar-highlight"><legend class="ar-ti-label">{self.encode(_("Highlight"))}</legend>'
            '<span class="ar-ti-value">'
        )
        for key, label in node["types"]:
            self.body.append(
                f'<label class="ar-hl-{self.attval(key)}"><input type="checkbox" name="{HIGHLIGHT_NAME}" '
                f'value="{self.attval(key)}"><span class="ar-hl-swatch" aria-hidden="true"></span>'
                f"{self.encode(label)}</label> "
            )
        self.body.append("</span></fieldset>\n")
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _pass(self: object, node: nodes.Node) -> None:
    pass


def setup_listings(app: Sphinx) -> None:
    """Register the placeholders, their directives and the write-time filling."""
    for node in (mention_list, text_list, timeline, download_list):
        app.add_node(node)
    others = (_pass, _pass)
    app.add_node(
        text_info, html=(visit_text_info_html, _pass), latex=others, text=others, man=others, texinfo=others
    )
    app.add_directive_to_domain("ar", "text-info", TextInfoDirective)
    app.add_directive_to_domain("ar", "text-list", TextListDirective)
    app.add_directive_to_domain("ar", "timeline", TimelineDirective)
    app.add_directive_to_domain("ar", "downloads", DownloadsDirective)
    app.connect("doctree-resolved", _fill_listings)
