"""How the text page looks: targets large enough to tap, cards that stand out in dark
mode, a header that lets the text start on the first screen; and the screenshots kept in
``test-artifacts/`` for people to look at."""

from __future__ import annotations

import re

import pytest

from .conftest import ARTICLE

pytestmark = pytest.mark.browser

TARGETS = [
    "article a.footnote-reference",
    "article a.ar-pnum",
    "article .ar-cite",
    "article aside.footnote .label a",
    "fieldset.ar-highlight input",
    "details.ar-ti-about > summary",
    "article .ar-note-toggle",
]


def luminance(color: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", color)[:3])

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: str, two: str) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("width", [1400, 400])
def test_marks_numbers_and_controls_are_targets_of_24_px(new_page, base_url, width):
    page = new_page(width, 900, has_touch=width < 800)
    page.goto(base_url + ARTICLE)
    small = {}
    for selector in TARGETS:
        boxes = page.locator(selector).evaluate_all(
            """es => es.filter(e => e.getClientRects().length)
                 .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"""
        )
        if selector != "article .ar-note-toggle" or width >= 1400:
            assert boxes, selector
        too_small = [box for box in boxes if box[0] < 23.9 or box[1] < 23.9]
        if too_small:
            small[selector] = too_small[:3]
    assert small == {}


@pytest.mark.parametrize("width", [1400, 400])
def test_the_targets_leave_the_line_spacing_alone(new_page, base_url, width):
    """Every paragraph is a whole number of lines: no mark or number makes a line taller."""
    page = new_page(width, 900)
    page.goto(base_url + ARTICLE)
    lines = page.locator("article p.ar-para").evaluate_all(
        """ps => ps.map(p => {
             const style = getComputedStyle(p);
             const height = p.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
             return height / parseFloat(style.lineHeight);
           })"""
    )
    assert all(abs(n - round(n)) < 0.02 for n in lines), lines


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_card_stands_out_from_the_page(new_page, base_url, scheme):
    page = new_page(1400, 900, color_scheme=scheme)
    page.goto(base_url + ARTICLE)
    page.locator("#p2 a:has(> .ar-mention)").first.focus()
    popover = page.locator(".ar-popover")
    assert popover.is_visible()
    edge = popover.evaluate("p => getComputedStyle(p).borderTopColor")
    card = popover.evaluate("p => getComputedStyle(p).backgroundColor")
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert max(contrast(edge, ground), contrast(card, ground)) >= 3, (edge, card, ground)  # WCAG 1.4.11


def test_the_text_starts_on_the_first_screen(new_page, base_url):
    page = new_page(1400, 900)
    page.goto(base_url + ARTICLE)
    first = page.locator("#p1").bounding_box()
    assert first["y"] + 3 * 27 <= 900  # three lines of the text at least
    header = page.locator(".ar-text-info").bounding_box()
    assert header["height"] <= 160
    # Who wrote what: the original text and the editors, named in the header.
    labels = page.locator(".ar-text-info .ar-ti-label").all_inner_texts()
    assert [label.strip().lower() for label in labels[:2]] == ["originaltext", "redaktion"]
    assert "Titel" in page.locator(".ar-ti-editors").inner_text()
    # The author's words are set apart from the editors': a serif for the text.
    fonts = page.evaluate(
        """[document.querySelector('p.ar-para'), document.querySelector('article section > h2'),
            document.querySelector('h1'), document.querySelector('.ar-text-info')]
            .map(e => getComputedStyle(e).fontFamily)"""
    )
    assert fonts[0] == fonts[1] != fonts[2] == fonts[3] or fonts[0] == fonts[1] != fonts[3]
    # The summary and provenance are one click away, keyboard included.
    summary = page.locator("details.ar-ti-about > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.ar-ti-about dd").first.is_visible()


SHOTS = [
    ("article-1400", 1400, 900, "light", None, None),
    ("article-1400-dark", 1400, 900, "dark", "#p3", None),
    ("article-1920-middle", 1920, 1080, "light", "#p5", None),
    ("article-400", 400, 800, "light", None, None),
    ("article-400-notes", 400, 800, "light", "#ar-notes", None),
    ("article-1400-card", 1400, 900, "light", "#p2", "card"),
    ("article-1400-note-open", 1400, 900, "light", "#p3", "note"),
    ("article-1400-highlight", 1400, 900, "light", None, "highlight"),
]


@pytest.mark.parametrize(
    ("name", "width", "height", "scheme", "at", "action"), SHOTS, ids=[s[0] for s in SHOTS]
)
def test_screenshots_of_the_article(new_page, base_url, artifacts, name, width, height, scheme, at, action):
    page = new_page(width, height, color_scheme=scheme)
    page.goto(base_url + ARTICLE)
    page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
    if at:
        page.locator(at).evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 60)")
    if action == "card":
        page.locator(f"{at} a:has(> .ar-mention)").nth(1).hover()
        page.locator(".ar-popover").wait_for(state="visible")
    elif action == "note":
        page.locator(f"{at} a.footnote-reference").nth(1).click()
    elif action == "highlight":
        for kind in ("person", "state"):
            page.locator(f"input[value='{kind}']").check()
    page.wait_for_timeout(150)
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
