"""Live preview: sphinx-autobuild, with each rebuild forked from a warm process.

``python -m annotated_reader serve DOCS OUTDIR [sphinx-autobuild options]`` (what
``nox -s serve`` runs) is sphinx-autobuild with one change.  sphinx-autobuild starts a
new Python for every rebuild, which then imports Sphinx, docutils, MyST, the theme and this
extension again: about half of a rebuild after a one-line edit.  Here the server imports
them once, and every build runs in a process forked from it, so it starts warm and still
leaves nothing behind (each build is a process of its own, as before).  Where ``fork`` is
not available, builds run as sphinx-autobuild runs them.

Everything else (watching, serving, reloading the open page) is sphinx-autobuild's.  An
edit re-reads only the pages that depend on the edited file (see the developers' notes on
``env.note_dependency``).
"""

from __future__ import annotations

import importlib
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from sphinx_autobuild.build import Builder as AutobuildBuilder
    from sphinx_autobuild.utils import show_command, show_message
except ImportError:  # the serve extra is not installed; serve() says so
    AutobuildBuilder = object

WARM_MODULES = (
    "sphinx.application",
    "sphinx.builders.html",
    "sphinx.cmd.build",
    "sphinx.search.de",
    "sphinx.writers.html5",
    "docutils.parsers.rst",
    "myst_parser",
    "myst_parser.parsers.sphinx_",
    "myst_parser.mdit_to_docutils.sphinx_",
    "sphinx_design",
    "furo",
    "annotated_reader.sphinxext",
    "jsonschema",
    "babel.dates",
)
"""Modules imported once by the server; a missing one (another theme …) is skipped."""


def _preload() -> None:
    from sphinx.application import builtin_extensions

    for name in (*WARM_MODULES, *builtin_extensions):
        try:
            importlib.import_module(name)
        except ImportError:
            continue


def _build(args: list[str]) -> None:
    from sphinx.cmd.build import build_main

    sys.exit(build_main(args))


def _fork_build(args: Sequence[str]) -> int:
    """Run one Sphinx build in a child forked from this (warm) process; its exit code."""
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_build, args=(list(args),))
    process.start()
    process.join()
    return process.exitcode or 0


class WarmBuilder(AutobuildBuilder):  # type: ignore[misc]
    """sphinx-autobuild's builder, building in a forked child instead of a new Python.

    Defined at module level: sphinx-autobuild sends it to a worker process by pickling.
    """

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            super().__call__(changed_paths=changed_paths)
            return
        if changed_paths:
            names = ", ".join(path.name for path in changed_paths[:5])
            show_message(f"Detected changes ({names})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        show_command(["sphinx-build (forked)", *self.sphinx_args])
        status = _fork_build(self.sphinx_args)
        if status:
            print(f"Sphinx exited with exit code: {status}")
            print("The server will continue serving the build folder, but it is out of date.")
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


def serve(argv: Sequence[str]) -> int:
    """Run sphinx-autobuild with warm builds; ``argv`` are sphinx-autobuild's arguments."""
    try:
        import sphinx_autobuild.__main__ as autobuild
    except ImportError:
        print("the live preview needs sphinx-autobuild: pip install 'sphinx-annotated-reader[serve]'")
        return 1
    _preload()
    module: Any = autobuild
    module.Builder = WarmBuilder
    module.main(list(argv))
    return 0
