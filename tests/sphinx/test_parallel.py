"""Parallel and incremental builds give the same site as a fresh serial build."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root

TEXT = "texts/atlantis.text.yaml"
REGISTRY = "annotations/basic.actors.yaml"


def build(srcdir: Path, builddir: Path, *, fresh: bool, parallel: int = 0) -> tuple[SphinxTestApp, list[str]]:
    """Build; return the app and the documents it read."""
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, freshenv=fresh, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app, sorted(read)


def outputs(app: SphinxTestApp) -> dict[str, object]:
    """Every page and the inventory byte for byte; the search index as data."""
    out = Path(app.outdir)
    files: dict[str, object] = {
        str(path.relative_to(out)): path.read_bytes() for path in [*out.rglob("*.html"), out / "objects.inv"]
    }
    index = json.loads(
        (out / "searchindex.js").read_text("utf-8").removeprefix("Search.setIndex(").removesuffix(")")
    )
    # Sphinx's incremental search index keeps words that no longer occur, with no pages.
    for table in ("terms", "titleterms"):
        index[table] = {word: pages for word, pages in index[table].items() if pages != []}
    files["searchindex.js"] = index
    return files


def test_parallel_build_equals_serial_build(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    serial, _ = build(root, tmp_path / "serial", fresh=True)
    parallel, _ = build(root, tmp_path / "parallel", fresh=True, parallel=2)
    assert outputs(parallel) == outputs(serial)


def test_noop_rebuild_reads_nothing(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    build(root, tmp_path / "b", fresh=True)
    _, read = build(root, tmp_path / "b", fresh=False)
    assert read == []


def edit_note(root: Path) -> None:
    path = root / TEXT
    path.write_text(path.read_text("utf-8").replace("Die Rede fand", "Die große Rede fand"), "utf-8")


def test_editing_a_text_file_rereads_only_that_text(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    build(root, tmp_path / "b", fresh=True)
    edit_note(root)
    incremental, read = build(root, tmp_path / "b", fresh=False)
    assert read == ["texts/atlantis"]
    fresh, _ = build(root, tmp_path / "fresh", fresh=True)
    assert outputs(incremental) == outputs(fresh)
    assert "Die große Rede fand" in (Path(incremental.outdir) / "texts" / "atlantis.html").read_text("utf-8")


def test_editing_a_registry_rereads_the_pages_that_use_it(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    build(root, tmp_path / "b", fresh=True)
    path = root / REGISTRY
    path.write_text(path.read_text("utf-8").replace("Ein Nachbarstaat.", "Ein benachbarter Staat."), "utf-8")
    incremental, read = build(root, tmp_path / "b", fresh=False)
    assert read == [
        "glossar",
        "quellen",
        "register/organisationen",
        "register/orte",
        "register/personen",
        "register/staaten",
        "texts/atlantis",
    ]
    fresh, _ = build(root, tmp_path / "fresh", fresh=True)
    assert outputs(incremental) == outputs(fresh)


def test_editing_the_seed_rereads_its_text(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    build(root, tmp_path / "b", fresh=True)
    seed = root / "seeds" / "atlantis.txt"
    seed.write_text(seed.read_text("utf-8") + " Neuer Satz.", "utf-8")
    _, read = build(root, tmp_path / "b", fresh=False)
    assert read == ["texts/atlantis"]
