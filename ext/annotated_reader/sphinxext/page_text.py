"""The text whose page is being read: set by the text parser, read by the page's directives.

A module of its own so that the directives (cards, the text header, the export) need not
import the parser, which imports most of the Sphinx layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.annotate import AnnotatedText

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

CURRENT_TEXT = "annotated_reader:text"
"""Key of the text being parsed in ``env.current_document``."""


def current_text(env: BuildEnvironment) -> AnnotatedText | None:
    """The text whose page is being parsed, for the directives on that page."""
    text = env.current_document.get(CURRENT_TEXT)
    return text if isinstance(text, AnnotatedText) else None
