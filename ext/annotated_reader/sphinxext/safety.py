r"""Safe pages: what a contributor writes can neither run nor leak anything.

Contributors write pages (MyST, reStructuredText) and annotation files in pull requests;
maintainers review them, but a review misses things.  With ``annotated_reader_safe_pages``
(on by default) every page of the project is read under these rules:

* **no raw output**: raw HTML in MyST is escaped text, also where a page's front matter
  tries to switch it back on; the ``raw`` directive and role are refused;
* **no template code**: MyST's ``substitution`` extension (Jinja, not sandboxed) is off,
  in ``conf.py`` and in front matter;
* **no files from elsewhere**: ``include``, ``literalinclude`` and ``csv-table`` with
  ``:file:``/``:url:`` are refused; an image or download must be a file of the project,
  not reached through ``..`` or a symbolic link; a source file or directory that is a
  symbolic link is excluded from the build; remote images are refused (the site and the
  PDF are built and read offline);
* **no TeX**: math is refused, since its TeX goes into the PDF unchecked (``\input``
  reads any file) and MathJax would come from a CDN; so is ``tabularcolumns``;
* **only safe links**: every link target is ``http``, ``https``, ``mailto`` or relative
  (checked on the final doctree, whatever produced the link: MyST, reStructuredText,
  sphinx-design cards); ``<meta http-equiv>`` (a redirect, a security policy, a cookie:
  a header set from inside the page) is refused;
* **a last check of the output**: each page's body is scanned for script, event handlers
  and unsafe URLs (:mod:`..core.htmlscan`), and scripts from other hosts are dropped.

Each refusal is a typed, located warning (``annotated_reader.safety``), so ``-W`` fails the
build; the refused markup is shown literally, never silently dropped.  Generated text pages
are safe by construction (:mod:`..core.markup`); these rules are for everything else.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import compile_matchers

from ..core.htmlscan import is_safe_url, url_scheme
from ..core.names import (
    first_link,
    glob_literal,
    link_problem,
    name_problem,
    project_roots,
    shown,
    walk_sources,
)
from ..core.problems import ProblemKind
from .config import reader_config
from .pagecheck import setup_page_check
from .replace import replace_nodes
from .report import WARNING_TYPE, report
from .upstream import parse_page

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

SUBTYPE = ProblemKind.SAFETY.value
HTML_SYNTAX = ("html_block", "html_inline")
TEMPLATE_EXTENSIONS = ("substitution",)

REFUSED_DIRECTIVES = {
    "raw": "raw HTML or LaTeX would reach readers' browsers and the PDF unchecked",
    "include": "it reads any file the build machine can read",
    "tabularcolumns": "its LaTeX goes into the PDF unchecked",
}


def safe_pages(config: Config) -> bool:
    """Whether the safety rules are on."""
    return reader_config(config).safe_pages


def _warn(message: str, location: Any) -> None:
    if isinstance(location, nodes.Node) and not location.line:
        location = _nearest_line(location)
    logger.warning(message, type=WARNING_TYPE, subtype=SUBTYPE, location=location)


def _nearest_line(node: nodes.Node) -> str:
    """``source:line`` of the nearest enclosing node that has a line.

    Front matter, reStructuredText in ``eval-rst`` and some directives leave nodes without one.
    """
    probe: nodes.Node | None = node
    while probe is not None and not probe.line:
        probe = probe.parent
    source = (probe or node).source or (node.document["source"] if node.document else "")
    return f"{source}:{probe.line if probe is not None else 1}"


def _conf_location(app: Sphinx, name: str) -> str:
    """``conf.py:<line>`` of the line that sets ``name``, for a warning about it."""
    conf = Path(app.confdir) / "conf.py"
    try:
        lines = conf.read_text("utf-8").splitlines()
    except OSError:
        return f"{conf}:1"
    line = next((number for number, text in enumerate(lines, 1) if text.lstrip().startswith(name)), 1)
    return f"{conf}:{line}"


# --- MyST: no raw HTML, no templates, whatever a page's front matter says -------------------


def restricted(config: MdParserConfig) -> MdParserConfig:
    """``config`` with raw HTML syntax off and the template extension removed."""
    return config.copy(
        disable_syntax=sorted({*config.disable_syntax, *HTML_SYNTAX}),
        enable_extensions={name for name in config.enable_extensions if name not in TEMPLATE_EXTENSIONS},
    )


def _loosened(page: MdParserConfig) -> list[str]:
    """What a page's front matter switched on that the site's rules keep off."""
    found = [f"'{name}' syntax" for name in HTML_SYNTAX if name not in page.disable_syntax]
    found += [f"the '{name}' extension" for name in TEMPLATE_EXTENSIONS if name in page.enable_extensions]
    return found


class SafeMystParser(MystParser):
    """MyST-Parser, with the site's rules applied after a page's front matter.

    MyST lets front matter (``myst: {disable_syntax: [], enable_extensions: [...]}``)
    change the syntax of one page; this parser re-applies the rules to the merged
    configuration (:func:`.upstream.parse_page`: the steps of :meth:`MystParser.parse`).
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        if not safe_pages(env.config):
            super().parse(inputstring, document)
            return
        docname = env.current_document.docname
        merged = parse_page(
            inputstring,
            document,
            restricted(env.myst_config),  # type: ignore[attr-defined]
            restricted,
            lambda tokens: _report_dropped_attributes(tokens, docname),
        )
        loosened = _loosened(merged) if merged is not None else []
        if loosened:
            _warn(
                f"the front matter switches on {', '.join(loosened)}; this site keeps it off "
                "(raw HTML would run in readers' browsers, substitutions run templates "
                "at build time)",
                (docname, 1),
            )


