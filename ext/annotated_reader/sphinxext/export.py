"""The notes of each text as a W3C Web Annotation collection, written beside its page.

For ``texts/<name>.html`` the HTML build writes ``texts/<name>.annotations.jsonld`` (the
collection, see :mod:`..core.export`) and ``texts/<name>.txt`` (the text the selectors
count in), and links the collection from the page's head.  What the export needs is
recorded when the text is read (``doctree-read``) and kept in the ``ar`` domain, so an
incremental build that does not re-read a text still writes its collection.  Addresses
are absolute IRIs, as the model requires: under ``html_baseurl``, the edition's canonical
address, or else under a placeholder (:func:`..core.export.default_base`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..core.export import MEDIA_TYPE, annotation_collection, default_base, export_notes
from ..core.names import TEXT_SUFFIX as TEXT_FILE_SUFFIX
from ..core.names import name_problem
from ..version import __version__
from .domain import reader_domain
from .page_text import current_text
from .report import report

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

COLLECTION_SUFFIX = ".annotations.jsonld"
TEXT_SUFFIX = ".txt"
BUILDERS = ("html",)
"""Builders that write the export: one HTML file per page, beside which it lies."""


def _record(app: Sphinx, doctree: nodes.document) -> None:
    text = current_text(app.env)
    if text is not None:
        reader_domain(app.env).web_annotations[app.env.docname] = export_notes(text)


def _write(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name not in BUILDERS:
        return
    exported = reader_domain(app.env).web_annotations.get(pagename)
    if exported is None:
        return
    # The page's name was checked when the build began (core.names); it is checked again
    # here, since it names files and goes into the head, whatever the configuration says.
    refused = name_problem(
        pagename + TEXT_FILE_SUFFIX, Path(app.env.doc2path(pagename)), what="text file", text=True
    )
    if refused is not None:
        report([replace(refused, message=f"{refused.message}; its notes are not exported")])
        return
    stem = PurePosixPath(pagename).name
    base = (app.config.html_baseurl or default_base(app.config.project)).rstrip("/")
    folder = quote(str(PurePosixPath(pagename).parent))
    prefix = f"{base}/{folder}/".replace("/./", "/")
    collection_name, text_name = quote(stem + COLLECTION_SUFFIX), quote(stem + TEXT_SUFFIX)
    collection = annotation_collection(
        exported,
        collection=f"{prefix}{collection_name}",
        source=f"{prefix}{text_name}",
        page=f"{prefix}{quote(PurePosixPath(app.builder.get_target_uri(pagename)).name)}",
        generator={"name": f"sphinx-annotated-reader {__version__}"},
    )
    target = Path(app.outdir, pagename)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.with_name(stem + COLLECTION_SUFFIX).write_text(
        json.dumps(collection, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    target.with_name(stem + TEXT_SUFFIX).write_text(exported.text, encoding="utf-8", newline="\n")
    link = f'<link rel="alternate" type="{escape(MEDIA_TYPE)}" href="{escape(collection_name)}" />\n'
    context["metatags"] = context.get("metatags", "") + link


def setup_export(app: Sphinx) -> None:
    """Record each text's notes when it is read; write the collection with its page."""
    app.connect("doctree-read", _record)
    app.connect("html-page-context", _write)
