"""The site around the texts, with many texts: navigation, Zurück/Weiter, start page, registers.

The corpus root (three texts) is copied and grows by twelve generated texts, each naming a
person of its own, so that there are more texts than the navigation lists
(``annotated_reader_sidebar_texts = 4``) and a register long enough for a letter bar.
Expected values are computed here from the generated files, not copied from the output.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from annotated_reader.core.collation import german_sort_key, index_letter
from annotated_reader.sphinxext.navigation import sidebar_texts
from annotated_reader.sphinxext.registers import LETTER_BAR_MIN_ENTRIES
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ..conftest import ROOTS

LIMIT = 4
# (given name, surname, date of the text): Ä sorts with A, as in the PDF's registers.
PEOPLE = [
    ("Ute", "Ärmel", "2019-01"),
    ("Carl", "Baum", "2019-02"),
    ("Dora", "Chen", "2019-03"),
    ("Emil", "Dorn", "2019-04"),
    ("Frida", "Esch", "2019-05"),
    ("Gustav", "Fink", "2019-06"),
    ("Hanna", "Gold", "2019-07"),
    ("Ida", "Holm", "2019-08"),
    ("Jonas", "Iser", "2019-09"),
    ("Karla", "Jung", "2019-10"),
    ("Lena", "Öhler", "2019-11"),
    ("Max", "Zorn", "2019-12"),
]

CONF = """\
extensions = ["myst_parser", "sphinx_design", "annotated_reader"]
language = "de"
smartquotes = False
exclude_patterns = ["_build"]
html_theme = "furo"
annotated_reader_sidebar_texts = {limit}
annotated_reader_downloads = ["pdf", "epub"]
latex_documents = [("book", "korpus.tex", "Korpus", "Redaktion", "manual")]
epub_basename = "korpus"
html_sidebars = {{"**": ["sidebar/brand.html", "sidebar/navigation.html", "sidebar/ar-downloads.html"]}}
"""

INDEX = """\
# Korpus

## Texte

```{ar:text-list}
```

```{toctree}
:hidden:
:glob:
:caption: Texte

texts/*
```

## Herunterladen

```{ar:downloads}
```

## Nachschlagen

```{toctree}
:caption: Nachschlagen

glossar
zeitleiste
register/personen
register/orte
```
"""

REFERENCE_PAGES = ["glossar", "zeitleiste", "register/personen", "register/orte"]


def grow(srcdir: Path) -> None:
    """Twelve more texts, one more person in each, and the site's start page and conf."""
    (srcdir / "conf.py").write_text(CONF.format(limit=LIMIT), "utf-8")
    (srcdir / "index.md").write_text(INDEX, "utf-8")
    actors = ["actors:"]
    for number, (given, surname, date) in enumerate(PEOPLE, start=1):
        name = f"t{number:02d}"
        (srcdir / "seeds" / f"{name}.txt").write_text(
            f"date {date}\n\nBericht {number}\n\n{given} {surname} spricht über Atlantis; "
            f"danach bleibt {given} {surname} in Atlantis.\n",
            "utf-8",
        )
        (srcdir / "texts" / f"{name}.text.yaml").write_text(
            f"seed: ../seeds/{name}.txt\nlanguage: de\nteaser: Bericht Nummer {number}.\n", "utf-8"
        )
        actors += [
            f"  - id: person-{number}",
            "    type: person",
            f"    name: {given} {surname}",
            f"    sort_name: {surname}, {given}",
            f"    description: Person aus Bericht {number}.",
            f"    forms: [{given} {surname}]",
        ]
    (srcdir / "annotations" / "mehr.actors.yaml").write_text("\n".join(actors) + "\n", "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    grow(srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", freshenv=True)
    app.build()
    yield app
    app.cleanup()


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text("utf-8"), "html.parser")


def texts_in_order(app) -> list[str]:
    """Text documents in the order of the list of texts: the seeds' dates, oldest first, then file name."""
    dated = []
    for path in sorted((app.srcdir / "seeds").glob("*.txt")):
        date = path.read_text("utf-8").partition("\n")[0].removeprefix("date ")
        dated.append((not date, date, f"texts/{path.stem}"))
    return [docname for _undated, _date, docname in sorted(dated)]


