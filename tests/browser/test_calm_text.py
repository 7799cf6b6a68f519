"""A calm text and the reader's choice: few visible links, highlighting by type on demand,
headings that look like headings; and copying gives the author's words."""

from __future__ import annotations

import json

import pytest
from annotated_reader.core.project import load_project

from ..conftest import ARTICLE_SEED, DOCS
from .conftest import ARTICLE

pytestmark = pytest.mark.browser

TYPES = ["term", "person", "organisation", "state", "place"]

# Mentions that look like links: an underline or a colour of their own.
VISIBLE_LINKS = """() => {
  const text = getComputedStyle(document.querySelector("p.ar-para")).color;
  const links = [...document.querySelectorAll("article p.ar-para .ar-mention")].filter((span) => {
    for (let e = span; e && !e.matches("p"); e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.textDecorationLine.includes("underline") || style.color !== text) return true;
    }
    return false;
  });
  const words = [...document.querySelectorAll("article p.ar-para")]
    .map((p) => { const c = p.cloneNode(true); c.querySelectorAll(".ar-pnum, .ar-cite, a.footnote-reference").forEach((e) => e.remove()); return c.textContent; })
    .join(" ").split(/\\s+/).filter(Boolean).length;
  return { links: links.length, anchors: links.filter((s) => s.closest("a[href]")).length, words };
}"""

HIGHLIGHTED = """type => [...document.querySelectorAll(`article .ar-mention.ar-${type}`)]
  .filter((span) => getComputedStyle(span).backgroundColor !== "rgba(0, 0, 0, 0)").length"""


@pytest.fixture(scope="module")
def seed_paragraphs():
    project = load_project(DOCS)
    (text,) = [t for t in project.texts if t.seed.path.resolve() == ARTICLE_SEED.resolve()]
    return [block.text for block in text.seed.blocks if not block.heading]


@pytest.mark.parametrize("width", [1400, 400])
def test_at_most_six_visible_mention_links_per_hundred_words(new_page, base_url, artifacts, width):
    page = new_page(width)
    page.goto(base_url + ARTICLE)
    found = page.evaluate(VISIBLE_LINKS)
    (artifacts / f"link-density-{width}.json").write_text(
        json.dumps({**found, "per_word": round(found["links"] / found["words"], 4)}) + "\n"
    )
    assert found["links"] == found["anchors"]  # what looks like a link is one
    assert found["links"] / found["words"] <= 0.06
    assert found["links"] >= 40


