"""The basic root: every feature once, built with Sphinx."""

from __future__ import annotations

import re
import zlib

import pytest
from bs4 import BeautifulSoup
from docutils import nodes


@pytest.fixture
def built(make_app, tmp_path, rootdir):
    app = make_app("html", srcdir=rootdir / "test-basic", builddir=tmp_path / "_build", freshenv=True)
    app.build()
    return app


def page(app, name: str) -> BeautifulSoup:
    """The main content of a built page (without the theme's navigation)."""
    soup = BeautifulSoup((app.outdir / f"{name}.html").read_text("utf-8"), "html.parser")
    return soup.select_one("[role=main]")


def test_builds_without_warnings(built):
    assert built.warning.getvalue() == ""


def test_doctree_snapshot(built, file_regression):
    doctree = built.env.get_doctree("texts/atlantis")
    text = doctree.pformat().replace(str(built.srcdir), "<srcdir>")
    file_regression.check(text, extension=".xml", encoding="utf-8")


def test_mentions_name_their_entries_and_link_calmly(built):
    soup = page(built, "texts/atlantis")
    named = [(span.get_text(), span["data-ar-entry"]) for span in soup.select(".ar-mention")]
    assert named == [
        ("Atlantis", "actor-atlantis"),
        ("Hans Muster", "actor-hans-muster"),
        ("Atlantis", "actor-atlantis"),
        ("Lemurien", "actor-lemurien"),
        ("Hans Musters", "actor-hans-muster"),
        ("Atlantis", "actor-atlantis"),
        ("Zollunion", "term-zollunion"),
        ("Der Stadtrat", "actor-stadtrat"),
        ("Stadtrat von Atlantis", "actor-stadtrat"),
    ]
    # Every mention's card is in the page.
    assert {f"ar-card-{entry}" for _text, entry in named} <= {card["id"] for card in soup.select(".ar-card")}
    # 30 words allow one link (core/links.py): the entries named in more than one
    # paragraph (what the text is about) give theirs up; the heading has none.
    links = {a.get_text(): a["href"] for a in soup.select("a:has(> .ar-mention)")}
    assert links == {"Zollunion": "../glossar.html#term-zollunion"}


def test_first_mention_per_paragraph_is_marked_for_the_pdf(built):
    doctree = built.env.get_doctree("texts/atlantis")
    inlines = [n for n in doctree.findall(nodes.inline) if "ar-mention" in n["classes"]]
    assert len(inlines) == 9
    assert all("ar-first" in n["classes"] for n in inlines)  # no entry twice in one paragraph here
    # The page does not use the class.
    assert not page(built, "texts/atlantis").select(".ar-first")


def test_paragraph_ids_and_numbers(built):
    soup = page(built, "texts/atlantis")
    paragraphs = soup.select("p.ar-para")
    assert [p["id"] for p in paragraphs] == ["p1", "p2", "p3"]
    for number, paragraph in enumerate(paragraphs, start=1):
        permalink = paragraph.select_one("a.ar-pnum")
        assert permalink["href"] == f"#p{number}"
        assert permalink["aria-label"] == f"Absatz {number}"
        assert permalink.get_text() == f"¶\u00a0{number}"


def test_note_is_a_footnote_at_the_end_of_its_quote(built):
    soup = page(built, "texts/atlantis")
    mark = soup.select_one("#p2 a.footnote-reference")
    assert mark["href"] == "#note-rede"
    assert mark.find_previous_sibling(class_="ar-mention").get_text() == "Hans Musters"
    note = soup.select_one("#note-rede")
    assert "Die Rede fand am 1. Mai statt." in note.get_text()
    assert note.select_one("a.reference.external")["href"] == "https://example.org/rede"


