"""Another Sphinx project links to the edition's actors through intersphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors


def build(srcdir: Path, builddir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_other_project_links_to_an_actor(tmp_path: Path, rootdir: Path):
    """The other project loads the extension for the ``ar`` domain; it needs no annotations."""
    edition = build(rootdir / "test-basic", tmp_path / "edition")
    inventory = Path(edition.outdir) / "objects.inv"
    other = tmp_path / "other"
    other.mkdir()
    extensions = ["sphinx.ext.intersphinx", "annotated_reader"]
    (other / "conf.py").write_text(
        f"extensions = {extensions!r}\n"
        f"intersphinx_mapping = {{'edition': ('https://example.org/edition/', {str(inventory)!r})}}\n",
        "utf-8",
    )
    (other / "index.rst").write_text(
        "Links\n=====\n\n:external+edition:ar:person:`hans-muster` and :external:ar:place:`atlantis`.\n",
        "utf-8",
    )
    app = build(other, tmp_path / "other-build")
    assert strip_colors(app.warning.getvalue()) == ""
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert 'href="https://example.org/edition/register/personen.html#actor-hans-muster"' in html
    assert 'href="https://example.org/edition/register/orte.html#actor-atlantis"' in html