MYST_ATTRIBUTES = frozenset(
    {
        *("class", "id", "start", "attribution", "emphasize-lines", "lineno-start"),
        *("width", "height", "align", "title", "href", "src", "alt", "target", "rel"),
    }
)
"""Attributes MyST turns into something (``{#id .class}``, image sizes, list starts …, and
those of links and images themselves); any other in ``{…}`` it drops without a word."""


STYLED_TOKENS = frozenset({"th_open", "td_open", "ordered_list_open", "bullet_list_open"})
"""Tokens whose ``style`` MyST uses (table alignment, list numbering)."""


def _report_dropped_attributes(tokens: list[Any], docname: str) -> None:
    """Warn about every ``{key=value}`` attribute MyST would drop (``{onclick=…}``)."""
    pending = [(token, 0) for token in tokens]
    while pending:
        token, line = pending.pop()
        if token.map:
            line = token.map[0] + 1
        kept = MYST_ATTRIBUTES | ({"style"} if token.type in STYLED_TOKENS else set())
        # The attrs plugin drops event handlers and unsafe URLs itself, and notes them.
        removed = (token.meta or {}).get("insecure_attrs") or {}
        dropped = sorted({*(str(key) for key in (token.attrs or {}) if key not in kept), *map(str, removed)})
        if dropped:
            names = ", ".join(repr(name) for name in dropped)
            _warn(
                f"the attribute(s) {names} are not supported and are dropped (only id, class and "
                "the image and list options are kept; no event handlers, no styles)",
                (docname, line or 1),
            )
        pending.extend((child, line) for child in token.children or [])


# --- directives and roles that read files or write raw output --------------------------------


class _AnyOption(defaultdict[str, Any]):
    """An option spec that accepts every option, so that any use is refused the same way."""

    def __init__(self) -> None:
        super().__init__(lambda: directives.unchanged)

    def __contains__(self, key: object) -> bool:
        return True


