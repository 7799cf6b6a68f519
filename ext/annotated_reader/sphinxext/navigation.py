"""The site around the texts: the sidebar's texts, Zurück/Weiter, downloads, assets per page.

* **The texts in the navigation, bounded.**  Texts enter the table of contents through a
  *hidden* toctree of the start page (``texts/*``, a glob), so Sphinx knows where each
  stands (Zurück/Weiter, the EPUB's contents) for any number of texts.  Themes like furo
  render the whole table of contents into every page's sidebar, hidden toctrees included:
  with a thousand texts, a thousand pages would each list a thousand texts.  The sidebar
  here leaves hidden toctrees out and puts a section of its own first: at most
  ``annotated_reader_sidebar_texts`` texts (the first, or those around the current one)
  and a link to the list of all texts.  What a page's navigation holds no longer grows with
  the number of texts.  The rest of the table of contents is shown two levels deep
  (all levels on the pages that lie deeper).
* **Zurück/Weiter** runs through the texts in the order of the list of texts
  (``annotated_reader_text_order``), between the pages before and after them in the table of contents.
* **Downloads**: the PDF and the EPUB that ``latex_documents`` and ``epub_basename`` name,
  for the templates (``ar_downloads``) and the ``{ar:downloads}`` buttons.
"""

from __future__ import annotations

import posixpath
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .config import reader_config
from .design import asset_name
from .domain import reader_domain
from .locale import _
from .upstream import memoize_furo_navigation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config

SITE_CSS = "annotated-reader-site.css"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
"""Templates a project may use: ``sidebar/ar-downloads.html`` (the downloads, for a sidebar)."""


def is_site_builder(builder: Builder) -> bool:
    """Whether ``builder`` writes the web site (HTML, not the EPUB's XHTML)."""
    return builder.format == "html" and not builder.name.startswith("epub")


# --- downloads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """A file of the edition to download, next to the site's start page."""

    format: str
    """``pdf`` or ``epub``."""
    filename: str
    label: str
    description: str


def downloads(config: Config) -> list[Download]:
    """The files ``annotated_reader_downloads`` names, as the LaTeX and EPUB builders name them."""
    found = []
    for kind in reader_config(config).downloads:
        if kind == "pdf" and config.latex_documents:
            target = str(config.latex_documents[0][1])
            found.append(
                Download(
                    "pdf",
                    posixpath.splitext(target)[0] + ".pdf",
                    _("PDF"),
                    _("The book: for printing and citing by page"),
                )
            )
        elif kind == "epub" and config.epub_basename:
            found.append(
                Download(
                    "epub",
                    f"{config.epub_basename}.epub",
                    _("EPUB"),
                    _("The e-book: for e-readers and reading apps"),
                )
            )
    return found


def _relative_to_root(pagename: str, filename: str) -> str:
    return "../" * pagename.count("/") + filename


# --- the texts in the sidebar -------------------------------------------------------------


