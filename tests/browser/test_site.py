"""The site around the texts in Chromium: start page, navigation, registers, print, weight.

Screenshots at 400, 1400 and 1920 px (start page, a register, the glossary, the timeline;
light and dark) land in ``test-artifacts/site-*.png``.
"""

from __future__ import annotations

import json
import re
import runpy
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from ..conftest import DOCS, require
from .conftest import ARTICLE

pytestmark = pytest.mark.browser

BUDGET = 230 * 1000  # bytes: a page with all the CSS and JS it loads (as the article's)
SITE_PAGES = ["index.html", "register/personen.html", "glossar.html", "zeitleiste.html"]
PRINTED = [*SITE_PAGES, "register/orte.html", "ueber-diese-ausgabe.html"]


def conf_names() -> tuple[str, str]:
    """The PDF's and the EPUB's file names as docs/conf.py gives them."""
    namespace = runpy.run_path(str(DOCS / "conf.py"))
    pdf = Path(namespace["latex_documents"][0][1]).with_suffix(".pdf").name
    return pdf, f"{namespace['epub_basename']}.epub"


@pytest.mark.parametrize("width", [400, 1400, 1920])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(new_page, base_url, artifacts, width, scheme):
    page = new_page(width, color_scheme=scheme)
    for name in SITE_PAGES:
        page.goto(base_url + name)
        page.wait_for_load_state("networkidle")
        stem = name.removesuffix(".html").replace("/", "-")
        suffix = "-dark" if scheme == "dark" else ""
        page.screenshot(path=str(artifacts / f"site-{stem}-{width}{suffix}.png"))
        # Nothing wider than the window: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name


def test_the_start_page_leads_with_the_texts_and_links_the_pdf_and_the_epub(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + "index.html")
    # The navigation's first section is the texts, with the article in it.
    first_caption = page.locator(".sidebar-tree p.caption").first
    assert first_caption.inner_text().strip().lower() == "texte"
    assert page.locator(f'.sidebar-tree a[href="{ARTICLE}"]').count() == 1
    # The article as a card; the whole card is its link.
    card = page.locator("ul.ar-texts > li.sd-card").first
    box = card.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] - 10, box["y"] + box["height"] - 10)  # a corner
    assert page.url == base_url + ARTICLE
    page.go_back()
    pdf, epub = conf_names()
    hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.getAttribute('href'))")
    assert pdf in hrefs and epub in hrefs
    assert page.locator("article").inner_text().count("Nachrichtentext") >= 1
    assert "Zeitungsartikel" not in page.locator("article").inner_text()


def test_every_text_page_links_the_pdf_and_the_epub(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    pdf, epub = conf_names()
    for selector in ("article .ar-downloads-note a", ".ar-sidebar-downloads a"):
        hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")
        assert hrefs == [f"../{pdf}", f"../{epub}"], selector


def test_zurueck_und_weiter_between_the_start_page_the_text_and_the_reference_pages(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + "index.html")
    for rel, expected in (("next", ARTICLE), ("next", "glossar.html"), ("prev", ARTICLE)):
        with page.expect_navigation():
            page.locator(f"a.{rel}-page").click()
        assert page.url == base_url + expected
    assert page.locator("a.prev-page .title").inner_text().strip() == "Startseite"


def test_the_letter_bar_leads_to_its_letter(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + "glossar.html")
    links = page.locator("nav.ar-letter-bar a")
    assert links.count() >= 5
    last = links.last
    letter = last.inner_text()
    last.click()
    assert urlsplit(page.url).fragment == f"ar-letter-{letter.lower()}"
    heading = page.locator(f"#ar-letter-{letter.lower()}")
    assert heading.evaluate("h => h.tagName") == "H2"
    # Scrolled to it (smoothly: furo's scroll-behavior), or as far as the page goes.
    page.wait_for_function(
        """id => { const top = document.getElementById(id).getBoundingClientRect().top;
                   const end = window.scrollY + window.innerHeight >= document.body.scrollHeight - 2;
                   return (top >= 0 && top < 200) || (end && top >= 0 && top < window.innerHeight); }""",
        arg=f"ar-letter-{letter.lower()}",
    )
    # Every term under the last letter starts with it (Ä under A, as DIN 5007 sorts).
    terms = page.locator(f"#ar-letter-{letter.lower()} ~ dl.glossary > dt").all_inner_texts()
    assert terms
    assert all(
        term.strip()[0].upper() in (letter, {"A": "Ä", "O": "Ö", "U": "Ü"}.get(letter)) for term in terms
    )


def test_glossary_headwords_are_bold(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + "glossar.html")
    weight = page.locator("dl.glossary > dt").first.evaluate("dt => getComputedStyle(dt).fontWeight")
    assert int(weight) >= 700


def test_timeline_periods_are_compact(site):
    html = (site / "zeitleiste.html").read_text("utf-8")
    dates = re.findall(r'<span class="ar-date">([^<]+)</span>', html)
    assert dates
    for date in dates:
        months = re.findall(
            r"(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) (\d{4})",
            date,
        )
        assert len(months) == len(set(months)), f"month and year repeated in {date!r}"
    assert any("–" in date for date in dates)


def test_zeitleiste_never_zeittafel(site, pages):
    for name in pages:
        assert "Zeittafel" not in (site / name).read_text("utf-8"), name


HIDDEN_IN_PRINT = [
    ".skip-to-content",
    ".sidebar-drawer",
    ".toc-drawer",
    ".back-to-top",
    ".theme-toggle-container",
    ".mobile-header",
    ".related-pages",
    "nav.ar-letter-bar",
    "ul.ar-downloads",
]


@pytest.mark.parametrize("name", PRINTED)
def test_print_shows_the_content_without_the_site_around_it(new_page, base_url, tmp_path, name):
    require("pdftoppm")
    page = new_page(1400)
    page.goto(base_url + name)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """selectors => selectors.filter(s => [...document.querySelectorAll(s)].some(
             e => getComputedStyle(e).display !== 'none'))""",
        HIDDEN_IN_PRINT,
    )
    assert shown == []
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    assert "Zum Inhalt springen" not in text
    assert "So lesen Sie diese Ausgabe" not in text or name in ("index.html", "ueber-diese-ausgabe.html")
    assert page.locator("h1").inner_text().strip().rstrip("¶").strip() in text
    gaps = bottom_gaps(pdf, tmp_path)
    # No page but the last ends more than a fifth of its height before its bottom margin.
    assert all(gap < 0.2 for gap in gaps[:-1]), gaps


