"""The sources: in each note, and once each in the list of sources, with links back."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def page(app, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{name}.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").select_one("[role=main]")


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_each_source_is_listed_once_with_every_place_that_cites_it(app):
    app.build()
    assert app.warning.getvalue() == ""
    listing = page(app, "quellen")
    entries = listing.select("li.ar-source-entry")
    addresses = [entry.select_one("a.ar-source")["href"] for entry in entries]
    assert sorted(addresses) == sorted(set(addresses))
    # Sorted by publisher, the German way.
    publishers = [entry.p.get_text().split(":")[0] for entry in entries]
    assert publishers == ["Atlantische Zeitung", "Beispielverlag", "Platon"]
    kritias = entries[2]
    cited_in = [(link.get_text(), link["href"]) for link in kritias.select(".ar-cited-in a")]
    # The note first, then the register entry that cites the same address.
    assert cited_in == [
        ("Anm. 1, Atlantis im Jahr 1990", "texts/atlantis.html#note-rede"),
        ("Orte: Atlantis", "register/orte.html#actor-atlantis"),
    ]
    assert "undatiert" in kritias.get_text() and "geprüft am 1. Dezember 2026" in kritias.get_text()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_the_links_back_reach_their_targets(app):
    app.build()
    outdir = Path(app.outdir)
    for link in page(app, "quellen").select(".ar-cited-in a"):
        target, _, anchor = link["href"].partition("#")
        assert BeautifulSoup((outdir / target).read_text("utf-8"), "html.parser").find(id=anchor), link


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_a_note_lists_its_sources_with_dates_in_words(app):
    app.build()
    note = page(app, "texts/atlantis").select_one("#note-rede")
    items = [item.get_text() for item in note.select(".ar-note-sources li")]
    assert items == [
        "Platon: „Kritias“, undatiert",
        "Atlantische Zeitung: „Die Rede des Bürgermeisters“, 2. Mai 1990",
    ]
    assert note.select_one(".ar-note-sources-label").get_text() == "Quellen"
