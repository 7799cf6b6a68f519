"""One order of the texts for the navigation, the list of texts, the EPUB and the PDF.

``roots/test-edition`` has two texts whose file names (``bericht``, ``grundgesetz``) are in
the other order than their dates (2024, 1949): the default order, by date oldest first, and
a configured order both have to reach the HTML navigation and the LaTeX chapters, where the
book's toctree (``texts/*``) lists the files by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from annotated_reader.core.text_order import TextKey, order_texts
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from ..conftest import copy_root

TITLES = {"texts/bericht": "Streit um das Kurhaus", "texts/grundgesetz": "Grundgesetz (Auszug)"}


def build(root: Path, out: Path, builder: str, **overrides: object) -> tuple[Path, str]:
    if builder == "html":
        overrides.setdefault("html_theme", "furo")  # the site's theme (sphinx.testing would use basic)
    app = SphinxTestApp(builder, srcdir=root, builddir=out / builder, freshenv=True, confoverrides=overrides)
    try:
        app.build()
        return Path(app.outdir), strip_colors(app.warning.getvalue())
    finally:
        app.cleanup()


def navigation_texts(outdir: Path, page: str) -> list[str]:
    """The titles in the navigation's section "Texte"."""
    tree = BeautifulSoup((outdir / page).read_text("utf-8"), "html.parser").select_one(".sidebar-tree")
    caption = next(p for p in tree.select("p.caption") if p.get_text(strip=True) == "Texte")
    return [a.get_text(strip=True) for a in caption.find_next_sibling("ul").find_all("a")]


def text_list(outdir: Path) -> list[str]:
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    return [p.get_text(strip=True).split("·")[0].strip() for p in soup.select(".ar-texts .ar-text-title")]


def chapters(outdir: Path) -> list[str]:
    tex = (outdir / "zwei-texte.tex").read_text("utf-8")
    return re.findall(r"\\chapter\{([^}]*)\}", tex)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("date", ["texts/grundgesetz", "texts/bericht"]),
        ("title", ["texts/grundgesetz", "texts/bericht"]),
        (["bericht"], ["texts/bericht", "texts/grundgesetz"]),
        (["texts/bericht", "grundgesetz"], ["texts/bericht", "texts/grundgesetz"]),
    ],
)
def test_orders_by_date_title_or_list(order, expected):
    keys = {
        "texts/bericht": TextKey("Streit", "2024-03-14"),
        "texts/grundgesetz": TextKey("Grundgesetz", "1949"),
    }
    assert order_texts(keys, order) == (expected, [])


def test_by_date_undated_texts_come_last_then_file_names():
    keys = {
        "c": TextKey("A", ""),
        "b": TextKey("B", "2022-09"),
        "a": TextKey("C", "2022-09"),
        "d": TextKey("D", "2022"),
    }
    assert order_texts(keys, "date")[0] == ["d", "a", "b", "c"]


def test_an_unknown_id_is_returned_and_the_others_keep_the_default():
    keys = {"texts/a": TextKey("A", "2020"), "texts/b": TextKey("B", "2010")}
    assert order_texts(keys, ["nope", "a"]) == (["texts/a", "texts/b"], ["nope"])


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return copy_root("edition", tmp_path_factory.mktemp("order"))


def test_by_default_html_and_pdf_have_the_texts_by_date_not_by_file_name(root, tmp_path):
    html, warnings = build(root, tmp_path, "html")
    assert warnings == ""
    oldest_first = [TITLES["texts/grundgesetz"], TITLES["texts/bericht"]]
    assert navigation_texts(html, "index.html") == oldest_first
    assert navigation_texts(html, "glossar.html") == oldest_first
    assert text_list(html) == oldest_first
    latex, warnings = build(root, tmp_path, "latex")
    assert warnings == ""
    assert chapters(latex)[:2] == oldest_first


def test_a_configured_order_reaches_navigation_text_list_and_chapters(root, tmp_path):
    order = ["bericht", "grundgesetz"]
    html, warnings = build(root, tmp_path, "html", annotated_reader_text_order=order)
    assert warnings == ""
    configured = [TITLES["texts/bericht"], TITLES["texts/grundgesetz"]]
    assert navigation_texts(html, "index.html") == configured
    assert text_list(html) == configured
    assert navigation_texts(html, "texts/grundgesetz.html") == configured
    latex, warnings = build(root, tmp_path, "latex", annotated_reader_text_order=order)
    assert warnings == ""
    assert chapters(latex)[:2] == configured


def test_an_order_naming_no_text_is_reported_with_the_texts_there_are(root, tmp_path):
    _html, warnings = build(root, tmp_path, "html", annotated_reader_text_order=["grundgesetz", "kurhaus"])
    assert "annotated_reader_text_order names 'kurhaus', which is no text" in warnings
    assert "bericht, grundgesetz" in warnings
    assert "conf.py:1" in warnings and "[annotated_reader.config]" in warnings


def test_an_invalid_order_keeps_the_default_with_a_warning(root, tmp_path):
    html, warnings = build(root, tmp_path, "html", annotated_reader_text_order=3)
    assert "annotated_reader_text_order must be 'date', 'title' or a list of text ids" in warnings
    assert text_list(html) == [TITLES["texts/grundgesetz"], TITLES["texts/bericht"]]
