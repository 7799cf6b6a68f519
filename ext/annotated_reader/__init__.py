"""sphinx-annotated-reader: annotated reading editions of texts with Sphinx.

Add ``"annotated_reader"`` to ``extensions`` in ``conf.py``.  Importing this package does
not import Sphinx: the command line (``python -m annotated_reader``) and the pure core in
:mod:`annotated_reader.core` work without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (see :mod:`annotated_reader.sphinxext`)."""
    from .sphinxext import setup as setup_extension

    return setup_extension(app)
