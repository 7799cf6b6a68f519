"""Messages that help: targeted cases beyond the examples of the guide."""

from __future__ import annotations

import shutil

from annotated_reader.core import suggest
from annotated_reader.core.problems import ProblemKind, sort_problems
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


def second_text(root, text_file: str) -> None:
    """A second text, with a form that only it uses."""
    (root / "seeds" / "zweiter.txt").write_text("date 2021-06\nDie Stadt Poseidonia feiert.\n", "utf-8")
    with (root / "annotations" / "beispiel.actors.yaml").open("a", encoding="utf-8") as registry:
        registry.write(
            "\n  - id: poseidonia\n    type: place\n    name: Poseidonia\n"
            "    description: Eine Stadt.\n    forms: [Poseidonia, Stadt Poseidonia]\n"
        )
    (root / "texts" / "zweiter.text.yaml").write_text(text_file, "utf-8")


def test_a_text_that_cannot_be_read_comes_first_with_what_follows_from_it_folded(tmp_path):
    root = edition(tmp_path)
    second_text(root, "seed: ../seeds/zweiter.txt\ntitle: [Die Feier\n")
    replace(
        root / "texts" / "beispiel.text.yaml", "historischen Tag", "historischen Tages"
    )  # a later problem
    problems = sort_problems(load_project(root).problems)
    assert problems[0].kind is ProblemKind.YAML and problems[0].location.path.name == "zweiter.text.yaml"
    folded = problems[1]
    assert folded.kind is ProblemKind.FORM_UNUSED and folded.caused_by == problems[0].location
    assert folded.message.startswith("2 registry forms are unused while this text cannot be read")
    assert "'Poseidonia'" in folded.message and "'Stadt Poseidonia'" in folded.message
    assert folded.suggestion == "fix the problem above first"
    # No form is reported on its own, and the other text's problem comes after the cause.
    assert [p for p in problems if p.kind is ProblemKind.FORM_UNUSED] == [folded]
    assert problems[2].location.path.name == "beispiel.text.yaml"


def test_a_missing_seed_folds_the_forms_of_its_text_too(tmp_path):
    root = edition(tmp_path)
    second_text(root, "seed: ../seeds/zweiterr.txt\ntitle: Die Feier\n")
    problems = sort_problems(load_project(root).problems)
    assert problems[0].kind is ProblemKind.FILE and "does not exist" in problems[0].message
    assert problems[1].caused_by == problems[0].location
    assert len(problems) == 2


def test_an_unused_form_inside_a_longer_word_names_that_word(tmp_path):
    root = edition(tmp_path)
    with (root / "annotations" / "beispiel.glossary.yaml").open("a", encoding="utf-8") as registry:
        registry.write(
            "\n  - id: buergermeister\n    headword: Bürgermeister\n    forms: [Bürgermeister]\n"
            "    definition: Das Oberhaupt einer Stadt.\n"
        )
    (problem,) = [p for p in load_project(root).problems if p.kind is ProblemKind.FORM_UNUSED]
    assert problem.suggestion.startswith(
        'it occurs only as part of the word "Bürgermeisterin", at beispiel.txt:5:23'
    )
    assert 'list "Bürgermeisterin" as a form if that is meant' in problem.suggestion
