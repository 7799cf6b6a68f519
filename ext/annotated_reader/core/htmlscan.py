r"""A scan of built HTML for what must never reach a reader: script, event handlers, unsafe links.

Everything a contributor writes is escaped or refused long before HTML is written; this scan
is the last check, on the output itself.  It reports

* a ``<script>`` element, unless the caller allows it (the site's own assets) or it is a
  data block (``type="application/json"``, which browsers never run);
* an event handler attribute (``onclick``, ``onerror`` … : any attribute named ``on*``
  that has a value; ``<img onerror>`` alone runs nothing);
* a URL attribute (``href``, ``src``, ``action`` …, and a ``<meta http-equiv="refresh">``
  target) whose scheme is not ``http``, ``https`` or ``mailto``: ``javascript:``, ``data:``,
  ``vbscript:``, ``file:`` …;
* an element that embeds or redirects (``iframe``, ``object``, ``embed``, ``frame``,
  ``base``, ``meta http-equiv``).

Schemes are read the way browsers read them (leading spaces and control characters
dropped, tabs and newlines removed), so ``" java\tscript:"`` is ``javascript:``.

Most pages have nothing to report, and parsing every tag of a long register page costs
more than writing it.  So a page is parsed only when a quick look with regular expressions
(:func:`may_have_findings`) cannot rule a finding out.  The quick look errs on one side
only: it may send a clean page to the parser, never a page with a finding past it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "data",
        "cite",
        "background",
        "longdesc",
        "ping",
        "xlink:href",
        "manifest",
        "codebase",
        "srcset",
    }
)
DATA_BLOCK_TYPES = frozenset({"application/json", "application/ld+json"})
"""``<script type=…>`` that browsers keep as data and never run (an allowlist: an unknown
type could be one a browser runs)."""

EMBEDDING_ELEMENTS = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet", "base"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STRIPPED = "".join(chr(code) for code in range(0x21))
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)


def url_scheme(url: str) -> str:
    """The scheme a browser would see in ``url`` (lowercase), or ``""`` for a relative URL."""
    cleaned = re.sub("[\t\n\r]", "", url.strip(_STRIPPED))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is relative or uses ``http``, ``https`` or ``mailto``."""
    return url_scheme(url) in ("", *SAFE_SCHEMES)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the HTML that must not be there."""

    line: int
    """1-based line of the HTML."""
    message: str


ScriptPolicy = Callable[[str | None, str], bool]
"""Decides whether a ``<script>`` is allowed: called with its ``src`` (``None`` for an
inline script) and its text."""


def no_scripts(src: str | None, text: str) -> bool:
    """The policy for page content: no script at all."""
    return False


# Searched in the page lowercased: an element to report (a start tag is "<" and a letter,
# as in html.parser and browsers), an event handler with a value, a URL attribute.  An
# attribute name follows a space, a quote or a slash.
_REPORTED_ELEMENT = re.compile(r"<(?:script|meta|" + "|".join(sorted(EMBEDDING_ELEMENTS)) + ")")
# Names and spaces as older html.parser reads them (any Unicode space) and as newer ones
# and browsers do (ASCII spaces only): either reading must be caught.
_HANDLER = re.compile(r"[\s'\"/]on(?:[^\s/=>]*\s*|[^\t\n\r\f />=]*[\t\n\r\f ]*)=")
_URL_ATTRIBUTE = re.compile(
    r"[\s'\"/](?:" + "|".join(re.escape(name) for name in sorted(URL_ATTRIBUTES)) + r")\s*="
)
_QUOTED = re.compile(r"[\t\n\r\f ]*(?:'[^']*'|\"[^\"]*\")")
_ANY_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def may_have_findings(html: str) -> bool:
    """False only if :func:`scan_html` would find nothing in ``html``, whatever the policy.

    Without a tag to report or an ``on…=`` anywhere (in text too), only a URL attribute
    can give a finding.  For each (``href=`` …, also inside text), its value is taken
    generously: up to the closing quote of a quoted value, else up to the next ``>``; it
    is unescaped like an attribute value, and every ``scheme:`` in it must be a safe one.
    Wherever the parser would read a value, it is inside that stretch.
    """
    lowered = html.lower()  # what html.parser does to names (browsers: ASCII only)
    if len(lowered) != len(html):
        return True  # a letter that lowercases to two: positions would not match
    if _REPORTED_ELEMENT.search(lowered) or _HANDLER.search(lowered):
        return True
    for attribute in _URL_ATTRIBUTE.finditer(lowered):
        start = attribute.end()
        quoted = _QUOTED.match(html, start)
        if quoted:
            end = quoted.end()
        else:
            close = html.find(">", start)
            end = close if close >= 0 else len(html)
        value = html[start:end]
        if ":" not in value and "&" not in value:
            continue  # no scheme, and no character reference that could make one
        value = re.sub("[\t\n\r]", "", unescape(value))
        if any(scheme.group(1).lower() not in SAFE_SCHEMES for scheme in _ANY_SCHEME.finditer(value)):
            return True
    return False


def scan_html(html: str, allow_script: ScriptPolicy = no_scripts) -> list[Finding]:
    """Every finding in ``html``, in document order."""
    if not may_have_findings(html):
        return []
    return parse_and_scan(html, allow_script)


def parse_and_scan(html: str, allow_script: ScriptPolicy = no_scripts) -> list[Finding]:
    """Every finding in ``html``, parsing it whole (:func:`scan_html` without the quick look)."""
    scanner = _Scanner(allow_script)
    scanner.feed(html)
    scanner.close()
    return scanner.findings


class _Scanner(HTMLParser):
    def __init__(self, allow_script: ScriptPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_script = allow_script
        self.findings: list[Finding] = []
        self._script: tuple[int, str | None, list[str], bool] | None = None

    def _find(self, message: str) -> None:
        self.findings.append(Finding(self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "script":
            self._script = (self.getpos()[0], dict(attrs).get("src"), [], _is_data_block(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "script" and not _is_data_block(attrs):
            self._end_script(self.getpos()[0], dict(attrs).get("src"), "")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._close_script()

    def close(self) -> None:
        super().close()
        if self._script is not None:  # an unclosed script still counts
            self._close_script()

    def _close_script(self) -> None:
        assert self._script is not None
        line, src, parts, data = self._script
        self._script = None
        if not data:
            self._end_script(line, src, "".join(parts))

    def _end_script(self, line: int, src: str | None, text: str) -> None:
        if not self.allow_script(src, text):
            what = f"<script src={src!r}>" if src is not None else f"inline <script> {_excerpt(text)!r}"
            self.findings.append(Finding(line, f"{what} is not one of the site's own scripts"))

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDDING_ELEMENTS:
            self._find(f"<{tag}> element")
        values = {name: value or "" for name, value in attrs}
        handlers = {name for name, value in attrs if value is not None and name.startswith("on")}
        for name, value in values.items():
            if name in handlers:
                self._find(f"event handler attribute {name}={_excerpt(value)!r} on <{tag}>")
            elif name in URL_ATTRIBUTES:
                urls = (
                    [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                )
                for url in urls:
                    if not is_safe_url(url):
                        self._find(f"{name}={_excerpt(url)!r} on <{tag}>: scheme '{url_scheme(url)}:'")
        if tag == "meta" and "http-equiv" in values:
            self._find(f"<meta http-equiv={values['http-equiv']!r}>")
            target = _REFRESH_URL.search(values.get("content", ""))
            if target and not is_safe_url(target.group(1)):
                self._find(f"<meta> refresh to {_excerpt(target.group(1))!r}")


def _is_data_block(attrs: list[tuple[str, str | None]]) -> bool:
    kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
    return kind in DATA_BLOCK_TYPES


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
