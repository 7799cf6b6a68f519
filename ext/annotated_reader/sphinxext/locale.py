"""Translations: the extension's strings are English and translated by its own catalog.

A German edition (``language = "de"``) gets every label of the reader in German; the
catalog lives in ``annotated_reader/locale`` and is registered by :func:`setup_locale`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "annotated_reader"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(MESSAGE_CATALOG)


def setup_locale(app: Sphinx) -> None:
    """Register the message catalog, and our supplement to Sphinx's own.

    ``locale/<lang>/LC_MESSAGES/sphinx.po`` translates what Sphinx's catalog leaves
    untranslated (German permalink titles, theme strings); it is added as a fallback, so
    Sphinx's own translations win wherever they exist.
    """
    app.add_message_catalog(MESSAGE_CATALOG, LOCALE_DIR)
    app.add_message_catalog("sphinx", LOCALE_DIR)
