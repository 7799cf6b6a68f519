"""Every page of the built site through the checkers: axe-core, the Nu HTML checker,
the console and the network, English leftovers; and the article's weight."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sphinx
from annotated_reader.sphinxext.locale import LOCALE_DIR
from annotated_reader.sphinxext.navigation import TEMPLATES_DIR
from babel.messages.pofile import read_po

from ..conftest import DOCS, require
from .conftest import ARTICLE, AXE_JS, VNU_JAR, require_files

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""WCAG 2.0–2.2 A and AA, and axe's best practices (landmarks, one h1 per page, …)."""
BUDGET = 230 * 1000  # bytes, uncompressed: the article with all the CSS and JS it loads


def run_axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE_JS.read_text("utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize(("width", "scheme"), [(1400, "light"), (400, "dark")])
def test_axe_finds_no_violation_on_any_page(new_page, base_url, pages, width, scheme):
    require_files(AXE_JS)
    page = new_page(width, color_scheme=scheme)
    found = {}
    for name in [*pages, "search.html?q=Kasachstan"]:
        page.goto(base_url + name)
        page.wait_for_load_state("networkidle")
        if violations := run_axe(page):
            found[name] = violations
    assert found == {}


@pytest.mark.parametrize("width", [1400, 400])
def test_axe_finds_no_violation_in_dark_mode_and_with_a_card_open(new_page, base_url, width):
    require_files(AXE_JS)
    page = new_page(width, color_scheme="dark")
    page.goto(base_url + ARTICLE)
    page.locator("#p2 a:has(> .ar-mention)").first.focus()
    assert page.locator(".ar-popover").is_visible()
    assert run_axe(page) == []


def test_nu_html_checker_finds_no_error_on_any_page(site, pages):
    require("java")
    require_files(VNU_JAR)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *[str(site / p) for p in pages]],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
    assert len(pages) >= 15  # the checker saw the whole site, not an empty list


def test_no_console_error_no_failed_request_nothing_from_elsewhere(new_page, base_url, pages):
    page = new_page(1400)
    problems: list[str] = []
    page.on(
        "console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}")
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request the page itself cancels is no failure: Sphinx's index script swaps the
    # toggler image (minus.png -> plus.png) and may do so while minus.png still loads.
    # Each such file is fetched again below and must be there.
    aborted: set[str] = set()

    def failed(request: Any) -> None:
        if request.failure == "net::ERR_ABORTED" and request.url.startswith(base_url):
            aborted.add(request.url)
        else:
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("request", lambda r: r.url.startswith(base_url) or problems.append(f"elsewhere: {r.url}"))
    for name in [*pages, "search.html?q=Kasachstan"]:
        page.goto(base_url + name)
        page.wait_for_load_state("networkidle")
        assert not problems, name
    assert {url: page.request.get(url).status for url in aborted} == dict.fromkeys(aborted, 200)
    # The search page really searched (German stemming finds the inflected forms).
    assert page.locator("#search-results li").count() >= 1


