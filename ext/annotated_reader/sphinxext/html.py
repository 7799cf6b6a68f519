"""The reader's stylesheet and script, shipped with the package (no CDN, no request)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def setup_html(app: Sphinx) -> None:
    """Add the reader's CSS and JavaScript to every HTML page."""
    app.connect("config-inited", _add_static_path)
    app.add_css_file("annotated-reader.css")
    app.add_js_file("annotated-reader.js", loading_method="defer")
