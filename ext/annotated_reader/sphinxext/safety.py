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
  sphinx-design cards); ``<meta http-equiv>`` (a redirect) is refused;
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
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import compile_matchers

from ..core.htmlscan import is_safe_url, scan_html, url_scheme
from ..core.problems import ProblemKind
from ..core.project import symlink_problem
from .config import reader_config
from .report import WARNING_TYPE, report

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
    configuration.  It repeats the four steps of :meth:`MystParser.parse` for that.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        if not safe_pages(env.config):
            super().parse(inputstring, document)
            return
        site = restricted(env.myst_config)  # type: ignore[attr-defined]
        config = site
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None  # MyST reports it while rendering
        if topmatter:

            def warning(kind: Any, message: str) -> None:
                create_warning(document, message, kind, line=1, append_to=document)

            config = merge_file_level(site, topmatter, warning)
            loosened = _loosened(config)
            if loosened:
                _warn(
                    f"the front matter switches on {', '.join(loosened)}; this site keeps it off "
                    "(raw HTML would run in readers' browsers, substitutions run templates "
                    "at build time)",
                    (env.current_document.docname, 1),
                )
            config = restricted(config)
        parser = create_md_parser(config, SphinxRenderer)
        parser.options["document"] = document
        parser.render(inputstring)


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
        roots = [
            Path(os.path.realpath(Path(self.env.srcdir) / directory))
            for directory in reader_config(self.config).include_dirs
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


def _exclude_symlinks(app: Sphinx, config: Config) -> None:
    """Report every source file or directory that is a symbolic link, and exclude it.

    Sphinx follows links while it looks for documents: a link ``passwort.md`` to
    ``/etc/passwd`` would be published, a link to ``/dev/zero`` would hang the build, a
    link to ``/`` would make it walk the whole disk.  The links are found without following
    any, before Sphinx looks, and excluded; each is a warning (so ``-W`` fails).
    """
    if not safe_pages(config):
        return
    srcdir = Path(app.srcdir)
    suffixes = tuple(config.source_suffix)
    excluded = compile_matchers(config.exclude_patterns)
    problems = []
    for root, dirs, files in os.walk(srcdir):
        here = Path(root)
        relative = here.relative_to(srcdir)
        dirs[:] = [
            name for name in dirs if not any(match((relative / name).as_posix()) for match in excluded)
        ]
        linked = [name for name in dirs if (here / name).is_symlink()]
        linked += [name for name in files if name.endswith(suffixes) and (here / name).is_symlink()]
        for name in sorted(linked):
            problem = symlink_problem(here / name, srcdir)
            if problem is not None:
                problems.append(problem)
                config.exclude_patterns.append((relative / name).as_posix())
        dirs[:] = [name for name in dirs if name not in linked]
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
                _replace_literally(image, str(image.get("uri", "")))
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
                    f"<meta http-equiv={meta['http-equiv']!r}> is not allowed: it can redirect readers", meta
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
        real = Path(os.path.realpath(absolute.replace("*", "_")))
        if not real.is_relative_to(srcdir):
            return f"the {what} '{_short(target)}' lies outside the project (through '..' or a symbolic link)"
        return ""


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
        for reference in list(self.document.findall(nodes.reference)):
            target = str(reference.get("refuri", ""))
            if not target or is_safe_url(target):
                continue
            _warn(
                f"link target '{_short(target)}' is not allowed (only http, https, mailto and "
                "relative links); the link text is shown without the link",
                reference,
            )
            reference.replace_self(nodes.inline(reference.rawsource, "", *reference.children))


# --- the output itself -------------------------------------------------------------------------


class PageCheck:
    """The last check, on each page's rendered body and on the scripts it loads.

    One instance per application, so that a script every page loads (``html_js_files``)
    is reported once, not once per page.
    """

    def __init__(self) -> None:
        self.reported: set[str] = set()

    def __call__(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if not safe_pages(app.config):
            return
        location = (pagename, 1) if pagename in app.env.all_docs else None
        findings = scan_html(str(context.get("body", ""))) + scan_html(str(context.get("metatags", "")))
        for finding in findings:
            _warn(f"page '{pagename}' would contain {finding.message}", location)
        if findings:
            context["body"] = '<p class="ar-withheld">This page was withheld: see the build warnings.</p>'
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


def setup_safety(app: Sphinx) -> None:
    """Register the safe MyST parser, the refusals and the checks."""
    app.add_source_parser(SafeMystParser, override=True)
    app.connect("config-inited", _install_rules, priority=500)
    app.connect("config-inited", _exclude_symlinks, priority=900)  # after Sphinx merges source_suffix (800)
    app.connect("env-before-read-docs", _lock_docutils, priority=400)
    app.add_transform(RefuseUnsafeContent)
    app.add_post_transform(RefuseUnsafeLinks)
    app.connect("html-page-context", PageCheck())
