"""The collector's tuning lasts exactly one build (``sphinxext/gc_tuning.py``).

During the build the youngest generation's threshold is raised and what survives a full
collection is frozen; afterwards thresholds, callbacks and the frozen objects are as before.
"""

from __future__ import annotations

import gc

from annotated_reader.sphinxext import gc_tuning
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def test_survivors_of_a_full_collection_are_frozen_during_the_build_only(tmp_path, monkeypatch):
    srcdir = copy_root("corpus", tmp_path)
    before = gc.get_threshold()
    frozen_during: list[int] = []

    def full_collection_mid_build(app, doctree):
        gc.collect()  # a full collection: its survivors are set aside
        frozen_during.append(gc.get_freeze_count())

    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "_build", freshenv=True)
    app.connect("doctree-read", full_collection_mid_build)
    try:
        assert gc.get_threshold()[0] > before[0]
        assert gc_tuning._freeze_survivors in gc.callbacks
        app.build()
    finally:
        app.cleanup()
    assert frozen_during and all(count > 0 for count in frozen_during)
    assert gc.get_threshold() == before
    assert gc_tuning._freeze_survivors not in gc.callbacks
    assert gc.get_freeze_count() == 0