def pages(app) -> list[str]:
    return sorted(p.relative_to(app.outdir).with_suffix("").as_posix() for p in app.outdir.rglob("*.html"))


def sidebar_sections(page: BeautifulSoup) -> dict[str, list[str]]:
    """Caption -> the hrefs of the navigation's section (the sidebar's first level)."""
    tree = page.select_one(".sidebar-tree")
    sections: dict[str, list[str]] = {}
    for caption in tree.select("p.caption"):
        sections[caption.get_text(strip=True)] = [
            a["href"] for a in caption.find_next_sibling("ul").select("a")
        ]
    return sections


def test_builds_without_warnings(site):
    assert site.warning.getvalue() == ""


def test_the_texts_come_first_in_the_navigation_and_there_are_more_than_it_lists(site):
    texts = texts_in_order(site)
    assert len(texts) == 15 > LIMIT
    captions = list(sidebar_sections(soup(site, "index")))
    assert captions == ["Texte", "Nachschlagen"]


@pytest.mark.parametrize("position", [0, 7, 14])
def test_the_navigation_of_every_page_lists_a_bounded_window_of_texts(site, position):
    texts = texts_in_order(site)
    current = texts[position]
    listed = sidebar_sections(soup(site, current))["Texte"]
    here = posixpath.dirname(current) or "."
    expected = [
        "#" if docname == current else posixpath.relpath(f"{docname}.html", here)
        for docname in sidebar_texts(texts, current, LIMIT)
    ]
    assert listed == [*expected, posixpath.relpath("index.html", here) + "#ar-text-list"]
    assert current in sidebar_texts(texts, current, LIMIT)
    page = soup(site, current)
    title = " ".join(page.select_one("h1").get_text().split()).rstrip("¶")
    assert page.select_one(".sidebar-tree li.current-page > a").get_text() == title


def test_no_page_lists_more_texts_than_the_limit(site):
    texts = {f"{name}.html" for name in texts_in_order(site)}
    all_texts = soup(site, "index").select_one("#ar-text-list")
    assert all_texts is not None  # the target of "Alle 15 Texte"
    for name in pages(site):
        links = {
            a["href"].rsplit("/", 1)[-1]
            for a in soup(site, name).select(".sidebar-tree a")
            if a["href"] != "#"
        }
        shown = links & texts | ({"self"} if name.startswith("texts/") else set())
        assert len(shown) <= LIMIT, name
        all_link = soup(site, name).select_one(".sidebar-tree a.ar-all-texts")
        assert all_link.get_text() == "Alle 15 Texte"


def test_window_of_texts():
    texts = [f"t{number}" for number in range(10)]
    assert sidebar_texts(texts, "t0", 4) == ["t0", "t1", "t2", "t3"]
    assert sidebar_texts(texts, "t5", 4) == ["t3", "t4", "t5", "t6"]
    assert sidebar_texts(texts, "t9", 4) == ["t6", "t7", "t8", "t9"]
    assert sidebar_texts(texts, "glossar", 4) == ["t0", "t1", "t2", "t3"]
    assert sidebar_texts(texts[:3], "t1", 4) == ["t0", "t1", "t2"]
    assert sidebar_texts(texts, "t1", 0) == []


def follow(app, start: str, rel: str) -> list[str]:
    """The pages reached from ``start`` through the footer's Weiter (next) or Zurück (prev)."""
    order, current = [start], start
    while (link := soup(app, current).select_one(f"a.{rel}-page")) is not None:
        current = posixpath.normpath(posixpath.join(posixpath.dirname(current), link["href"]))
        current = current.removesuffix(".html")
        assert current not in order, f"{current} twice"
        order.append(current)
    return order


def test_weiter_runs_through_the_texts_in_the_list_order_then_the_reference_pages(site):
    expected = ["index", *texts_in_order(site), *REFERENCE_PAGES]
    assert follow(site, "index", "next") == expected
    assert follow(site, REFERENCE_PAGES[-1], "prev") == expected[::-1]


