"""MyST for generated pages: escaping text, and cleaning contributors' markup.

Two rules keep every character of a text and let no markup through:

* :func:`escape` turns any string into MyST that renders as exactly that string, in the
  :data:`DIALECT` the generated pages are parsed with.  It backslash-escapes the characters
  that start inline syntax, escapes the first character of a line where it could start a
  block (``#``, ``>``, ``-``, ``1.`` …), and writes spaces at the start and end of lines as
  character references, which CommonMark would otherwise strip.
* :func:`sanitize` reads annotation markup (definitions, descriptions, notes) and writes it
  out again keeping only paragraphs, emphasis, strong emphasis, inline code, line breaks
  and links to ``http``, ``https`` and ``mailto`` addresses.  A paragraph that uses
  anything else (raw HTML, roles, directives, images, footnotes, other link targets) is
  shown literally, character for character, and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from .htmlscan import SAFE_SCHEMES
from .problems import Location, Problem, ProblemKind
from .textio import visible_controls

MAX_BRACKETS = 200
"""More '[' than this in one field and it is shown literally, unread: markdown-it looks for
the end of each link label afresh, so a field of unclosed brackets takes time that grows
with the square of its length (10,000 of them took a second, a registry of such fields
minutes).  A definition or note with 100 links would still be far below the limit."""

DIALECT = MdParserConfig(
    enable_extensions={"attrs_inline", "attrs_block"},
    disable_syntax=["html_block", "html_inline", "table", "linkify", "replacements", "smartquotes"],
    url_schemes={"http": None, "https": None, "mailto": None},
    heading_anchors=0,
)
"""The MyST dialect of generated pages: the project's own MyST settings do not apply, so
that a project enabling, say, ``dollarmath`` cannot change how a text reads."""

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&{}|#!^])")
_LINE_START_SPECIAL = frozenset("#>-+*=%({~`|:")
_ORDERED_MARKER = re.compile(r"^([0-9]{1,9})([.)])")


def _reference(char: str) -> str:
    code = ord(char)
    return "&#32;" if code == 32 else f"&#x{code:X};"


def escape(text: str, *, line_start: bool = True, line_end: bool = True) -> str:
    """MyST that renders as ``text`` (control characters as their visible pictures).

    ``line_start``/``line_end`` say whether the text begins/ends a line of the output;
    only then do leading/trailing whitespace and block markers need care.  Newlines in
    ``text`` are kept as soft line breaks.
    """
    lines = visible_controls(text).split("\n")
    out = []
    last = len(lines) - 1
    for number, line in enumerate(lines):
        starts = line_start or number > 0
        ends = line_end or number < last
        out.append(_escape_line(line, starts, ends))
    return "\n".join(out)


def _escape_line(line: str, starts: bool, ends: bool) -> str:
    head = tail = ""
    if starts:
        stripped = line.lstrip()
        head = "".join(_reference(c) for c in line[: len(line) - len(stripped)])
        line = stripped
    if ends and line:
        stripped = line.rstrip()
        tail = "".join(_reference(c) for c in line[len(stripped) :])
        line = stripped
    body = _INLINE_SPECIAL.sub(r"\\\1", line)
    if starts and not head and body:
        marker = _ORDERED_MARKER.match(body)
        if marker:
            body = f"{marker.group(1)}\\{marker.group(2)}{body[marker.end() :]}"
        elif body[0] in _LINE_START_SPECIAL:
            body = "\\" + body
    return head + body + tail


@cache
def _contributor_parser() -> MarkdownIt:
    """Reads contributors' markup with every MyST construct on, to recognise it."""
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    parser.options["html"] = True
    # Let every link through to :func:`_inline`, which refuses unsafe targets with a
    # message, instead of markdown-it silently leaving them as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    # The footnote plugin's inline rule is quadratic ('[^' * 5000 took 10 s, a registry of
    # such fields would hang the check). Without it '[^1]' is plain text, shown literally,
    # and a footnote definition is a reference definition, refused below.
    parser.disable(["footnote_ref", "footnote_def"])
    return parser


@dataclass(frozen=True, slots=True)
class Finding:
    """A construct in annotation markup that is shown literally instead."""

    line: int
    """0-based line within the markup."""
    message: str


