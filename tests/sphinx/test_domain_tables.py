"""The domain's per-document tables: cleared and merged alike, from one declaration."""

from __future__ import annotations

from pathlib import Path

from annotated_reader.sphinxext.domain import DOCUMENT_TABLES, ObjectRecord, reader_domain
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def _domain(tmp_path: Path, name: str):
    app = SphinxTestApp(
        "html", srcdir=copy_root("basic", tmp_path / name), builddir=tmp_path / name / "_build"
    )
    app.cleanup()
    return reader_domain(app.env)


def test_every_document_table_is_in_the_initial_data(tmp_path: Path):
    domain = _domain(tmp_path, "fresh")
    assert set(DOCUMENT_TABLES) <= set(domain.data)
    assert set(domain.data) - set(DOCUMENT_TABLES) == {"objects", "shown", "version"}


def test_clear_doc_empties_every_document_table_of_that_document_only(tmp_path: Path):
    domain = _domain(tmp_path, "clear")
    for name in DOCUMENT_TABLES:
        domain.data[name].update({"gone": f"{name} of gone", "kept": f"{name} of kept"})
    domain.objects["actor", "person", "x"] = ObjectRecord("gone", "actor-x", "X", "X")
    domain.clear_doc("gone")
    assert {name: dict(domain.data[name]) for name in DOCUMENT_TABLES} == {
        name: {"kept": f"{name} of kept"} for name in DOCUMENT_TABLES
    }
    assert domain.objects == {}


def test_merge_takes_every_document_table_of_the_merged_documents(tmp_path: Path):
    main = _domain(tmp_path, "main")
    worker = _domain(tmp_path, "worker")
    for name in DOCUMENT_TABLES:
        worker.data[name].update({"read": f"{name} of read", "other": f"{name} of other"})
    main.merge_domaindata({"read"}, worker.data)
    assert {name: dict(main.data[name]) for name in DOCUMENT_TABLES} == {
        name: {"read": f"{name} of read"} for name in DOCUMENT_TABLES
    }
    assert main.texts_changed
