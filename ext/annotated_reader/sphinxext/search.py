"""A build-wide cache of search stems.

Sphinx stems every word of every page for the search index and caches the stems only
within one page, so the words that all texts share (most of them) are stemmed again on
each page.  With the pure-Python German stemmer that was the largest single cost of a
build, and it runs in the main process even in a parallel build.  The extension
registers the project's search language again, as a subclass that keeps each stem for
the whole build; the stems, and so the index, are the same.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def setup_search(app: Sphinx) -> None:
    """Cache the search stems of the project's language for the whole build."""
    app.connect("config-inited", _cache_stems)
