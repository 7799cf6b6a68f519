"""The problem examples of the contributors' guide, run as tests.

Each example must give exactly the problems in its ``expected.txt`` (file, line, column,
message, suggestion, kind), and its fix must give none: so the guide never shows a
message the code no longer writes, nor a fix that does not work.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from annotated_reader.core.examples import load_examples, run_base, run_example
from annotated_reader.core.problems import ProblemKind

EXAMPLES_DIR = Path(__file__).parent / "examples"
EXAMPLES = load_examples(EXAMPLES_DIR)


def test_the_examples_directory_is_well_formed():
    assert EXAMPLES.problems == []
    assert len(EXAMPLES.examples) >= len(ProblemKind)


def test_the_base_edition_has_no_problems():
    assert [str(problem) for problem in run_base(EXAMPLES)] == []


@pytest.mark.parametrize("kind", list(ProblemKind), ids=lambda kind: kind.value)
def test_every_kind_of_problem_has_an_example(kind):
    assert EXAMPLES.of_kind(kind), f"add an example of '{kind.value}' under {EXAMPLES_DIR}"


CHECK_EXAMPLES = [example for example in EXAMPLES.examples if not example.needs_sphinx]


@pytest.mark.parametrize("example", CHECK_EXAMPLES, ids=lambda example: example.name)
def test_broken_example_gives_exactly_its_messages(example):
    problems = run_example(EXAMPLES, example, "broken")
    assert [str(problem) for problem in problems] == example.expected
    assert any(problem.kind is example.kind for problem in problems)
    # every problem is located at a line (and a column), and says how to fix it
    for problem in problems:
        assert problem.location.line > 0 and problem.location.column > 0, problem
        assert problem.suggestion or problem.kind is ProblemKind.SCHEMA, problem


@pytest.mark.parametrize("example", CHECK_EXAMPLES, ids=lambda example: example.name)
def test_fixed_example_has_no_problems(example):
    assert example.files, "an example replaces at least one file"
    for relative in example.files:
        assert example.file("fixed", relative).is_file(), f"{example.name}: fixed/{relative} is missing"
    assert [str(problem) for problem in run_example(EXAMPLES, example, "fixed")] == []


SPHINX_EXAMPLES = [example for example in EXAMPLES.examples if example.needs_sphinx]


def sphinx_warnings(example, variant, tmp_path):
    """The extension's warnings of a Sphinx build of the example, paths relative to it."""
    from annotated_reader.core.examples import materialise
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_colors

    edition = materialise(EXAMPLES, example, variant, tmp_path)
    app = SphinxTestApp("html", srcdir=edition, builddir=tmp_path / "_build", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    lines = strip_colors(app.warning.getvalue()).splitlines()
    return [line.replace(f"{edition}/", "") for line in lines if "[annotated_reader." in line]


@pytest.mark.parametrize("example", SPHINX_EXAMPLES, ids=lambda example: example.name)
def test_sphinx_example_gives_exactly_its_warnings(example, tmp_path):
    assert sphinx_warnings(example, "broken", tmp_path / "broken") == example.expected
    assert sphinx_warnings(example, "fixed", tmp_path / "fixed") == []
