"""The edition's own site (``docs/``): its navigation, start page and reference pages.

The many-text behaviour is in ``test_site.py``; here the real edition: what a reader finds
first, where the extension's documentation went, and the registers as printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from annotated_reader.core.collation import index_letter
from annotated_reader.sphinxext.registers import LETTER_BAR_MIN_ENTRIES
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ..conftest import DOCS

ARTICLE = "texts/kasachstan-distanziert-sich-von-russland"
REFERENCE = ["glossar", "zeitleiste", "quellen", "register/personen", "register/organisationen"]
REFERENCE += ["register/staaten", "register/orte"]
EXTENSION_DOCS = ["wiederverwenden", "mitwirken/index", "sicherheit", "benchmark"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = SphinxTestApp("html", srcdir=DOCS, builddir=tmp_path_factory.mktemp("edition"), freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def soup(site, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(site.outdir) / f"{name}.html").read_text("utf-8"), "html.parser")


def navigation(site, name: str) -> dict[str, list[str]]:
    """Caption -> the first-level pages of that section of the navigation (as docnames)."""
    tree = soup(site, name).select_one(".sidebar-tree")
    sections = {}
    for caption in tree.select("p.caption"):
        items = caption.find_next_sibling("ul").find_all("li", recursive=False)
        sections[caption.get_text(strip=True)] = [
            li.find("a")["href"].removesuffix(".html") for li in items if li.find("a")["href"] != "#"
        ]
    return sections


def test_the_navigation_leads_with_the_texts_then_the_reference_pages(site):
    sections = navigation(site, "index")
    assert list(sections) == ["Texte", "Nachschlagen", "Über die Ausgabe"]
    assert sections["Texte"] == [ARTICLE]
    assert sections["Nachschlagen"] == REFERENCE
    assert sections["Über die Ausgabe"] == ["lesen", "ueber-diese-ausgabe", "software"]


def test_the_extension_s_documentation_is_one_collapsed_entry_out_of_the_reader_s_way(site):
    tree = soup(site, "glossar").select_one(".sidebar-tree")
    software = tree.select_one('a[href="software.html"]').find_parent("li")
    assert "current" not in software.get("class", [])
    assert software.select_one("input.toctree-checkbox").get("checked") is None  # collapsed
    assert [
        a["href"].removesuffix(".html") for a in software.select(":scope > ul > li > a")
    ] == EXTENSION_DOCS
    # furo's switch, named in German
    label = software.select_one("input.toctree-checkbox")["aria-label"]
    assert label == "Unterseiten von Software und Mitwirkung zeigen"


def test_the_page_paths_stay_as_cited(site):
    for name in [ARTICLE, *REFERENCE, "lesen", "ueber-diese-ausgabe", *EXTENSION_DOCS]:
        assert (Path(site.outdir) / f"{name}.html").is_file(), name


def test_the_start_page_names_the_text_a_nachrichtentext(site):
    text = soup(site, "index").select_one("[role=main]").get_text(" ")
    assert "Nachrichtentext" in text
    assert "Zeitungsartikel" not in text


def test_no_page_says_zeittafel_or_toggle(site):
    for path in Path(site.outdir).rglob("*.html"):
        html = path.read_text("utf-8")
        assert "Zeittafel" not in html, path.name
        assert "Toggle navigation" not in html, path.name
        assert "pradyunsg</a>'s" not in html, path.name


@pytest.mark.parametrize("name", ["glossar", "quellen"])
def test_long_lists_have_a_letter_bar(site, name):
    page = soup(site, name).select_one("[role=main]")
    bar = page.select_one("nav.ar-letter-bar")
    assert bar is not None
    letters = [a.get_text() for a in bar.select("a")]
    headings = [h.get_text() for h in page.select("h2.ar-letter")]
    assert letters == headings == sorted(letters)
    assert len(bar.select("li")) >= 26
    for a in bar.select("a"):
        assert page.select_one(a["href"]).get_text() == a.get_text()


def test_glossary_terms_stand_under_their_letter(site):
    page = soup(site, "glossar").select_one("[role=main]")
    terms = page.select("dl.glossary > dt")
    assert len(terms) >= LETTER_BAR_MIN_ENTRIES
    for term in terms:
        heading = term.find_previous("h2")
        assert heading.get_text() == index_letter(term.get_text(strip=True).rstrip("¶"))


def test_persons_are_named_surname_first(site):
    names = [
        dt.select_one(".sig-name").get_text() for dt in soup(site, "register/personen").select("dl.ar > dt")
    ]
    assert names[:2] == ["Eschment, Beate", "Mangott, Gerhard"]
    assert all(", " in name for name in names)


def test_counts_match_the_links_on_every_register(site):
    checked = 0
    for name in ["glossar", *REFERENCE]:
        for mentions in soup(site, name).select(".ar-mentions"):
            match = re.match(r"Fundstellen \((\d+)\):", mentions.get_text(" ", strip=True))
            if match:
                assert int(match.group(1)) == len(mentions.select("a")), mentions.get_text()
                checked += 1
    assert checked >= 40
