"""Shared fixtures: Sphinx's testing fixtures, test roots, and tool requirements."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
ROOTS = TESTS / "roots"
DOCS = PROJECT / "docs"
SEEDS = PROJECT / "seeds"
ARTICLE_SEED = SEEDS / "2022-09-kasachstan-distanziert-sich-von-russland.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# `nox -s fast` (the contributor's loop): property tests draw a tenth of their examples.
FAST = os.environ.get("ANNOTATED_READER_FAST_TESTS") == "1"


def examples(count: int) -> int:
    """How many examples a property test draws: ``count``, or a tenth in the fast tier."""
    return max(count // 10, 20) if FAST else count


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>``."""
    return ROOTS


def require(*programs: str) -> None:
    """Skip when a program is missing, except in CI, where a missing program fails the test."""
    missing = [program for program in programs if shutil.which(program) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (see README: Debian packages)"
    if IN_CI:
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)


def copy_root(name: str, destination: Path) -> Path:
    """A writable copy of ``roots/test-<name>`` (for tests that edit files)."""
    target = destination / f"test-{name}"
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build_html(root: Path, out: Path) -> tuple[Path, str]:
    """A fresh HTML build of ``root`` into ``out``: the output folder and the warnings."""
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_colors

    app = SphinxTestApp("html", srcdir=root, builddir=out, freshenv=True)
    try:
        app.build()
        return Path(app.outdir), strip_colors(app.warning.getvalue())
    finally:
        app.cleanup()
