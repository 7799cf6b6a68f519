"""LaTeX: the package with the reader's macros (paragraph numbers in the margin)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LATEX_DIR = Path(__file__).resolve().parent.parent / "latex"
PACKAGE = "sphinxannotatedreader"


def _copy_package(app: Sphinx) -> None:
    if app.builder.format == "latex":
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LATEX_DIR / f"{PACKAGE}.sty", Path(app.outdir) / f"{PACKAGE}.sty")


def setup_latex(app: Sphinx) -> None:
    """Load the package in the LaTeX preamble and copy it next to the .tex file."""
    app.add_latex_package(PACKAGE)
    app.connect("builder-inited", _copy_package)