def english_strings() -> list[re.Pattern[str]]:
    """The English UI strings a German page must not show.

    Sphinx's message template (``sphinx.pot``), the literal strings in furo's templates and
    in its Python (the navigation's "Toggle navigation of …"), the templates of the edition
    (``docs/_templates``) and the extension (``templates/``), and the extension's own
    catalogs, minus the ones German writes the same way (``Copyright``, ``PDF``).
    Placeholders (``%s``, ``%(name)s``, ``${count}``, ``{0}``, ``{expression}``) match any
    text.
    """
    import furo

    sphinx_dir = Path(sphinx.__file__).parent / "locale"
    with (sphinx_dir / "sphinx.pot").open("rb") as pot:
        candidates = {str(m.id).strip() for m in read_po(pot) if m.id and isinstance(m.id, str)}
    theme = Path(furo.__file__).parent / "theme" / "furo"
    literal = re.compile(
        r'_\(\s*"([^"]+)"\s*\)|\{% trans %\}([^{]+)\{% endtrans %\}|<title>([^<{]+)</title>|aria-label="([^"{]+)"'
    )
    templates = [
        *theme.rglob("*.html"),
        *(DOCS / "_templates").rglob("*.html"),
        *TEMPLATES_DIR.rglob("*.html"),
    ]
    for template in templates:
        for match in literal.finditer(template.read_text("utf-8")):
            candidates.add(next(group for group in match.groups() if group).strip())
    # furo writes some labels in Python, past any catalog: its f-strings with words in them.
    for module in Path(furo.__file__).parent.glob("*.py"):
        candidates |= {text for text in re.findall(r'f"([^"]+)"', module.read_text("utf-8")) if " " in text}
    catalogs = sorted((LOCALE_DIR / "de" / "LC_MESSAGES").glob("annotated_reader*.po"))
    for catalog in catalogs:
        with catalog.open("rb") as po:
            candidates |= {str(m.id).strip() for m in read_po(po) if m.id and isinstance(m.id, str)}
    same_in_german = set()
    for catalog in (
        sphinx_dir / "de" / "LC_MESSAGES" / "sphinx.po",
        LOCALE_DIR / "de" / "LC_MESSAGES" / "sphinx.po",
        *catalogs,
    ):
        with catalog.open("rb") as po:
            same_in_german |= {str(m.id).strip() for m in read_po(po) if m.id and m.string == m.id}
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\$\{\w+\}|\{[^{}]*\}")
    patterns = []
    for text in sorted(candidates - same_in_german):
        words = " ".join(text.split())
        literal = placeholder.sub("", words)
        if len(re.findall(r"[A-Za-z]{2,}", literal)) == 0:
            continue
        if literal != words and len(re.findall(r"[A-Za-z]", literal)) < 5:
            continue  # "%s and %s" would match any text with " and " in it (English titles of sources)
        pieces = [re.escape(piece) for piece in placeholder.split(words)]
        patterns.append(re.compile(r"\s*" + r".+?".join(pieces) + r"\s*", re.DOTALL))
    return patterns


COLLECT_TEXTS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Code (field names such as `type`, YAML, tool output) is not interface text.
    if (parent && !parent.closest("script, style, code, pre, kbd, samp") && node.textContent.trim()) texts.push(node.textContent);
  }
  for (const element of document.querySelectorAll("[title], [aria-label], [placeholder], [alt], [aria-description]")) {
    for (const name of ["title", "aria-label", "placeholder", "alt", "aria-description"]) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  texts.push(document.title);
  return texts;
}"""


def test_no_english_ui_string_on_any_page(new_page, base_url, pages):
    patterns = english_strings()
    assert any(p.fullmatch("Link to this heading") for p in patterns)  # the list is the real one
    assert any(p.fullmatch("Toggle navigation of Mitwirken") for p in patterns)  # furo's Python
    assert any(p.fullmatch("All 15 texts") for p in patterns)  # the extension's catalog
    page = new_page(1400)
    found = {}
    for name in [*pages, "search.html?q=Kasachstan"]:
        page.goto(base_url + name)
        page.wait_for_load_state("networkidle")
        texts = {" ".join(t.split()) for t in page.evaluate(COLLECT_TEXTS)}
        english = sorted(t for t in texts if any(p.fullmatch(t) for p in patterns))
        if english:
            found[name] = english
    assert found == {}


def test_article_with_its_css_and_js_stays_within_budget(new_page, base_url, artifacts):
    page = new_page(1400)
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if response.request.resource_type in ("document", "stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(base_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    (artifacts / "page-weight.json").write_text(json.dumps({"total": total, "files": sizes}, indent=2) + "\n")
    loaded = {urlsplit(url).path.rsplit("/", 1)[-1] for url in sizes}
    assert {"annotated-reader.js", "annotated-reader.css", "furo.css"} <= loaded
    assert total < BUDGET, f"{total} bytes"
