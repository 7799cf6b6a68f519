"""The live preview's builder: each build forked from the warm server process."""

from __future__ import annotations

import pickle

import pytest
from annotated_reader.__main__ import main


def test_warm_builder_builds_in_a_child_and_can_be_sent_to_a_worker(tmp_path, rootdir):
    pytest.importorskip("sphinx_autobuild")
    from annotated_reader.preview import WarmBuilder, _fork_build

    out = tmp_path / "html"
    args = [str(rootdir / "test-basic"), str(out), "-q", "-d", str(tmp_path / "doctrees")]
    builder = WarmBuilder(args, url_host="127.0.0.1:0", pre_build_commands=[], post_build_commands=[])
    # sphinx-autobuild hands the builder to a worker process by pickling it
    assert isinstance(pickle.loads(pickle.dumps(builder)), WarmBuilder)
    builder(changed_paths=())
    assert (out / "texts" / "atlantis.html").is_file()
    assert (out / "texts" / "atlantis.annotations.jsonld").is_file()
    assert _fork_build([str(tmp_path / "missing"), str(out), "-q"]) != 0


def test_serve_passes_its_options_to_sphinx_autobuild(monkeypatch):
    pytest.importorskip("sphinx_autobuild")
    import sphinx_autobuild.__main__ as autobuild

    seen = []
    monkeypatch.setattr(autobuild, "main", seen.append)
    monkeypatch.setattr(autobuild, "Builder", autobuild.Builder)  # restored after the test
    assert main(["serve", "--host", "127.0.0.1", "--port", "8001", "docs", "out"]) == 0
    assert seen == [["--host", "127.0.0.1", "--port", "8001", "docs", "out"]]
    from annotated_reader.preview import WarmBuilder

    assert autobuild.Builder is WarmBuilder
