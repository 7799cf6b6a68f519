from pathlib import Path

import pytest
from annotated_reader.core.problems import ProblemKind
from annotated_reader.core.schema import FileKind, validate
from annotated_reader.core.yaml_strict import load_yaml


def problems_of(text: str, kind: FileKind):
    document, problems = load_yaml(text, Path("f.yaml"))
    assert problems == []
    return validate(document, kind)


def test_valid_glossary():
    text = "terms:\n  - id: eawu\n    headword: X\n    forms: [X]\n    definition: Y\n"
    assert problems_of(text, FileKind.GLOSSARY) == []


def test_misspelt_field_gets_a_suggestion_at_the_key():
    text = "terms:\n  - id: eawu\n    headword: X\n    froms: [X]\n    definition: Y\n"
    problems = {p.message: p for p in problems_of(text, FileKind.GLOSSARY)}
    unknown = problems["unknown field 'froms'"]
    assert unknown.suggestion == "did you mean 'forms'?"
    assert (unknown.location.line, unknown.location.column) == (4, 5)
    assert "missing field 'forms' in '0'" not in problems
    assert any(m.startswith("missing field 'forms'") for m in problems)


def test_invalid_id_explains_the_rule():
    text = "terms:\n  - id: EAWU\n    headword: X\n    forms: [X]\n    definition: Y\n"
    (problem,) = problems_of(text, FileKind.GLOSSARY)
    assert problem.kind is ProblemKind.SCHEMA
    assert problem.location.line == 2
    assert "'id' must be lowercase ASCII letters" in problem.message


def test_wrong_type_names_both_types():
    text = "actors:\n  - id: a\n    type: person\n    name: A\n    description: B\n    forms: A\n"
    (problem,) = problems_of(text, FileKind.ACTORS)
    assert problem.message == "'forms' must be a list, not text 'A'"
    assert problem.location.line == 6


def test_date_requires_title():
    text = "seed: s.txt\nnotes:\n  - id: n\n    quote: {exact: x}\n    body: b\n    date: 2022-09-21\n"
    (problem,) = problems_of(text, FileKind.TEXT)
    assert problem.message == "field 'title' is required when 'date' is set"
    assert problem.location.line == 6


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "https://a b"])
def test_source_urls_must_be_web_addresses(url):
    text = f"terms:\n  - id: a\n    headword: X\n    forms: [X]\n    definition: Y\n    sources:\n      - {{title: T, publisher: P, url: '{url}'}}\n"
    (problem,) = problems_of(text, FileKind.GLOSSARY)
    assert "'url' must be a web address" in problem.message


def test_text_forms_need_actor_or_term():
    text = "seed: s.txt\nforms:\n  - forms: [x]\n"
    (problem,) = problems_of(text, FileKind.TEXT)
    assert "must name either an 'actor' or a 'term'" in problem.message
