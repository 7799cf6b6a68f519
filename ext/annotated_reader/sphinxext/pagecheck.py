"""The last check: every page as it will be written, head and template output included.

Everything a contributor writes is escaped or refused before HTML is written (see
:mod:`.safety` and :mod:`..core.names`); this check reads what is actually about to reach
readers, so that a hole anywhere else (a file name in a template, a theme that does not
escape a value, an extension's markup) cannot go unnoticed.  For each page of an HTML
builder (``html``, ``dirhtml``, ``singlehtml``, ``epub``):

* scripts from other hosts are dropped from the page's scripts, with a warning;
* the page is rendered with the template Sphinx chose, through a template of ours
  (``annotated-reader-checked.html``, which includes that template and hands the result
  to :class:`PageCheck`), and scanned whole (:mod:`..core.htmlscan`): a script that is not
  the site's own, an event handler attribute, an unsafe URL, an embedding or redirecting
  element;
* a page with a finding is withheld whole: a short page saying so is written instead,
  and each finding is a warning located at the page's source file.

A script is the site's own when it is a file of the site's ``_static`` folder (or the
search index), or an inline script whose text (without white space) is one written in the
templates of the theme or the project, or added by an extension (``app.add_js_file`` with a
body).  Values a template inserts into such a script are taken as the template's.

Rendering happens once: Sphinx renders our template, which renders the page's template.
The scan is linear in the page (see :mod:`..core.htmlscan`).  Builders that do not render
templates (``json``, ``pickle``) get the check of the page's body and head only.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.util import logging

from ..core import htmlscan
from ..core.htmlscan import HtmlFinding, parse_and_scan, scan_html, url_scheme
from ..core.problems import ProblemKind
from ..version import __version__
from .config import reader_config
from .locale import _
from .page_reuse import PageReuse, digest_text, setup_page_reuse
from .report import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
CHECKED_TEMPLATE = "annotated-reader-checked.html"
"""Our template: includes ``ar_template`` and passes the output to ``ar_checked_page``."""

OWN_SCRIPT_FOLDERS = ("_static/",)
OWN_SCRIPT_FILES = frozenset({"searchindex.js"})

_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SPACE = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def template_scripts(directories: Iterable[Path]) -> list[tuple[str, ...]]:
    """The inline scripts written in the templates under ``directories``.

    Each is the tuple of its literal pieces (white space removed) between the places where
    the template inserts a value; a script without such a place is a tuple of one piece.
    """
    found: dict[tuple[str, ...], None] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for template in sorted(directory.rglob("*.html")):
            try:
                source = template.read_text("utf-8", errors="replace")
            except OSError:
                continue
            for match in _TEMPLATE_SCRIPT.finditer(source):
                if re.search(r"\bsrc\s*=", match.group(1), re.IGNORECASE):
                    continue
                pieces = tuple(_compact(piece) for piece in _JINJA.split(match.group(2)))
                if any(pieces):
                    found.setdefault(pieces, None)
    return list(found)


def _matches(text: str, pieces: tuple[str, ...]) -> bool:
    """Whether ``text`` is ``pieces`` with anything in the gaps (a glob with ``*`` only, linear)."""
    if len(pieces) == 1:
        return text == pieces[0]
    first, *middle, last = pieces
    if not text.startswith(first) or not text.endswith(last) or len(text) < len(first) + len(last):
        return False
    position, end = len(first), len(text) - len(last)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


class ScriptPolicy:
    """Which scripts of one page are the site's own (see the module's docstring)."""

    def __init__(self, page_folder: str, inline: list[tuple[str, ...]], bodies: set[str]) -> None:
        self.page_folder = page_folder
        self.inline = inline
        self.bodies = {_compact(body) for body in bodies}

    def __call__(self, src: str | None, text: str) -> bool:
        if src is None:
            compact = _compact(text)
            return bool(compact) and (
                compact in self.bodies or any(_matches(compact, p) for p in self.inline)
            )
        if src.startswith("//") or url_scheme(src):
            return False
        path = src.split("#", 1)[0].split("?", 1)[0]
        if not path or path.startswith("/"):
            return False
        target = posixpath.normpath(posixpath.join(self.page_folder, path))
        return target in OWN_SCRIPT_FILES or (
            not target.startswith("..") and target.startswith(OWN_SCRIPT_FOLDERS)
        )


@cache
def _check_source() -> str:
    """A digest of the check's own code (this module and the scanner), once per process.

    Part of what a page's verdict is remembered under: a changed check parses every page again.
    Without its source (a package installed as bytecode only), a value of this process alone:
    no verdict of another build is taken.
    """
    try:
        sources = [Path(module.__file__ or "").read_bytes() for module in (htmlscan, sys.modules[__name__])]
    except OSError:
        return os.urandom(32).hex()
    return hashlib.sha256(b"\0".join(sources)).hexdigest()


def _passed_digest(page: str, policy: ScriptPolicy) -> str:
    """A digest of ``page``, of what ``policy`` allows on it and of the check's code."""
    allowances = repr(
        (policy.page_folder, policy.inline, sorted(policy.bodies), _check_source(), __version__)
    )
    return digest_text(f"{allowances}\0{page}")


def withheld_page(language: str) -> str:
    """The page written instead of one with a finding: nothing of the page, a short notice."""
    title = html.escape(str(_("Page withheld")))
    text = html.escape(str(_("This page was withheld: see the build warnings.")))
    lang = html.escape(language or "en", quote=True)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f'</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p class="ar-withheld">{text}</p>\n</main>\n</body>\n</html>\n'
    )


