"""The coverage report (``check --report``) on the example edition."""

from __future__ import annotations

import shutil

from annotated_reader.__main__ import main
from annotated_reader.core.annotations import Ref
from annotated_reader.core.coverage import coverage, format_report
from annotated_reader.core.project import load_project

from .test_examples import EXAMPLES, EXAMPLES_DIR

BASE = EXAMPLES_DIR / "base"


def test_coverage_of_the_base_edition():
    project = load_project(BASE)
    report = coverage(project)
    (text,) = report.texts
    assert text.title == "Atlantis tritt der Zollunion bei"
    assert text.mentions == len(project.texts[0].mentions) == 12
    counts = {item.ref: item.count for item in text.by_entry}
    assert counts[Ref("actor", "hanna-muster")] == 3  # "Hanna Muster", "Hanna Musters", "Die Bürgermeisterin"
    assert [item.count for item in text.by_entry] == sorted(counts.values(), reverse=True)
    assert text.paragraphs == (1, 2, 3)
    assert text.notes_per_paragraph == {1: 2, 2: 1, 3: 0}
    assert text.paragraphs_without_notes == (3,)
    assert text.notes_without_source == ("historischer-tag", "fischerei")
    assert text.unused_text_forms == ()
    assert report.unused_registry_forms == ()
    assert report.never_mentioned == ()
    assert [entry.ref.id for entry in report.without_source] == [
        "atlantis",
        "lemurien",
        "mu",
        "stadtrat-atlantis",
    ]


def test_unused_forms_and_unmentioned_entries_are_listed(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(BASE, edition)
    actors = edition / "annotations" / "beispiel.actors.yaml"
    actors.write_text(
        actors.read_text("utf-8")
        + "\n  - id: thule\n    type: place\n    name: Thule\n    description: Eine Insel.\n    forms: [Thule]\n",
        "utf-8",
    )
    text_file = edition / "texts" / "beispiel.text.yaml"
    text_file.write_text(
        text_file.read_text("utf-8").replace("[Die Bürgermeisterin]", "[Die Bürgermeisterin, Frau Muster]"),
        "utf-8",
    )
    report = coverage(load_project(edition))
    assert [(ref.id, form.text) for ref, form in report.unused_registry_forms] == [("thule", "Thule")]
    assert [entry.ref.id for entry in report.never_mentioned] == ["thule"]
    assert [(ref.id, form.text) for ref, form in report.texts[0].unused_text_forms] == [
        ("hanna-muster", "Frau Muster")
    ]
    printed = format_report(report)
    assert "forms never used in any text: 'Thule' (actor 'thule'," in printed
    assert "text forms never used: 'Frau Muster' (actor 'hanna-muster', line 14)" in printed


def test_check_report_prints_problems_then_report_and_keeps_the_exit_code(tmp_path, capsys, monkeypatch):
    example = next(example for example in EXAMPLES.examples if example.name == "unknown-id")
    edition = tmp_path / "edition"
    shutil.copytree(BASE, edition)
    for relative in example.files:
        shutil.copyfile(example.file("broken", relative), edition / relative)
    monkeypatch.chdir(edition)
    assert main(["check", "--report", "."]) == 1
    out = capsys.readouterr().out
    problems, report = out.split("\nCoverage report\n")
    assert problems.splitlines() == example.expected
    assert "mentions linked:" in report and "notes per paragraph: ¶1 2, ¶2 1, ¶3 0" in report

    monkeypatch.chdir(BASE)
    assert main(["check", "."]) == 0
    assert capsys.readouterr().out == ""
