"""What an edit re-reads and re-writes: the promise behind the live preview.

Editing a text file re-reads only that text; editing a registry re-reads every page that
uses it (the texts, the glossary and the registers), because each page notes the files it
depends on.  The pages with listings (registers, list of texts, timeline) are written
again only when what a text shows there changed, not after rewording a note.  The JSON-LD
export follows the edit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..conftest import copy_root

WRITTEN: set[str] = set()
LISTINGS = {"index", "zeitleiste", "glossar"} | {
    f"register/{name}" for name in ("personen", "organisationen", "staaten", "orte")
}


def pages(outdir: Path) -> dict[str, int]:
    return {
        path.relative_to(outdir).with_suffix("").as_posix(): path.stat().st_mtime_ns
        for path in outdir.rglob("*.html")
    }


def build(make_app, srcdir: Path, builddir: Path, **kwargs) -> tuple[set[str], str]:
    """Build, returning the documents read and the warnings (and the pages written in WRITTEN).

    Written pages are found by their files (a parallel build writes in other processes).
    """
    read: set[str] = set()
    before = pages(builddir / "html") if (builddir / "html").is_dir() else {}
    app = make_app("html", srcdir=srcdir, builddir=builddir, **kwargs)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
        after = pages(builddir / "html")
        WRITTEN.clear()
        WRITTEN.update(name for name, mtime in after.items() if before.get(name) != mtime)
        return read, app.warning.getvalue()
    finally:
        app.cleanup()  # so that the next app in this test registers its nodes afresh


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    stat = path.stat()  # a later mtime even on coarse file systems
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_edits_re_read_exactly_the_pages_that_use_the_file(make_app, tmp_path):
    srcdir = copy_root("basic", tmp_path)
    builddir = tmp_path / "_build"
    first, warnings = build(make_app, srcdir, builddir)
    assert "texts/atlantis" in first and warnings == ""

    assert build(make_app, srcdir, builddir)[0] == set()

    edit(
        srcdir / "texts" / "atlantis.text.yaml",
        "Die Rede fand am 1. Mai statt.",
        "Die Rede fand am 2. Mai statt.",
    )
    read, warnings = build(make_app, srcdir, builddir)
    assert read == {"texts/atlantis"}
    assert warnings == ""
    # (index is written too: in this root its toctree lists the text, and Sphinx follows that)
    assert "texts/atlantis" in WRITTEN and not WRITTEN & (LISTINGS - {"index"})
    collection = json.loads((builddir / "html" / "texts" / "atlantis.annotations.jsonld").read_text("utf-8"))
    assert "2. Mai" in collection["first"]["items"][0]["body"]["value"]

    edit(srcdir / "annotations" / "basic.actors.yaml", "Bürgermeister.", "Bürgermeister von Atlantis.")
    read, warnings = build(make_app, srcdir, builddir)
    registers = {f"register/{name}" for name in ("personen", "organisationen", "staaten", "orte")}
    assert read == {"texts/atlantis", "glossar"} | registers
    assert warnings == ""


def test_listing_pages_follow_a_change_in_what_a_text_shows_there(make_app, tmp_path):
    srcdir = copy_root("basic", tmp_path)
    builddir = tmp_path / "_build"
    build(make_app, srcdir, builddir)

    edit(srcdir / "texts" / "atlantis.text.yaml", "title: Die Rede", "title: Die große Rede")
    read, warnings = build(make_app, srcdir, builddir)
    assert read == {"texts/atlantis"} and warnings == ""
    assert LISTINGS <= WRITTEN  # the timeline shows the note's title
    timeline = (builddir / "html" / "zeitleiste.html").read_text("utf-8")
    assert "Die große Rede" in timeline

    edit(srcdir / "texts" / "atlantis.text.yaml", "teaser: Ein Testtext.", "teaser: Ein kurzer Testtext.")
    build(make_app, srcdir, builddir)
    assert "Ein kurzer Testtext." in (builddir / "html" / "index.html").read_text("utf-8")


def test_parallel_read_also_spares_the_listing_pages(make_app, tmp_path):
    srcdir = copy_root("basic", tmp_path)
    builddir = tmp_path / "_build"
    build(make_app, srcdir, builddir, parallel=2)
    edit(
        srcdir / "texts" / "atlantis.text.yaml",
        "Die Rede fand am 1. Mai statt.",
        "Die Rede fand am 3. Mai statt.",
    )
    edit(srcdir / "glossar.md", "# Glossar", "# Glossar\n\nMit allen Begriffen.")
    read, warnings = build(make_app, srcdir, builddir, parallel=2)
    assert read == {"texts/atlantis", "glossar"} and warnings == ""
    assert WRITTEN & (LISTINGS - {"index"}) == {"glossar"}
    edit(srcdir / "texts" / "atlantis.text.yaml", "title: Die Rede", "title: Die lange Rede")
    edit(srcdir / "glossar.md", "Mit allen Begriffen.", "Mit allen Begriffen des Textes.")
    read, warnings = build(make_app, srcdir, builddir, parallel=2)
    assert read == {"texts/atlantis", "glossar"} and warnings == ""
    assert LISTINGS <= WRITTEN