def bottom_gaps(pdf: Path, tmp_path: Path) -> list[float]:
    """For each page: the share of its height below the last printed (non-white) row."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    gaps = []
    for image in sorted(tmp_path.glob("p-*.pgm")):
        width, height, pixels = read_pgm(image)
        rows = [pixels[row * width : (row + 1) * width] for row in range(height)]
        last = max((index for index, row in enumerate(rows) if min(row) < 200), default=0)
        # Chromium's default print margin is about 0.4 in of 11.7 in (A4): 3.5 %.
        gaps.append(max(0.0, (height - 1 - last) / height - 0.035))
    return gaps


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1 : position + 1 + width * height]


@pytest.mark.parametrize("name", ["index.html", ARTICLE, "glossar.html"])
def test_page_weight(new_page, base_url, artifacts, name):
    page = new_page(1400)
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if response.request.resource_type in ("document", "stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(base_url + name)
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    report = artifacts / "page-weight-site.json"
    weights = json.loads(report.read_text("utf-8")) if report.exists() else {}
    weights[name] = {"total": total, "files": {urlsplit(url).path: size for url, size in sizes.items()}}
    report.write_text(json.dumps(weights, indent=2, sort_keys=True) + "\n", "utf-8")
    loaded = {urlsplit(url).path.rsplit("/", 1)[-1] for url in sizes}
    design = {"sphinx-design.min.css", "design-tabs.js"}
    if name == "index.html":
        assert "sphinx-design.min.css" in loaded and "design-tabs.js" not in loaded
    else:
        assert not design & loaded
    if name == ARTICLE:
        # The text page's weight is its own (test_checkers.py holds it to the budget); the
        # site adds no stylesheet to it.
        assert "annotated-reader-site.css" not in loaded
    else:
        assert total < BUDGET, f"{total} bytes"


def test_links_from_the_navigation_all_resolve(new_page, base_url, site):
    page = new_page(1400)
    page.goto(base_url + "glossar.html")
    hrefs = page.eval_on_selector_all(".sidebar-tree a", "links => links.map(a => a.getAttribute('href'))")
    pdf, epub = conf_names()
    for href in hrefs:
        path = urlsplit(urljoin(base_url + "glossar.html", href)).path.lstrip("/")
        if path.endswith((pdf, epub)):
            continue  # published next to the site by nox -s publish (tests/test_publish.py)
        assert (site / path).is_file(), href


def _luminance(color: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", color)[:3])

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_and_buttons_stand_out_from_the_page(new_page, base_url, scheme):
    """WCAG 1.4.11: the edge of a text's card and a download button against the page, 3:1."""
    page = new_page(1400, color_scheme=scheme)
    page.goto(base_url + "index.html")
    background = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    edge = page.eval_on_selector("ul.ar-texts > li", "e => getComputedStyle(e).borderTopColor")
    button = page.eval_on_selector("a.sd-btn", "e => getComputedStyle(e).backgroundColor")
    assert contrast(edge, background) >= 3
    assert contrast(button, background) >= 3
