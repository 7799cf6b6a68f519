"""Reading the article as a person would: keyboard, mouse, touch, wide and narrow, print,
without JavaScript; and the screenshots kept as test artefacts."""

from __future__ import annotations

import re

import pytest

from .conftest import ARTICLE

pytestmark = pytest.mark.browser

MENTION = "a:has(> .ar-mention)"


def card_id_of(href: str) -> str:
    kind, _sep, id_ = href.rpartition("#")[2].partition("-")
    return f"ar-card-{kind}-{id_}"


def test_tab_to_a_mention_opens_its_card_and_escape_closes_it(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    popover = page.locator(".ar-popover")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a:has(> .ar-mention)')"):
            break
    else:
        pytest.fail("Tab never reached a mention")
    focused = page.evaluate_handle("document.activeElement")
    href = focused.get_attribute("href")
    card = page.locator(f"#{card_id_of(href)}")
    assert popover.is_visible()
    assert (
        popover.locator(".ar-card-head strong").inner_text()
        == card.locator(".ar-card-head strong").inner_text()
    )
    assert focused.get_attribute("aria-describedby") == card_id_of(href)
    # Focus stays visible: the focus ring is drawn, and the card does not cover the link.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    link_box = focused.bounding_box()
    card_box = popover.bounding_box()
    assert (
        card_box["y"] >= link_box["y"] + link_box["height"]
        or card_box["y"] + card_box["height"] <= link_box["y"]
    )

    page.keyboard.press("Escape")
    assert popover.is_hidden()
    assert page.evaluate("document.activeElement.matches('a:has(> .ar-mention)')")
    assert page.evaluate_handle("document.activeElement").get_attribute("href") == href

    # The next mention opens its own card.
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.matches('a:has(> .ar-mention)')"):
        assert popover.is_visible()


def test_hover_opens_a_card_with_markup_and_a_link_to_the_entry(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    mention = page.locator(f"#p3 {MENTION}").first
    mention.hover()
    popover = page.locator(".ar-popover")
    popover.wait_for(state="visible")
    href = mention.get_attribute("href")
    entry_link = popover.locator(".ar-card-more a")
    assert entry_link.get_attribute("href") == href
    assert popover.locator(".ar-card-type").inner_text().strip() != ""
    # The card sits beside the mention without moving the text.
    assert page.evaluate("getComputedStyle(document.querySelector('.ar-popover')).position") == "absolute"
    # The pointer may travel onto the card; leaving both closes it.
    popover.hover()
    page.wait_for_timeout(500)
    assert popover.is_visible()
    page.mouse.move(5, 5)
    popover.wait_for(state="hidden")


def test_no_layout_shift_when_a_card_opens(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    where = "(() => { const r = document.getElementById('p4').getBoundingClientRect();"
    where += " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
    before = page.evaluate(where)
    page.locator(f"#p3 {MENTION}").first.focus()
    assert page.locator(".ar-popover").is_visible()
    assert page.evaluate(where) == before


def test_first_tap_shows_the_card_and_a_tap_on_its_link_follows_it(new_page, base_url):
    page = new_page(400, 800, has_touch=True, is_mobile=True)
    page.goto(base_url + ARTICLE)
    mention = page.locator(f"#p2 {MENTION}").first
    mention.scroll_into_view_if_needed()
    href = mention.get_attribute("href")
    mention.tap()
    popover = page.locator(".ar-popover")
    popover.wait_for(state="visible")
    assert page.url.endswith(ARTICLE)
    popover.locator(".ar-card-more a").tap()
    page.wait_for_url(re.compile(re.escape(href.rpartition("/")[2]) + "$"))
    target = href.rpartition("#")[2]
    assert page.locator(f"[id='{target}']").count() == 1


def test_a_note_is_one_element_in_the_page_at_every_width(new_page, base_url):
    """The note in the margin is the footnote itself, numbered as in the PDF, never a copy."""
    for width in (1400, 400):
        page = new_page(width)
        page.goto(base_url + ARTICLE)
        marks = page.locator("article a.footnote-reference")
        numbers = marks.evaluate_all(
            "ms => ms.map(m => getComputedStyle(m, '::after').content.replaceAll('\"', ''))"
        )
        labels = page.locator("aside.footnote > .label a").all_inner_texts()
        assert numbers == labels == [str(n) for n in range(1, len(labels) + 1)]
        assert marks.evaluate_all("ms => ms.map(m => m.getAttribute('aria-label'))") == [
            f"Anmerkung {n}" for n in range(1, len(labels) + 1)
        ]
        ids = page.locator("article [id^='note-']").evaluate_all("es => es.map(e => e.id)")
        assert len(ids) == len(set(ids)) == len(labels)


def test_citation_copies_title_date_paragraph_and_url(new_page, base_url):
    page = new_page(1400, permissions=["clipboard-read", "clipboard-write"])
    page.goto(base_url + ARTICLE)
    page.locator("#p3").hover()
    button = page.locator("#p3 .ar-cite")
    assert button.is_visible()
    assert page.locator("#p3 .ar-pnum > span").evaluate("e => getComputedStyle(e).visibility") == "visible"
    button.click()
    page.locator(".ar-status.ar-visible").wait_for()
    citation = page.evaluate("navigator.clipboard.readText()")
    title = page.locator("h1").evaluate("h => h.firstChild.textContent.trim()")
    date = page.locator(".ar-text-info .ar-ti-date").inner_text().strip()
    assert citation == f"{title} ({date}), ¶ 3, {base_url}{ARTICLE}#p3"


def test_paragraph_permalink_shows_on_focus(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    sign = page.locator("#p5 .ar-pnum > span")
    assert sign.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    page.locator("#p5 .ar-pnum").focus()
    assert sign.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert page.locator("#p5 .ar-pnum").get_attribute("href") == "#p5"


def test_without_javascript_mentions_lead_to_entries_and_notes_follow_the_text(new_page, base_url):
    page = new_page(1400, java_script_enabled=False)
    page.goto(base_url + ARTICLE)
    assert page.locator(".ar-cite, .ar-popover, .ar-note-toggle").count() == 0
    assert page.evaluate("document.documentElement.classList.contains('ar-margin-notes')") is False
    assert page.locator("h2#ar-notes").is_visible()
    note_id = page.locator("#p1 a.footnote-reference").first.get_attribute("href").lstrip("#")
    assert page.locator(f"#{note_id}").is_visible()
    assert page.locator(f"#{note_id} .ar-note-sources a").first.is_visible()
    mention = page.locator(f"#p1 {MENTION}").first
    href = mention.get_attribute("href")
    mention.click()
    page.wait_for_load_state()
    assert page.url.endswith(href.rpartition("/")[2])
    assert page.locator(f"[id='{href.rpartition('#')[2]}']").is_visible()


PRINT_HIDDEN = [
    ".skip-to-content",
    ".sidebar-drawer",
    ".toc-drawer",
    ".ar-popover",
    ".ar-note-toggle",
    ".ar-cite",
    "fieldset.ar-highlight",
    ".content-icon-container",
]


def test_print_shows_the_text_and_its_notes_with_sources_and_nothing_to_click(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    page.locator(f"#p2 {MENTION}").first.focus()
    page.locator("#p3").hover()
    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN:
        assert page.locator(selector).evaluate_all("es => es.every(e => !e.checkVisibility())"), selector
    assert page.locator("article section > h2").first.is_visible()
    assert page.locator("h2#ar-notes").is_visible()
    notes = page.locator("article aside.footnote")
    assert notes.evaluate_all("ns => ns.every(n => getComputedStyle(n).position !== 'absolute')")
    assert notes.evaluate_all(
        "ns => ns.every(n => n.querySelector('.ar-note-sources a') && n.checkVisibility())"
    )
    # No gaps: what furo keeps whole (paragraphs, lists, notes) may break across pages.
    unbreakable = page.evaluate(
        """[...document.querySelectorAll('article p, article ul, article aside, article dl')]
            .filter(e => getComputedStyle(e).breakInside === 'avoid').length"""
    )
    assert unbreakable == 0


def test_printed_article_has_no_empty_pages_and_no_gaps(new_page, base_url, artifacts):
    """The article as a PDF from Chromium's print: as many pages as its text needs."""
    pytest.importorskip("pypdf")
    from io import BytesIO

    from pypdf import PdfReader

    sizes = {}
    for script in (True, False):
        page = new_page(1400, java_script_enabled=script)
        page.goto(base_url + ARTICLE)
        if not script:
            page.locator("details.ar-ti-about > summary").click()  # the script opens it for print
        page.wait_for_timeout(200)
        pdf = page.pdf(format="A4")
        if script:
            (artifacts / "article-print.pdf").write_bytes(pdf)
        reader = PdfReader(BytesIO(pdf))
        texts = [p.extract_text() for p in reader.pages]
        assert all(len(t.strip()) > 300 for t in texts[:-1])  # every page but the last is full of text
        assert "Zum Inhalt springen" not in "".join(texts)
        sizes[script] = len(reader.pages)
    assert sizes[True] == sizes[False]  # the script's margin layout leaves print alone


def test_register_lists_every_mention_with_links_back(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    mentioned = set(page.locator(f"article {MENTION}").evaluate_all("links => links.map(a => a.href)"))
    for url in sorted(mentioned):
        page.goto(url)
        entry = page.locator(f"[id='{url.rpartition('#')[2]}']")
        assert entry.count() == 1, url
        back = page.locator(f"dd:has(.ar-mentions) .ar-mentions a[href*='{ARTICLE.rpartition('/')[2]}']")
        assert back.count() >= 1, url


def test_timeline_links_each_event_to_its_paragraph(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + "zeitleiste.html")
    events = page.locator("ul.ar-timeline > li")
    assert events.count() >= 5
    for href in events.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert re.search(r"#p\d+$", href), href
