"""Nothing from the input reaches the .tex unescaped: names, index keys, other extensions' roles.

Each case is built with the safety rules for pages off (``annotated_reader_safe_pages``), so
that what is tested is the LaTeX side itself, the defence behind the rules: a document name
TeX cannot take, an index key made only of TeX's special characters, an icon name of
sphinx-design's ``{fas}`` role.  Each ends in a located warning and a .tex without the
injected TeX; the index key case is compiled, and xindy must not fail.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from ..conftest import require

HOSTILE_NAME = r"a}\input{^^2fetc^^2fhostname}\relax{"
"""A file name that would make TeX read a file of the build machine (F3 of issue 15)."""


def _add_to_toctree(app, entry: str) -> None:
    index = app.srcdir / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("texts/atlantis\n", f"texts/atlantis\n{entry}\n"), "utf-8"
    )


def _tex(app) -> str:
    (tex,) = sorted(app.outdir.glob("*.tex"))
    return tex.read_text("utf-8")


@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    srcdir="tex-safety-docname",
    freshenv=True,
    confoverrides={"annotated_reader_safe_pages": False, "latex_domain_indices": True},
)
def test_a_document_name_never_reaches_the_tex(app, warning):
    """A text named to inject TeX: left out of the book, its name in no index, a located warning."""
    texts = app.srcdir / "texts"
    (texts / f"{HOSTILE_NAME}.text.yaml").write_text(
        (texts / "atlantis.text.yaml").read_text("utf-8"), "utf-8"
    )
    _add_to_toctree(app, f"texts/{HOSTILE_NAME}")
    app.build(force_all=True)
    tex = _tex(app)
    assert "hostname" not in tex
    assert r"\input{" not in tex.replace(r"\input{sphinxmessages", "")
    assert "Atlantis" in tex  # the rest of the book is there
    assert re.search(r"\.text\.yaml:?\d*: WARNING: the document's name would write TeX", warning.getvalue())
    assert "[annotated_reader.safety]" in warning.getvalue()


@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    srcdir="tex-safety-domain-indices",
    freshenv=True,
    confoverrides={"annotated_reader_safe_pages": False, "latex_domain_indices": True},
)
def test_the_registers_domain_indices_stay_out_of_the_pdf(app):
    """The PDF prints its registers with pages; Sphinx's copies of them (with raw names) are not written."""
    app.build(force_all=True)
    tex = _tex(app)
    assert r"\sphinxstyleindexpageref" not in tex
    assert r"\sphinxARprintregister{ar-person}" in tex


@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    srcdir="tex-safety-icon",
    freshenv=True,
    confoverrides={
        "extensions": ["annotated_reader", "sphinx_design"],
        "sd_fontawesome_latex": True,
        "annotated_reader_safe_pages": False,
    },
)
def test_an_icon_name_never_reaches_the_tex(app, warning):
    """sphinx-design writes ``{fas}``'s name raw into ``\\faicon{…}``: a name that is not one is refused."""
    index = app.srcdir / "index.md"
    index.write_text(
        index.read_text("utf-8") + "\nZeichen: {fas}`x}\\input{/etc/hostname}\\relax{` und {fas}`book`.\n",
        "utf-8",
    )
    app.build(force_all=True)
    tex = _tex(app)
    assert "/etc/hostname" not in tex
    assert r"\faicon{book}" in tex  # a real icon stays
    assert re.search(r"index\.md:\d+: WARNING: the icon name .* is left out", warning.getvalue())


@pytest.mark.latex
@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    srcdir="tex-safety-index-key",
    freshenv=True,
    confoverrides={"annotated_reader_safe_pages": False, "latex_engine": "xelatex", "project": "keys"},
)
def test_an_index_key_of_tex_specials_is_a_warning_not_a_failing_xindy(app, warning):
    """``sort_name: "{}"`` leaves no key to sort by: sorted by the id, said where; the PDF is made."""
    require("latexmk", "xelatex", "xindy", "make")
    actors = app.srcdir / "annotations" / "basic.actors.yaml"
    text = actors.read_text("utf-8").replace("sort_name: Muster, Hans", 'sort_name: "{}"')
    actors.write_text(text, "utf-8")
    app.build(force_all=True)
    line = 1 + text[: text.index("- id: hans-muster")].count("\n")
    assert re.search(
        rf"basic\.actors\.yaml:{line}(:\d+)?: WARNING: the sort name '{{}}' of actor 'hans-muster' has no letter",
        warning.getvalue(),
    )
    assert r"\index[ar-person]{hans-muster@Hans Muster" in _tex(app).replace("\\sphinxhyphen{}", "-")
    make = subprocess.run(
        ["make", "all-pdf"],
        cwd=app.outdir,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert make.returncode == 0, make.stdout[-3000:]
    assert (app.outdir / "keys.pdf").is_file()