def sidebar_texts(texts: list[str], current: str, limit: int, position: int | None = None) -> list[str]:
    """The texts the sidebar of page ``current`` lists: at most ``limit`` of ``texts``.

    All of them if they fit; else, on a text's page, a window around it, and elsewhere the
    first ``limit``.  ``position`` is the index of ``current`` in ``texts`` if
    the caller knows it (a look-up per page would make the pages of all texts quadratic).
    """
    if len(texts) <= limit:
        return list(texts)
    if limit <= 0:
        return []
    if position is None and current in texts:
        position = texts.index(current)
    start = 0 if position is None else min(max(position - limit // 2, 0), len(texts) - limit)
    return texts[start : start + limit]


def _texts_page(app: Sphinx) -> str:
    """The page with the list of all texts (``{ar:text-list}``), the start page first."""
    pages = sorted(name for name, kinds in reader_domain(app.env).listings.items() if "texts" in kinds)
    root = app.config.root_doc
    return root if root in pages or not pages else pages[0]


def texts_section(app: Sphinx, pagename: str) -> nodes.Element | None:
    """The sidebar's section "Texts", as Sphinx's toctree would render it (or ``None``)."""
    domain = reader_domain(app.env)
    texts = domain.ordered_texts()
    if not texts:
        return None
    builder = app.builder
    limit = reader_config(app.config).sidebar_texts
    shown = sidebar_texts(texts, pagename, limit, domain.text_position(pagename))
    items = nodes.bullet_list()
    for docname in shown:
        current = docname == pagename
        reference = nodes.reference(
            "",
            domain.texts[docname].title,
            internal=True,
            refuri="#" if current else builder.get_relative_uri(pagename, docname),
            classes=["current"] if current else [],
        )
        paragraph = addnodes.compact_paragraph("", "", reference, classes=["toctree-l1"])
        items += nodes.list_item("", paragraph, classes=["toctree-l1", *(["current"] if current else [])])
    if len(shown) < len(texts):
        page = _texts_page(app)
        uri = builder.get_relative_uri(pagename, page) + "#" + TEXT_LIST_ID
        label = _("All %d texts") % len(texts)
        reference = nodes.reference("", label, internal=True, refuri=uri, classes=["ar-all-texts"])
        paragraph = addnodes.compact_paragraph("", "", reference, classes=["toctree-l1"])
        items += nodes.list_item("", paragraph, classes=["toctree-l1"])
    section = addnodes.compact_paragraph("", "", toctree=True)
    section += nodes.title("", _("Texts"))
    section += items
    return section


TEXT_LIST_ID = "ar-text-list"
"""The id of the list of texts on its page (the target of the sidebar's "All texts")."""


NAVIGATION_DEPTH = 2
"""Levels of the table of contents the navigation shows, unless the page itself lies deeper."""


def toc_depth(app: Sphinx, pagename: str) -> int:
    """How deep ``pagename`` lies in the table of contents (the start page's children: 1)."""
    relations: dict[str, list[str | None]] = getattr(app.builder, "relations", None) or {}
    depth, seen = 0, {pagename}
    parent = relations.get(pagename, [None])[0]
    while parent is not None and parent not in seen:
        depth += 1
        seen.add(parent)
        parent = relations.get(parent, [None])[0]
    return depth


def bounded_toctree(app: Sphinx, pagename: str, toctree: Callable[..., str]) -> Callable[..., str]:
    """The template's ``toctree()``, with hidden toctrees left out and the texts put first.

    furo calls it with ``includehidden=True``: the start page's hidden toctree of all texts
    would then be rendered on every page.  And with every level (``maxdepth=-1``): the
    contributors' guide, three levels down, would be in the navigation of every text; it
    shows ``NAVIGATION_DEPTH`` levels, all of them on the pages that lie deeper.
    """
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]

    def render(**kwargs: Any) -> str:
        kwargs["includehidden"] = False
        if int(kwargs.get("maxdepth") or -1) <= 0 and toc_depth(app, pagename) < NAVIGATION_DEPTH:
            kwargs["maxdepth"] = NAVIGATION_DEPTH
        return _texts_html(app, builder, pagename) + toctree(**kwargs)

    return render


_TEXTS_HTML: weakref.WeakKeyDictionary[Sphinx, dict[tuple[str, ...], str]] = weakref.WeakKeyDictionary()
"""Per application: the sidebar's section "Texts" as HTML, for the pages it is the same on."""


def _texts_html(app: Sphinx, builder: StandaloneHTMLBuilder, pagename: str) -> str:
    """The section "Texts" rendered for ``pagename``.

    The pages that are not texts and lie in one folder (the indices, the registers, the
    search page …) share one rendering: docutils' writer is started once, not per page.
    """
    domain = reader_domain(app.env)
    key: tuple[str, ...] = ()
    if pagename not in domain.texts:
        # Links are relative to the page's folder; a title can change between two builds
        # of one application (a test's incremental build).
        texts = domain.ordered_texts()
        key = (
            posixpath.dirname(builder.get_target_uri(pagename)),
            *texts,
            *(domain.texts[docname].title for docname in texts),
        )
        known = _TEXTS_HTML.setdefault(app, {}).get(key)
        if known is not None:
            return known
    section = texts_section(app, pagename)
    html = "" if section is None else builder.render_partial(section)["fragment"]
    if key:
        _TEXTS_HTML[app][key] = html
    return html


# --- Zurück/Weiter ------------------------------------------------------------------------


class ReadingOrder:
    """All pages in the order of the table of contents, the texts in the list's order."""

    def __init__(self, app: Sphinx) -> None:
        builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        relations: dict[str, list[str | None]] = getattr(builder, "relations", None) or {}
        order: list[str] = []
        seen: set[str] = set()
        current: str | None = app.config.root_doc
        while current is not None and current not in seen and current in relations:
            order.append(current)
            seen.add(current)
            current = relations[current][2]
        domain = reader_domain(app.env)
        positions = [index for index, docname in enumerate(order) if docname in domain.texts]
        texts = [docname for docname in domain.ordered_texts() if docname in seen]
        for index, docname in zip(positions, texts, strict=True):
            order[index] = docname
        self.order = order
        self.position = {docname: index for index, docname in enumerate(order)}
        self.relations = relations

    def neighbours(self, docname: str) -> tuple[str | None, str | None]:
        """The pages before and after ``docname``."""
        index = self.position.get(docname)
        if index is None:
            return None, None
        before = self.order[index - 1] if index > 0 else None
        after = self.order[index + 1] if index + 1 < len(self.order) else None
        return before, after

    def differs(self, docname: str) -> bool:
        """Whether the neighbours differ from those of Sphinx's table of contents."""
        related = self.relations.get(docname)
        return related is not None and tuple(related[1:3]) != self.neighbours(docname)


_READING_ORDER: list[ReadingOrder] = []
"""The reading order of the build being written (at most one): a build's builder computes
its ``relations`` once before writing, so the order is valid while they are the same object."""


def reading_order(app: Sphinx) -> ReadingOrder:
    """The reading order of this build (computed once per build)."""
    relations = getattr(app.builder, "relations", None)
    if not _READING_ORDER or _READING_ORDER[0].relations is not relations:
        _READING_ORDER[:] = [ReadingOrder(app)]
    return _READING_ORDER[0]


def _relation(builder: StandaloneHTMLBuilder, pagename: str, docname: str | None) -> dict[str, str] | None:
    if docname is None:
        return None
    title = builder.env.titles.get(docname)
    return {
        "link": builder.get_relative_uri(pagename, docname),
        "title": builder.render_partial(title)["title"] if title is not None else "",
    }


def _prev_next(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    if "prev" not in context and "next" not in context:
        return
    order = reading_order(app)
    if not order.differs(pagename):
        return
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    before, after = order.neighbours(pagename)
    context["prev"] = _relation(builder, pagename, before)
    context["next"] = _relation(builder, pagename, after)


# --- furo's navigation in the page's language ---------------------------------------------

FURO_TOGGLE_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')
"""furo (checked with 2025.12.19, ``furo/navigation.py``) names the switch that opens a
section of the navigation in English, in Python, past any catalog: "Toggle navigation of …".
``tests/browser/test_checkers.py`` finds any English left on a page."""


def _translate_furo_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str) and "Toggle navigation of " in tree:
        label = _("Show the pages under %s")
        context["furo_navigation_tree"] = FURO_TOGGLE_LABEL.sub(
            lambda match: 'aria-label="' + label.replace("%s", match.group(1)) + '"', tree
        )


# --- the page context ---------------------------------------------------------------------


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if not is_site_builder(app.builder):
        return
    toctree = context.get("toctree")
    if callable(toctree):
        context["toctree"] = bounded_toctree(app, pagename, toctree)
    _prev_next(app, pagename, context)
    context["ar_downloads"] = [
        {
            "format": download.format,
            "label": download.label,
            "description": download.description,
            "href": _relative_to_root(pagename, download.filename),
        }
        for download in downloads(app.config)
    ]
    is_text = pagename in reader_domain(app.env).texts
    context["ar_is_text"] = is_text
    if is_text:  # a text page has its own styles; the site's would only add weight
        css = context.get("css_files")
        if isinstance(css, list):
            css[:] = [asset for asset in css if asset_name(asset) != SITE_CSS]


def _add_templates_path(app: Sphinx, config: Config) -> None:
    # After the project's own: a project's template of the same name wins.  A new list: the
    # default one is shared by every Config of the process (one build would grow the next's).
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def _memoize_theme_navigation(app: Sphinx) -> None:
    if app.config.html_theme == "furo":
        memoize_furo_navigation()


def setup_navigation(app: Sphinx) -> None:
    """Wrap the sidebar's toctree, order Zurück/Weiter, list downloads, prune assets.

    Before the theme's own ``html-page-context`` handler (furo's, priority 500), which
    renders the sidebar with ``toctree()``.
    """
    app.connect("config-inited", _add_templates_path)
    app.connect("builder-inited", _memoize_theme_navigation)
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("html-page-context", _translate_furo_navigation, priority=600)  # after furo's
    app.add_css_file(SITE_CSS, priority=600)  # after sphinx-design's (500), which it adjusts
