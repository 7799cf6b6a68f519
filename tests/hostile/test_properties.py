"""Properties of the pure core under hostile input, and the output scanner itself.

* Any markup run through :func:`sanitize` renders to HTML without script, event handler or
  unsafe link, and keeps every letter and digit it was given (as text, link target or
  link title).
* Any text run through :func:`escape`, hostile snippets included, renders to safe HTML
  that reads back as the text.
* The scanner finds what it must, the way a browser would read it; its quick look never
  waves through a page in which the full parse finds something.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from annotated_reader.core.htmlscan import (
    is_safe_url,
    may_have_findings,
    parse_and_scan,
    scan_html,
    url_scheme,
)
from annotated_reader.core.markup import escape, sanitize
from annotated_reader.core.textio import visible_controls
from docutils import nodes
from docutils.core import publish_from_doctree
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ..core.myst_text import blocks, parse

SNIPPETS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](https://example.org)",
    '[x](https://example.org "Titel")',
    "<https://example.org>",
    "<mailto:a@example.org>",
    "[x](data:text/html,<script>)",
    "![x](https://example.org/a.png)",
    "{raw}`<b>`",
    "```{include} /etc/passwd\n```",
    "{{ 7*7 }}",
    "$x$",
    "[^1]",
    "[^1]: Fußnote",
    "[a]: https://example.org",
    "*",
    "**",
    "_",
    "`",
    "\\",
    "\n",
    "\n\n",
    "# ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "&",
    "<",
    ">",
    "(",
    ")",
    "[",
    "]",
    ":",
    "|",
    "~",
    "^",
    "%",
    "{",
    "}",
]

markup = st.lists(
    st.sampled_from(SNIPPETS) | st.text(alphabet="abcXYZ019 äß", min_size=1, max_size=6), max_size=12
).map("".join)

HARD_BREAK = {"<br />\n", "\\\\\n"}

ALNUM = re.compile(r"[^\W_]", re.UNICODE)


def html_of(myst: str) -> str:
    """The HTML body docutils writes for ``myst`` parsed in the generated pages' dialect."""
    document = parse(myst)
    return publish_from_doctree(document, writer="html5", settings_overrides={"output_encoding": "unicode"})


def letters_shown(myst: str) -> Counter[str]:
    """Letters and digits a reader gets from ``myst``: text, link targets and link titles."""
    document = parse(myst)
    shown = [document.astext()]
    for reference in document.findall(nodes.reference):
        shown += [str(reference.get("refuri", "")), str(reference.get("reftitle", ""))]
    return Counter(ALNUM.findall("".join(shown)))


@settings(max_examples=400, deadline=None)
@given(markup)
@example("\\\n[x](https://example.org)")
def test_sanitized_markup_is_safe_and_keeps_every_letter(text):
    safe, _findings = sanitize(text)
    document = parse(safe)
    # MyST writes a hard line break ("\\" at a line end) as raw nodes of its own; nothing else.
    assert {raw.astext() for raw in document.findall(nodes.raw)} <= HARD_BREAK
    assert not list(document.findall(nodes.image))
    for reference in document.findall(nodes.reference):
        assert url_scheme(str(reference.get("refuri", ""))) in ("http", "https", "mailto")
    assert scan_html(html_of(safe)) == []
    # Entity references (``&amp;``) are the one way markup may turn letters into a sign;
    # the alphabet has no ';', so there are none here.
    assert letters_shown(safe) >= Counter(ALNUM.findall(text))


hostile_text = st.lists(st.sampled_from(SNIPPETS) | st.text(min_size=1, max_size=8), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_escaped_text_is_safe_and_reads_back(text):
    text = text.replace("\r", "")
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip(" \t\n")]
    for raw in paragraphs:
        lines = [line for line in raw.split("\n") if line.strip(" \t")]
        if not lines:
            continue
        paragraph = "\n".join(lines)
        myst = escape(paragraph)
        assert scan_html(html_of(myst)) == []
        assert blocks(myst) == [visible_controls(paragraph)]


def test_a_hard_break_is_the_one_raw_output():
    safe, findings = sanitize("Zeile\\\nweiter [x](https://example.org)")
    assert findings == []
    assert {raw.astext() for raw in parse(safe).findall(nodes.raw)} == HARD_BREAK


