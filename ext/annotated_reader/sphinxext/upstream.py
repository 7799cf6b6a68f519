"""Upstream internals: every use of a private or undocumented Sphinx or MyST-Parser API.

Each one is here, with why it is needed and the versions it was checked against, so
that an upgrade of Sphinx or MyST-Parser has one module to read and one test to run
(``tests/sphinx/test_upstream_contract.py``, which fails when one of them changes shape).
Everything else in the Sphinx layer uses documented APIs only.

Checked against Sphinx 9.0–9.x (9.0.4) and myst-parser 5.x (5.2.0).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.warnings_ import create_warning
from sphinx.builders.epub3 import Epub3Builder
from sphinx.writers.html5 import HTML5Translator

from ..core.markup import DIALECT

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from sphinx.builders import Builder

SPHINX_CHECKED = ((9, 0), (9, 99))
"""Sphinx versions (major, minor) from which to which the uses below were checked."""
MYST_CHECKED = ((5, 0), (5, 99))
"""myst-parser versions (major, minor) from which to which the uses below were checked."""


# --- Sphinx: the search index (sphinx.search.IndexBuilder) ----------------------------------


def search_index_entries(builder: Builder) -> dict[str, list[tuple[str, str, str]]] | None:
    """The index entries the HTML builder's search index holds, by docname (``None``: none).

    ``IndexBuilder._index_entries`` (Sphinx 9.0–9.x): filled by ``feed()`` for the pages
    written in this build, and not restored by ``load()`` from the saved index (the bug
    described in ``notes/upstream-sphinx-indexbuilder-load.md``), so
    :mod:`.search` fills it in for the pages not written.
    """
    entries: Any = getattr(getattr(builder, "indexer", None), "_index_entries", None)
    return entries if isinstance(entries, dict) else None


def search_index_titles(builder: Builder) -> tuple[dict[str, Any], dict[str, set[str]]] | None:
    """The search index's section titles by docname and its title words (``None``: neither).

    ``IndexBuilder._all_titles`` (docname: [(title, anchor)]) and ``_title_mapping``
    (word: {docname}) (Sphinx 9.0–9.x): :mod:`.search` takes the note marks out of the
    titles of headings that carry a note.
    """
    indexer: Any = getattr(builder, "indexer", None)
    titles: Any = getattr(indexer, "_all_titles", None)
    mapping: Any = getattr(indexer, "_title_mapping", None)
    if not isinstance(titles, dict) or not isinstance(mapping, dict):
        return None
    return titles, mapping


# --- MyST-Parser: rendering Markdown into a document ---------------------------------------


@cache
def page_parser() -> MarkdownIt:
    """A MyST Markdown parser of the text pages' dialect rendering to Sphinx nodes, one per process.

    ``create_md_parser(config, SphinxRenderer)`` is what ``MystParser.parse`` does
    (myst-parser 5.x); the parser is reused, each use setting ``options["document"]``
    (see :func:`render_into`).
    """
    return create_md_parser(DIALECT, SphinxRenderer)


def render_into(document: nodes.document, markup: str) -> None:
    """Render MyST ``markup`` into ``document`` (``MystParser.parse`` without its front matter)."""
    parser = page_parser()
    parser.options["document"] = document
    parser.render(markup)


def parse_page(
    inputstring: str,
    document: nodes.document,
    site: MdParserConfig,
    restrict: Callable[[MdParserConfig], MdParserConfig],
    inspect: Callable[[list[Token]], None],
) -> MdParserConfig | None:
    """``MystParser.parse`` (myst-parser 5.x), with two hooks; the page's merged configuration.

    ``restrict`` is applied to the configuration after the page's front matter is merged
    into it, ``inspect`` sees the tokens before they are rendered.  The steps are those of
    ``MystParser.parse``: read the front matter (``read_topmatter``, errors reported while
    rendering), merge it (``merge_file_level``, warnings through ``create_warning``), create
    the parser (``create_md_parser`` with ``SphinxRenderer``), render.  Returns the merged
    configuration before ``restrict`` when the page has front matter, else ``None``.
    """
    config = site
    merged = None
    try:
        topmatter = read_topmatter(inputstring)
    except TopmatterReadError:
        topmatter = None  # MyST reports it while rendering
    if topmatter:

        def warning(kind: Any, message: str) -> None:
            create_warning(document, message, kind, line=1, append_to=document)

        merged = merge_file_level(site, topmatter, warning)
        config = restrict(merged)
    parser = create_md_parser(config, SphinxRenderer)
    parser.options["document"] = document
    # MarkdownIt.render(), in its two steps, to look at the tokens in between.
    parse_env: dict[str, Any] = {}
    tokens = parser.parse(inputstring, parse_env)
    inspect(tokens)
    parser.renderer.render(tokens, parser.options, parse_env)
    return merged


class NestedRenderer:
    """A MyST renderer set up once, rendering snippets into containers (nested rendering).

    Drives ``SphinxRenderer`` below its ``render()``: ``setup_render(options, env)``,
    ``md_env``, ``current_node_context(node)`` and ``nested_render_text(text, lineno)``
    (myst-parser 5.x), the way MyST renders a directive's content.  ``render()`` itself
    builds a new docutils document per call, which costs more than the snippet.
    """

    def __init__(self, settings: Any) -> None:
        parser = create_md_parser(DIALECT, SphinxRenderer)
        parser.options["document"] = new_document("", settings)
        renderer = parser.renderer
        assert isinstance(renderer, SphinxRenderer)
        renderer.setup_render(dict(parser.options), {})
        self._renderer = renderer

    def render(self, markup: str) -> list[nodes.Node]:
        renderer = self._renderer
        container = nodes.container()
        renderer.md_env = {}  # no link definitions carried over from other snippets
        with renderer.current_node_context(container):
            renderer.nested_render_text(markup, 0)
        return list(container.children)


# --- Sphinx: writing HTML --------------------------------------------------------------------


def visit_internal_reference(
    translator: HTML5Translator, parent: nodes.Element | None, target_doc: str, node_id: str
) -> None:
    """Open the ``<a>`` Sphinx writes for a resolved cross-reference to ``target_doc#node_id``.

    What ``sphinx.util.nodes.make_refnode`` builds (an internal ``reference`` with ``refid``
    on the same page, else ``refuri`` relative to the current page) passed to
    ``HTML5Translator.visit_reference`` (Sphinx 9.0–9.x), without building the node into
    the tree: the mention is written in one go (see :mod:`.mentions`).  ``parent`` decides,
    as in Sphinx, whether a line break follows the link.
    """
    builder = translator.builder
    current = builder.current_docname
    link = nodes.reference("", "", internal=True)
    if target_doc == current:
        link["refid"] = node_id
    else:
        link["refuri"] = f"{builder.get_relative_uri(current, target_doc)}#{node_id}"
    link.parent = parent  # no title: the caller writes the content
    translator.visit_reference(link)


def depart_internal_reference(translator: HTML5Translator, parent: nodes.Node | None) -> None:
    """Close what :func:`visit_internal_reference` opened, as ``HTML5Translator.depart_reference``."""
    translator.body.append("</a>")
    if not isinstance(parent, nodes.TextElement):
        translator.body.append("\n")


HTML_TITLE_VISITOR = (HTML5Translator.visit_title, HTML5Translator.depart_title)
"""Sphinx's HTML visitor of ``title`` nodes (Sphinx 9.0–9.x), which :mod:`.html` extends
(``add_node(nodes.title, override=True, …)``): it writes a toctree caption as
``<p class="caption" role="heading">``, which :mod:`.html` completes in ``self.body``."""


# --- Sphinx: the EPUB builder ------------------------------------------------------------------

EPUB_BUILDER = Epub3Builder
"""The EPUB builder :mod:`.epub` replaces by a subclass (``add_builder(…, override=True)``)."""

EPUB_BUILDER_MEMBERS = (
    "init",
    "init_templates",
    "prepare_writing",
    "write_documents",
    "toc_add_files",
    "handle_finish",
    "content_metadata",
    "guide_titles",
    "use_index",
    "domain_indices",
)
"""What the subclass overrides or sets (Sphinx 9.0–9.x): methods and attributes of
``Epub3Builder`` and its bases that are not documented for extensions."""


# --- furo: the navigation tree ---------------------------------------------------------------

FURO_CHECKED = ((2024, 1), (2025, 12))
"""furo versions (year, month) from which to which the use below was checked."""


def memoize_furo_navigation() -> None:
    """Let furo compute each distinct navigation once per process.

    furo turns the toctree's HTML into its navigation with BeautifulSoup on every page
    (``furo.get_navigation_tree``, a function of that string alone).  The indices, registers
    and search page of one folder have the same navigation: at 100 texts those parses were
    a tenth of a rebuild in which nothing changed.  Nothing happens without furo, or when
    the function is not where it was (then each page is parsed, as before).
    """
    try:
        import furo  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return
    compute = getattr(furo, "get_navigation_tree", None)
    if compute is None or hasattr(compute, "cache_info"):
        return
    furo.get_navigation_tree = lru_cache(maxsize=32)(compute)


# --- Sphinx: the command line and the builder's phases (the live preview) -------------------


def build_main_with(args: list[str], created: Callable[[Any], None]) -> int:
    """``sphinx-build args`` (its exit code), calling ``created`` once the application exists.

    ``sphinx.cmd.build.build_main`` (Sphinx 9.0–9.x) creates the application through its
    module's name ``Sphinx``; that name is wrapped for the rest of the process, which is
    why only a process that runs one build (the live preview's prepared child) calls
    this.  ``created`` also runs (with ``None``) if creating the application failed, before
    the error is reported.
    """
    import sphinx.cmd.build as sphinx_build

    application_class = sphinx_build.Sphinx  # type: ignore[attr-defined]

    def application(*args: Any, **kwargs: Any) -> Any:
        app = None
        try:
            app = application_class(*args, **kwargs)
            return app
        finally:
            created(app)

    sphinx_build.Sphinx = application  # type: ignore[attr-defined,assignment]
    return sphinx_build.build_main(args)


def around_writing(
    builder: Builder, write: Callable[[Callable[[Any], None], Any], None], finish: Callable[[], None]
) -> None:
    """Run ``write(write_documents, docnames)`` for the pages, and ``finish()`` before the rest.

    ``Builder.build`` (Sphinx 9.0–9.x) writes the pages through ``write_documents`` and then
    calls ``finish`` (the HTML builder's writes the indices, the search page and index, the
    inventory, and copies the images).  Both are methods builders override; here the
    instance's are wrapped, so that the live preview can write some pages first and report
    the pages written before the rest.
    """
    write_documents = builder.write_documents
    builder_finish = builder.finish

    def wrapped_write_documents(docnames: Any) -> None:
        write(write_documents, docnames)

    def wrapped_finish() -> None:
        finish()
        builder_finish()

    builder.write_documents = wrapped_write_documents  # type: ignore[method-assign]
    builder.finish = wrapped_finish  # type: ignore[method-assign]


def images_to_copy(builder: Builder) -> list[tuple[str, str]]:
    """The images the HTML builder copies in ``finish``: (source, copy) paths.

    ``StandaloneHTMLBuilder.images`` (source path relative to the source directory: name
    in ``imagedir``) (Sphinx 9.0–9.x), filled while the pages are written.
    """
    images: Any = getattr(builder, "images", {})
    imagedir = str(getattr(builder, "imagedir", "_images"))
    return [
        (str(builder.srcdir / source), str(builder.outdir / imagedir / name))
        for source, name in images.items()
    ]
