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
