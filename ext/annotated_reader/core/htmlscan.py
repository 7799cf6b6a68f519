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
"""The schemes a link may have, in annotations and on every page (also relative, on pages)."""

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
class HtmlFinding:
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
# as in html.parser and browsers), a URL attribute.  An attribute name follows a space, a
# quote or a slash.
_REPORTED_ELEMENT = re.compile(r"<(?:script|meta|" + "|".join(sorted(EMBEDDING_ELEMENTS)) + ")")
_URL_ATTRIBUTE = re.compile(
    r"[\s'\"/](?:" + "|".join(re.escape(name) for name in sorted(URL_ATTRIBUTES)) + r")\s*="
)
_ANY_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")

# An event handler: "on" after a space, quote or slash, the rest of an attribute name, spaces,
# "=".  Names and spaces are read the way older html.parser reads them (any Unicode space)
# and the way newer ones and browsers do (ASCII spaces only): either reading must be caught.
# Each reading is one (characters that end a name, spaces before "=") pair.
_READINGS = (
    (r"[\s/=>]", re.compile(r"\s*")),
    (r"[\t\n\r\f />=]", re.compile(r"[\t\n\r\f ]*")),
)
_ON_AFTER_DELIMITER = re.compile(r"[\s'\"/]on")
_LEADING_SPACES = re.compile(r"[\t\n\r\f ]*")
_LEADING_SPACES_AND_EQUALS = re.compile(r"[\s=]*")


def _end_of(match: re.Match[str] | None, default: int) -> int:
    """Where a match of a pattern that matches the empty string ends."""
    return match.end() if match is not None else default


def _has_handler(lowered: str) -> bool:
    """Whether ``lowered`` has ``on…=`` where an attribute name could start.

    A regular expression that says this directly backtracks: on ``'on'on'on…`` every
    ``on`` starts a name that runs to the end of the text, so the search takes time
    quadratic in the length.  Here each ``on`` after a quote, space or slash is looked at
    once: where its name ends is remembered while the candidates go forward (every ``on`` of
    one name ends where the first does), and so is what follows that end.
    """
    readings: list[tuple[_NextStop, re.Pattern[str], dict[int, bool]]] = [
        (_NextStop(lowered, stops), spaces, {}) for stops, spaces in _READINGS
    ]
    for candidate in _ON_AFTER_DELIMITER.finditer(lowered):
        for name_end, spaces, seen in readings:
            end = name_end(candidate.start() + 1)
            if end not in seen:
                seen.clear()  # ends only grow: one remembered is enough
                seen[end] = lowered.startswith("=", _end_of(spaces.match(lowered, end), end))
            if seen[end]:
                return True
    return False


class _NextStop:
    """The first position at or after ``start`` of a pattern, remembered while starts grow.

    Attribute values are looked at in the order of the page; each search starts where the
    last one found its stop or later, so all searches together read the page once.
    """

    def __init__(self, text: str, pattern: str) -> None:
        self.text = text
        self.pattern = re.compile(pattern)
        self.found = -1
        self.searched_from = len(text) + 1

    def __call__(self, start: int) -> int:
        if not (self.searched_from <= start <= self.found):
            match = self.pattern.search(self.text, start)
            self.found = match.start() if match else len(self.text)
            self.searched_from = start
        return self.found


def may_have_findings(html: str) -> bool:
    """False only if :func:`scan_html` would find nothing in ``html``, whatever the policy.

    Without a tag to report or an ``on…=`` anywhere (in text too), only a URL attribute
    can give a finding.  For each (``href=`` …, also inside text), its value is taken
    generously: up to the closing quote of a quoted value (or, if there is none, up to the
    next ``>``), else up to the next ASCII space or ``>``; it is unescaped like an
    attribute value, and every ``scheme:`` in it must be a safe one.  Wherever the parser
    would read a value, it is inside that stretch.  Overlapping stretches are joined and
    read once, so the look takes time linear in the page.
    """
    lowered = html.lower()  # what html.parser does to names (browsers: ASCII only)
    if len(lowered) != len(html):
        return True  # a letter that lowercases to two: positions would not match
    if _REPORTED_ELEMENT.search(lowered) or _has_handler(lowered):
        return True
    single, double = _NextStop(html, "'"), _NextStop(html, '"')
    tag_end, value_end = _NextStop(html, ">"), _NextStop(html, "[\t\n\f\r >]")

    def value_stretch(value: int) -> int:
        quote = html[value : value + 1]
        if quote in ("'", '"'):
            close = (single if quote == "'" else double)(value + 1)
            return close + 1 if close < len(html) else tag_end(value)
        return value_end(value)

    stretch_start, stretch_end = -1, -1
    for attribute in _URL_ATTRIBUTE.finditer(lowered):
        start = attribute.end()
        # Browsers read the value after ASCII spaces; html.parser after any spaces and "="s.
        end = max(
            value_stretch(_end_of(_LEADING_SPACES.match(html, start), start)),
            value_stretch(_end_of(_LEADING_SPACES_AND_EQUALS.match(html, start), start)),
        )
        if start <= stretch_end:
            stretch_end = max(stretch_end, end)
            continue
        if stretch_start >= 0 and _unsafe_scheme_in(html[stretch_start:stretch_end]):
            return True
        stretch_start, stretch_end = start, end
    return stretch_start >= 0 and _unsafe_scheme_in(html[stretch_start:stretch_end])


def _unsafe_scheme_in(value: str) -> bool:
    if ":" not in value and "&" not in value:
        return False  # no scheme, and no character reference that could make one
    value = re.sub("[\t\n\r]", "", unescape(value))
    return any(scheme.group(1).lower() not in SAFE_SCHEMES for scheme in _ANY_SCHEME.finditer(value))


def scan_html(html: str, allow_script: ScriptPolicy = no_scripts) -> list[HtmlFinding]:
    """Every finding in ``html``, in document order."""
    if not may_have_findings(html):
        return []
    return parse_and_scan(html, allow_script)


def parse_and_scan(html: str, allow_script: ScriptPolicy = no_scripts) -> list[HtmlFinding]:
    """Every finding in ``html``, parsing it whole (:func:`scan_html` without the quick look)."""
    scanner = _Scanner(allow_script)
    scanner.feed(html)
    scanner.close()
    return scanner.findings


class _Scanner(HTMLParser):
    def __init__(self, allow_script: ScriptPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_script = allow_script
        self.findings: list[HtmlFinding] = []
        self._script: tuple[int, str | None, list[str], bool] | None = None

    def _find(self, message: str) -> None:
        self.findings.append(HtmlFinding(self.getpos()[0], message))

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
            self.findings.append(HtmlFinding(line, f"{what} is not one of the site's own scripts"))

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
