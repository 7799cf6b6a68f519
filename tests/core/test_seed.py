import unicodedata
from pathlib import Path

import pytest
from annotated_reader.core.problems import ProblemKind
from annotated_reader.core.seed import is_heading, parse_seed, read_seed
from annotated_reader.core.textio import decode

from ..conftest import ARTICLE_SEED

SEED = (
    " date 2022-09 Erster Absatz. Mit zwei Sätzen.\n\nEine Überschrift\n\nZweiter Absatz:\nmit zwei Zeilen.\n"
)


def test_metadata_and_blocks():
    seed = parse_seed(SEED, Path("s.txt"))
    assert seed.metadata == {"date": "2022-09"}
    assert [b.text for b in seed.blocks] == [
        "Erster Absatz. Mit zwei Sätzen.",
        "Eine Überschrift",
        "Zweiter Absatz:\nmit zwei Zeilen.",
    ]
    assert [b.heading for b in seed.blocks] == [False, True, False]
    assert [b.number for b in seed.blocks] == [1, None, 2]
    assert [b.line for b in seed.blocks] == [1, 3, 5]


def test_locations_count_the_metadata_on_the_first_line():
    seed = parse_seed(SEED, Path("s.txt"))
    assert (seed.location(0).line, seed.location(0).column) == (1, 15)
    offset = seed.body.index("mit zwei")
    assert (seed.location(offset).line, seed.location(offset).column) == (6, 1)


def test_heading_override_replaces_detection():
    seed = parse_seed(SEED, Path("s.txt"), headings=["Zweiter Absatz:\nmit zwei Zeilen."])
    assert [b.heading for b in seed.blocks] == [False, False, True]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Warum Kasachstan so wichtig für Russland ist", True),
        ("Antikriegshaltung aus innenpolitischer Sorge – aber nicht nur", True),
        ("Ein Satz.", False),
        ("„Ein Zitat“", False),
        ("Eine Frage?", False),
        ("x" * 200, False),
        ("Zwei\nZeilen", False),
    ],
)
def test_heading_detection(text, heading):
    assert is_heading(text) is heading


def test_the_article():
    seed, problems = read_seed(ARTICLE_SEED)
    assert problems == []
    assert seed.metadata == {"date": "2022-09"}
    assert len(seed.blocks) == 15
    assert [b.text for b in seed.blocks if b.heading] == [
        "Kasachstan weist keine russischen Reservisten aus",
        "Warum Kasachstan so wichtig für Russland ist",
        "Affront gegen Putin",
        "Antikriegshaltung aus innenpolitischer Sorge – aber nicht nur",
    ]
    assert seed.blocks[0].text.startswith("Lange schien")
    assert seed.blocks[-1].text.endswith("Nun versucht es, die Früchte dieser Arbeit zu ernten.“")


def variants(text: str) -> dict[str, bytes]:
    return {
        "plain": text.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "nfd": unicodedata.normalize("NFD", text).encode(),
    }


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "nfd"])
def test_bom_crlf_and_nfd_give_the_same_seed(variant):
    text = ARTICLE_SEED.read_text("utf-8")
    plain = parse_seed(decode(variants(text)["plain"], Path("s"))[0], Path("s"))
    other = parse_seed(decode(variants(text)[variant], Path("s"))[0], Path("s"))
    assert other.body == plain.body
    assert other.blocks == plain.blocks


def test_invalid_utf8_names_line_column_and_byte(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes("Erste Zeile\nZweite Zeile mit ü \xff und mehr\n".encode().replace(b"\xc3\xbf", b"\xff"))
    seed, problems = read_seed(path)
    (problem,) = problems
    assert problem.kind is ProblemKind.ENCODING
    assert (problem.location.line, problem.location.column) == (2, 20)
    assert problem.location.byte == 32
    assert "byte 32" in problem.message
    assert "\ufffd" in seed.body  # shown, not dropped


def test_control_characters_are_reported_and_kept(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Ein\x07Text.\n", "utf-8")
    seed, problems = read_seed(path)
    (problem,) = problems
    assert problem.kind is ProblemKind.ENCODING
    assert "U+0007" in problem.message
    assert (problem.location.line, problem.location.column) == (1, 4)
    assert "\x07" in seed.body


def test_missing_and_huge_files(tmp_path):
    _, problems = read_seed(tmp_path / "nope.txt")
    assert problems[0].message == "file not found"
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (10 * 1024 * 1024))
    seed, problems = read_seed(huge)
    assert seed is None
    assert "more than the limit" in problems[0].message
