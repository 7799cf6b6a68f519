"""The collector's tuning lasts exactly one build, and it is frozen at exit (``sphinxext/gc_tuning.py``)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def test_the_threshold_is_raised_for_the_build_and_restored_after(tmp_path):
    srcdir = copy_root("corpus", tmp_path)
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
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
    assert gc.get_freeze_count() == frozen_before  # frozen only when the process exits


FREEZE_PROBE = """
import atexit, gc, sys
# Registered before the build: atexit runs hooks last-in first-out, so this one runs after
# the extension's and sees what it did.
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, flush=True))
from sphinx.cmd.build import build_main
sys.exit(build_main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("setting", "frozen"), [([], True), (["-D", "annotated_reader_freeze_at_exit=0"], False)]
)
def test_the_collector_is_frozen_when_the_process_exits_after_a_build(tmp_path, setting, frozen):
    srcdir = copy_root("basic", tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FREEZE_PROBE,
            "-b",
            "html",
            "-q",
            *setting,
            str(srcdir),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"frozen at exit: {frozen}" in result.stdout