def test_the_start_page_shows_the_texts_as_cards_and_the_downloads_as_buttons(site):
    page = soup(site, "index")
    cards = page.select("ul.ar-texts > li.sd-card")
    assert [card.select_one("a.sd-stretched-link")["href"] for card in cards] == [
        f"{name}.html" for name in texts_in_order(site)
    ]
    assert all(card.select_one(".ar-teaser") for card in cards)
    buttons = page.select("ul.ar-downloads a.sd-btn")
    assert [(a.get_text(), a["href"]) for a in buttons] == [("PDF", "korpus.pdf"), ("EPUB", "korpus.epub")]


def test_every_page_links_to_the_downloads_in_the_sidebar(site):
    for name in pages(site):
        depth = "../" * name.count("/")
        hrefs = [a["href"] for a in soup(site, name).select(".ar-sidebar-downloads a")]
        assert hrefs == [f"{depth}korpus.pdf", f"{depth}korpus.epub"], name


def test_sphinx_design_assets_only_where_a_component_is(site):
    def assets(name: str) -> set[str]:
        page = soup(site, name)
        found = {link["href"] for link in page.select("link[rel=stylesheet]")}
        found |= {script["src"] for script in page.select("script[src]")}
        return {Path(href.split("?")[0]).name for href in found}

    assert "sphinx-design.min.css" in assets("index")
    assert "design-tabs.js" not in assets("index")  # no tabs there
    for name in ["glossar", "register/personen", texts_in_order(site)[0]]:
        assert not {"sphinx-design.min.css", "design-tabs.js"} & assets(name), name
    # The site's stylesheet where there is a listing or register, not on a text page.
    assert "annotated-reader-site.css" in assets("glossar")
    assert "annotated-reader-site.css" not in assets(texts_in_order(site)[0])


def test_persons_stand_surname_first_in_din_5007_order(site):
    page = soup(site, "register/personen")
    names = [dt.select_one(".sig-name").get_text() for dt in page.select("dl.ar > dt")]
    expected = ["Berg, Anna", "Kalt, Bruno", *(f"{surname}, {given}" for given, surname, _ in PEOPLE)]
    assert names == sorted(expected, key=german_sort_key)
    assert names[:2] == ["Ärmel, Ute", "Baum, Carl"]  # Ä with A, before B


def test_a_long_register_has_a_letter_bar_and_a_heading_per_letter(site):
    page = soup(site, "register/personen")
    entries = page.select("dl.ar > dt")
    assert len(entries) >= LETTER_BAR_MIN_ENTRIES
    bar = page.select_one("nav.ar-letter-bar")
    present = sorted({index_letter(dt.select_one(".sig-name").get_text()) for dt in entries})
    linked = [a.get_text() for a in bar.select("a")]
    assert linked == present
    assert [span.get_text() for span in bar.select("span")] == [
        c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in present
    ]
    for a in bar.select("a"):
        heading = page.select_one(a["href"])
        assert heading.name == "h2" and heading.get_text() == a.get_text()
    # Every entry stands under the heading of its letter.
    for dt in entries:
        heading = dt.find_previous("h2")
        assert heading.get_text() == index_letter(dt.select_one(".sig-name").get_text())


def test_a_short_register_has_no_letter_bar(site):
    page = soup(site, "register/orte")
    assert len(page.select("dl.ar > dt")) < LETTER_BAR_MIN_ENTRIES
    assert page.select_one("nav.ar-letter-bar") is None
    assert page.select_one("h2.ar-letter") is None


def test_every_count_of_places_matches_the_links_shown(site):
    checked = 0
    for name in ["glossar", *REFERENCE_PAGES]:
        for mentions in soup(site, name).select(".ar-mentions"):
            text = mentions.get_text(" ", strip=True)
            if text == "In keinem Text erwähnt.":
                continue
            count = int(re.match(r"Fundstellen \((\d+)\):", text).group(1))
            assert count == len(mentions.select("a")), text
            checked += 1
    assert checked >= 15


def test_two_mentions_in_one_paragraph_are_one_place(site):
    # Each generated text names its person twice in its one paragraph: one place, one link.
    page = soup(site, "register/personen")
    for number in range(1, len(PEOPLE) + 1):
        mentions = page.select_one(f"#actor-person-{number}").find_parent("dl").select_one(".ar-mentions")
        assert [a["href"] for a in mentions.select("a")] == [f"../texts/t{number:02d}.html#p1"]
        assert mentions.get_text(" ", strip=True).startswith("Fundstellen (1):")