def _page_folder(app: Sphinx, pagename: str) -> str:
    """The folder (relative to the output) of the file a page is written to."""
    try:
        uri = str(app.builder.get_target_uri(pagename))
    except Exception:  # noqa: BLE001 - any builder: fall back to the page's own name
        uri = pagename
    uri = uri.split("#", 1)[0]
    return uri.rstrip("/") if uri.endswith("/") else posixpath.dirname(uri)


class PageCheck:
    """The ``html-page-context`` handler of the check (one per application).

    It runs after every other handler (priority 900), so that it sees the page's final
    context; a handler that returns a template of its own before it would keep the page
    from being checked whole (its body and head are still checked).
    """

    def __init__(self) -> None:
        self.reported: set[str] = set()
        self._inline: dict[int, list[tuple[str, ...]]] = {}
        self.reuse = PageReuse()

    def _template_scripts(self, app: Sphinx) -> list[tuple[str, ...]]:
        builder = app.builder
        key = id(builder)
        if key not in self._inline:
            directories = [Path(app.confdir, path) for path in app.config.templates_path]
            theme = getattr(builder, "theme", None)
            if theme is not None:
                directories += [Path(path) for path in theme.get_theme_dirs()]
            self._inline = {key: template_scripts(directories)}
        return self._inline[key]

    def __call__(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> str | None:
        if not reader_config(app.config).safe_pages:
            return None
        location = (pagename, 1) if pagename in app.env.all_docs else None
        if isinstance(context.get("sourcename"), str):
            # Names are checked when the build starts (core.names); escaped here all the same.
            context["sourcename"] = quote(context["sourcename"])
        self._drop_foreign_scripts(pagename, context, location)
        findings = scan_html(str(context.get("body", ""))) + scan_html(str(context.get("metatags", "")))
        if findings:
            self._withhold(app, pagename, findings, location, context)
        if getattr(app.builder, "implementation", None) is not None or not isinstance(
            getattr(app.builder, "templates", None), BuiltinTemplateLoader
        ):
            return None  # a serialising builder (json, pickle) or a project's own template bridge
        if findings:
            page = withheld_page(app.config.language)
            context["ar_checked_page"] = lambda rendered: page
        else:
            context["ar_checked_page"] = self._checker(app, pagename, context, location)
            self.reuse.offer(app, pagename, templatename, context)
        context["ar_template"] = templatename
        return CHECKED_TEMPLATE

    def _checker(
        self, app: Sphinx, pagename: str, context: dict[str, Any], location: Any
    ) -> Callable[[str], str]:
        scripts = context.get("script_files")
        bodies = {
            str(script.attributes.get("body", ""))
            for script in (scripts if isinstance(scripts, list) else [])
            if hasattr(script, "attributes") and script.attributes.get("body")
        }
        policy = ScriptPolicy(_page_folder(app, pagename), self._template_scripts(app), bodies)

        def check(rendered: str) -> str:
            # A page written again exactly as it passed last time is not parsed again.
            digest = _passed_digest(rendered, policy)
            if self.reuse.passed_before(app, pagename, digest):
                return rendered
            findings = parse_and_scan(rendered, policy)
            if not findings:
                self.reuse.note_passed(pagename, digest)
                return rendered
            self.reuse.note_passed(pagename, "")
            self._withhold(app, pagename, findings, location, context, whole=True)
            return withheld_page(app.config.language)

        return check

    def _withhold(
        self,
        app: Sphinx,
        pagename: str,
        findings: list[HtmlFinding],
        location: Any,
        context: dict[str, Any],
        *,
        whole: bool = False,
    ) -> None:
        for finding in findings:
            where = f" (line {finding.line} of the written page)" if whole else ""
            _warn(f"page '{pagename}' would contain {finding.message}{where}; the page is withheld", location)
        context["body"] = (
            f'<p class="ar-withheld">{html.escape(str(_("This page was withheld: see the build warnings.")))}</p>'
        )
        context["metatags"] = ""

    def _drop_foreign_scripts(self, pagename: str, context: dict[str, Any], location: Any) -> None:
        scripts = context.get("script_files")
        if not isinstance(scripts, list):
            return
        for script in [script for script in scripts if not _local(str(getattr(script, "filename", script)))]:
            url = str(getattr(script, "filename", script))
            if url not in self.reported:
                self.reported.add(url)
                _warn(
                    f"page '{pagename}' (and any other that does) would load a script from {url!r}; "
                    "the site reads offline and runs only its own scripts",
                    location,
                )
            scripts.remove(script)


def _local(url: str) -> bool:
    return not url.startswith("//") and not url_scheme(url)


def _warn(message: str, location: Any) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=ProblemKind.SAFETY.value, location=location)


def _add_templates(app: Sphinx, config: Config) -> None:
    if reader_config(config).safe_pages and str(TEMPLATES_DIR) not in map(str, config.templates_path):
        config.templates_path.append(str(TEMPLATES_DIR))


def setup_page_check(app: Sphinx) -> None:
    """Check every page whole before it is written."""
    app.connect("config-inited", _add_templates, priority=800)
    check = PageCheck()
    app.connect("html-page-context", check, priority=900)
    setup_page_reuse(app, check.reuse)