def test_text_header_and_cards(built):
    soup = page(built, "texts/atlantis")
    info = soup.select_one("div.ar-text-info")
    labels = [label.get_text() for label in info.select(".ar-ti-label")]
    assert labels == ["Originaltext", "Redaktion", "Hervorheben"]
    assert info.select_one(".ar-ti-date").get_text() == "Mai 2021"
    assert info.select_one(".ar-ti-language").get_text() == "Deutsch"
    assert info.select_one(".ar-ti-editors").get_text() == "Titel, Anmerkungen, Karten und Register"
    about = info.select_one("details.ar-ti-about")
    assert about.summary.get_text() == "Zusammenfassung"
    assert [dt.get_text() for dt in about.select("dt")] == ["Zusammenfassung"]
    assert about.select_one("dd em").get_text() == "Atlantis"
    boxes = info.select("fieldset.ar-highlight input[type=checkbox][name=ar-highlight]")
    assert [box["value"] for box in boxes] == ["term", "person", "organisation", "state", "place"]
    assert [box.parent.get_text() for box in boxes] == [
        "Begriffe",
        "Personen",
        "Organisationen",
        "Staaten",
        "Orte",
    ]
    assert not any(box.has_attr("checked") for box in boxes)  # calm by default, also without script
    cards = soup.select(".ar-cards[hidden] .ar-card")
    assert [c["id"] for c in cards] == [
        "ar-card-actor-atlantis",
        "ar-card-actor-hans-muster",
        "ar-card-actor-lemurien",
        "ar-card-term-zollunion",
        "ar-card-actor-stadtrat",
    ]
    atlantis = cards[0]
    assert atlantis.select_one(".ar-card-type").get_text() == "Ort"
    assert atlantis.select_one("strong").get_text() == "Atlantis"
    assert atlantis.select_one("p strong + span").get_text() == "Ort"
    assert atlantis["data-ar-more"] == "../register/orte.html#actor-atlantis"
    assert not atlantis.select(".ar-card-more")  # the script builds the link from data-ar-more


def test_register_lists_every_mention(built):
    soup = page(built, "register/personen")
    entry = soup.select_one("#actor-hans-muster").find_parent("dl")
    mentions = entry.select_one(".ar-mentions")
    assert mentions.get_text(" ", strip=True).startswith("Fundstellen (2):")
    assert [a["href"] for a in mentions.select("a")] == [
        "../texts/atlantis.html#p1",
        "../texts/atlantis.html#p2",
    ]


def test_domain_index_per_type_in_german(built):
    soup = page(built, "ar-person")
    assert soup.select_one("h1").get_text() == "Personen"
    rows = [a.get_text() for a in soup.select("table.modindextable a")]
    assert rows == ["Muster, Hans", "Atlantis im Jahr 1990, ¶ 1", "Atlantis im Jahr 1990, ¶ 2"]
    assert page(built, "ar-term").select_one("h1").get_text() == "Begriffe"


def test_glossary_terms_are_standard_terms(built):
    soup = page(built, "glossar")
    term = soup.select_one("dl.glossary dt#term-zollunion")
    assert term.get_text().startswith("Zollunion")
    assert "Zollunion" in (built.outdir / "genindex.html").read_text("utf-8")


def test_objects_inventory_lists_actors(built):
    raw = (built.outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    assert "hans-muster ar:person 1 register/personen.html#actor-$ Hans Muster" in body
    assert re.search(r"^atlantis ar:place 1 register/orte\.html#actor-\$ Atlantis$", body, re.MULTILINE)
    assert "zollunion std:term" in body.lower() or "Zollunion std:term" in body


def test_text_list_and_timeline(built):
    texts = page(built, "index").select("ul.ar-texts li")
    assert [li.select_one("a").get_text() for li in texts] == ["Atlantis im Jahr 1990"]
    assert "Mai 2021" in texts[0].get_text()
    assert "Ein Testtext." in texts[0].get_text()
    events = page(built, "zeitleiste").select("ul.ar-timeline li")
    assert [e.get_text(" ", strip=True) for e in events] == [
        "1. Mai 1990 Die Rede ( Atlantis im Jahr 1990, ¶ 2, Anm. 1 )"
    ]
    assert events[0].select_one("a")["href"] == "texts/atlantis.html#p2"