def test_link_titles_are_kept():
    safe, findings = sanitize('Siehe [Quelle](https://example.org "Titel mit \\"Zitat\\" & \\\\").')
    assert findings == []
    (reference,) = parse(safe).findall(nodes.reference)
    assert reference["reftitle"] == 'Titel mit "Zitat" & \\'


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" \x01javascript:alert(1)", "javascript"),
        ("java\tscr\nipt:alert(1)", "javascript"),
        ("data:text/html,x", "data"),
        ("vbscript:x", "vbscript"),
        ("https://example.org/a:b", "https"),
        ("mailto:a@example.org", "mailto"),
        ("../a.html#p1", ""),
        ("a.html?x=javascript:1", ""),
        ("//example.org/x", ""),
    ],
)
def test_url_scheme_as_browsers_read_it(url, scheme):
    assert url_scheme(url) == scheme
    assert is_safe_url(url) == (scheme in ("", "http", "https", "mailto"))


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p><script>alert(1)</script></p>", "inline <script> 'alert(1)'"),
        ("<script src='https://cdn.example.org/x.js'></script>", "<script src="),
        ("<p><script>unclosed", "inline <script>"),
        ("<img src=x onerror=alert(1)>", "event handler attribute onerror="),
        ("<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", "xlink:href="),
        ("<a href=' JAVASCRIPT:alert(1)'>x</a>", "scheme 'javascript:'"),
        ("<img srcset='a.png 1x, data:image/svg+xml,x 2x'>", "srcset="),
        ("<form action='javascript:x'></form>", "action="),
        ("<iframe src='https://example.org'></iframe>", "<iframe> element"),
        ("<meta http-equiv='refresh' content='0; url=javascript:alert(1)'>", "<meta> refresh to"),
    ],
)
def test_scan_finds(html, found):
    findings = scan_html(html)
    assert any(found in finding.message for finding in findings), findings
    assert may_have_findings(html)


# Pieces of start tags, put together at random: names in any case, the separators and
# spaces html.parser and browsers read differently, values hidden by character references.
TAG_NAMES = ["a", "img", "A", "sCrIpt", "iframe", "meta", "svg", "p", "form", "embed"]
ATTRIBUTE_NAMES = [
    "href",
    "HREF",
    "src",
    "srcset",
    "onclick",
    "onError",
    "on\u00a0x",
    "title",
    "action",
    "xlink:href",
    "data",
    "class",
    "\u212aey",
    "hr\u212aef",
    "poster",
]
SEPARATORS = [" ", "\t", "\n", "\u00a0", "/", "", "\f", "\u3000"]
EQUALS = ["=", " = ", "==", "\u00a0=", "=\u00a0", "\t=\n", ""]
VALUES = [
    "javascript:alert(1)",
    "'javascript:x'",
    '"java\tscript:x"',
    "&#106;avascript:x",
    "java&NewLine;script:x",
    "' data:x'",
    "https://example.org",
    '"#p1"',
    "'a>b'",
    '"a\'b"',
    "'",
    '"',
    ">",
    "x",
    "mailto:a@b",
    "&Tab;javascript:x",
    "\u00a0'javascript:x'",
    "a.png 1x, data:x 2x",
    "&quot;",
    "vbscript&colon;x",
    "",
]
start_tag = st.builds(
    lambda tag, attributes, end: f"<{tag}" + "".join(attributes) + end,
    st.sampled_from(TAG_NAMES),
    st.lists(
        st.builds(
            lambda sep, name, eq, value: sep + name + eq + value,
            st.sampled_from(SEPARATORS),
            st.sampled_from(ATTRIBUTE_NAMES),
            st.sampled_from(EQUALS),
            st.sampled_from(VALUES),
        ),
        max_size=4,
    ),
    st.sampled_from([">", "/>", "", " >"]),
)
page = st.lists(
    st.one_of(start_tag, st.sampled_from(["text on June 17 ", "</a>", "<!-- <script> -->", "&amp;", "İ"])),
    max_size=6,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(page)
@example('<a title=">" onclick=alert(1)>')
@example("<img src=x\u00a0onerror=alert(1)>")
@example("<a href\u00a0=\u00a0'javascript:x'>")
def test_the_quick_look_never_misses_what_the_parse_finds(html):
    assert may_have_findings(html) or parse_and_scan(html) == [], parse_and_scan(html)


def test_the_quick_look_passes_a_plain_page():
    # The quick look must actually spare the parse on the pages a site is made of.
    html = (
        '<p>Position on referendums, <a class="reference external" href="https://example.org/?a=1&amp;b=2" '
        'title="Quelle: Agentur">x</a> <a href="#p1">¶</a> <a href="mailto:a@example.org">m</a> '
        '<img src="_images/a.png" alt="&lt;script&gt;"> Online-Handel, 1 = 1 &lt;script&gt;</p>'
    )
    assert not may_have_findings(html)
    assert parse_and_scan(html) == []


def test_scan_lets_data_blocks_pass_but_not_scripts_that_run():
    assert scan_html('<script type="application/json">{"a": "\\u003c/script>"}</script>') == []
    assert scan_html('<script type="Application/LD+JSON; charset=utf-8">{}</script>') == []
    for kind in ("module", "text/javascript", "importmap", "text/x-unknown", ""):
        assert scan_html(f'<script type="{kind}">alert(1)</script>'), kind


def test_scan_passes_plain_pages_and_allowed_scripts():
    html = (
        '<a class="reference" href="https://example.org/?a=1&amp;b=2">x</a><a href="#p1">¶</a>'
        '<a href="mailto:a@example.org">m</a><img src="_images/a.png" alt="&lt;script&gt;">'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=x javascript:y</p>"
        '<script src="_static/own.js"></script>'
    )
    assert scan_html(html, lambda src, text: src == "_static/own.js") == []
