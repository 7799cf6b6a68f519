"""Events other extensions can connect to, as to Sphinx's ``todo-defined``.

``annotated-reader-text-read(app, docname, text)``
    A text page was read: ``text`` is the located :class:`~..core.annotate.AnnotatedText`
    (its spec, seed, mentions and notes).  Emitted once per text read, after the page's
    doctree is complete and what it contributes is recorded.

``annotated-reader-mention-linked(app, docname, node)``
    A mention in a text became a :class:`~.mentions.mention` node: ``node["ar_kind"]``,
    ``node["ar_id"]``, ``node["ar_entry"]`` name the entry, ``node["ar_link"]`` says
    whether the page shows it as a link.  Its one child is the ``<span>`` the page writes:
    classes a listener adds to it are written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.annotate import AnnotatedText

TEXT_READ = "annotated-reader-text-read"
MENTION_LINKED = "annotated-reader-mention-linked"


def emit_text_read(env: BuildEnvironment, docname: str, text: AnnotatedText) -> None:
    """Tell the listeners that ``docname``'s text was read."""
    env.events.emit(TEXT_READ, docname, text)


def emit_mentions_linked(env: BuildEnvironment, docname: str, mentions: Iterable[nodes.Node]) -> None:
    """Tell the listeners about each mention node of ``docname``."""
    events = env.events
    for node in mentions:
        events.emit(MENTION_LINKED, docname, node)


def setup_events(app: Sphinx) -> None:
    """Declare the extension's events."""
    app.add_event(TEXT_READ)
    app.add_event(MENTION_LINKED)
