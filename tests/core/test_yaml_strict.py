from pathlib import Path

import pytest
from annotated_reader.core.problems import ProblemKind
from annotated_reader.core.yaml_strict import MAX_DEPTH, load_yaml

PATH = Path("x.yaml")


def load(text: str):
    return load_yaml(text, PATH)


def test_every_scalar_stays_text():
    document, problems = load("a: no\nb: 1.10\nc: 2022-09-21\nd: ~\ne: true\nf:\n")
    assert problems == []
    assert document.data == {"a": "no", "b": "1.10", "c": "2022-09-21", "d": "~", "e": "true", "f": ""}


def test_positions_of_keys_and_values():
    document, _ = load("terms:\n  - id: eawu\n    forms: [EAWU, Eurasischen Wirtschaftsunion]\n")
    assert document.location(("terms", 0, "id")).line == 2
    assert document.location(("terms", 0, "id")).column == 9
    assert document.location(("terms", 0, "forms", 1)).line == 3
    assert document.location(("terms", 0, "forms"), key=True).column == 5
    # unknown paths fall back to the nearest known parent
    assert document.location(("terms", 0, "nope")).line == 2


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchor '&x' is not allowed"),
        (
            "a: !!python/object:os.system 1\n",
            1,
            "tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        ("a: !custom 1\n", 1, "tag '!custom' is not allowed"),
        ("a: [1, 2\n", 2, "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", 2, "one YAML document"),
        ("? [a]\n: 1\n", 1, "a key must be a plain name"),
        ("a:\n\tb: 1\n", 2, "YAML syntax error"),
    ],
)
def test_rejected_yaml(text, line, fragment):
    document, problems = load(text)
    assert document is None
    assert len(problems) == 1
    assert problems[0].kind is ProblemKind.YAML
    assert problems[0].location.line == line
    assert fragment in problems[0].message


def test_duplicate_key_is_reported_and_the_rest_still_read():
    document, problems = load("a: 1\nb: [2]\na: {c: 3}\nb: 4\nd: 5\n")
    assert document is not None
    assert document.data == {"a": "1", "b": ["2"], "d": "5"}
    assert [(p.kind, p.location.line, p.location.column) for p in problems] == [
        (ProblemKind.YAML, 3, 1),
        (ProblemKind.YAML, 4, 1),
    ]
    assert problems[0].message == "duplicate key 'a' (first at line 1); this one is ignored"
    assert problems[0].suggestion == "remove one of them, or merge them"


def test_an_ignored_duplicate_value_is_still_checked():
    document, problems = load("a: 1\na: &x 2\n")
    assert document is None
    assert [p.message for p in problems][-1] == "anchor '&x' is not allowed"


def test_alias_bomb_is_refused_at_the_first_alias():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    document, problems = load(bomb)
    assert document is None
    assert "anchor '&a'" in problems[0].message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5000])
def test_deep_nesting_is_an_error_not_a_recursion_error(depth):
    deep = "a: " + "[" * depth + "]" * depth + "\n"
    document, problems = load(deep)
    assert document is None
    assert "nesting" in problems[0].message


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(text):
    document, problems = load(text)
    assert document is None
    assert problems[0].kind is ProblemKind.FILE
    assert problems[0].message == "file is empty"


def test_a_blank_line_in_a_folded_value_is_a_paragraph_break():
    folded = "body: >-\n  one\n  line\n\n  second paragraph\n"
    literal = "body: |-\n  one\n  line\n\n  second\n"
    assert load(folded)[0].data["body"] == "one line\n\nsecond paragraph"
    assert load(literal)[0].data["body"] == "one\nline\n\nsecond"


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        # One key indented too far: not a colon in a value.
        ("terms:\n  - id: a\n    headword: X\n     forms: [X]\n", 4, "indented further than the line before"),
        (
            "terms:\n  - id: a\n    headword: Frau: X\n",
            3,
            'a value that contains ": " must be in double quotes',
        ),
        ("terms:\n  - id: a\n\theadword: X\n", 3, "indent with spaces, not tabs"),
        # PyYAML notices the missing colon on the next line; the hint points at the line itself.
        (
            "terms:\n  - id: a\n    headword X\n    forms: [X]\n",
            3,
            "a key needs a colon and a space after it",
        ),
        # An unclosed quotation mark is noticed at the end of the file; the hint names its line.
        (
            'terms:\n  - id: a\n    headword: "X\n    forms: [X]\n',
            3,
            'the quotation mark " opened on this line',
        ),
        ("terms:\n  - id: a\n    forms: [X, Y\n    headword: X\n", 4, "a list in brackets must end with ']'"),
    ],
)
def test_syntax_errors_point_at_their_cause(text, line, hint):
    _document, (problem,) = load(text)
    assert problem.kind is ProblemKind.YAML
    assert problem.location.line == line
    assert hint in problem.suggestion
