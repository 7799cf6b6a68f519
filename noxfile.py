"""Development sessions of sphinx-annotated-reader.

    nox -s docs      build the site into docs/_build/html (fresh, -nW)
    nox -s tests     run the tests on every supported Python (CI=true: oldest and newest)
    nox -s fast      core, Sphinx and contributor tests only (no TeX, no browser): the quick loop
    nox -s lint      ruff and mypy (strict on ext/)
    nox -s check     validate the annotation files, print the coverage report; exit 1 on any problem
    nox -s serve     live preview on http://127.0.0.1:8000
    nox -s i18n      compile the message catalogs
    nox -s pdf       build the PDF into docs/_build/latex (XeLaTeX, latexmk, xindy)
    nox -s epub      build the EPUB into docs/_build/epub and check it with epubcheck
    nox -s pages     build the PDF and render five of its pages into test-artifacts/ (PNG)
    nox -s publish   HTML, PDF and EPUB in one folder ready to publish: docs/_build/publish
    nox -s bench     benchmark against plain Sphinx + MyST (about 20 minutes)

Default sessions: lint and tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
BUILD = DOCS / "_build"
SUPPORTED_PYTHONS = ["3.11", "3.12", "3.13"]
# CI (CI=true) tests the oldest and the newest (Sphinx 9.0 and the newest 9.x) and stays
# well under 30 minutes; locally every installed one is tested.
PYTHONS = (
    [SUPPORTED_PYTHONS[0], SUPPORTED_PYTHONS[-1]] if os.environ.get("CI") == "true" else SUPPORTED_PYTHONS
)


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
    """Run the test suite (browser checkers from npm: axe-core, vnu-jar, see package.json)."""
    session.install("-e", ".[test,docs,serve]")
    _npm_ci(session)
    session.run("pytest", *session.posargs)


@nox.session
def fast(session: nox.Session) -> None:
    """The contributor's loop: core, Sphinx and contributor tests, no TeX, no browser.

    Property tests draw a tenth of their examples; the full suite (``nox -s tests``) runs
    in CI. Extra arguments go to pytest.
    """
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "-m",
        "not latex and not browser",
        "tests/core",
        "tests/contrib",
        "tests/sphinx",
        *session.posargs,
        env={"ANNOTATED_READER_FAST_TESTS": "1"},
    )


def _npm_ci(session: nox.Session) -> None:
    """Install package-lock.json's pinned packages, once per lock file change.

    ``--ignore-scripts``: vnu-jar's install script would fetch a Java runtime; we use the
    system's Java 17.
    """
    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if shutil.which("npm") is None:
        session.warn("npm not found: the browser checks (axe, Nu HTML checker) will be skipped")
        return
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    session.run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", external=True)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format) and mypy (strict on ext/)."""
    # The serve extra too: the preview imports starlette and watchfiles, whose types mypy reads.
    session.install("-e", ".[test,serve]", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def check(session: nox.Session) -> None:
    """Validate all annotation files and texts, print the coverage report; exit 1 on any problem."""
    session.install("-e", ".")
    session.run("python", "-m", "annotated_reader", "check", "--report", str(DOCS), *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview: rebuilds on changes to seeds, annotations and the extension.

    sphinx-autobuild, with each rebuild forked from a process that has Sphinx and the
    extension imported already (annotated_reader.preview); tools/live_preview_timing.py
    measures it.
    """
    session.install("-e", ".[docs,serve]")
    session.run(
        "python",
        "-m",
        "annotated_reader",
        "serve",
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


# Debian packages for the PDF (README "Outputs"; .ci/run and .readthedocs.yaml install them).
TEX_PACKAGES = (
    "latexmk texlive-xetex texlive-lang-german texlive-latex-extra texlive-fonts-recommended "
    "fonts-freefont-otf xindy"
)
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def _missing_tex() -> list[str]:
    """What the PDF build needs and this machine lacks (programs, packages, the font)."""
    missing = [
        program for program in ("make", "latexmk", "xelatex", "xindy") if shutil.which(program) is None
    ]
    if shutil.which("kpsewhich"):
        for needed in ("imakeidx.sty", "polyglossia.sty", "hyph-de-1996.tex"):
            found = subprocess.run(["kpsewhich", needed], capture_output=True, text=True, check=False)
            if not found.stdout.strip():
                missing.append(needed)
    if shutil.which("fc-list"):
        fonts = subprocess.run(
            ["fc-list", "FreeSerif", "family"], capture_output=True, text=True, check=False
        )
        if not fonts.stdout.strip():
            missing.append("the font FreeSerif")
    return missing


def _source_date_epoch() -> dict[str, str]:
    """Date the outputs by the last commit (reproducible), unless SOURCE_DATE_EPOCH is set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return {"SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]}
    if shutil.which("git"):
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False
        )
        if commit.returncode == 0 and commit.stdout.strip():
            return {"SOURCE_DATE_EPOCH": commit.stdout.strip()}
    return {}


def _build_pdf(session: nox.Session) -> Path:
    """The PDF of docs/, built from scratch into docs/_build/latex; its path."""
    missing = _missing_tex()
    if missing:
        session.error(
            f"The PDF needs TeX Live; missing: {', '.join(missing)}.\n"
            f"On Debian or Ubuntu: sudo apt-get install make {TEX_PACKAGES}"
        )
    session.install("-e", ".[docs]")
    shutil.rmtree(BUILD / "latex", ignore_errors=True)
    session.run(
        "sphinx-build",
        "-M",
        "latexpdf",
        str(DOCS),
        str(BUILD),
        "-nW",
        "--keep-going",
        *session.posargs,
        env=_source_date_epoch(),
    )
    pdfs = sorted((BUILD / "latex").glob("*.pdf"))
    if len(pdfs) != 1:
        session.error(f"expected one PDF in {BUILD / 'latex'}, found {[p.name for p in pdfs]}")
    return pdfs[0]


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the PDF (XeLaTeX via latexmk, registers via xindy) into docs/_build/latex."""
    session.log(f"PDF: {_build_pdf(session)}")


ARTIFACTS = ROOT / "test-artifacts"


@nox.session
def pages(session: nox.Session) -> None:
    """Build the PDF and render the pages a typographer looks at first into test-artifacts/.

    The title page, the first page of the first text and the page after it (text and notes),
    the glossary's first page and the registers' first page, at 110 dpi (pdftoppm).
    """
    if shutil.which("pdftoppm") is None:
        session.error("pdftoppm is missing: sudo apt-get install poppler-utils")
    pdf = _build_pdf(session)
    session.install("pypdf")
    ARTIFACTS.mkdir(exist_ok=True)
    session.run("python", str(ROOT / "tools" / "book_pages.py"), str(pdf), str(ARTIFACTS))


@nox.session
def epub(session: nox.Session) -> None:
    """Build the EPUB into docs/_build/epub; check it with epubcheck when it is installed."""
    session.install("-e", ".[docs]")
    shutil.rmtree(BUILD / "epub", ignore_errors=True)
    session.run(
        "sphinx-build",
        "-M",
        "epub",
        str(DOCS),
        str(BUILD),
        "-nW",
        "--keep-going",
        *session.posargs,
        env=_source_date_epoch(),
    )
    books = sorted((BUILD / "epub").glob("*.epub"))
    if shutil.which("java") and EPUBCHECK.is_file():
        for book in books:
            session.run("java", "-jar", str(EPUBCHECK), "--failonwarnings", str(book), external=True)
    else:
        session.warn(f"epubcheck not run: install Debian's epubcheck and default-jre-headless ({EPUBCHECK})")
    for book in books:
        session.log(f"EPUB: {book}")


@nox.session
def publish(session: nox.Session) -> None:
    """The site with the PDF and the EPUB next to its start page, in docs/_build/publish.

    Where the site's download links point (tools/publish.py checks that they reach the files).
    """
    missing = _missing_tex()
    if missing:
        session.error(
            f"The PDF needs TeX Live; missing: {', '.join(missing)}.\n"
            f"On Debian or Ubuntu: sudo apt-get install make {TEX_PACKAGES}"
        )
    session.install("-e", ".[docs]")
    session.run(
        "python",
        str(ROOT / "tools" / "publish.py"),
        str(BUILD / "publish"),
        "--build",
        str(BUILD / "publish-build"),
        env=_source_date_epoch(),
    )


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
