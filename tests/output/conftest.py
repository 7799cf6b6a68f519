"""The edition's outputs, built once per test session from ``docs/`` into a temporary directory.

The builds run ``sphinx-build -M`` as ``nox -s pdf`` and ``nox -s epub`` do, with a fixed
``SOURCE_DATE_EPOCH``.  Without TeX Live (or Java and epubcheck) the tests that need them
skip locally and fail in CI (see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotated_reader.core.project import Project, load_project

from ..conftest import DOCS, IN_CI, require
from .pdftext import Stream, Word, read_words

SOURCE_DATE_EPOCH = "1700000000"
"""14 November 2023, 22:13:20 UTC."""
PDF_NAME = "kasachstan-russland-2022.pdf"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
TEX_PROGRAMS = ("make", "latexmk", "xelatex", "xindy", "pdftotext", "pdfinfo")


def sphinx_build(target: str, build_dir: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -M <target> docs <build_dir> -nW --keep-going``; fails on any warning."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "sphinx", "-M", target, str(DOCS), str(build_dir), "-nW", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, (
        f"{' '.join(command)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    )
    return result


@dataclass
class PdfBuild:
    """A built PDF and what the tests read from it."""

    latex_dir: Path
    pdf: Path
    words: list[Word]
    stream: Stream

    @property
    def log(self) -> str:
        return self.pdf.with_suffix(".log").read_text("utf-8", errors="replace")

    def page_text(self, page: int) -> str:
        return " ".join(word.text for word in self.words if word.page == page)


def build_pdf(build_dir: Path) -> Path:
    require(*TEX_PROGRAMS)
    sphinx_build("latexpdf", build_dir)
    pdf = build_dir / "latex" / PDF_NAME
    assert pdf.is_file(), sorted(path.name for path in (build_dir / "latex").iterdir())
    return pdf


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    pdf = build_pdf(tmp_path_factory.mktemp("pdf"))
    words = read_words(pdf)
    return PdfBuild(pdf.parent, pdf, words, Stream(words))


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp("html")
    sphinx_build("html", build_dir)
    return build_dir / "html"


@pytest.fixture(scope="session")
def epub_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp("epub")
    sphinx_build("epub", build_dir)
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
def project() -> Project:
    """The edition's texts and registries, loaded by the core (no Sphinx)."""
    loaded = load_project(DOCS)
    assert loaded.texts, "the edition has no texts"
    return loaded