class RefusedDirective(SphinxDirective):
    """Stands in for a directive this site does not allow: warns, shows the source literally."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[Any] = _AnyOption()
    reasons: ClassVar[dict[str, str]] = REFUSED_DIRECTIVES

    def run(self) -> list[nodes.Node]:
        reason = self.reasons.get(self.name, "this site does not allow it")
        _warn(f"the '{self.name}' directive is not allowed: {reason}", self.get_location())
        literal = nodes.literal_block(self.block_text, self.block_text, classes=["ar-refused"])
        self.set_source_info(literal)
        return [literal]


class SafeCSVTable(CSVTable):
    """``csv-table`` with its content only: ``:file:`` and ``:url:`` read outside the page."""

    def run(self) -> list[nodes.Node]:  # type: ignore[override]
        given = [option for option in ("file", "url") if option in self.options]
        if given:
            env = self.state.document.settings.env
            _warn(
                f"the ':{given[0]}:' option of 'csv-table' is not allowed: it reads a file or fetches "
                "a URL at build time; write the rows in the page",
                (env.current_document.docname, self.lineno),
            )
            literal = nodes.literal_block(self.block_text, self.block_text, classes=["ar-refused"])
            return [literal]
        return super().run()


class SafeLiteralInclude(LiteralInclude):
    """``literalinclude`` of files in the configured ``annotated_reader_include_dirs`` only."""

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        # The folders as written below the source directory, none of them a link (a folder
        # that is a link to elsewhere would make elsewhere includable).
        roots = [
            root
            for root in project_roots(srcdir, reader_config(self.config).include_dirs)
            if first_link(root, Path(os.path.realpath(srcdir))) is None
        ]
        targets = [self.arguments[0], *([self.options["diff"]] if "diff" in self.options else [])]
        for target in targets:
            _relative, absolute = self.env.relfn2path(target, self.env.current_document.docname)
            real = Path(os.path.realpath(absolute))
            if not any(real.is_relative_to(root) for root in roots):
                allowed = ", ".join(reader_config(self.config).include_dirs) or "none configured"
                _warn(
                    f"'literalinclude' of '{_short(target)}' is not allowed: it lies outside "
                    f"annotated_reader_include_dirs ({allowed})",
                    self.get_location(),
                )
                literal = nodes.literal_block(self.block_text, self.block_text, classes=["ar-refused"])
                self.set_source_info(literal)
                return [literal]
        # docutils' own switch is off (see _lock_docutils); this file has just been checked.
        settings = self.state.document.settings
        locked, settings.file_insertion_enabled = settings.file_insertion_enabled, True
        try:
            return super().run()
        finally:
            settings.file_insertion_enabled = locked


def refused_raw_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """The ``raw`` role (and roles derived from it), refused."""
    env = inliner.document.settings.env
    _warn(
        f"the '{name}' role is not allowed: {REFUSED_DIRECTIVES['raw']}",
        (env.current_document.docname, lineno),
    )
    return [nodes.literal(rawtext, rawtext)], []


# Accept the option of the real role, so that a role derived from it (``.. role::
# html(raw)`` with ``:format: html``) is made, and refused when used, with this message.
refused_raw_role.options = {"format": directives.unchanged}  # type: ignore[attr-defined]


def _install_rules(app: Sphinx, config: Config) -> None:
    if not safe_pages(config):
        return
    for name in REFUSED_DIRECTIVES:
        app.add_directive(name, RefusedDirective, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    app.add_role("raw", refused_raw_role, override=True)
    enabled = [name for name in TEMPLATE_EXTENSIONS if name in config.myst_enable_extensions]
    if enabled:
        _warn(
            f"myst_enable_extensions contains {', '.join(map(repr, enabled))}, which renders Jinja "
            "templates without a sandbox; it stays off while annotated_reader_safe_pages is on",
            _conf_location(app, "myst_enable_extensions"),
        )


def _lock_docutils(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Docutils' own switches, for any directive we did not think of."""
    if not safe_pages(env.config):
        return
    # env.settings holds the docutils settings of every document read in this build.
    env.settings["file_insertion_enabled"] = False
    env.settings["raw_enabled"] = False


def _exclude_unsafe_sources(app: Sphinx, config: Config) -> None:
    """Report every source file or folder that is a symbolic link or has an unsafe name; exclude it.

    Sphinx follows links while it looks for documents: a link ``passwort.md`` to
    ``/etc/passwd`` would be published, a link to ``/dev/zero`` would hang the build, a
    link to ``/`` would make it walk the whole disk.  A name outside the safe set
    (:mod:`..core.names`) would reach every link to the page, its head and the PDF.  Both
    are found without following any link, before Sphinx looks, and excluded: nothing of
    such a file is read or written.  Each is a located warning (so ``-W`` fails).
    """
    if not safe_pages(config):
        return
    srcdir = Path(app.srcdir)
    # What Sphinx leaves out of its search for documents: the project's exclusions, its
    # template and asset folders, and the patterns of sphinx.project.EXCLUDE_PATHS.
    assets = [
        *config.templates_path,
        *getattr(config, "html_static_path", []),
        *getattr(config, "html_extra_path", []),
    ]
    excluded = compile_matchers(
        [*config.exclude_patterns, *map(str, assets), "**/_sources", ".#*", "**/.#*", "*.lproj/**"]
    )
    included = compile_matchers(config.include_patterns)
    refused, problems = walk_sources(
        srcdir,
        tuple(config.source_suffix),
        lambda relative: any(match(relative) for match in excluded),
        lambda relative: any(match(relative) for match in included),
    )
    config.exclude_patterns.extend(glob_literal(relative) for relative in refused)
    report(problems)


