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


def test_inlined_schemas_validate_like_the_referencing_ones():
    """The inlined schema (no $ref, for speed) finds exactly the errors of the original."""
    import json

    from annotated_reader.core.schema import SCHEMA_NAMES, inline_references, load_schema
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {schema["$id"]: schema for schema in map(load_schema, SCHEMA_NAMES)}
    registry = Registry().with_resources((key, Resource.from_contents(s)) for key, s in schemas.items())
    documents = {
        FileKind.TEXT: [
            {"seed": "s.txt", "date": "2022-9", "forms": [{"forms": ["x"], "actor": "A B"}]},
            {"seed": "", "notes": [{"id": "n", "quote": {"exact": ""}, "body": "b", "date": "x"}]},
            {"seed": "s.txt", "notes": [{"id": "n", "quote": {"exact": "q"}, "body": "b", "sources": [{}]}]},
        ],
        FileKind.ACTORS: [{"actors": [{"id": "a", "type": "person", "name": "", "forms": "A", "x": 1}]}],
        FileKind.GLOSSARY: [{"terms": [{"id": "-", "headword": "H\nx", "definition": "", "forms": [" a"]}]}],
    }
    for kind, cases in documents.items():
        original = Draft202012Validator(load_schema(kind.schema_name), registry=registry)
        inlined = inline_references(load_schema(kind.schema_name), schemas)
        assert "$ref" not in json.dumps(inlined)
        for document in cases:

            def errors(validator, document=document):
                return sorted(
                    (list(e.absolute_path), e.validator, e.message, e.schema.get("x-invalid", ""))
                    for e in validator.iter_errors(document)
                )

            found = errors(Draft202012Validator(inlined))
            assert found, document
            assert found == errors(original)
