"""Messages that help: targeted cases beyond the examples of the guide."""

from __future__ import annotations

import shutil

from annotated_reader.core import suggest
from annotated_reader.core.problems import ProblemKind
from annotated_reader.core.project import load_project

from ..core.test_render import make, note
from .test_examples import EXAMPLES_DIR


def edition(tmp_path):
    target = tmp_path / "edition"
    shutil.copytree(EXAMPLES_DIR / "base", target)
    return target


def replace(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_unknown_ids_after_an_unreadable_registry_point_at_it(tmp_path):
    root = edition(tmp_path)
    replace(
        root / "annotations" / "beispiel.actors.yaml", "name: Hanna Muster\n", "name: Frau: Hanna Muster\n"
    )
    problems = load_project(root).problems
    unknown = [p for p in problems if p.kind is ProblemKind.UNKNOWN_ID]
    assert [p.suggestion for p in unknown] == [
        "beispiel.actors.yaml could not be read; fix the problem reported there first"
    ]
    syntax = [p for p in problems if p.kind is ProblemKind.YAML]
    assert syntax[0].location.path.name == "beispiel.actors.yaml" and syntax[0].location.line == 6


def test_an_id_of_the_other_kind_says_which_key_to_write(tmp_path):
    root = edition(tmp_path)
    replace(root / "texts" / "beispiel.text.yaml", "  - actor: hanna-muster", "  - term: hanna-muster")
    (problem,) = [p for p in load_project(root).problems if p.kind is ProblemKind.UNKNOWN_ID]
    assert problem.message == "no term has the id 'hanna-muster'"
    assert problem.suggestion == "'hanna-muster' is an actor: write 'actor: hanna-muster'"
    assert problem.location.line == 13


def test_an_unknown_id_without_a_near_one(tmp_path):
    root = edition(tmp_path)
    replace(root / "texts" / "beispiel.text.yaml", "  - actor: hanna-muster", "  - actor: zzz")
    (problem,) = [p for p in load_project(root).problems if p.kind is ProblemKind.UNKNOWN_ID]
    assert problem.suggestion == "add it to an actor registry first"


def test_repeated_lines_are_named_once():
    assert suggest.line_list([4, 4, 9]) == "lines 4 (twice), 9"
    assert suggest.line_list([7, 7, 7]) == "line 7 (3 times)"
    text = make("Ja und ja und Ja.\n\nJa.", notes=[note("n", "Ja")])
    (problem,) = text.problems
    assert "occurs 3 times (seed.txt lines 1 (twice), 3)" in problem.message
    assert problem.suggestion.count("for the one at") == 3


def test_a_misspelt_registry_form_names_the_near_form_in_any_text(tmp_path):
    root = edition(tmp_path)
    replace(
        root / "annotations" / "beispiel.actors.yaml", "forms: [Hafenstadt Mu]", "forms: [Hafenstadt Muu]"
    )
    (problem,) = [p for p in load_project(root).problems if p.kind is ProblemKind.FORM_UNUSED]
    assert problem.suggestion == 'did you mean "Hafenstadt Mu"? it occurs at beispiel.txt:15:10'
