"""The search index: a build-wide cache of stems, and index entries that survive.

Sphinx stems every word of every page for the search index and caches the stems only
within one page, so the words that all texts share (most of them) are stemmed again on
each page.  With the pure-Python German stemmer that was the largest single cost of a
build, and it runs in the main process even in a parallel build.  The extension
registers the project's search language again, as a subclass that keeps each stem for
the whole build; the stems, and so the index, are the same.

An incremental build writes again only the pages that changed (listing pages only when
what they list changed, see :mod:`.registries`).  Sphinx keeps the words of the other pages
in its search index, but not their index entries (``indexentries``: glossary terms,
register entries), which it collects only from the pages it writes and does not read back
from the old index (Sphinx 9.0 to 9.2).  So the extension records each page's index
entries when the page is read, and hands those of the pages not written to the index
before it is saved.  A fresh build and an incremental one give the same search index
(``tests/sphinx/test_parallel.py``).

A note on a heading puts its mark, a footnote reference, into the heading's title, and
Sphinx indexes a section under its title's ``astext()``: "I. Die Grundrechte2", and the
title word "grundrechte2".  The extension records each such title without its note marks
when the page is resolved (``doctree-resolved``, in the main process even in a parallel
build, just before Sphinx feeds the page to the index) and puts the clean titles and their
words into the index before it is saved (``tests/sphinx/test_search_titles.py``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.util.index_entries import split_index_msg

from .domain import reader_domain
from .navigation import is_site_builder
from .upstream import search_index_entries, search_index_titles

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.search import SearchLanguage


class _CachedStems:
    """Mixin: ``stem()`` computed once per word and language instance (one per build)."""

    annotated_reader_cached = True

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)  # type: ignore[call-arg]
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stems = self._stems
        stemmed = stems.get(word)
        if stemmed is None:
            stemmed = stems[word] = super().stem(word)  # type: ignore[misc]
        return stemmed


def _language_class(language: str) -> type[SearchLanguage] | None:
    from sphinx.search import languages

    found: Any = languages.get(language) or languages.get(language.partition("_")[0])
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    return found if isinstance(found, type) else None


def _cache_stems(app: Sphinx, config: Config) -> None:
    language = config.html_search_language or config.language or "en"
    base = _language_class(language)
    if base is None or getattr(base, "annotated_reader_cached", False):
        return
    cached = type(base.__name__, (_CachedStems, base), {"__module__": __name__})
    app.add_search_language(cached)


def _record_index_entries(app: Sphinx, doctree: nodes.document) -> None:
    entries = [tuple(entry) for node in doctree.findall(addnodes.index) for entry in node["entries"]]
    domain = reader_domain(app.env)
    if entries:
        domain.index_entries[app.env.current_document.docname] = entries


def search_entries(entries: list[tuple[str, str, str, str, str | None]]) -> list[tuple[str, str, str]]:
    """A page's index entries as the search index keeps them (as ``IndexBuilder.feed`` does)."""
    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _category in entries:
        try:
            result = split_index_msg(entry_type, value)
        except ValueError:
            continue
        if entry_type in {"see", "seealso"}:
            found.add((result[0], target_id or "", main))
        found |= {(part, target_id or "", main) for part in result}
    return sorted(found)


def _restore_index_entries(app: Sphinx) -> list[Any]:
    kept = search_index_entries(app.builder)
    if kept is None:
        return []
    recorded = reader_domain(app.env).index_entries
    for docname in app.env.all_docs:
        if docname not in kept and docname in recorded:  # a page not written in this build
            kept[docname] = search_entries(recorded[docname])
    return []  # no pages to add


_MARKED_TITLES: WeakKeyDictionary[Sphinx, dict[str, dict[str, str]]] = WeakKeyDictionary()
"""Per application (tests and the live preview run several in one process), for its build:
docname -> {title as Sphinx indexes it: the title without note marks}."""


def title_without_marks(title: nodes.title) -> str:
    """A heading's text without the numbers of the notes marked in it."""
    clean = title.deepcopy()
    for mark in list(clean.findall(nodes.footnote_reference)):
        mark.parent.remove(mark)
    return clean.astext()


def _record_marked_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_site_builder(app.builder):
        return
    fixes = {
        title.astext(): title_without_marks(title)
        for title in doctree.findall(nodes.title)
        if any(True for _mark in title.findall(nodes.footnote_reference))
    }
    marked = _MARKED_TITLES.setdefault(app, {})
    if fixes:
        marked[docname] = fixes
    else:
        marked.pop(docname, None)


def _clean_titles(app: Sphinx) -> None:
    """Put the titles without note marks, and their words, into the search index.

    Through :func:`.upstream.search_index_titles`; with other shapes, nothing is done.
    """
    found = search_index_titles(app.builder)
    if found is None:
        return
    titles, mapping = found
    builder: Any = app.builder
    lang = builder.indexer.lang
    for docname, fixes in _MARKED_TITLES.get(app, {}).items():
        if docname not in titles:
            continue
        titles[docname] = [(fixes.get(title, title), anchor) for title, anchor in titles[docname]]
        for marked, clean in fixes.items():
            marked_words, clean_words = set(lang.split(marked)), set(lang.split(clean))
            for word in marked_words - clean_words:
                for key in {lang.stem(word).lower(), word}:
                    mapping.get(key, set()).discard(docname)
                    if key in mapping and not mapping[key]:
                        del mapping[key]
            for word in clean_words - marked_words:
                stemmed = lang.stem(word).lower()
                if lang.word_filter(stemmed):
                    mapping.setdefault(stemmed, set()).add(docname)
                elif lang.word_filter(word):
                    mapping.setdefault(word, set()).add(docname)
    _MARKED_TITLES.pop(app, None)


def _fix_search_index(app: Sphinx) -> list[Any]:
    _clean_titles(app)
    return _restore_index_entries(app)


def setup_search(app: Sphinx) -> None:
    """Cache the search stems for the whole build; keep index entries and clean titles in the index."""
    app.connect("config-inited", _cache_stems)
    app.connect("doctree-read", _record_index_entries)
    app.connect("doctree-resolved", _record_marked_titles)
    app.connect("html-collect-pages", _fix_search_index)
