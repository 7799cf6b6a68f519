"""Compiled HTML templates kept between builds (Jinja's bytecode cache).

Sphinx compiles every template it renders (the theme's page, its parts, the indices, ours)
again in each build: in a rebuild that writes a handful of pages, compiling was a fifth of
the time spent rendering.  Jinja can keep the compiled code in a directory; it checks each
template's source against a checksum before using it.  The directory is in the doctree
directory, one per Python, Jinja and Sphinx version (the compiled code depends on them).
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CACHE_DIR = "annotated-reader-templates"


def _keep_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, Environment) or environment.bytecode_cache is not None:
        return  # not Sphinx's Jinja renderer, or a project that set a cache of its own
    versions = "-".join(
        (sys.implementation.cache_tag or "python", metadata.version("jinja2"), metadata.version("sphinx"))
    )
    directory = Path(app.doctreedir, CACHE_DIR, versions)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    environment.bytecode_cache = FileSystemBytecodeCache(str(directory))


def setup_template_cache(app: Sphinx) -> None:
    """Keep compiled templates once the builder has its renderer."""
    app.connect("builder-inited", _keep_compiled_templates)
