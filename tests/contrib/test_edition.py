"""The edition described once: the Sphinx values it gives, and what is wrong with one."""

from __future__ import annotations

from pathlib import Path

from annotated_reader.core.problems import ProblemKind
from annotated_reader.edition import EDITION_KEYS, Edition, edition_problems, sphinx_settings
from annotated_reader.settings import read_conf

EDITION = {
    "title": "Zwei Texte",
    "subtitle": "annotierte Ausgabe",
    "editors": ["Erika Beispiel", "Max Muster", "Redaktion"],
    "year": 2026,
    "rights": "Annotationen: CC BY 4.0",
    "description": "Ein Bericht und ein Gesetz, erläutert.",
    "language": "de",
    "basename": "zwei-texte",
}


def test_every_edition_wide_value_comes_from_the_one_description():
    values = sphinx_settings(EDITION)
    assert values["project"] == "Zwei Texte"
    assert values["author"] == "Erika Beispiel, Max Muster und Redaktion"
    assert values["copyright"] == "2026, Erika Beispiel, Max Muster und Redaktion (Annotationen: CC BY 4.0)"
    assert values["html_title"] == values["epub_title"] == "Zwei Texte – annotierte Ausgabe"
    assert values["latex_documents"] == [("book", "zwei-texte.tex", "Zwei Texte", values["author"], "manual")]
    assert values["epub_basename"] == values["epub_identifier"] == values["epub_uid"] == "zwei-texte"
    assert values["epub_author"] == values["epub_publisher"] == values["author"]
    assert values["epub_copyright"] == values["copyright"]
    assert values["epub_description"] == "Ein Bericht und ein Gesetz, erläutert."
    assert values["language"] == "de"
    # Nothing names a text: a second text needs no change here.
    assert not any("Kurhaus" in str(value) for value in values.values())


def test_without_description_and_basename_the_defaults_are_german_and_never_unknown():
    values = sphinx_settings({"title": "Texte über Öl und Straßen", "editors": "Redaktion"})
    assert values["epub_description"] == "Texte über Öl und Straßen"
    assert "unknown" not in values.values()
    assert values["epub_basename"] == "texte-ueber-oel-und-strassen"
    assert values["copyright"] == "Redaktion"
    assert values["epub_publisher"] == "Redaktion"


def test_a_publisher_and_a_book_document_of_its_own():
    values = sphinx_settings({**EDITION, "publisher": "Verlag", "book": "buch"})
    assert values["epub_publisher"] == "Verlag"
    assert values["copyright"] == "2026, Verlag (Annotationen: CC BY 4.0)"
    assert values["latex_documents"][0][0] == "buch"


def test_a_broken_description_still_gives_values_never_an_exception():
    values = sphinx_settings({"title": 3, "editors": [None, "  "], "year": True})
    assert values["project"] == "" and values["author"] == ""
    assert values["epub_basename"] == "edition"
    assert isinstance(sphinx_settings("not a dict")["latex_documents"], list)  # type: ignore[arg-type]


def test_a_good_edition_has_no_problems():
    assert edition_problems(EDITION) == []
    assert Edition.from_mapping(EDITION).year == "2026"


def test_problems_are_typed_and_located_at_the_line_of_their_key(tmp_path):
    conf = tmp_path / "conf.py"
    source = (
        "project = 'x'\n"
        "annotated_reader_edition = {\n"
        "    'titel': 'Zwei Texte',\n"
        "    'editors': [],\n"
        "    'year': '20266',\n"
        "    'basename': 'Zwei Texte',\n"
        "}\n"
    )
    edition = {"titel": "Zwei Texte", "editors": [], "year": "20266", "basename": "Zwei Texte"}
    problems = {problem.message: problem for problem in edition_problems(edition, conf, source)}
    assert {problem.kind for problem in problems.values()} == {ProblemKind.SCHEMA}
    unknown = problems["annotated_reader_edition has no key 'titel'"]
    assert unknown.location.path == conf and unknown.location.line == 3
    assert "title" in unknown.suggestion
    no_title = problems["annotated_reader_edition has no 'title'"]
    assert no_title.location.line == 2  # no line names it: the edition's first line
    assert (
        problems["annotated_reader_edition['editors'] must be a non-empty list of names"].location.line == 4
    )
    assert problems["annotated_reader_edition['year'] is not a year: '20266'"].location.line == 5
    basename = problems["annotated_reader_edition['basename'] is not a safe file name: 'Zwei Texte'"]
    assert basename.location.line == 6
    assert str(basename).startswith(f"{conf}:6: ")


def test_not_a_dict_is_one_problem():
    (problem,) = edition_problems(["Zwei Texte"], Path("conf.py"))
    assert "must be a dict, not list" in problem.message


def test_every_key_is_documented_in_the_guide():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "wiederverwenden.md").read_text("utf-8")
    section = guide.split("## Die Ausgabe an einer Stelle", 1)[1].split("\n## ", 1)[0]
    for key in EDITION_KEYS:
        assert f"\n`{key}`\n: " in section, key


def test_check_reads_the_edition_from_conf_py_and_names_its_problems(tmp_path):
    (tmp_path / "conf.py").write_text(
        "from annotated_reader.edition import sphinx_settings\n"
        "annotated_reader_edition = {\n"
        "    'title': 'Zwei Texte',\n"
        "    'editors': ['Redaktion'],\n"
        "    'jahr': 2026,\n"
        "}\n"
        "globals().update(sphinx_settings(annotated_reader_edition))\n"
    )
    settings, errors = read_conf(tmp_path)
    assert settings.edition["title"] == "Zwei Texte"
    expected = f"{(tmp_path / 'conf.py').resolve()}:5: annotated_reader_edition has no key 'jahr'"
    assert errors == [f"{expected} (the keys are {', '.join(EDITION_KEYS)}) [schema]"]
