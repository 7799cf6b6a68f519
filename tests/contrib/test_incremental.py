"""What an edit re-reads: the promise behind the live preview.

Editing a text file re-reads only that text; editing a registry re-reads every page that
uses it (the texts, the glossary and the registers), because each page notes the files it
depends on.  The JSON-LD export follows the edit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..conftest import copy_root


def build(make_app, srcdir: Path, builddir: Path) -> tuple[set[str], str]:
    """Build, returning the documents read and the warnings."""
    read: set[str] = set()
    app = make_app("html", srcdir=srcdir, builddir=builddir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
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
    collection = json.loads((builddir / "html" / "texts" / "atlantis.annotations.jsonld").read_text("utf-8"))
    body = collection["first"]["items"][0]["body"]
    text_body = body[0] if isinstance(body, list) else body  # then the note's sources
    assert "2. Mai" in text_body["value"]

    edit(srcdir / "annotations" / "basic.actors.yaml", "Bürgermeister.", "Bürgermeister von Atlantis.")
    read, warnings = build(make_app, srcdir, builddir)
    registers = {f"register/{name}" for name in ("personen", "organisationen", "staaten", "orte")}
    assert read == {"texts/atlantis", "glossar", "quellen"} | registers
    assert warnings == ""
