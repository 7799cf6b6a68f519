r"""A scan of built HTML for what must never reach a reader: script, event handlers, unsafe links.

Everything a contributor writes is escaped or refused long before HTML is written; this scan
is the last check, on the output itself.  It reports

* a ``<script>`` element, unless the caller allows it (the site's own assets) or it is a
  data block (``type="application/json"``, which browsers never run);
* an event handler attribute (``onclick``, ``onerror`` … : any attribute named ``on*``);
* a URL attribute (``href``, ``src``, ``action`` …, and a ``<meta http-equiv="refresh">``
  target) whose scheme is not ``http``, ``https`` or ``mailto``: ``javascript:``, ``data:``,
  ``vbscript:``, ``file:`` …;
* an element that embeds or redirects (``iframe``, ``object``, ``embed``, ``frame``,
  ``base``, ``meta http-equiv``).

Schemes are read the way browsers read them (leading spaces and control characters
dropped, tabs and newlines removed), so ``" java\tscript:"`` is ``javascript:``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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


def scan_html(html: str, allow_script: ScriptPolicy = no_scripts) -> list[Finding]:
    """Every finding in ``html``, in document order."""
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
        for name, value in values.items():
            if name.startswith("on"):
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
