"""The basic root: every feature once, built with Sphinx."""

from __future__ import annotations

import re
import zlib

import pytest
from bs4 import BeautifulSoup


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


def test_mentions_link_to_registers_and_glossary(built):
    links = {a.get_text(): a["href"] for a in page(built, "texts/atlantis").select("a:has(> .ar-mention)")}
    assert links == {
        "Atlantis": "../register/orte.html#actor-atlantis",
        "Hans Muster": "../register/personen.html#actor-hans-muster",
        "Hans Musters": "../register/personen.html#actor-hans-muster",
        "Lemurien": "../register/staaten.html#actor-lemurien",
        "Zollunion": "../glossar.html#term-zollunion",
        "Der Stadtrat": "../register/organisationen.html#actor-stadtrat",
        "Stadtrat von Atlantis": "../register/organisationen.html#actor-stadtrat",
    }


def test_first_mention_per_paragraph_is_marked(built):
    spans = page(built, "texts/atlantis").select(".ar-mention")
    firsts = [
        (s.find_parent("p") or s.find_parent("h2")).get("id") or s.get_text()
        for s in spans
        if "ar-first" in s["class"]
    ]
    assert len(firsts) == len(spans)  # in this root no entry occurs twice in one paragraph


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
    assert mark.find_previous_sibling("a").get_text() == "Hans Musters"
    note = soup.select_one("#note-rede")
    assert "Die Rede fand am 1. Mai statt." in note.get_text()
    assert note.select_one("a.reference.external")["href"] == "https://example.org/rede"


def test_text_header_and_cards(built):
    soup = page(built, "texts/atlantis")
    info = soup.select_one("dl.ar-text-info")
    assert [dt.get_text(strip=True) for dt in info.select("dt")] == ["Datum:", "Sprache:", "Zusammenfassung:"]
    assert "Mai 2021" in info.get_text()
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
    assert atlantis.select_one(".ar-card-more a")["href"] == "../register/orte.html#actor-atlantis"


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
