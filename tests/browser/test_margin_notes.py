"""Notes beside their lines on wide screens, under "Anmerkungen" on narrow ones.

The measure is the one the issue gives: for every note in the margin, the distance from
the top of its mark's line (the last character before the mark) to the top of the note;
median at most 30 px, none over 300 px; the note column ends at most 300 px below the
text.  The figures of each run are written to ``test-artifacts/margin-notes-<width>.json``.
"""

from __future__ import annotations

import itertools
import json
import statistics

import pytest

from .conftest import ARTICLE

pytestmark = pytest.mark.browser

NOTE = "article aside.footnote"

# Top of the line a mark stands on: the box of the last visible character before it.
MEASURE = """() => {
  const lineTop = (mark) => {
    const block = mark.closest("p, h1, h2, h3, li");
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    walker.currentNode = mark;
    for (let node = walker.previousNode(); node; node = walker.previousNode()) {
      let end = node.textContent.length;
      while (end > 0 && /\\s/.test(node.textContent[end - 1])) end -= 1;
      if (end > 0 && !node.parentElement.closest(".ar-pnum")) {
        const range = document.createRange();
        range.setStart(node, end - 1);
        range.setEnd(node, end);
        const rects = range.getClientRects();
        return rects[rects.length - 1].top;
      }
    }
    return mark.getBoundingClientRect().top;
  };
  const notes = [...document.querySelectorAll("article aside.footnote")];
  const paragraphs = [...document.querySelectorAll("article p.ar-para")];
  return {
    margin: document.documentElement.classList.contains("ar-margin-notes"),
    notes: notes.map((note) => {
      const mark = document.querySelector(`a.footnote-reference[href="#${note.id}"]`);
      const box = note.getBoundingClientRect();
      return {
        id: note.id, offset: box.top - lineTop(mark), top: box.top + scrollY, bottom: box.bottom + scrollY,
        left: box.left, right: box.right,
        position: getComputedStyle(note).position,
      };
    }),
    textRight: paragraphs[0].getBoundingClientRect().right,
    textBottom: paragraphs[paragraphs.length - 1].getBoundingClientRect().bottom + scrollY,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
}"""

TEXT_BOXES = """() => [...document.querySelectorAll("article p.ar-para, article section > h2")]
  .map((e) => { const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })"""


def measure(page):
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(100)  # the script lays out on the next frame after a change
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("width", [1400, 1920])
def test_every_note_stands_at_the_line_of_its_mark(new_page, base_url, artifacts, width):
    page = new_page(width, 900)
    page.goto(base_url + ARTICLE)
    found = measure(page)
    assert found["margin"]
    offsets = [round(note["offset"]) for note in found["notes"]]
    overhang = round(max(note["bottom"] for note in found["notes"]) - found["textBottom"])
    (artifacts / f"margin-notes-{width}.json").write_text(
        json.dumps({"offsets": offsets, "median": statistics.median(offsets), "overhang": overhang}, indent=2)
        + "\n"
    )
    assert len(offsets) >= 20
    assert min(offsets) >= -2  # never above its line
    assert statistics.median(offsets) <= 30, offsets
    assert max(offsets) <= 300, offsets
    assert overhang <= 300
    notes = found["notes"]
    for before, after in itertools.pairwise(notes):
        assert after["top"] >= before["bottom"], (before["id"], after["id"])  # no overlap
    for note in notes:
        assert note["position"] == "absolute"
        assert note["left"] >= found["textRight"] + 16  # in the margin
        assert note["right"] <= found["clientWidth"]


@pytest.mark.parametrize("width", [1300, 1312, 1313, 1366, 1400, 1600, 2560])
def test_no_sideways_scroll_at_any_width(new_page, base_url, width):
    page = new_page(width, 900)
    page.goto(base_url + ARTICLE)
    found = measure(page)
    assert found["scrollWidth"] <= found["clientWidth"]
    if found["margin"]:
        assert all(note["right"] <= found["clientWidth"] for note in found["notes"])
    else:
        assert all(note["position"] != "absolute" for note in found["notes"])


def test_the_notes_never_move_the_text(new_page, base_url):
    """The text stands where it stands without script: the notes take no room from it."""
    without = new_page(1400, 900, java_script_enabled=False)
    without.goto(base_url + ARTICLE)
    page = new_page(1400, 900)
    page.goto(base_url + ARTICLE)
    measure(page)
    assert page.evaluate(TEXT_BOXES) == without.evaluate(TEXT_BOXES)


