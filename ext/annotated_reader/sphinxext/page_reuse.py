"""The index pages written again as they were, when nothing they show has changed.

Sphinx renders the general index and every domain index (``ar-person.html`` …) on every
build, even when no document changed.  The register indices list every mention of the
edition (at 100 texts some 12,000 links), and the page check (:mod:`.pagecheck`) then
parses each page whole: together most of a rebuild.  Here an index page is rendered and
checked only if its output could differ from the page already written, which passed the
check in an earlier build.

What a page shows is its entries (the template's ``content``, ``genindexentries`` …) and
everything around them (head, navigation, scripts: the frame).  The key of a page is a
hash of the entries, of the frame rendered with the entries left out (cheap: a page of
navigation), and of what else the page's template can depend on (the builder, its
configuration hash, the templates' newest modification time, the page check's version).
If the key and the file written last time (by a hash of its text) are both unchanged, the
page written is the same text again; otherwise it is rendered and checked as always.
The keys are kept in the doctree directory, beside Sphinx's own state of the build.

The same file remembers, for every page that passed the page check whole, a digest of
the page and of what the check allowed on it (made by :mod:`.pagecheck`, see
:meth:`PageReuse.passed_before`): a page Sphinx writes again exactly as before (the book's
contents page after an edit to one of its texts, the search page) is not parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import pass_context

from ..version import __version__

if TYPE_CHECKING:
    from jinja2.runtime import Context
    from sphinx.application import Sphinx

STATE_FILE = "annotated-reader-pages.json"
FORMAT = 2
"""Bump when what a key covers changes (or the page check does): every page is rendered again."""

ENTRIES: dict[str, dict[str, Any]] = {
    "domainindex.html": {"content": [], "collapse_index": False},
    "genindex.html": {"genindexentries": [], "genindexcounts": []},
}
"""Per template, the context values that hold a page's entries, and what they are left out as."""


def digest_text(text: str) -> str:
    """The SHA-256 of ``text`` (lone surrogates kept), as hex: the keys and verdicts of this module."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class PageReuse:
    """Keys of the index pages of one build, and those of the last build (one per application)."""

    def __init__(self) -> None:
        self.previous: dict[str, dict[str, str]] | None = None
        self.current: dict[str, dict[str, str]] = {}
        self.passed_previous: dict[str, str] | None = None
        self.passed: dict[str, str] = {}
        """Pagename -> digest of the page and its check's allowances, for pages that passed whole."""
        self._template_mtime: float | None = None
        """The newest template's modification time, looked up once per build (it walks every
        template directory)."""

    def _state_path(self, app: Sphinx) -> Path:
        return Path(app.doctreedir) / STATE_FILE

    def _load(self, app: Sphinx) -> dict[str, dict[str, str]]:
        if self.previous is None:
            self.previous, self.passed_previous = {}, {}
            with contextlib.suppress(OSError, ValueError, TypeError):
                state = json.loads(self._state_path(app).read_text("utf-8"))
                if isinstance(state, dict) and state.get("format") == FORMAT:
                    self.previous = dict(state.get("pages", {}))
                    self.passed_previous = dict(state.get("passed", {}))
        return self.previous

    def passed_before(self, app: Sphinx, pagename: str, digest: str) -> bool:
        """Whether the same page, with the same allowances, passed the whole check in the last build."""
        self._load(app)
        if self.passed_previous is not None and self.passed_previous.get(pagename) == digest:
            self.passed[pagename] = digest
            return True
        return False

    def note_passed(self, pagename: str, digest: str) -> None:
        """Remember that the page passed the whole check (``digest`` empty: it did not)."""
        self.passed[pagename] = digest

    def _key(self, app: Sphinx, pagename: str, template: str, values: dict[str, Any]) -> str:
        blanks = ENTRIES[template]
        frame = app.builder.templates.render(template, {**values, **blanks})
        # Content that knows a cheaper key than its ``repr`` gives it (see registers.RegisterContent).
        entries = repr(
            [(name, getattr(values.get(name), "reuse_key", values.get(name))) for name in sorted(blanks)]
        )
        build_info = getattr(app.builder, "build_info", None)
        around = [
            FORMAT,
            __version__,
            app.builder.name,
            pagename,
            template,
            str(getattr(build_info, "config_hash", "")),
            str(getattr(build_info, "tags_hash", "")),
            self._newest_template_mtime(app),
            values.get("encoding"),
        ]
        return digest_text(json.dumps(around, default=str) + "\0" + digest_text(frame) + "\0" + entries)

    def _newest_template_mtime(self, app: Sphinx) -> float:
        if self._template_mtime is None:
            self._template_mtime = app.builder.templates.newest_template_mtime()
        return self._template_mtime

    def _written(self, app: Sphinx, pagename: str, key: str) -> str:
        """The page written last time, if its key is ``key`` and it is unchanged on disk; else ''."""
        known = self._load(app).get(pagename)
        if not known or known.get("key") != key:
            return ""
        try:
            path = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
            with path.open(encoding="utf-8", errors="surrogateescape", newline="") as written:
                text = written.read()
        except (OSError, AttributeError):
            return ""
        if digest_text(text) != known.get("output"):
            return ""
        self.current[pagename] = known
        return text

    def offer(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any]) -> None:
        """Let the checked template write ``pagename`` as it was, if nothing it shows has changed.

        Called by the page check after it set ``ar_checked_page``: the key is computed when the
        page is rendered (``ar_reuse`` in the template), from the context as it is then.
        """
        if templatename not in ENTRIES or str(context.get("encoding", "")).lower() not in ("utf-8", "utf8"):
            return
        key = ""
        check: Callable[[str], str] = context["ar_checked_page"]

        @pass_context
        def reuse(jinja_context: Context) -> str:
            nonlocal key
            template = str(jinja_context.get("ar_template", templatename))
            if template not in ENTRIES:
                return ""
            key = self._key(app, pagename, template, jinja_context.get_all())
            return self._written(app, pagename, key)

        def check_and_keep(rendered: str) -> str:
            page = check(rendered)
            if key and page is rendered:  # passed the check unchanged: worth keeping
                self.current[pagename] = {"key": key, "output": digest_text(page)}
            return page

        context["ar_reuse"] = reuse
        context["ar_checked_page"] = check_and_keep

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """Keep this build's keys for the next (none after a failed build: its pages may be half written)."""
        self._template_mtime = None
        if exception is None and (self.current or self.passed):
            # Pages not written in this build keep what the last build knew of them.
            passed = {
                name: digest
                for name, digest in {**(self.passed_previous or {}), **self.passed}.items()
                if digest
            }
            pages = self.current or self.previous or {}
            path = self._state_path(app)
            temporary = path.with_name(f"{path.name}.{os.getpid()}")
            with contextlib.suppress(OSError):
                state = {"format": FORMAT, "pages": pages, "passed": passed}
                temporary.write_text(json.dumps(state), "utf-8")
                temporary.replace(path)
        self.previous, self.current = None, {}
        self.passed_previous, self.passed = None, {}


def setup_page_reuse(app: Sphinx, reuse: PageReuse) -> None:
    """Keep the keys when the build has finished."""
    app.connect("build-finished", reuse.save)
