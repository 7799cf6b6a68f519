"""Render the pages of the book a typographer looks at first, as PNG images.

    python tools/book_pages.py docs/_build/latex/<book>.pdf test-artifacts

The pages are found by the PDF's bookmarks, not by number: the title page, the first
page of the first text and the one after it (running text and notes), the first page of
the glossary (the first chapter of the appendix) and of the registers.  ``nox -s pages``
builds the PDF and runs this.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import Destination

RESOLUTION = 110
"""Dots per inch: an A5 page becomes about 640 x 910 pixels."""


def chapter_pages(pdf: Path) -> list[tuple[str, int]]:
    """Title and first page (from 1) of each chapter, from the top level of the bookmarks."""
    reader = PdfReader(pdf)
    return [
        (str(item.title), reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if isinstance(item, Destination)
    ]


def pages_to_render(pdf: Path) -> dict[str, int]:
    """Image name → page number."""
    chapters = chapter_pages(pdf)
    titles = [title for title, _page in chapters]
    first_text = chapters[0][1]
    glossary = next((page for title, page in chapters if title == "Glossar"), chapters[1][1])
    registers = next(page for title, page in chapters if title == titles[-1])
    return {
        "book-1-title-page": 1,
        "book-2-text-first-page": first_text,
        "book-3-text-page-with-notes": first_text + 1,
        "book-4-glossary-first-page": glossary,
        "book-5-register-page": registers,
    }


def main(pdf: Path, outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for name, page in pages_to_render(pdf).items():
        target = outdir / name
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(RESOLUTION),
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(target),
            ],
            check=True,
        )
        print(f"{target}.png (page {page})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
