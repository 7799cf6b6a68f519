"""Snippets: annotation markup (a card's description, a register entry, a remark) as nodes.

The renderer stands on its own so that the directives which show snippets (cards,
registers, listings, remarks) need not import the text parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes

from .upstream import NestedRenderer

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class _SnippetRenderer:
    """Renders annotation markup with one MyST renderer per build, and each markup once.

    MyST's ``render()`` builds a throw-away docutils document (a docutils option parser,
    some milliseconds) even when it is given one, so rendering each card and register
    entry through it cost more than the rest of a text page.  This renderer is set up
    once, renders each snippet with MyST's nested rendering into a container, and keeps
    the nodes of each markup (a card's description repeats on every page that mentions
    the entry); callers get copies.  It is a second renderer: snippets are rendered by
    directives while a page is rendering, and a renderer cannot be re-entered.
    """

    def __init__(self, settings: Any) -> None:
        self._renderer = NestedRenderer(settings)
        self._rendered: dict[str, list[nodes.Node]] = {}

    def render(self, markup: str, source: str) -> list[nodes.Node]:
        rendered = self._rendered.get(markup)
        if rendered is None:
            rendered = self._rendered[markup] = self._renderer.render(markup)
        copies = [node.deepcopy() for node in rendered]
        for copy in copies:
            for node in copy.findall(nodes.Element):
                if node.source is not None:
                    node.source = source
        return copies


_snippet_renderers: WeakKeyDictionary[BuildEnvironment, _SnippetRenderer] = WeakKeyDictionary()
"""One snippet renderer per build environment (so per build; parallel readers fork it)."""


def parse_markup(markup: str, document: nodes.document) -> list[nodes.Node]:
    """Annotation markup (already made safe by the core) as docutils nodes."""
    env = document.settings.env
    renderer = _snippet_renderers.get(env)
    if renderer is None:
        renderer = _snippet_renderers[env] = _SnippetRenderer(document.settings)
    return renderer.render(markup, document["source"])
