"""The LaTeX support without a full build: index keys, xindy's options and its German order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinx
from annotated_reader.core.collation import german_sort_key, index_letter
from annotated_reader.sphinxext.latex import LATEX_DIR, PACKAGE, index_key, xindy_options

from ..conftest import require


def test_index_key_has_no_tex_commands_and_quotes_xindy_characters():
    assert index_key("Ex-Sowjetrepublik") == "Ex-Sowjetrepublik"
    assert index_key("A & B {x}_1 100 %") == "A B x 1 100"
    assert index_key('Hilfe! "Zitat" a@b c|d') == 'Hilfe"! ""Zitat"" a"@b c"|d'


def test_german_is_sorted_by_din_5007_1():
    options = xindy_options(SimpleNamespace(language="de"))  # type: ignore[arg-type]
    assert "-L german-duden" in options  # xindy's german-din5007 is DIN 5007-2 (Ä as Ae)
    assert options.endswith(f"-M sphinx.xdy -M {PACKAGE}.xdy")
    assert "-L english" in xindy_options(SimpleNamespace(language="en"))  # type: ignore[arg-type]


@pytest.mark.latex
def test_xindy_orders_umlauts_and_sharp_s_like_the_html_registers(tmp_path):
    """The registers' xindy call sorts Ä with A and ß as ss, as core.collation does."""
    require("xindy")
    words = [
        "Zoll",
        "Öl",
        "Ofen",
        "Ärger",
        "Abend",
        "Azur",
        "Müller",
        "Muller",
        "Straße",
        "Strasse",
        "Sanktion",
    ]
    shutil.copy(Path(sphinx.__file__).parent / "texinputs" / "sphinx.xdy", tmp_path)
    shutil.copy(LATEX_DIR / f"{PACKAGE}.xdy", tmp_path)
    idx = tmp_path / "words.idx"
    idx.write_text("".join(f"\\indexentry{{{w}@{w}}}{{{n}}}\n" for n, w in enumerate(words, 1)), "utf-8")
    options = xindy_options(SimpleNamespace(language="de")).split()  # type: ignore[arg-type]
    subprocess.run(["xindy", "-q", *options, "-o", "words.ind", "words.idx"], cwd=tmp_path, check=True)
    ind = (tmp_path / "words.ind").read_text("utf-8")
    listed = [
        line.split(",")[0].strip().removeprefix("\\item ") for line in ind.splitlines() if "\\item" in line
    ]
    assert listed == sorted(words, key=german_sort_key)
    groups = [line.strip() for line in ind.splitlines() if "\\lettergroup{" in line]
    letters = dict.fromkeys(index_letter(word) for word in sorted(words, key=german_sort_key))
    assert groups == [f"\\lettergroup{{{letter}}}" for letter in letters]  # Ärger under A, Öl under O


def test_printed_addresses_are_host_and_path():
    from annotated_reader.sphinxext.latex import printed_form

    assert printed_form("https://www.example.org/a/b%C3%BC/") == "www.example.org/a/bü"
    assert printed_form("http://example.org/?id=3") == "example.org?id=3"
    assert printed_form("mailto:redaktion@example.org") == "redaktion@example.org"


def test_addresses_break_after_slash_and_dot_and_before_separators_of_long_pieces():
    from annotated_reader.sphinxext.latex import LONG_PIECE, address_breaks

    pieces = address_breaks(
        "www.example.org/lokales/gemeinderat-vertagt-die-entscheidung-auf-den-herbst.html"
    )
    assert "".join(piece for piece, _before in pieces) == (
        "www.example.org/lokales/gemeinderat-vertagt-die-entscheidung-auf-den-herbst.html"
    )
    for (piece, before), (previous, _) in zip(pieces[1:], pieces, strict=False):
        assert (before == "/." and previous[-1] in "/.") or (before == "-" and piece[0] in "-_+=&")
    assert all(len(piece) <= LONG_PIECE + 1 for piece, _before in pieces)
    assert address_breaks("example.org/kurz-und-gut") == [
        ("example.", ""),
        ("org/", "/."),
        ("kurz-und-gut", "/."),
    ]


def test_editors_apostrophes_become_typographic():
    from annotated_reader.sphinxext.latex import typographic_apostrophes

    assert (
        typographic_apostrophes("Russlands, Belarus' und Kasachstans", "de")
        == "Russlands, Belarus’ und Kasachstans"
    )
    assert typographic_apostrophes("Spa town's council won't", "de") == "Spa town’s council won’t"
    assert (
        typographic_apostrophes("die 'Kurhaus A' bis 'Kurhaus C'", "de") == "die ‚Kurhaus A‘ bis ‚Kurhaus C‘"
    )
    assert typographic_apostrophes("'Hacked' post", "en") == "‘Hacked’ post"


def test_names_and_acronyms_of_the_registries_are_not_hyphenated():
    from annotated_reader.core.annotations import load_registry
    from annotated_reader.settings import ReaderSettings
    from annotated_reader.sphinxext.latex import unbreakable_words

    from ..conftest import ROOTS

    root = ROOTS / "test-edition" / "annotations"
    registry = load_registry(sorted(root.glob("*.yaml")), ReaderSettings().actor_types)
    words = unbreakable_words(registry)
    assert {"Wolkenkuckucksheimer", "Wolkenkuckucksheimers", "Achatzberger", "UNESCO", "Oberammergau"} <= set(
        words
    )
    assert "Welterbe" not in words  # a glossary term is hyphenated as a word
    assert all(word.isalpha() for word in words)  # nothing TeX would read as a command