def test_the_authors_headings_look_like_headings(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    headings = page.locator("article section > h2")
    assert headings.count() >= 4
    decorated = headings.evaluate_all(
        """hs => hs.flatMap(h => [...h.querySelectorAll('*')].filter(e => !e.matches('.headerlink'))
            .filter(e => getComputedStyle(e).textDecorationLine !== 'none'
                      || getComputedStyle(e).color !== getComputedStyle(h).color)
            .map(e => e.outerHTML))"""
    )
    assert decorated == []
    assert page.locator("article section > h2 a:has(> .ar-mention)").count() == 0


def test_later_mentions_are_plain_text_whose_card_opens_on_hover(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    plain = page.locator("#p4 span.ar-mention:not(a > span)").first
    assert plain.evaluate("s => getComputedStyle(s.parentElement).textDecorationLine") == "none"
    card = "ar-card-" + plain.get_attribute("data-ar-entry")
    plain.hover()
    popover = page.locator(".ar-popover")
    popover.wait_for(state="visible")
    assert (
        popover.locator(".ar-card-head strong").inner_text()
        == page.locator(f"[id='{card}'] .ar-card-head strong").inner_text()
    )
    page.mouse.move(5, 5)
    popover.wait_for(state="hidden")


def test_highlighting_by_type_with_the_keyboard_is_remembered(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    assert [page.evaluate(HIGHLIGHTED, t) for t in TYPES] == [0] * 5  # calm by default
    boxes = page.locator("fieldset.ar-highlight input[name='ar-highlight']")
    assert boxes.evaluate_all("bs => bs.map(b => b.value)") == TYPES
    assert boxes.evaluate_all("bs => bs.map(b => b.parentElement.textContent.trim())") == [
        "Begriffe",
        "Personen",
        "Organisationen",
        "Staaten",
        "Orte",
    ]
    boxes.nth(0).focus()
    page.keyboard.press("Tab")  # to "Personen"
    assert page.evaluate("document.activeElement.value") == "person"
    page.keyboard.press("Space")
    persons = page.locator("article .ar-mention.ar-person").count()
    assert persons >= 8
    assert page.evaluate(HIGHLIGHTED, "person") == persons  # every mention, not only the first
    assert page.evaluate(HIGHLIGHTED, "state") == 0
    # The highlighting takes no room: nothing moves.
    # Remembered in this browser: a new visit shows the same choice.
    page.reload()
    assert page.locator("input[value='person']").is_checked()
    assert page.evaluate(HIGHLIGHTED, "person") == persons
    page.locator("input[value='person']").uncheck()
    page.reload()
    assert page.evaluate(HIGHLIGHTED, "person") == 0


def test_highlighting_takes_no_room(new_page, base_url):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    where = "[...document.querySelectorAll('article p.ar-para')].map(p => p.getBoundingClientRect().height)"
    before = page.evaluate(where)
    for box in page.locator("fieldset.ar-highlight input").all():
        box.check()
    assert page.evaluate(where) == before
    assert page.evaluate(HIGHLIGHTED, "term") == page.locator("article .ar-mention.ar-term").count()


def test_highlighting_works_without_javascript(new_page, base_url):
    page = new_page(1400, java_script_enabled=False)
    page.goto(base_url + ARTICLE)
    page.locator("input[value='place']").check()
    assert page.evaluate(HIGHLIGHTED, "place") == page.locator("article .ar-mention.ar-place").count() > 0
    assert page.evaluate(HIGHLIGHTED, "term") == 0


# --- copying ---------------------------------------------------------------------------

SELECT_AND_COPY = """selector => {
  const range = document.createRange();
  const nodes = document.querySelectorAll(selector);
  range.setStartBefore(nodes[0].firstChild);
  range.setEndAfter(nodes[nodes.length - 1].lastChild);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const data = new DataTransfer();
  const event = new ClipboardEvent("copy", { clipboardData: data, bubbles: true, cancelable: true });
  document.querySelector(selector).dispatchEvent(event);
  return { selection: selection.toString(), copied: data.getData("text/plain"), cancelled: event.defaultPrevented };
}"""


@pytest.mark.parametrize("width", [1400, 400])
def test_copying_a_paragraph_gives_the_authors_paragraph(new_page, base_url, seed_paragraphs, width):
    page = new_page(width)
    page.goto(base_url + ARTICLE)
    for number, expected in enumerate(seed_paragraphs, start=1):
        page.locator(f"#p{number}").hover()  # the citation button shows: it must not be copied
        found = page.evaluate(SELECT_AND_COPY, f"#p{number}")
        assert found["copied"] == expected, number
        assert found["selection"] == expected, number
        assert found["cancelled"]


def test_copying_two_paragraphs_keeps_the_break_between_them(new_page, base_url, seed_paragraphs):
    page = new_page(1400)
    page.goto(base_url + ARTICLE)
    found = page.evaluate(SELECT_AND_COPY, "#p1, #p2")
    assert found["copied"] == seed_paragraphs[0] + "\n\n" + seed_paragraphs[1]


def test_copy_into_the_clipboard_with_the_keyboard(new_page, base_url, seed_paragraphs):
    page = new_page(1400, permissions=["clipboard-read", "clipboard-write"])
    page.goto(base_url + ARTICLE)
    # A triple click (on its first word, not a link) selects the paragraph.
    page.locator("#p3").click(click_count=3, position={"x": 8, "y": 10})
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()").strip() == seed_paragraphs[2]
