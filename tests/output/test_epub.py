"""The EPUB of every edition: a reading edition, valid for epubcheck, notes as EPUB notes."""

from __future__ import annotations

import re
import subprocess
import zipfile
from fnmatch import fnmatchcase

import pytest
from annotated_reader.core.text_order import TextKey, order_texts
from bs4 import BeautifulSoup
from docutils import nodes

from .conftest import EPUBCHECK, Edition, require_epubcheck


def test_epubcheck_finds_no_errors_and_no_warnings(epub_file):
    require_epubcheck()
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), "--failonwarnings", str(epub_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors / 0 warnings" in report


def _read(epub_file, name: str) -> str:
    with zipfile.ZipFile(epub_file) as book:
        return book.read(name).decode("utf-8")


def _pages(epub_file) -> list[str]:
    with zipfile.ZipFile(epub_file) as book:
        return [name for name in book.namelist() if name.endswith(".xhtml") and name != "nav.xhtml"]


def _spine(epub_file) -> list[tuple[str, bool]]:
    """(file, linear) of each spine item, in reading order."""
    opf = _read(epub_file, "content.opf")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    return [
        (hrefs[idref], 'linear="no"' not in rest)
        for idref, rest in re.findall(r'<itemref idref="([^"]+)"(.*?)/>', opf)
    ]


def _ordered_texts(edition: Edition, project) -> list[str]:
    """The texts in the edition's one order (annotated_reader_text_order, by date by default)."""
    keys = {
        f"texts/{text.spec.path.name.removesuffix('.text.yaml')}": TextKey(text.title, text.date)
        for text in project.texts
    }
    return order_texts(keys, edition.conf.get("annotated_reader_text_order", "date"))[0]


def _reading_order(edition: Edition, project) -> list[str]:
    """The documents of the book, computed from the edition's annotated_reader_epub_pages."""
    texts = _ordered_texts(edition, project)
    pages = sorted(
        path.relative_to(edition.srcdir).with_suffix("").as_posix()
        for path in edition.srcdir.rglob("*.md")
        if "_build" not in path.parts
    )
    order = [edition.conf.get("root_doc", "index")]
    for pattern in edition.conf["annotated_reader_epub_pages"]:
        if any(fnmatchcase(text, pattern) for text in texts):
            order += [text for text in texts if text not in order]
        order += [page for page in pages if fnmatchcase(page, pattern) and page not in order]
    if not any(text in order for text in texts):
        order[1:1] = texts
    return order


def test_the_spine_holds_the_reading_pages_in_reading_order(epub_file, edition, project):
    """Start page, texts, reference pages, pages about the edition: nothing else, all linear."""
    expected = [f"{docname}.xhtml" for docname in _reading_order(edition, project)]
    assert _spine(epub_file) == [(name, True) for name in expected]
    assert sorted(_pages(epub_file)) == sorted(expected)  # the other pages are not even packed


def test_no_developer_page_and_no_link_to_one(epub_file, edition, project):
    book = set(_reading_order(edition, project))
    left_out = (
        {
            path.relative_to(edition.srcdir).with_suffix("").as_posix()
            for path in edition.srcdir.rglob("*.md")
            if "_build" not in path.parts
        }
        - book
        - {"book"}
    )
    assert left_out, "the edition has pages that are not for reading"
    for page in _pages(epub_file):
        soup = BeautifulSoup(_read(epub_file, page), "html.parser")
        for link in soup.find_all("a", href=True):
            target = link["href"].split("#")[0]
            assert not any(target.endswith(f"{name}.xhtml") for name in left_out), (page, link["href"])


def test_note_marks_are_superscript_noterefs_with_back_links(epub_file, project):
    for text in project.texts:
        page = f"texts/{text.spec.path.name.removesuffix('.text.yaml')}.xhtml"
        soup = BeautifulSoup(_read(epub_file, page), "html.parser")
        marks = soup.find_all("a", class_="footnote-reference")
        notes = soup.find_all("aside", class_="footnote")
        assert len(marks) == len(notes) == len(text.notes)
        by_id = {note["id"]: note for note in notes}
        for number, mark in enumerate(marks, start=1):
            assert mark["epub:type"] == "noteref"
            assert mark.sup is not None
            assert mark.get_text() == str(number)  # no brackets
            note = by_id[mark["href"].removeprefix("#")]
            assert note["epub:type"] == "footnote"
            back = note.find("a", role="doc-backlink")
            assert back["href"] == f"#{mark['id']}"
            assert back.get_text() == str(number)


def test_no_brackets_around_note_numbers(epub_file):
    with zipfile.ZipFile(epub_file) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".css")):
                content = book.read(name).decode("utf-8")
                assert "[[" not in content, name
                assert 'class="fn-bracket"' not in content, name


