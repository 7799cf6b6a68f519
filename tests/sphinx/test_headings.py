"""Headings: levels from the text file, and notes on headings named by their heading."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ..conftest import build_html as build
from ..conftest import copy_root

SEED = """date 1949-05 Grundgesetz

Präambel

Im Bewusstsein seiner Verantwortung hat sich das Volk dieses Grundgesetz gegeben.

I. Die Grundrechte

Artikel 1

Die Würde des Menschen ist unantastbar.

Artikel 2

Jeder hat das Recht auf die freie Entfaltung seiner Persönlichkeit.
"""

TEXT = """seed: ../seeds/gesetz.txt
title: Grundgesetz
headings:
  - Präambel
  - I. Die Grundrechte
  - {heading: Artikel 1, level: 3}
  - {heading: Artikel 2, level: 3}
notes:
  - id: praeambel
    quote: {exact: Präambel}
    title: Die Präambel
    date: 1949-05-23
    body: Sie steht vor den Artikeln.
  - id: artikel-eins
    quote: {exact: Artikel 1}
    title: Der erste Artikel
    date: 1949-05-24
    body: Er gilt unmittelbar.
"""


def edition(tmp_path: Path, text: str = TEXT) -> Path:
    root = copy_root("basic", tmp_path)
    (root / "seeds" / "gesetz.txt").write_text(SEED, "utf-8")
    (root / "texts" / "gesetz.text.yaml").write_text(text, "utf-8")
    index = root / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("texts/atlantis\n", "texts/atlantis\ntexts/gesetz\n"), "utf-8"
    )
    return root


def test_heading_levels_from_the_text_file_nest_the_sections(tmp_path):
    outdir, warnings = build(edition(tmp_path), tmp_path / "_build")
    assert warnings == ""
    page = BeautifulSoup((outdir / "texts" / "gesetz.html").read_text("utf-8"), "html.parser")
    main = page.select_one("[role=main]")
    part = next(h for h in main.select("h2") if "I. Die Grundrechte" in h.get_text())
    articles = part.parent.select("section > h3")
    assert [h.get_text().strip().startswith("Artikel") for h in articles] == [True, True]
    assert len(articles) == 2
    # The preamble stays a level-2 heading beside the part, not above it.
    assert any("Präambel" in h.get_text() for h in main.select("h2"))


def test_notes_on_headings_are_named_by_their_heading_in_the_timeline(tmp_path):
    outdir, _warnings = build(edition(tmp_path), tmp_path / "_build")
    timeline = BeautifulSoup((outdir / "zeitleiste.html").read_text("utf-8"), "html.parser")
    places = [link.get_text() for link in timeline.select(".ar-timeline a")]
    gesetz = [place for place in places if place.startswith("Grundgesetz")]
    assert gesetz == ["Grundgesetz, „Präambel“, Anm. 1", "Grundgesetz, „Artikel 1“, Anm. 2"]
    assert not any("raambel" in place and "„" not in place for place in places)


def test_a_heading_level_may_not_skip_a_level(tmp_path):
    skipping = TEXT.replace(
        "  - I. Die Grundrechte\n  - {heading: Artikel 1, level: 3}",
        "  - I. Die Grundrechte\n  - {heading: Artikel 1, level: 4}",
    )
    _outdir, warnings = build(edition(tmp_path, skipping), tmp_path / "_build")
    (warning,) = [line for line in warnings.splitlines() if "[annotated_reader.heading]" in line]
    assert "gesetz.text.yaml:6" in warning
    assert "a heading of level 4 follows one of level 2 (give it level 3" in warning