def test_a_closed_note_shows_its_head_and_opens_in_place(new_page, base_url):
    page = new_page(1400, 900)
    page.goto(base_url + ARTICLE)
    before = measure(page)
    text_before = page.evaluate(TEXT_BOXES)
    note = page.locator(f"{NOTE}:has(.ar-note-head)").nth(4)
    note_id = note.get_attribute("id")
    toggle = note.locator("button.ar-note-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == note_id
    assert note.locator(".ar-note-title").is_visible()
    assert note.locator(".ar-note-date").is_visible()
    assert note.locator(".ar-note-sources").is_hidden()
    # Keyboard: the button is a real button.
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert note.locator(".ar-note-sources").is_visible()
    assert note.locator(".ar-note-sources li a.ar-source").first.is_visible()
    after = measure(page)
    index = [n["id"] for n in before["notes"]].index(note_id)
    # The note grew where it stands; the notes after it moved down, the text did not move.
    assert after["notes"][index]["top"] == before["notes"][index]["top"]
    assert after["notes"][index]["bottom"] > before["notes"][index]["bottom"] + 50
    assert all(a["top"] >= b["top"] for a, b in zip(after["notes"], before["notes"], strict=True))
    assert after["notes"][index + 1]["top"] >= after["notes"][index]["bottom"]
    assert page.evaluate(TEXT_BOXES) == text_before
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert note.locator(".ar-note-sources").is_hidden()


def test_a_note_opens_with_a_tap(new_page, base_url):
    page = new_page(1400, 900, has_touch=True)
    page.goto(base_url + ARTICLE)
    note = page.locator(NOTE).nth(2)
    note.scroll_into_view_if_needed()
    note.locator("button.ar-note-toggle").tap()
    assert note.locator("button.ar-note-toggle").get_attribute("aria-expanded") == "true"
    assert note.locator(".ar-note-sources").is_visible()


def test_a_mark_shows_its_note_without_scrolling_the_page_away(new_page, base_url):
    page = new_page(1400, 900)
    page.goto(base_url + ARTICLE)
    page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
    page.locator("#p3").evaluate("p => window.scrollTo(0, p.getBoundingClientRect().top + scrollY - 100)")
    measure(page)
    mark = page.locator("#p3 a.footnote-reference").first
    note = page.locator(f"[id='{mark.get_attribute('href').lstrip('#')}']")
    scrolled = page.evaluate("scrollY")
    mark.click()
    page.wait_for_timeout(100)
    assert page.evaluate("document.activeElement.id") == note.get_attribute("id")
    assert "ar-note-active" in note.get_attribute("class")
    assert note.locator("button.ar-note-toggle").get_attribute("aria-expanded") == "true"
    assert note.locator(".ar-note-sources").is_visible()
    # The note stood in view: the page moved at most as far as the opened note needs,
    # and the mark stays in the window.
    box, mark_box = note.bounding_box(), mark.bounding_box()
    moved = page.evaluate("scrollY") - scrolled
    assert 0 <= moved <= max(0, box["y"] + moved + box["height"] - 900 + 8)
    assert 0 <= mark_box["y"] <= 900 - mark_box["height"]
    assert 0 <= box["y"] < 900
    # The note's number leads back to its mark, without a jump.
    scrolled = page.evaluate("scrollY")
    note.locator(".label a").click()
    page.wait_for_timeout(100)
    assert page.evaluate("scrollY") == scrolled
    assert page.evaluate("document.activeElement.getAttribute('href')") == mark.get_attribute("href")


def test_a_mark_whose_note_is_out_of_view_scrolls_only_as_far_as_needed(new_page, base_url):
    page = new_page(1400, 500)
    page.goto(base_url + ARTICLE)
    page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
    measure(page)
    # Open note 1 (long): note 2 moves down, below the window, while its mark is in view.
    page.locator(NOTE).first.locator("button.ar-note-toggle").click()
    measure(page)
    mark = page.locator("#p1 a.footnote-reference").nth(1)
    note = page.locator(f"[id='{mark.get_attribute('href').lstrip('#')}']")
    mark_top = mark.evaluate("m => m.getBoundingClientRect().top + scrollY")
    page.evaluate(f"window.scrollTo(0, {mark_top} - 300)")
    assert note.bounding_box()["y"] > 500
    scrolled = page.evaluate("scrollY")
    mark.click()
    page.wait_for_timeout(100)
    moved = page.evaluate("scrollY") - scrolled
    assert 0 < moved <= 300  # enough to show the note, never losing the mark
    assert note.bounding_box()["y"] < 500
    assert mark.bounding_box()["y"] >= 0


def test_notes_follow_a_change_of_width(new_page, base_url):
    page = new_page(1920, 900)
    page.goto(base_url + ARTICLE)
    measure(page)
    page.set_viewport_size({"width": 1400, "height": 900})
    found = measure(page)
    assert found["margin"]
    offsets = [note["offset"] for note in found["notes"]]
    assert statistics.median(offsets) <= 30 and max(offsets) <= 300
    page.set_viewport_size({"width": 900, "height": 900})
    found = measure(page)
    assert not found["margin"]
    assert all(note["position"] != "absolute" for note in found["notes"])


@pytest.mark.parametrize("width", [400, 1000])
def test_below_the_breakpoint_the_notes_follow_the_text_under_a_heading(new_page, base_url, width):
    page = new_page(width, 800)
    page.goto(base_url + ARTICLE)
    heading = page.locator("article h2#ar-notes")
    assert heading.is_visible()
    assert heading.inner_text() == "Anmerkungen"
    last = page.locator("article p.ar-para").last.bounding_box()
    assert heading.bounding_box()["y"] > last["y"] + last["height"]
    notes = page.locator(NOTE)
    assert notes.count() >= 20
    for index in range(notes.count()):
        note = notes.nth(index)
        assert note.is_visible()
        assert note.locator(".ar-note-sources li a.ar-source").count() >= 1
        assert note.locator("button.ar-note-toggle").is_hidden()
        back = note.locator(".label a[role='doc-backlink']")
        mark_id = back.get_attribute("href").lstrip("#")
        assert page.locator(f"a.footnote-reference[id='{mark_id}']").get_attribute("href") == "#" + (
            note.get_attribute("id")
        )
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_every_note_holds_a_source_link(new_page, base_url):
    page = new_page(1400, 900)
    page.goto(base_url + ARTICLE)
    notes = page.locator(NOTE)
    counts = notes.evaluate_all(
        "notes => notes.map(n => n.querySelectorAll('.ar-note-sources a.ar-source[href^=\"http\"]').length)"
    )
    assert counts and min(counts) >= 1
