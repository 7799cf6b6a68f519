"""Every kind of text reaches the PDF literally, hostile characters included.

The LaTeX build of a project whose seed, names, headwords, titles, sources and notes are
full of characters that mean something to LaTeX (and HTML, MyST, Jinja) is compiled with
xelatex, and ``pdftotext`` must find each of them, character for character.  (Whitespace is
left out of the comparison: LaTeX breaks lines where it likes, in names set in code type
even after a '/', and pdftotext writes each break as a space.)
"""

from __future__ import annotations

import os
import subprocess

import pytest

from ..conftest import require
from .cases import ACTORS, CASES, SEED, SPECIALS, Literal, yaml_quoted
from .harness import BASE, materialise, run_sphinx

PLAIN = "a < b & c {x} 100 % #1 ~2 ^3 $5 a\\b"


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.latex
def test_hostile_text_reaches_the_pdf_literally(tmp_path):
    require("latexmk", "xelatex", "xindy", "pdftotext", "make")
    (case,) = [case for case in CASES if case.id == "specials-in-plain-fields"]
    files = dict(case.files)
    seed = (BASE / SEED).read_text("utf-8")
    files[SEED] = seed.replace("Risse bekommen", "Risse bekommen: " + SPECIALS)
    files[ACTORS] = str(files[ACTORS]).replace(
        "description: Präsident.", f"description: {yaml_quoted(PLAIN)}"
    )
    files["conf.py"] = (BASE / "conf.py").read_text(
        "utf-8"
    ) + "project = 'hostile'\nlatex_engine = 'xelatex'\n"
    # The name itself is shown on the web only (the card); the book's appendix heads the
    # entry with the sort name, which case.literal holds for register.html.
    literals = [
        *(literal for literal in case.literal if literal.text != "Tokajew " + SPECIALS),
        Literal("", "Risse bekommen: " + SPECIALS),
        Literal("", PLAIN),
    ]

    srcdir = materialise(files, tmp_path)
    result = run_sphinx(srcdir, tmp_path / "_build", "latex")
    assert result.error is None and result.warnings == ""
    make = subprocess.run(
        ["make", "all-pdf"],
        cwd=result.outdir,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert make.returncode == 0, make.stdout[-3000:]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(result.outdir / "hostile.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown = _squeeze(text)
    missing = [literal.text for literal in literals if _squeeze(literal.text) not in shown]
    assert missing == []


def _pdf_text(tmp_path, files) -> tuple[str, str]:
    srcdir = materialise(files, tmp_path)
    result = run_sphinx(srcdir, tmp_path / "_build", "latex")
    assert result.error is None
    make = subprocess.run(
        ["make", "all-pdf"],
        cwd=result.outdir,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    pdf = result.outdir / "hostile.pdf"
    assert pdf.is_file(), make.stdout[-3000:]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.warnings, text.stdout


@pytest.mark.latex
@pytest.mark.parametrize("safe", [True, False], ids=["safe", "unsafe-control"])
def test_a_page_cannot_read_a_file_into_the_pdf(tmp_path, safe):
    """TeX in a page (raw LaTeX, math) would ``\\input`` any file; the control shows it would."""
    require("latexmk", "xelatex", "xindy", "pdftotext", "make")
    secret = tmp_path / "secret.tex"
    secret.write_text("Geheimnis4711\n", "utf-8")
    body = f"```{{raw}} latex\n\\input{{{secret}}}\n```\n\n{{math}}`\\input{{{secret}}}`"
    conf = (BASE / "conf.py").read_text("utf-8") + "project = 'hostile'\nlatex_engine = 'xelatex'\n"
    conf += f"annotated_reader_safe_pages = {safe}\n"
    warnings, text = _pdf_text(tmp_path, {"conf.py": conf, "seite.md": f"# Eine Seite\n\n{body}\n"})
    if safe:
        assert "the 'raw' directive is not allowed" in warnings
        assert "math is not allowed" in warnings
        assert "Geheimnis4711" not in text
        assert _squeeze(f"\\input{{{secret}}}") in _squeeze(text)
    else:
        assert "Geheimnis4711" in text
