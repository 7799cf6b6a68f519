"""Incremental builds of the corpus root: what a rebuild reads and rewrites after an edit.

Each test builds a copy of ``roots/test-corpus`` once, changes files, and builds again in
the same build directory, recording the documents Sphinx reads (``env-before-read-docs``)
and the pages it writes (``html-page-context``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root

LISTING_PAGES = {"index", "glossar", "zeitleiste", "register/personen", "register/orte"}


@dataclass
class Build:
    app: SphinxTestApp
    read: list[str] = field(default_factory=list)
    written: set[str] = field(default_factory=set)

    @property
    def warnings(self) -> str:
        return self.app.warning.getvalue()

    def page(self, name: str) -> BeautifulSoup:
        html = (self.app.outdir / f"{name}.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser").select_one("[role=main]")


@pytest.fixture
def project(tmp_path):
    srcdir = copy_root("corpus", tmp_path)

    def build(parallel: int = 0) -> Build:
        app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "_build", parallel=parallel)
        result = Build(app)
        app.connect("env-before-read-docs", lambda _app, _env, docnames: result.read.extend(docnames))
        app.connect("html-page-context", lambda _app, pagename, *_rest: result.written.add(pagename))
        try:
            app.build()
        finally:
            app.cleanup()  # before the next app registers its nodes
        return result

    return srcdir, build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_noop_rebuild_reads_and_rewrites_nothing(project):
    _srcdir, build = project
    first = build()
    assert len(first.read) == 9
    again = build()
    assert again.read == []
    assert not again.written & (LISTING_PAGES | {"texts/a", "texts/b", "texts/c"})


@pytest.mark.parametrize("parallel", [0, 2])
def test_editing_a_note_rereads_only_that_text(project, parallel):
    srcdir, build = project
    build(parallel)
    edit(srcdir / "texts" / "b.text.yaml", "body: Sie gilt", "body: Die Zollunion gilt")
    again = build(parallel)
    assert again.read == ["texts/b"]
    assert again.warnings == ""
    assert "Die Zollunion gilt seit dem 1. Mai 2023." in again.page("texts/b").get_text()
    if not parallel:  # pages written by parallel workers are not seen here
        # A note's body is in no listing: no register, timeline or list of texts changes,
        # so none of those pages is written again (their search entries stay as they were).
        assert "texts/b" in again.written
        assert not again.written & LISTING_PAGES


def test_editing_a_note_title_rewrites_the_timeline_but_not_the_registers(project):
    srcdir, build = project
    build()
    edit(srcdir / "texts" / "b.text.yaml", "title: Die Zollunion tritt in Kraft", "title: Die Zollunion gilt")
    again = build()
    assert again.read == ["texts/b"]
    # The timeline shows note titles, the registers do not.  (The start page is written
    # again by Sphinx itself: its table of contents holds the timeline.)
    assert "zeitleiste" in again.written
    assert not again.written & {"register/personen", "register/orte", "glossar"}
    assert "Die Zollunion gilt" in again.page("zeitleiste").get_text()


def test_editing_what_listings_show_rewrites_them_without_reading_them(project):
    srcdir, build = project
    build()
    edit(srcdir / "texts" / "b.text.yaml", "teaser: Der Hafen und die Zollunion.", "teaser: Nur der Hafen.")
    again = build()
    assert again.read == ["texts/b"]
    assert "index" in again.written  # the list of texts shows the teaser
    assert not again.written & {"register/personen", "register/orte", "glossar"}
    assert "Nur der Hafen." in again.page("index").get_text()


def test_editing_a_mention_rewrites_the_registers(project):
    srcdir, build = project
    build()
    seed = srcdir / "seeds" / "b.txt"
    seed.write_text(seed.read_text("utf-8") + "\nAnna Berg kommt wieder.\n", "utf-8")
    again = build()
    assert again.read == ["texts/b"]
    assert {"register/personen"} <= again.written
    anna = again.page("register/personen").select("#actor-anna-berg ~ dd .ar-mentions a")
    assert "../texts/b.html#p3" in [a["href"] for a in anna]


def test_adding_a_text_is_adding_files(project):
    srcdir, build = project
    build()
    (srcdir / "seeds" / "d.txt").write_text("date 2024-02\n\nAtlantis im Winter\n\nIn Atlantis schneit es.\n")
    (srcdir / "texts" / "d.text.yaml").write_text("seed: ../seeds/d.txt\nlanguage: de\n")
    again = build()
    assert "texts/d" in again.read
    assert not set(again.read) & {"texts/a", "texts/b", "texts/c"}
    assert again.warnings == ""
    newest = again.page("index").select("ul.ar-texts li a")[-1]  # by date, oldest first
    assert (newest.get_text(), newest["href"]) == ("Atlantis im Winter", "texts/d.html")
    links = [a["href"] for a in again.page("register/orte").select("#actor-atlantis ~ dd .ar-mentions a")]
    assert links[-2:] == ["../texts/d.html#atlantis-im-winter", "../texts/d.html#p1"]  # the newest text last


def test_removing_a_text_removes_its_mentions(project):
    srcdir, build = project
    first = build()
    assert "Hafenmeister" in first.page("register/personen").get_text()
    assert "../texts/b.html#p1" in {a["href"] for a in first.page("register/personen").select("a")}
    (srcdir / "texts" / "b.text.yaml").unlink()
    again = build()
    assert not set(again.read) & {"texts/a", "texts/c"}
    personen = again.page("register/personen")
    assert not [a for a in personen.select("a") if "texts/b.html" in a["href"]]
    assert "Kalt, Bruno" in personen.get_text()  # the entry stays: the registry lists it
    assert [li.select_one("a")["href"] for li in again.page("index").select("ul.ar-texts li")] == [
        "texts/a.html",
        "texts/c.html",
    ]
    assert "texts/b.html" not in str(again.page("zeitleiste"))
    # Its form is now used by no text, and the check says so.
    assert "form 'Bruno Kalt' (actor 'bruno-kalt') does not occur in any text" in again.warnings
