"""``nox -s publish`` (tools/publish.py): the site with the PDF and the EPUB where its links point."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .conftest import PROJECT, require


@pytest.mark.latex
def test_publish_puts_the_pdf_and_the_epub_where_the_site_links_them(tmp_path):
    require("make", "latexmk", "xelatex", "xindy")
    out, build = tmp_path / "public", tmp_path / "build"
    result = subprocess.run(
        [sys.executable, str(PROJECT / "tools" / "publish.py"), str(out), "--build", str(build)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    pdfs, epubs = sorted(out.glob("*.pdf")), sorted(out.glob("*.epub"))
    assert len(pdfs) == 1 and len(epubs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF-")
    assert epubs[0].read_bytes()[:2] == b"PK"
    index = (out / "index.html").read_text("utf-8")
    links = set(re.findall(r'href="([^"]+\.(?:pdf|epub))"', index))
    assert links == {pdfs[0].name, epubs[0].name}
    article = next((out / "texts").glob("*.html")).read_text("utf-8")
    assert {f"../{pdfs[0].name}", f"../{epubs[0].name}"} <= set(
        re.findall(r'href="([^"]+\.(?:pdf|epub))"', article)
    )
    assert not (out / ".buildinfo").exists()
    assert not (out / "_sources").exists()


def test_a_link_to_a_missing_download_is_found(tmp_path):
    sys.path.insert(0, str(PROJECT / "tools"))
    try:
        from publish import broken_download_links
    finally:
        sys.path.remove(str(PROJECT / "tools"))
    (tmp_path / "texts").mkdir()
    (tmp_path / "book.pdf").write_bytes(b"%PDF-")
    (tmp_path / "index.html").write_text('<a href="book.pdf">PDF</a> <a href="book.epub">EPUB</a>', "utf-8")
    (tmp_path / "texts" / "a.html").write_text('<a href="../book.pdf">PDF</a>', "utf-8")
    assert broken_download_links(tmp_path) == ["index.html: book.epub"]