def _exclude_linked_assets(app: Sphinx, config: Config) -> None:
    """Nothing under a symbolic link in the project's static and extra folders is published.

    Sphinx copies ``html_static_path`` and ``html_extra_path`` following links.  A folder of
    the project that is a link is dropped from the setting; a link inside one is excluded
    (``exclude_patterns`` is what Sphinx consults while it copies, with paths relative to
    the folder).  Folders outside the project (a theme's, an extension's) are code, not
    contributions, and are left alone.
    """
    if not safe_pages(config):
        return
    confdir = Path(os.path.normpath(Path(app.confdir).absolute()))
    problems = []
    for setting in ("html_static_path", "html_extra_path"):
        entries = getattr(config, setting, None)
        if not isinstance(entries, list):
            continue
        for entry in list(entries):
            root = Path(os.path.normpath(confdir / entry))
            if not root.is_relative_to(confdir) or root == confdir:
                continue
            problem = link_problem(root, confdir)
            if problem is not None:
                problems.append(problem)
                entries.remove(entry)
                continue
            if not root.is_dir():
                continue
            for folder, dirs, files in os.walk(root):
                here = Path(folder)
                for name in sorted([*dirs, *files]):
                    path = here / name
                    if path.is_symlink():
                        problem = link_problem(path, confdir)
                        if problem is not None:
                            problems.append(problem)
                        # Sphinx matches what it copies as "./name" at the top, "folder/name" below.
                        relative = os.path.relpath(path, root).replace(os.sep, "/")
                        prefix = "" if "/" in relative else "./"
                        config.exclude_patterns.append(glob_literal(prefix + relative))
                        if name in dirs:
                            dirs.remove(name)
    report(problems)


# --- read time: files, TeX, redirects ----------------------------------------------------------


class RefuseUnsafeContent(SphinxTransform):
    """Images, downloads, math and meta redirects that could fetch, leak or run something."""

    default_priority = 870  # before DoctreeReadEvent (880), where Sphinx collects images and downloads

    def apply(self, **kwargs: Any) -> None:
        if not safe_pages(self.config):
            return
        srcdir = Path(self.env.srcdir).resolve()
        for image in list(self.document.findall(nodes.image)):
            problem = self._file_problem(str(image.get("uri", "")), srcdir, "image")
            if problem:
                _warn(problem, image)
                # An image with a target (``:target:``) is the one child of a reference;
                # outside a paragraph that reference must hold an image, so it goes too.
                parent = image.parent
                linked = isinstance(parent, nodes.reference) and len(parent.children) == 1
                _replace_literally(parent if linked else image, str(image.get("uri", "")))
        for download in list(self.document.findall(addnodes.download_reference)):
            target = str(download.get("reftarget", ""))
            problem = (
                "" if url_scheme(target) in ("http", "https") else self._file_problem(target, srcdir, "file")
            )
            if problem:
                _warn(problem, download)
                _replace_literally(download, download.astext())
        formulas = [
            n for n in self.document.findall(nodes.Element) if isinstance(n, (nodes.math, nodes.math_block))
        ]
        for formula in formulas:
            _warn(
                "math is not allowed: its TeX goes into the PDF unchecked (\\input reads any file) "
                "and MathJax would load from a CDN; write the formula as text",
                formula,
            )
            _replace_literally(formula, formula.astext())
        for toctree in self.document.findall(addnodes.toctree):
            # External entries ("Title <scheme://…>") go into every page's navigation,
            # where no post-transform sees them.
            for title, ref in list(toctree["entries"]):
                if "://" in str(ref) and not is_safe_url(str(ref)):
                    _warn(
                        f"toctree entry '{_short(str(ref))}' is not allowed: only http and https links",
                        toctree,
                    )
                    toctree["entries"].remove((title, ref))
        for meta in list(self.document.findall(nodes.meta)):
            if "http-equiv" in meta.attributes:
                _warn(
                    f"<meta http-equiv={meta['http-equiv']!r}> is not allowed: {_http_equiv_reason(meta)}",
                    meta,
                )
                meta.parent.remove(meta)

    def _file_problem(self, target: str, srcdir: Path, what: str) -> str:
        scheme = url_scheme(target)
        if target.startswith("//") or scheme:
            return (
                f"the {what} '{_short(target)}' is not a file of the project: the site and the PDF "
                "are built and read offline, from the project's own files"
            )
        docname = self.env.current_document.docname
        _relative, absolute = self.env.relfn2path(target, docname)
        # As written (Sphinx resolves links in ``absolute``): '/x' is from the source directory.
        base = Path(self.env.srcdir) if target.startswith("/") else Path(self.env.doc2path(docname)).parent
        lexical = Path(os.path.normpath(base / target.lstrip("/").replace("*", "x")))
        real = Path(os.path.realpath(absolute.replace("*", "x")))
        if not real.is_relative_to(srcdir) or not Path(os.path.realpath(lexical)).is_relative_to(srcdir):
            return f"the {what} '{_short(target)}' lies outside the project (through '..' or a symbolic link)"
        link = first_link(lexical, Path(self.env.srcdir))
        if link is not None:
            return f"the {what} '{_short(target)}' is read through the symbolic link '{shown(link.name)}'"
        named = name_problem(real.relative_to(srcdir).as_posix(), lexical, what=what)
        return f"the {what} '{_short(target)}': {named.message}" if named is not None else ""