def sanitize(markup: str) -> tuple[str, list[Finding]]:
    """Keep the allowed constructs of ``markup``; show the rest literally."""
    lines = markup.split("\n")
    if markup.count("[") > MAX_BRACKETS:
        return _literal(lines), [
            Finding(
                0, f"more than {MAX_BRACKETS} '[' are more than markup needs; the text is not read as markup"
            )
        ]
    env: dict[str, object] = {}
    tokens = _contributor_parser().parse(markup, env)
    if env.get("references"):
        labels = sorted(str(k) for k in env["references"])  # type: ignore[attr-defined]
        if any(label.startswith("^") for label in labels):
            message = f"a footnote ({', '.join(f'[{label}]' for label in labels)}) is not supported"
        else:
            message = (
                f"link reference definitions ({', '.join(labels)}) are not supported; write [text](https://…)"
            )
        return _literal(lines), [Finding(0, message)]
    blocks: list[str] = []
    findings: list[Finding] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "paragraph_open" and index + 2 < len(tokens):
            inline = tokens[index + 1]
            rendered, problem = _inline(inline.children or [])
            start, end = token.map or (0, len(lines))
            if problem:
                findings.append(Finding(start, problem))
                rendered = _literal(lines[start:end])
            blocks.append(rendered)
            index += 3
            continue
        start, end = token.map or (0, len(lines))
        if token.map is None:
            return _literal(lines), [Finding(0, f"{_describe(token)} is not supported")]
        findings.append(Finding(start, f"{_describe(token)} is not supported"))
        blocks.append(_literal(lines[start:end]))
        index = _skip_block(tokens, index)
    return "\n\n".join(block for block in blocks if block), findings


def _skip_block(tokens: Sequence[Token], index: int) -> int:
    """Index of the token after the block that opens at ``index``."""
    depth = 0
    while index < len(tokens):
        depth += tokens[index].nesting
        index += 1
        if depth <= 0:
            return index
    return index


def _literal(lines: Sequence[str]) -> str:
    """Source lines shown literally; blank lines still separate paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(escape("\n".join(p)) for p in paragraphs if p)


_NAMES = {
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "myst_role": "a MyST role",
    "fence": "a code block or directive",
    "code_block": "an indented code block",
    "image": "an image",
    "footnote_ref": "a footnote",
    "footnote_reference_open": "a footnote definition",
    "heading_open": "a heading",
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "blockquote_open": "a block quote",
    "hr": "a horizontal rule",
    "table_open": "a table",
    "myst_target": "a MyST target",
    "myst_line_comment": "a comment",
    "myst_block_break": "a block break",
    "front_matter": "front matter",
}


def _describe(token: Token) -> str:
    return _NAMES.get(token.type, f"'{token.type.removesuffix('_open')}'")


def _inline(tokens: Sequence[Token]) -> tuple[str, str]:
    """Allowed inline tokens as MyST, or an empty string and what was not allowed."""
    out: list[str] = []
    at_line_start = True
    for position, token in enumerate(tokens):
        kind = token.type
        if kind in ("text", "text_special"):
            following = tokens[position + 1].type if position + 1 < len(tokens) else ""
            out.append(
                escape(
                    token.content,
                    line_start=at_line_start,
                    line_end=following in ("", "softbreak", "hardbreak"),
                )
            )
        elif kind == "softbreak":
            out.append("\n")
            at_line_start = True
            continue
        elif kind == "hardbreak":
            out.append("\\\n")
            at_line_start = True
            continue
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind == "code_inline":
            out.append(_code(token.content))
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            scheme = urlsplit(href).scheme.lower()
            if scheme not in SAFE_SCHEMES:
                shown = href if len(href) < 60 else href[:57] + "…"
                return "", f"link target '{shown}' is not allowed (only http, https and mailto)"
            out.append("[")
            token.meta["href"] = href
        elif kind == "link_close":
            opener = next(t for t in reversed(tokens[:position]) if t.type == "link_open")
            href = opener.meta.get("href", "")
            title = str(opener.attrGet("title") or "")
            out.append(f'](<{href}> "{_title(title)}")' if title else f"](<{href}>)")
        else:
            return "", f"{_describe(token)} is not supported"
        at_line_start = False
    return "".join(out), ""


def _title(text: str) -> str:
    """A link title, quoted for MyST: it reads back as exactly ``text``."""
    return re.sub(r'([\\"&])', r"\\\1", visible_controls(text))


def _code(content: str) -> str:
    longest = max((len(run) for run in re.findall("`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{fence}{pad}{content}{pad}{fence}"


MARKUP_HINT = "allowed: *emphasis*, **strong**, `code`, [text](https://…)"


def markup_problems(findings: Iterable[Finding], location: Location) -> list[Problem]:
    """Problems for the findings of :func:`~.markup.sanitize` in a field at ``location``."""
    return [
        Problem(
            ProblemKind.MARKUP,
            Location(location.path, location.line + finding.line, location.column if not finding.line else 0),
            f"{finding.message}; it is shown literally",
            MARKUP_HINT,
        )
        for finding in findings
    ]
