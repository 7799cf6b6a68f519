"""The domain's per-document tables: cleared and merged alike, from one declaration."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

from annotated_reader.sphinxext.domain import (
    DOCUMENT_TABLES,
    LISTED_TABLES,
    MentionRecord,
    ObjectRecord,
    reader_domain,
)
from annotated_reader.sphinxext.packed_table import PackedTable
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


def test_the_listed_tables_stay_packed_until_a_value_is_read(tmp_path: Path):
    """The environment loads each text's mentions, notes … as bytes, unpickled on first use."""
    domain = _domain(tmp_path, "packed")
    mentions = {f"text{number}": [MentionRecord("actor", f"id{number}", "p1", "1")] for number in range(3)}
    domain.mentions.update(mentions)
    for name in LISTED_TABLES:
        assert isinstance(domain.data[name], PackedTable)

    loaded = pickle.loads(pickle.dumps(domain.data))
    table = loaded["mentions"]
    assert table._values == {}  # nothing unpickled by loading the environment
    assert table["text1"] == mentions["text1"]
    assert set(table._values) == {"text1"}  # only what was read
    assert dict(table) == mentions
    assert copy.deepcopy(table) == table


def test_merge_takes_a_parallel_readers_packed_values_as_they_are(tmp_path: Path):
    main = _domain(tmp_path, "main")
    worker = _domain(tmp_path, "worker")
    worker.mentions["read"] = [MentionRecord("term", "x", "p2", "2")]
    worker.mentions["other"] = [MentionRecord("term", "y", "p3", "3")]
    # what a parallel reader sends back: its data, pickled
    sent = pickle.loads(pickle.dumps(worker.data))
    main.merge_domaindata({"read"}, sent)
    assert main.mentions._values == {}  # taken as bytes, not unpickled and pickled again
    assert dict(main.mentions) == {"read": [MentionRecord("term", "x", "p2", "2")]}
    main.mentions["read"] = []  # stored anew, not changed in place
    assert pickle.loads(pickle.dumps(main.mentions))["read"] == []
    del main.mentions["read"]
    assert "read" not in main.mentions and len(main.mentions) == 0
