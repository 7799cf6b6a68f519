"""sphinx-design in an edition: under the safety rules, its assets per page, its tabs in the EPUB."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotated_reader.sphinxext.design import icon_classes_are_safe, uses_sphinx_design
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp

CONF = """\
extensions = ["myst_parser", "sphinx_design", "annotated_reader"]
language = "de"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""

HOSTILE = """\
# Karten

```{button-link} javascript:alert(1)
Klick
```

:::{card} Titel
:link: javascript:alert(2)

Text
:::

:::{card} Bild
:img-top: https://example.org/x.png

Text
:::

Ein Symbol {octicon}`heart;1em;x"onmouseover="alert(3)` und
{material-regular}`home;1em;a"><script>alert(4)</script><b"` und
{octicon}`heart;1em;sd-text-danger` (erlaubt).

:::{grid-item-card} Gitter
:class-card: x" onclick="alert(5)
:::

::::{tab-set}
:::{tab-item} Eins
:sync: x"onclick="alert(6)

Erster Inhalt.
:::
:::{tab-item} Zwei

Zweiter Inhalt.
:::
::::
"""

PLAIN = "# Schlicht\n\nNur Text.\n"
CARD = "# Karte\n\n:::{card} Titel\n\nText\n:::\n"


def write(srcdir: Path, pages: dict[str, str]) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, "utf-8")
    toctree = "\n".join(pages)
    (srcdir / "index.md").write_text(f"# Start\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8")
    for name, text in pages.items():
        (srcdir / f"{name}.md").write_text(text, "utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("design") / "src"
    write(srcdir, {"karten": HOSTILE, "schlicht": PLAIN, "karte": CARD})
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", freshenv=True)
    app.build()
    yield app
    app.cleanup()


def html(app, name: str) -> str:
    return (app.outdir / f"{name}.html").read_text("utf-8")


def test_links_and_images_of_components_go_through_the_safety_rules(hostile):
    warnings = hostile.warning.getvalue()
    assert "link target 'javascript:alert(1)' is not allowed" in warnings
    assert "link target 'javascript:alert(2)' is not allowed" in warnings
    assert "the image 'https://example.org/x.png' is not a file of the project" in warnings
    soup = BeautifulSoup(html(hostile, "karten"), "html.parser")
    assert not [a for a in soup.select("a[href]") if a["href"].startswith("javascript:")]
    assert not soup.select("img[src^=http]")


def test_icon_classes_that_are_not_class_names_are_shown_as_written(hostile):
    warnings = hostile.warning.getvalue()
    assert warnings.count("are not CSS class names") == 2
    assert "karten.md:" in warnings  # located
    page = html(hostile, "karten")
    soup = BeautifulSoup(page, "html.parser").select_one("[role=main]")
    assert not soup.select("script"), "a script reached the page's content"
    assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    refused = [code.get_text() for code in soup.select("code.ar-refused")]
    assert any("onmouseover" in text for text in refused)
    assert soup.select_one("svg.sd-octicon-heart.sd-text-danger") is not None  # valid classes pass
    assert "This page was withheld" not in page  # refused early, not by the last check


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("heart", True),
        ("heart;1em", True),
        ("heart;1em;sd-text-danger my_class", True),
        ('heart;1em;x"onmouseover="alert(1)', False),
        ("heart;1em;a><b", False),
        ("heart;1em;9lives", False),
    ],
)
def test_icon_classes(text, safe):
    assert icon_classes_are_safe(text) is safe


def test_tab_labels_are_valid_html(hostile):
    soup = BeautifulSoup(html(hostile, "karten"), "html.parser")
    labels = soup.select(".sd-tab-set > label")
    assert len(labels) == 2
    for label in labels:
        assert soup.select_one(f"input#{label['for']}") is not None  # names its radio button
        assert "aria-controls" not in label.attrs  # not allowed on a label of an input (Nu)


def test_sphinx_design_assets_only_on_pages_that_use_it(hostile):
    def assets(name: str) -> set[str]:
        soup = BeautifulSoup(html(hostile, name), "html.parser")
        hrefs = [link["href"] for link in soup.select("link[rel=stylesheet]")]
        hrefs += [script["src"] for script in soup.select("script[src]")]
        return {Path(href.split("?")[0]).name for href in hrefs}

    assert {"sphinx-design.min.css", "design-tabs.js"} <= assets("karten")  # cards and tabs
    assert "sphinx-design.min.css" in assets("karte")
    assert "design-tabs.js" not in assets("karte")  # no tabs
    assert not {"sphinx-design.min.css", "design-tabs.js"} & assets("schlicht")


def test_uses_sphinx_design():
    document = new_document("<test>")
    assert uses_sphinx_design(document) == (False, False)
    document += nodes.container(classes=["sd-card"])
    assert uses_sphinx_design(document) == (True, False)
    document += nodes.container(classes=["sd-tab-set"])
    assert uses_sphinx_design(document) == (True, True)
    assert uses_sphinx_design(None) == (False, False)


def test_tabs_in_the_epub_are_headings_over_their_content(tmp_path):
    srcdir = tmp_path / "src"
    write(srcdir, {"reiter": "# Reiter\n\n" + HOSTILE[HOSTILE.index("::::{tab-set}") :]})
    app = SphinxTestApp("epub", srcdir=srcdir, builddir=srcdir / "_build", freshenv=True)
    try:
        app.build()
        page = (app.outdir / "reiter.xhtml").read_text("utf-8")
    finally:
        app.cleanup()
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("input, label")  # EPUB's XHTML allows neither here
    assert [p.get_text() for p in soup.select(".ar-tabs .ar-tab-label")] == ["Eins", "Zwei"]
    assert "Erster Inhalt." in page and "Zweiter Inhalt." in page
    assert not soup.select("[class*=sd-tab]")
    assert "sphinx-design.min.css" not in page
