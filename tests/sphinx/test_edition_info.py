"""The imprint (``{ar:edition-info}``), and a text's author and rights on its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ..conftest import build_html as build
from ..conftest import copy_root


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_root("edition", tmp_path_factory.mktemp("imprint"))
    outdir, warnings = build(root, root / "_build")
    assert warnings == ""
    return outdir


def test_the_imprint_lists_the_edition_from_its_one_description(site):
    imprint = page(site, "ueber.html").select_one("dl.ar-edition-info")
    names = [dt.get_text(strip=True).rstrip(":") for dt in imprint.find_all("dt", recursive=False)]
    values = [dd.get_text(" ", strip=True) for dd in imprint.find_all("dd", recursive=False)]
    shown = dict(zip(names, values, strict=True))
    assert shown == {
        "Titel": "Zwei Texte",
        "Herausgegeben von": "Redaktion der Testausgabe",
        "Urheberrecht": "© 2026, Redaktion der Testausgabe (Annotationen)",
        "Beschreibung": "Ein Bericht und ein Auszug aus dem Grundgesetz, erläutert.",
    }


def test_the_imprint_lists_every_text_in_the_edition_s_order_with_author_and_rights(site):
    texts = page(site, "ueber.html").select("ul.ar-edition-texts > li")
    assert [item.find("a").get_text(strip=True) for item in texts] == [
        "Grundgesetz (Auszug)",
        "Streit um das Kurhaus",
    ]
    assert texts[0].find("a")["href"] == "texts/grundgesetz.html"
    law, report = (item.get_text(" ", strip=True) for item in texts)
    assert "Verfasst von" in law and "Parlamentarischer Rat" in law
    assert "Amtliches Werk, gemeinfrei (§ 5 UrhG)." in law
    assert "Der Wortlaut folgt der Fassung vom 23. Mai 1949." in law  # the provenance
    assert "Erika Beispiel" in report and "frei verwendbar" in report


def test_a_text_page_names_its_author_in_the_header_and_its_rights_in_the_details(site):
    header = page(site, "texts/grundgesetz.html").select_one("div.ar-text-info")
    assert header.select_one(".ar-ti-author").get_text(strip=True) == "Parlamentarischer Rat"
    details = header.select_one("details.ar-ti-about")
    assert details.select_one("summary").get_text(strip=True) == "Zusammenfassung, Herkunft und Rechte"
    assert "Rechte" in [dt.get_text(strip=True) for dt in details.select("dt")]
    assert "Amtliches Werk, gemeinfrei" in details.get_text()


def test_a_mistake_in_the_edition_is_reported_at_its_line_of_conf_py(tmp_path):
    root = copy_root("edition", tmp_path)
    conf = root / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('"editors":', '"editor":'), "utf-8")
    _outdir, warnings = build(root, root / "_build")
    line = next(n for n, text in enumerate(conf.read_text("utf-8").splitlines(), 1) if '"editor":' in text)
    assert f"conf.py:{line}: WARNING: annotated_reader_edition has no key 'editor'" in warnings
    assert "[annotated_reader.schema]" in warnings
    assert "annotated_reader_edition has no 'editors'" in warnings
    assert "Traceback" not in warnings
