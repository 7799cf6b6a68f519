"""A seed or annotation file with a BOM, CRLF or CR line ends, or in NFD builds exactly
like its plain NFC/LF version: same anchors, same links, same text, byte for byte."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from .cases import ACTORS, GLOSSARY, SEED, TEXT
from .harness import BASE, materialise, run_sphinx

UMLAUT_SEED = (
    "date 2022-09\n"
    "Präsident Tokajew über Rußland\n\n"
    "Präsident Tokajew sprach in Astana über die Eurasische Wirtschaftsunion.\n\n"
    "Gründe für den Kurs in Kasachstan\n\n"
    "Die Beziehung zu Russland hat Risse bekommen, sagte Tokajew.\n"
)
UMLAUT_NOTE = "notes:\n  - id: gruende\n    quote: {exact: Gründe für}\n    body: Über die Gründe.\n"


def plain_files() -> dict[str, str]:
    text = (BASE / TEXT).read_text("utf-8").split("notes:")[0] + UMLAUT_NOTE
    return {
        SEED: UMLAUT_SEED,
        TEXT: text,
        ACTORS: (BASE / ACTORS).read_text("utf-8"),
        GLOSSARY: (BASE / GLOSSARY).read_text("utf-8"),
    }


def bom(text: str) -> str:
    return "\ufeff" + text


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def cr(text: str) -> str:
    return text.replace("\n", "\r")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def everything(text: str) -> str:
    return bom(crlf(nfd(text)))


VARIANTS = {
    "seed-bom": ({SEED}, bom),
    "seed-crlf": ({SEED}, crlf),
    "seed-cr": ({SEED}, cr),
    "seed-nfd": ({SEED}, nfd),
    "all-files-bom-crlf-nfd": ({SEED, TEXT, ACTORS, GLOSSARY}, everything),
}


def test_the_variants_really_differ():
    files = plain_files()
    assert nfd(files[SEED]) != files[SEED]
    assert nfd(files[TEXT]) != files[TEXT]
    assert nfd(files[ACTORS]) != files[ACTORS]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plain")
    srcdir = materialise(plain_files(), tmp)
    result = run_sphinx(srcdir, tmp / "_build")
    assert result.warnings == ""
    return result


def render(srcdir) -> str:
    return subprocess.run(
        [sys.executable, "-m", "annotated_reader", "render", "texts/t.text.yaml", "--docs", "."],
        cwd=srcdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_same_pages_as_the_plain_version(variant, plain, tmp_path):
    names, change = VARIANTS[variant]
    files = {
        name: change(content).encode("utf-8") for name, content in plain_files().items() if name in names
    }
    srcdir = materialise({**plain_files(), **files}, tmp_path)
    result = run_sphinx(srcdir, tmp_path / "_build")
    assert result.warnings == ""
    assert result.pages.keys() == plain.pages.keys()
    for name, html in plain.pages.items():
        assert result.pages[name] == html, name
    assert render(srcdir) == render(plain.srcdir)
    page = plain.pages["texts/t.html"]
    assert 'id="p1"' in page and 'id="p2"' in page and 'id="grunde-fur-den-kurs-in-kasachstan"' in page
