"""Development sessions of sphinx-annotated-reader.

    nox -s docs      build the site into docs/_build/html (fresh, -nW)
    nox -s tests     run the tests on every supported Python
    nox -s lint      ruff and mypy (strict on ext/)
    nox -s check     validate the annotation files; exit 1 on any problem
    nox -s serve     live preview on http://127.0.0.1:8000
    nox -s i18n      compile the message catalogs
    nox -s bench     benchmark against plain Sphinx + MyST (about 20 minutes)

Default sessions: lint and tests.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
PYTHONS = ["3.11", "3.12", "3.13"]


def _pyenv_pythons() -> None:
    """Make pyenv's other Pythons visible to nox (``python3.12`` …) if pyenv has them."""
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if versions.is_dir():
        bins = [str(path / "bin") for path in sorted(versions.iterdir()) if (path / "bin").is_dir()]
        os.environ["PATH"] = os.pathsep.join([*bins, os.environ.get("PATH", "")])


_pyenv_pythons()


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site from scratch, warnings as errors."""
    session.install("-e", ".[docs]")
    shutil.rmtree(BUILD / "html", ignore_errors=True)
    shutil.rmtree(BUILD / "doctrees", ignore_errors=True)
    session.run(
        "sphinx-build",
        "-b",
        "html",
        "-nW",
        "--keep-going",
        "-d",
        str(BUILD / "doctrees"),
        str(DOCS),
        str(BUILD / "html"),
    )
    session.log(f"Open file://{BUILD / 'html' / 'index.html'}")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.install("-e", ".[test,docs]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format) and mypy (strict on ext/)."""
    session.install("-e", ".[lint,test]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def check(session: nox.Session) -> None:
    """Validate all annotation files and texts; exit 1 on any problem."""
    session.install("-e", ".")
    session.run("python", "-m", "annotated_reader", "check", str(DOCS))


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview: rebuilds on changes to seeds, annotations and the extension."""
    session.install("-e", ".[docs,serve]")
    session.run(
        "sphinx-autobuild",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--watch",
        str(ROOT / "seeds"),
        "--watch",
        str(ROOT / "ext" / "annotated_reader"),
        "--ignore",
        "*/_build/*",
        str(DOCS),
        str(BUILD / "serve"),
        *session.posargs,
    )


@nox.session
def i18n(session: nox.Session) -> None:
    """Compile the .po catalogs of the extension into .mo files."""
    session.install("babel")
    for po in (ROOT / "ext" / "annotated_reader" / "locale").glob("*/LC_MESSAGES/*.po"):
        session.run("pybabel", "compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "--use-fuzzy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against plain Sphinx + MyST: 1, 10, 100 and 1000 generated texts.

    Prints the tables and writes bench-results/ and docs/_benchmark/ (commit the latter).
    Options go after ``--``: ``nox -s bench -- --sizes 1,10,100`` for a quick run,
    ``nox -s bench -- profile 100`` for a profile of one build (pyinstrument).
    """
    session.install("-e", ".[docs]")
    if session.posargs[:1] == ["profile"]:
        session.install("pyinstrument")
    session.run("python", "-m", "bench", *session.posargs)
