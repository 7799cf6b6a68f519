"""``check --impact``: what a change does to every text, before it is merged."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from annotated_reader.__main__ import main
from annotated_reader.core.impact import format_impact, impact
from annotated_reader.core.project import load_project

from .test_examples import EXAMPLES_DIR

ACTORS = "annotations/beispiel.actors.yaml"
TEXT = "texts/beispiel.text.yaml"


@pytest.fixture
def edition(tmp_path):
    root = tmp_path / "edition"
    shutil.copytree(EXAMPLES_DIR / "base", root)
    return root


def edit(root, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_new_registry_form_shows_every_link_it_makes(edition):
    before = load_project(edition).texts
    edit(edition, ACTORS, "forms: [Stadtrat von Atlantis]", "forms: [Stadtrat von Atlantis, Stadtrat]")
    after = load_project(edition).texts
    (change,) = impact(before, after)
    assert (change.sign, change.what, change.label, change.target) == (
        "+",
        "link",
        "Stadtrat",
        "actor 'stadtrat-atlantis'",
    )
    assert change.places == (("¶ 3", 1),)
    shown = format_impact([change])
    assert "+1 link to actor 'stadtrat-atlantis' as “Stadtrat” in beispiel.text.yaml: ¶ 3" in shown
    assert "belongs in that text file's 'forms'" in shown


def test_removed_links_and_added_removed_and_moved_notes(edition):
    before = load_project(edition).texts
    edit(edition, ACTORS, "forms: [Hanna Muster, Hanna Musters]", "forms: [Hanna Muster]")
    edit(edition, TEXT, 'exact: "hat am Montag beschlossen"', 'exact: "Die Regierung in Lemurien"')
    after = load_project(edition).texts
    changes = {(c.sign, c.what, c.label): c.places for c in impact(before, after)}
    assert changes[("-", "link", "Hanna Musters")] == (("¶ 2", 1),)
    assert changes[("~", "note", "beschluss")] == (("¶ 1", 1), ("¶ 2", 1))


def test_no_change_says_so(edition):
    texts = load_project(edition).texts
    assert impact(texts, texts) == []
    assert format_impact([]) == "Impact: no link or note changes in any text.\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_check_compares_with_the_last_commit(edition, capsys):
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(edition), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    edit(edition, ACTORS, "forms: [Stadtrat von Atlantis]", "forms: [Stadtrat von Atlantis, Stadtrat]")
    assert main(["check", "--impact", str(edition)]) == 0
    out = capsys.readouterr().out
    assert "+1 link to actor 'stadtrat-atlantis' as “Stadtrat” in beispiel.text.yaml: ¶ 3" in out
    assert main(["check", "--impact", "--against", "no-such-ref", str(edition)]) == 0
    assert "git cannot show 'no-such-ref'" in capsys.readouterr().err
