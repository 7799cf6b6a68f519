"""A Sphinx extension that records when each phase of a build starts (benchmark only).

Loaded by the generated ``conf.py`` files when ``BENCH_PHASES_FILE`` is set; it writes
the phase times (seconds since the epoch, so the runner can subtract its own start) and the
documents read, as JSON.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

_marks: dict[str, float] = {}
_read: list[str] = []


def _mark(name: str) -> Any:
    def handler(*args: Any) -> None:
        _marks.setdefault(name, time.time())

    return handler


def _before_read(app: Any, env: Any, docnames: list[str]) -> None:
    _marks.setdefault("read", time.time())
    _read.extend(sorted(docnames))


def _finished(app: Any, exception: Exception | None) -> None:
    _marks["finished"] = time.time()
    Path(os.environ["BENCH_PHASES_FILE"]).write_text(json.dumps({"marks": _marks, "read": _read}), "utf-8")


def setup(app: Any) -> dict[str, Any]:
    """Connect the marks (late, so that other handlers of an event are timed before them)."""
    _marks["setup"] = time.time()
    app.connect("env-before-read-docs", _before_read, priority=900)
    app.connect("env-updated", _mark("read-done"), priority=900)
    app.connect("write-started", _mark("write"), priority=100)
    app.connect("build-finished", _finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
