"""Remarks on entries that hold for one text: on that text's cards and in the register."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ..conftest import build_html as build
from ..conftest import copy_root

REMARKS = """remarks:
  - actor: stadtrat
    remark: Hier *der Stadtrat* genannt.
  - actor: mu
    remark: Wird hier nicht erwähnt.
"""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_a_remark_shows_on_the_texts_card_and_under_its_places_in_the_register(tmp_path):
    root = copy_root("basic", tmp_path)
    text = root / "texts" / "atlantis.text.yaml"
    text.write_text(text.read_text("utf-8").replace("notes:\n", REMARKS + "notes:\n", 1), "utf-8")
    with (root / "annotations" / "basic.actors.yaml").open("a", encoding="utf-8") as registry:
        registry.write(
            "  - id: mu\n    type: place\n    name: Mu\n    description: Eine Stadt.\n    forms: [Mu]\n"
        )
    outdir, warnings = build(root, tmp_path / "_build")
    card = soup(outdir / "texts" / "atlantis.html").select_one("#ar-card-actor-stadtrat")
    remark = card.select_one(".ar-remark")
    assert remark.get_text() == "In diesem Text: Hier der Stadtrat genannt."
    assert remark.select_one("em").get_text() == "der Stadtrat"
    entry = soup(outdir / "register" / "organisationen.html").select_one("#actor-stadtrat").parent
    assert "(Hier der Stadtrat genannt.)" in entry.select_one(".ar-mentions").get_text()
    # The registry's description stays as it is, for every text.
    assert "Das Parlament der Stadt." in entry.get_text()
    # A remark on an entry the text never mentions is shown nowhere: said so, at its line.
    (problem,) = [line for line in warnings.splitlines() if "its remark" in line]
    assert "atlantis.text.yaml:" in problem and "never mentions actor 'mu'" in problem
