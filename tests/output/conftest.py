"""The outputs of every edition, built once per test session into a temporary directory.

Two editions: the reading edition in ``docs/`` and ``roots/test-edition`` (a news report and
a law with headings on two levels, notes on headings and the date on a heading line).
Every test of this folder runs for both and asserts what must hold for any edition,
computed from the edition's own files (its ``conf.py``, texts and registries).

The builds run ``sphinx-build -M`` as ``nox -s pdf`` and ``nox -s epub`` do, with a fixed
``SOURCE_DATE_EPOCH``.  Without TeX Live (or Java and epubcheck) the tests that need them
skip locally and fail in CI (see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from annotated_reader.core.project import Project, load_project

from ..conftest import DOCS, IN_CI, ROOTS, require
from .pdftext import Layout, Stream, Word, read_words

SOURCE_DATE_EPOCH = "1700000000"
"""14 November 2023, 22:13:20 UTC."""
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
TEX_PROGRAMS = ("make", "latexmk", "xelatex", "xindy", "pdftotext", "pdfinfo")
EDITIONS = {"docs": DOCS, "second": ROOTS / "test-edition"}


@dataclass
class Edition:
    """A Sphinx project that makes a book: where it is and what its ``conf.py`` says."""

    name: str
    srcdir: Path
    conf: dict[str, Any] = field(repr=False)

    @property
    def pdf_name(self) -> str:
        return str(Path(self.conf["latex_documents"][0][1]).with_suffix(".pdf"))

    @property
    def appendices(self) -> list[str]:
        return list(self.conf.get("latex_appendices", []))


def read_conf(srcdir: Path) -> dict[str, Any]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        return runpy.run_path(str(srcdir / "conf.py"))
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="session", params=list(EDITIONS))
def edition(request: pytest.FixtureRequest) -> Edition:
    srcdir = EDITIONS[request.param]
    return Edition(request.param, srcdir, read_conf(srcdir))


def sphinx_build(target: str, srcdir: Path, build_dir: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -M <target> <srcdir> <build_dir> -nW --keep-going``; fails on any warning."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-M",
        target,
        str(srcdir),
        str(build_dir),
        "-nW",
        "--keep-going",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, (
        f"{' '.join(command)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    )
    return result


@dataclass
class PdfBuild:
    """A built PDF and what the tests read from it."""

    edition: Edition
    latex_dir: Path
    pdf: Path
    words: list[Word]
    layout: Layout
    stream: Stream

    @property
    def log(self) -> str:
        return self.pdf.with_suffix(".log").read_text("utf-8", errors="replace")

    @property
    def aux(self) -> str:
        return self.pdf.with_suffix(".aux").read_text("utf-8")

    def page_text(self, page: int) -> str:
        return " ".join(word.text for word in self.words if word.page == page)


def build_pdf(edition: Edition, build_dir: Path) -> Path:
    require(*TEX_PROGRAMS)
    sphinx_build("latexpdf", edition.srcdir, build_dir)
    pdf = build_dir / "latex" / edition.pdf_name
    assert pdf.is_file(), sorted(path.name for path in (build_dir / "latex").iterdir())
    return pdf


@pytest.fixture(scope="session")
def pdf_build(edition: Edition, tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    pdf = build_pdf(edition, tmp_path_factory.mktemp(f"pdf-{edition.name}"))
    words = read_words(pdf)
    layout = Layout.from_aux(pdf.with_suffix(".aux"))
    return PdfBuild(edition, pdf.parent, pdf, words, layout, Stream(words, layout))


@pytest.fixture(scope="session")
def html_dir(edition: Edition, tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp(f"html-{edition.name}")
    sphinx_build("html", edition.srcdir, build_dir)
    return build_dir / "html"


@pytest.fixture(scope="session")
def epub_file(edition: Edition, tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp(f"epub-{edition.name}")
    sphinx_build("epub", edition.srcdir, build_dir)
    books = sorted((build_dir / "epub").glob("*.epub"))
    assert len(books) == 1, books
    return books[0]


def require_epubcheck() -> None:
    require("java")
    if not EPUBCHECK.is_file():
        message = f"needs epubcheck ({EPUBCHECK}; Debian package epubcheck)"
        if IN_CI:
            pytest.fail(f"{message}; CI must install it")
        pytest.skip(message)


@pytest.fixture(scope="session")
def project(edition: Edition) -> Project:
    """The edition's texts and registries, loaded by the core (no Sphinx)."""
    loaded = load_project(edition.srcdir)
    assert loaded.texts, "the edition has no texts"
    return loaded
