"""Many texts, one edition: the corpus root (three texts, one registry), built with Sphinx.

Expected links are computed here from the seed files (which paragraphs contain which
forms), not copied from the output.
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docutils.nodes import make_id
from sphinx.search.de import SearchGerman
from sphinx.testing.util import SphinxTestApp

from ..conftest import ROOTS

ROOT = ROOTS / "test-corpus"
CLOSING = tuple(".!?…:;,")


def load(path: Path):
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


def seed(name: str) -> tuple[str, list[str]]:
    """Date and blocks (paragraphs and headings) of a seed of the root."""
    text = (ROOT / "seeds" / f"{name}.txt").read_text("utf-8")
    date, _sep, body = text.partition("\n")
    return date.removeprefix("date "), [block.strip() for block in body.split("\n\n") if block.strip()]


def anchors(name: str) -> list[tuple[str, str]]:
    """(HTML id, text) of each block: ``p1``… for paragraphs, the section id for headings."""
    found, number = [], 0
    for block in seed(name)[1]:
        if block.endswith(CLOSING):
            number += 1
            found.append((f"p{number}", block))
        else:
            found.append((make_id(block), block))
    return found


def forms() -> dict[str, list[str]]:
    """Entry id -> its forms, from the registry files."""
    actors = load(ROOT / "annotations" / "corpus.actors.yaml")["actors"]
    terms = load(ROOT / "annotations" / "corpus.glossary.yaml")["terms"]
    return {item["id"]: item["forms"] for item in actors + terms}


def texts_by_date() -> list[str]:
    """The texts in the default order: by date, oldest first, then by file name."""
    return sorted("abc", key=lambda name: (seed(name)[0], name))


def contains(block: str, form: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", block) is not None


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    app = SphinxTestApp(
        "html", srcdir=ROOT, builddir=tmp_path_factory.mktemp("corpus") / "_build", freshenv=True
    )
    app.build()
    yield app
    app.cleanup()


def page(app, name: str) -> BeautifulSoup:
    soup = BeautifulSoup((app.outdir / f"{name}.html").read_text("utf-8"), "html.parser")
    return soup.select_one("[role=main]")


def test_builds_without_warnings(built):
    # Bruno Kalt's form occurs only in text b: it still counts as used.
    assert built.warning.getvalue() == ""


def test_each_text_is_its_own_page(built):
    for name in "abc":
        assert page(built, f"texts/{name}").select_one("h1").get_text().rstrip("#¶ ") == seed(name)[1][0]


def test_text_list_is_by_date_oldest_first(built):
    items = page(built, "index").select("ul.ar-texts li")
    names = texts_by_date()
    assert [li.select_one("a").get_text() for li in items] == [seed(name)[1][0] for name in names]
    assert [li.select_one("a")["href"] for li in items] == [f"texts/{name}.html" for name in names]


@pytest.mark.parametrize(
    ("register", "entry"),
    [
        ("personen", "actor-anna-berg"),
        ("personen", "actor-bruno-kalt"),
        ("orte", "actor-atlantis"),
        ("glossar", "term-zollunion"),
    ],
)
def test_registers_list_mentions_from_all_texts(built, register, entry):
    soup = page(built, register if register == "glossar" else f"register/{register}")
    prefix = "texts/" if register == "glossar" else "../texts/"
    target = soup.find(id=entry)
    mentions = target.find_next(class_="ar-mentions")
    entry_forms = forms()[entry.split("-", 1)[1]]
    expected = [
        f"{prefix}{name}.html#{anchor}"
        for name in texts_by_date()
        for anchor, block in anchors(name)
        if any(contains(block, form) for form in entry_forms)
    ]
    assert expected  # every entry of the root is mentioned somewhere
    assert [a["href"] for a in mentions.select("a")] == expected


def test_domain_index_groups_mentions_by_text(built):
    rows = [a.get_text() for a in page(built, "ar-person").select("table.modindextable a")]
    titles = {name: seed(name)[1][0] for name in "abc"}
    assert rows[0] == "Berg, Anna"
    mentioned = {row.split(",")[0] for row in rows[1 : rows.index("Kalt, Bruno")]}
    assert mentioned == {titles["a"], titles["c"]}
    assert {row.split(",")[0] for row in rows[rows.index("Kalt, Bruno") + 1 :]} == {titles["b"]}


def test_timeline_runs_across_texts_in_date_order(built):
    notes = []
    for name in "abc":
        for note in load(ROOT / "texts" / f"{name}.text.yaml")["notes"]:
            paragraph = next(anchor for anchor, block in anchors(name) if note["quote"]["exact"] in block)
            notes.append((note["date"], note["title"], f"texts/{name}.html#{paragraph}"))
    events = page(built, "zeitleiste").select("ul.ar-timeline li")
    assert [(e.select_one(".ar-event").get_text(), e.select_one("a")["href"]) for e in events] == [
        (title, href) for _date, title, href in sorted(notes)
    ]


def search_index(built):
    """Which pages the search finds for a word (through the German stemmer)."""
    script = (built.outdir / "searchindex.js").read_text("utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    docnames = index["docnames"]
    stem = SearchGerman({}).stem

    def pages_with(word: str) -> set[str]:
        found = set()
        for table in ("terms", "titleterms"):
            hits = index[table].get(stem(word), [])
            found |= {docnames[hit] for hit in (hits if isinstance(hits, list) else [hits])}
        return found

    return pages_with


def test_mention_lists_are_not_in_the_search_index(built):
    pages_with = search_index(built)
    # Text a's title stands in the mention lists of both registers, which are no hit for it.
    registers = page(built, "register/personen").get_text() + page(built, "register/orte").get_text()
    assert "Anna Berg besucht Atlantis" in registers
    assert "texts/a" in pages_with("besucht")
    assert not {"register/personen", "register/orte"} & pages_with("besucht")


def test_card_descriptions_are_not_in_the_search_index(built):
    pages_with = search_index(built)

    # The description is on the register page and, as a hidden card, on texts a and c.
    assert "Meeresforscherin aus Atlantis" in (built.outdir / "texts" / "a.html").read_text("utf-8")
    assert pages_with("Meeresforscherin") == {"register/personen"}
    # The text itself is indexed.
    assert "texts/b" in pages_with("Hafen")


def test_search_stems_are_kept_for_the_whole_build(built):
    from sphinx.search import languages

    cached = languages["de"]
    assert getattr(cached, "annotated_reader_cached", False)
    language = cached({})
    words = ["Zollunion", "Häfen", "begrüßt", "Zollunion"]
    assert [language.stem(word) for word in words] == [SearchGerman({}).stem(word) for word in words]
    assert len(language._stems) == 3


def test_paragraph_anchors_are_no_labels_in_the_inventory(built):
    """Every text has ``p1``, ``p2`` …: as standard labels they would collide in ``objects.inv``."""
    raw = (built.outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    labels = [line.split(" ", 1)[0] for line in body.splitlines() if " std:label " in line]
    assert "ar-person" in labels  # the inventory still has the edition's labels
    assert [label for label in labels if re.fullmatch(r"p[0-9]+", label)] == []
    assert "#p1" not in body


def test_register_links_to_paragraphs_reach_their_text(built):
    """Each link of a register to a paragraph lands on a paragraph of that text naming the entry."""
    checked = 0
    for entry in ("actor-anna-berg", "actor-bruno-kalt"):
        mentions = page(built, "register/personen").find(id=entry).find_next(class_="ar-mentions")
        for link in mentions.select("a"):
            path, _sep, anchor = link["href"].partition("#")
            target_page = BeautifulSoup((built.outdir / "register" / path).read_text("utf-8"), "html.parser")
            target = target_page.find(id=anchor)
            if not re.fullmatch(r"p[0-9]+", anchor):
                continue  # a heading
            assert target is not None and target.name == "p" and "ar-para" in target["class"], link["href"]
            number = target.select_one("a.ar-pnum")
            assert number["href"] == f"#{anchor}" and number.get_text() == f"¶\xa0{anchor[1:]}"
            assert target.select_one(f'[data-ar-entry="{entry}"]') is not None, link["href"]
            checked += 1
    assert checked >= 3  # Anna Berg in texts a and c, Bruno Kalt in text b
