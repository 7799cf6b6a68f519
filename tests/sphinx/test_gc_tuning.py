"""The collector's tuning lasts exactly one build (``sphinxext/gc_tuning.py``)."""

from __future__ import annotations

import gc

from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def test_the_threshold_is_raised_for_the_build_and_restored_after(tmp_path):
    srcdir = copy_root("corpus", tmp_path)
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "_build", freshenv=True)
    app.connect("doctree-read", lambda app, doctree: during.append(gc.get_threshold()))
    try:
        app.build()
    finally:
        app.cleanup()
    assert during and all(threshold[0] == app.config.annotated_reader_gc_threshold for threshold in during)
    assert during[0][0] > before[0]
    assert gc.get_threshold() == before
