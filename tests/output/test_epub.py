"""The EPUB edition: valid for epubcheck, texts in the reading order, no inline SVG."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from annotated_reader.core.collation import german_sort_key
from docutils import nodes

from .conftest import EPUBCHECK, require_epubcheck


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


def _spine(epub_file) -> list[tuple[str, bool]]:
    """(file, linear) of each spine item, in reading order."""
    with zipfile.ZipFile(epub_file) as book:
        opf = book.read("content.opf").decode("utf-8")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    return [
        (hrefs[idref], 'linear="no"' not in rest)
        for idref, rest in re.findall(r'<itemref idref="([^"]+)"(.*?)/>', opf)
    ]


def test_texts_follow_the_start_page_in_the_reading_order(epub_file, project):
    spine = _spine(epub_file)
    # the order of the list of texts: newest first, then by title
    ordered = sorted(
        sorted(project.texts, key=lambda t: german_sort_key(t.title)), key=lambda t: t.date, reverse=True
    )
    texts = [f"texts/{text.spec.path.name.removesuffix('.text.yaml')}.xhtml" for text in ordered]
    assert spine[0] == ("index.xhtml", True)
    assert spine[1 : 1 + len(texts)] == [(text, True) for text in texts]
    with zipfile.ZipFile(epub_file) as book:
        navigation = book.read("nav.xhtml").decode("utf-8")
    for text in project.texts:
        assert f">{text.title}</a>" in navigation


def test_the_epub_has_its_own_stylesheet(epub_file):
    with zipfile.ZipFile(epub_file) as book:
        css = book.read("_static/annotated-reader.css").decode("utf-8")
    assert ":has(" not in css  # the site's stylesheet, which e-readers and epubcheck reject


def test_hover_cards_stay_in_the_html(epub_file, html_dir, project):
    """Cards are for hovering in a browser; an e-reader would show them as a block of text."""
    for text in project.texts:
        page = f"texts/{text.spec.path.name.removesuffix('.text.yaml')}"
        assert 'class="ar-card"' in (html_dir / f"{page}.html").read_text("utf-8")
        with zipfile.ZipFile(epub_file) as book:
            assert "ar-card" not in book.read(f"{page}.xhtml").decode("utf-8")


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
