"""The Sphinx layer: thin glue between the pure core and Sphinx.

Each module handles one concern and has a ``setup_<concern>(app)``; :func:`setup` only
gathers them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..version import __version__
from .cards import setup_cards
from .config import setup_config
from .design import setup_design
from .domain import setup_domain
from .edition_info import setup_edition_info
from .endnotes import setup_endnotes
from .epub import setup_epub
from .events import setup_events
from .export import setup_export
from .gc_tuning import setup_gc_tuning
from .html import setup_html
from .latex import setup_latex
from .listings import setup_listings
from .locale import setup_locale
from .mentions import setup_mentions
from .navigation import setup_navigation
from .paragraphs import setup_paragraphs
from .parser import setup_parser
from .reference_pages import setup_reference
from .register_pages import setup_register_pages
from .registers import setup_registers
from .registries import setup_registries
from .safety import setup_safety
from .search import setup_search
from .source_list import setup_source_list
from .template_cache import setup_template_cache
from .text_order import setup_text_order

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

ENV_VERSION = 10
"""Bump when the domain data or the doctrees we write change shape."""


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set up the extension."""
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_events(app)
    setup_locale(app)
    setup_domain(app)
    setup_registries(app)
    setup_parser(app)
    setup_mentions(app)
    setup_paragraphs(app)
    setup_endnotes(app)
    setup_listings(app)
    setup_edition_info(app)
    setup_source_list(app)
    setup_registers(app)
    setup_register_pages(app)
    setup_cards(app)
    setup_html(app)
    setup_navigation(app)
    setup_design(app)
    setup_search(app)
    setup_latex(app)
    setup_text_order(app)
    setup_epub(app)
    setup_reference(app)
    setup_export(app)
    setup_safety(app)
    setup_gc_tuning(app)
    setup_template_cache(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