def test_one_viewport_tag_a_page(epub_file):
    for page in _pages(epub_file):
        assert _read(epub_file, page).count('name="viewport"') == 1, page


def test_the_packaging_speaks_german(epub_file, edition):
    nav = _read(epub_file, "nav.xhtml")
    assert "<title>Inhalt</title>" in nav
    assert "<h1>Inhalt</h1>" in nav
    for name in ("nav.xhtml", "toc.ncx", "content.opf"):
        assert "Table of Contents" not in _read(epub_file, name), name
    opf = _read(epub_file, "content.opf")
    description = re.search(r"<dc:description>(.*?)</dc:description>", opf, re.DOTALL)
    assert description is not None
    given = edition.conf.get("epub_description", "")
    if given:
        assert description.group(1) == given
    else:  # the start page's first paragraph
        start = BeautifulSoup(_read(epub_file, "index.xhtml"), "html.parser")
        first = start.find("div", role="main").find("p").get_text()
        assert description.group(1) == " ".join(first.split())
    assert description.group(1) != "unknown"


def test_the_texts_are_in_the_tables_of_contents(epub_file, project):
    navigation = _read(epub_file, "nav.xhtml")
    for text in project.texts:
        assert f">{text.title}</a>" in navigation


def test_the_epub_has_its_own_stylesheet(epub_file):
    css = _read(epub_file, "_static/annotated-reader.css")
    assert ":has(" not in css  # the site's stylesheet, which e-readers and epubcheck reject


def test_hover_cards_stay_in_the_html(epub_file, html_dir, project):
    """Cards are for hovering in a browser; an e-reader would show them as a block of text."""
    for text in project.texts:
        page = f"texts/{text.spec.path.name.removesuffix('.text.yaml')}"
        assert 'class="ar-card"' in (html_dir / f"{page}.html").read_text("utf-8")
        assert "ar-card" not in _read(epub_file, f"{page}.xhtml")


@pytest.mark.sphinx(
    "epub",
    testroot="basic",
    srcdir="epub-inline-svg",
    freshenv=True,
    confoverrides={"extensions": ["annotated_reader", "sphinx_design"], "version": "1"},
)
def test_inline_svg_icons_are_dropped(app):
    """sphinx-design's icons are inline SVG, which epubcheck rejects without a manifest property."""
    index = app.srcdir / "index.md"
    index.write_text(index.read_text("utf-8") + "\nEin Zeichen: {octicon}`book`\n", "utf-8")
    app.build(force_all=True)
    page = (app.outdir / "index.xhtml").read_text("utf-8")
    assert "Ein Zeichen:" in page
    assert "<svg" not in page
    icons = [node for node in app.env.get_doctree("index").findall(nodes.Element) if node.get("svg")]
    assert icons  # the source has the icon; only the EPUB leaves it out


@pytest.mark.sphinx(
    "epub",
    testroot="basic",
    srcdir="epub-no-pages-setting",
    freshenv=True,
    confoverrides={"version": "1"},
)
def test_without_the_setting_every_page_as_sphinx_makes_it(app):
    """No annotated_reader_epub_pages: the pages of the toctrees, as Sphinx orders them."""
    app.build(force_all=True)
    opf = (app.outdir / "content.opf").read_text("utf-8")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [hrefs[idref] for idref in re.findall(r'<itemref idref="([^"]+)"', opf)]
    toctree = [
        line
        for line in (app.srcdir / "index.md").read_text("utf-8").splitlines()
        if "/" in line or line.isalpha()
    ]
    assert spine[: 1 + len(toctree)] == ["index.xhtml", *(f"{page}.xhtml" for page in toctree)]
    assert "ar-person.xhtml" in spine  # Sphinx's domain indices too


@pytest.mark.sphinx(
    "epub",
    testroot="basic",
    srcdir="epub-pattern-matches-nothing",
    freshenv=True,
    confoverrides={"version": "1", "annotated_reader_epub_pages": ["glossar", "quellenverzeichnis"]},
)
def test_a_page_pattern_that_matches_nothing_is_reported(app, warning):
    app.build(force_all=True)
    assert "annotated_reader_epub_pages: 'quellenverzeichnis' matches no page" in warning.getvalue()
    opf = (app.outdir / "content.opf").read_text("utf-8")
    assert "zeitleiste.xhtml" not in opf
    assert "glossar.xhtml" in opf
