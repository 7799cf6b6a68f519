"""The shape of the Sphinx and MyST-Parser internals :mod:`annotated_reader.sphinxext.upstream` uses.

Each test names one internal and fails, with what changed, when an upgrade changes it:
then read the upstream change and adapt ``upstream.py`` (and the versions it names).
"""

from __future__ import annotations

import inspect

import myst_parser
import sphinx
from annotated_reader.sphinxext import upstream
from docutils import nodes
from myst_parser.config.main import MdParserConfig, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.search import IndexBuilder
from sphinx.util.nodes import make_refnode
from sphinx.writers.html5 import HTML5Translator


def _parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def _version(text: str) -> tuple[int, int]:
    major, minor, *_ = text.split(".")
    return int(major), int(minor)


def test_the_installed_versions_are_those_checked() -> None:
    low, high = upstream.SPHINX_CHECKED
    assert low <= _version(sphinx.__version__) <= high, sphinx.__version__
    low, high = upstream.MYST_CHECKED
    assert low <= _version(myst_parser.__version__) <= high, myst_parser.__version__


def test_the_search_index_keeps_its_index_entries_by_docname() -> None:
    source = inspect.getsource(IndexBuilder)
    assert "self._index_entries: dict[str, list[tuple[str, str, str]]]" in source
    assert "self._index_entries[docname] = " in inspect.getsource(IndexBuilder.feed)


def test_the_search_index_still_does_not_load_its_index_entries() -> None:
    # When Sphinx fixes the bug (notes/upstream-sphinx-indexbuilder-load.md), the
    # workaround in search.py can go for the versions that have the fix.
    assert "_index_entries" not in inspect.getsource(IndexBuilder.load)


def test_search_index_entries_reads_the_builders_indexer() -> None:
    class Indexer:
        _index_entries = {"page": [("apple", "index-0", "")]}

    class Builder:
        indexer = Indexer()

    assert upstream.search_index_entries(Builder()) == {"page": [("apple", "index-0", "")]}  # type: ignore[arg-type]
    assert upstream.search_index_entries(object()) is None  # type: ignore[arg-type]


def test_the_index_builder_keeps_titles_and_title_words_where_search_cleans_them() -> None:
    from sphinx.search import IndexBuilder

    source = inspect.getsource(IndexBuilder)
    assert "self._all_titles" in source
    assert "self._title_mapping" in source

    class Indexer:
        _all_titles = {"page": [("Title", "id")]}
        _title_mapping = {"titl": {"page"}}

    class Builder:
        indexer = Indexer()

    assert upstream.search_index_titles(Builder()) == (Indexer._all_titles, Indexer._title_mapping)  # type: ignore[arg-type]
    assert upstream.search_index_titles(object()) is None  # type: ignore[arg-type]


def test_myst_parse_has_the_steps_parse_page_repeats() -> None:
    source = inspect.getsource(MystParser.parse)
    for step in (
        "read_topmatter(",
        "merge_file_level(",
        "create_warning(",
        "create_md_parser(",
        "SphinxRenderer",
    ):
        assert step in source, step
    assert _parameters(read_topmatter) == ["text"]
    assert _parameters(merge_file_level) == ["config", "topmatter", "warning"]
    assert _parameters(create_warning)[:3] == ["document", "message", "subtype"]
    assert {"line", "append_to"} <= set(_parameters(create_warning))
    assert isinstance(MdParserConfig().copy(), MdParserConfig)


def test_the_renderer_has_what_nested_rendering_drives() -> None:
    assert issubclass(SphinxRenderer, DocutilsRenderer)
    assert _parameters(SphinxRenderer.setup_render) == ["self", "options", "env"]
    assert _parameters(SphinxRenderer.current_node_context)[:2] == ["self", "node"]
    assert _parameters(SphinxRenderer.nested_render_text)[:3] == ["self", "text", "lineno"]
    assert "self.md_env" in inspect.getsource(SphinxRenderer.nested_render_text)
    assert _parameters(SphinxRenderer.render)[:4] == ["self", "tokens", "options", "md_env"]


def test_a_reference_is_written_as_make_refnode_builds_it() -> None:
    assert _parameters(make_refnode)[:5] == ["builder", "fromdocname", "todocname", "targetid", "child"]
    source = inspect.getsource(make_refnode)
    assert "node['refid'] = targetid" in source
    assert "node['refuri'] = builder.get_relative_uri(fromdocname, todocname)" in source
    assert "'#' + targetid" in source
    depart = inspect.getsource(HTML5Translator.depart_reference)
    assert "self.body.append('</a>')" in depart
    assert "isinstance(node.parent, nodes.TextElement)" in depart
    assert nodes.TextElement  # the class depart_reference tests the parent against


def test_the_title_visitor_writes_the_toctree_caption_as_a_heading_role() -> None:
    visit, depart = upstream.HTML_TITLE_VISITOR
    assert visit is HTML5Translator.visit_title
    assert depart is HTML5Translator.depart_title
    source = inspect.getsource(HTML5Translator.visit_title)
    assert (
        "self.starttag(node, 'p', '', CLASS='caption', ROLE='heading')" in source
    )  # html.py adds aria-level


def test_the_epub_builder_has_what_the_subclass_overrides() -> None:
    builder = upstream.EPUB_BUILDER
    assert builder.name == "epub"
    missing = [
        name
        for name in upstream.EPUB_BUILDER_MEMBERS
        if not hasattr(builder, name) and f"self.{name} =" not in inspect.getsource(builder.__mro__[1])
    ]
    assert missing == []


def test_furo_computes_its_navigation_from_the_toctree_html_alone() -> None:
    """``memoize_furo_navigation`` caches ``furo.get_navigation_tree``: a function of one string."""
    import furo
    from furo.navigation import get_navigation_tree

    version = tuple(int(part) for part in furo.__version__.split(".")[:2])
    assert upstream.FURO_CHECKED[0] <= version <= upstream.FURO_CHECKED[1]
    assert list(inspect.signature(get_navigation_tree).parameters) == ["toctree_html"]
    assert furo.get_navigation_tree in (
        get_navigation_tree,
        getattr(furo.get_navigation_tree, "__wrapped__", None),
    )
    html = '<p class="caption" role="heading"><span>T</span></p><ul><li class="toctree-l1"><a href="a.html">A</a></li></ul>'
    assert get_navigation_tree(html) == get_navigation_tree(html)
    upstream.memoize_furo_navigation()
    assert furo.get_navigation_tree(html) == get_navigation_tree(html)
    assert furo.get_navigation_tree.cache_info().hits >= 0


def test_build_main_creates_its_application_through_the_module_name() -> None:
    import sphinx.cmd.build

    assert sphinx.cmd.build.Sphinx is sphinx.application.Sphinx
    assert "app = Sphinx(" in inspect.getsource(sphinx.cmd.build.build_main)


def test_the_builder_writes_the_pages_then_finishes() -> None:
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    source = inspect.getsource(Builder.build)
    assert source.index("self.write(") < source.index("self.finish()")
    assert "self.write_documents(" in inspect.getsource(Builder.write)
    assert _parameters(Builder.write_documents) == ["self", "docnames"]
    assert "self.copy_image_files" in inspect.getsource(StandaloneHTMLBuilder.finish)
    assert "self.images[" in inspect.getsource(StandaloneHTMLBuilder.post_process_images)