HTTP_EQUIV_REASONS = {
    "refresh": "it can redirect readers to another page",
    "content-security-policy": "a page may not set its own security policy: it could weaken the "
    "site's or break its scripts",
    "set-cookie": "it would set a cookie in readers' browsers",
}


def _http_equiv_reason(meta: nodes.Element) -> str:
    """Why a ``<meta http-equiv>`` is refused, for its kind of header."""
    kind = str(meta.get("http-equiv", "")).strip().lower()
    return HTTP_EQUIV_REASONS.get(
        kind, "it sets an HTTP header from inside the page; headers are the site's, not a page's"
    )


def _replace_literally(node: nodes.Element, text: str) -> None:
    """Replace ``node`` by its source text, inline or as a block as its place requires."""
    parent = node.parent
    inline = isinstance(parent, nodes.TextElement) or isinstance(node, nodes.Inline)
    replacement: nodes.Element = (
        nodes.literal(text, text, classes=["ar-refused"])
        if inline
        else nodes.literal_block(text, text, classes=["ar-refused"])
    )
    replacement.source, replacement.line = node.source, node.line
    node.replace_self(replacement)


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


# --- write time: links -------------------------------------------------------------------------


class RefuseUnsafeLinks(SphinxPostTransform):
    """Every link target is http, https, mailto or relative; others become plain text."""

    default_priority = 990

    def run(self, **kwargs: Any) -> None:
        if not safe_pages(self.config):
            return
        replacements: list[tuple[nodes.Node, nodes.Node]] = []
        reported: set[str] = set()
        for reference in self.document.findall(nodes.reference):
            target = str(reference.get("refuri", ""))
            if not target or is_safe_url(target):
                continue
            _warn(
                f"link target '{_short(target)}' is not allowed (only http, https, mailto and "
                "relative links); the link text is shown without the link",
                reference,
            )
            reported.add(target)
            replacements.append((reference, nodes.inline(reference.rawsource, "", *reference.children)))
        replace_nodes(replacements)
        # A named target (".. _s: javascript:…") whose references docutils or MyST resolved
        # to the target itself ("#s") would lose its address without a word.
        for target_node in self.document.findall(nodes.target):
            target = str(target_node.get("refuri", ""))
            if not target or is_safe_url(target):
                continue
            del target_node["refuri"]
            if target in reported:
                continue
            reported.add(target)
            names = ", ".join(repr(str(name)) for name in target_node["names"]) or "a target"
            _warn(
                f"link target '{_short(target)}' of {names} is not allowed (only http, https, mailto "
                "and relative links); links to it lead nowhere",
                target_node,
            )


def setup_safety(app: Sphinx) -> None:
    """Register the safe MyST parser, the refusals and the checks."""
    app.add_source_parser(SafeMystParser, override=True)
    app.connect("config-inited", _install_rules, priority=500)
    app.connect(
        "config-inited", _exclude_unsafe_sources, priority=900
    )  # after Sphinx merges source_suffix (800)
    app.connect("config-inited", _exclude_linked_assets, priority=900)
    app.connect("env-before-read-docs", _lock_docutils, priority=400)
    app.add_transform(RefuseUnsafeContent)
    app.add_post_transform(RefuseUnsafeLinks)
    setup_page_check(app)
