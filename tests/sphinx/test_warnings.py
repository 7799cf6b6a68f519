"""One broken input per warning subtype: the message, the file and the line under Sphinx."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotated_reader.core.problems import ProblemKind
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from ..conftest import copy_root

GLOSSARY = "annotations/basic.glossary.yaml"
ACTORS = "annotations/basic.actors.yaml"
TEXT = "texts/atlantis.text.yaml"
SEED = "seeds/atlantis.txt"


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        file = root / path
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def append(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return edit


@dataclass(frozen=True)
class Case:
    subtype: str
    edit: Callable[[Path], None]
    file: str
    line: int
    message: str


def remove(path: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / path).unlink()

    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


def break_seed(root: Path) -> None:
    path = root / SEED
    path.write_bytes(path.read_bytes().replace(b"Die Stadt", b"Die \xffStadt"))


CASES = [
    Case(
        "yaml",
        replace(GLOSSARY, "    headword: Zollunion\n", "    headword: Zollunion\n    headword: Zoll\n"),
        GLOSSARY,
        5,
        "duplicate key 'headword' (first at line 4)",
    ),
    Case(
        "schema",
        replace(ACTORS, "    name: Lemurien", "    nmae: Lemurien"),
        ACTORS,
        23,
        "unknown field 'nmae' (did you mean 'name'?)",
    ),
    Case(
        "duplicate-id",
        append(
            ACTORS, "  - id: atlantis\n    type: place\n    name: X\n    description: Y.\n    forms: [Xyz]\n"
        ),
        ACTORS,
        26,
        "actor 'atlantis' is defined twice (first at",
    ),
    Case(
        "unknown-id",
        replace(TEXT, "  - actor: stadtrat", "  - actor: stadrat"),
        TEXT,
        8,
        "no actor has the id 'stadrat' (did you mean 'stadtrat'?)",
    ),
    Case(
        "form-conflict",
        replace(GLOSSARY, "    forms: [Zollunion]", "    forms: [Zollunion, Lemurien]"),
        ACTORS,
        25,
        "form 'Lemurien' is listed for actor 'lemurien' and for term 'zollunion'",
    ),
    Case(
        "form-unused",
        replace(ACTORS, "    forms: [Lemurien]", "    forms: [Lemurien, Lemuria]"),
        ACTORS,
        25,
        "form 'Lemuria' (actor 'lemurien') does not occur in any text as a whole word",
    ),
    Case(
        "overlap",
        both(
            replace(GLOSSARY, "    forms: [Zollunion]", "    forms: [Zollunion, Die Stadt Atlantis]"),
            replace(ACTORS, "    forms: [Atlantis]", "    forms: [Atlantis, Atlantis & ihre]"),
        ),
        ACTORS,
        7,
        "'Atlantis & ihre' (actor 'atlantis') at atlantis.txt:1 crosses the longer 'Die Stadt Atlantis' "
        "(term 'zollunion', listed at basic.glossary.yaml:5)",
    ),
    Case(
        "quote-not-found",
        replace(TEXT, "exact: Hans Musters Rede", "exact: Hans Musters Reden"),
        TEXT,
        12,
        "the quote of note 'rede' is not in the text (closest passage, at atlantis.txt:5:1: "
        'exact: "Hans Musters Rede"; the text has "Rede" where you wrote "Reden")',
    ),
    Case(
        "quote-ambiguous",
        replace(TEXT, "exact: Hans Musters Rede", "exact: Atlantis"),
        TEXT,
        12,
        "the quote of note 'rede' occurs 4 times (atlantis.txt lines 1, 3, 5, 7)",
    ),
    Case(
        "markup",
        replace(TEXT, "body: Die Rede", "body: <b>Die</b> Rede"),
        TEXT,
        15,
        "raw HTML is not supported; it is shown literally",
    ),
    Case(
        "heading",
        append(TEXT, "headings: [Atlantis und Lemuria]\n"),
        TEXT,
        19,
        "no paragraph of the seed has exactly this text "
        '(closest paragraph, on atlantis.txt line 3: "Atlantis und Lemurien"',
    ),
    Case("encoding", break_seed, SEED, 1, "not valid UTF-8 at byte 18"),
    Case(
        "register-page",
        both(replace("index.md", "register/personen\n", ""), remove("register/personen.md")),
        TEXT,
        1,
        "mentions of persons (actor type 'person') in 1 text link nowhere",
    ),
    Case(
        "source-refused",
        replace(ACTORS, "https://example.org/kritias", "https://www.wikiwand.com/de/Kritias"),
        ACTORS,
        9,
        "'wikiwand.com' is on the list of refused source hosts",
    ),
    Case(
        "source-incomplete",
        replace(TEXT, "date: 1990-05-02}", "date: 1990-05-32}"),
        TEXT,
        18,
        "the source's date '1990-05-32' is not a real calendar date",
    ),
    Case(
        "safety",
        append("glossar.md", "\n```{raw} html\n<script>alert(1)</script>\n```\n"),
        "glossar.md",
        6,
        "the 'raw' directive is not allowed",
    ),
    Case(
        "file",
        replace(TEXT, "seed: ../seeds/atlantis.txt", "seed: ../seeds/atlantis-fehlt.txt"),
        TEXT,
        2,
        "the seed file '../seeds/atlantis-fehlt.txt' does not exist (did you mean \"../seeds/atlantis.txt\"?)",
    ),
    Case(
        "file-name",
        lambda root: (root / "Neue Seite.md").write_text("# Neue Seite\n", encoding="utf-8"),
        "Neue Seite.md",
        1,
        "the name of this page has the character(s) U+0020 'N' 'S'",
    ),
    Case(
        "limit",
        replace(TEXT, "seed: ../seeds/atlantis.txt", "seed: ../seeds/atlantis.txt\ntitle: " + "x" * 301),
        TEXT,
        3,
        "'title' has 301 characters, more than 300; it is not used",
    ),
]


def build(srcdir: Path, tmp_path: Path, **kwargs) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "_build", freshenv=True, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_every_subtype_has_a_case():
    assert {case.subtype for case in CASES} == {kind.value for kind in ProblemKind}


@pytest.mark.parametrize("case", CASES, ids=[case.subtype for case in CASES])
def test_warning_names_file_and_line(case: Case, tmp_path: Path):
    root = copy_root("basic", tmp_path)
    case.edit(root)
    warnings = strip_colors(build(root, tmp_path).warning.getvalue())
    tag = f"[annotated_reader.{case.subtype}]"
    matching = [line for line in warnings.splitlines() if tag in line and case.message in line]
    assert matching, f"no {tag} warning with {case.message!r} in:\n{warnings}"
    location = matching[0].split(": WARNING: ")[0]
    path = str(root / case.file)
    assert location.startswith(path + ":"), location
    if case.line:
        assert re.match(rf"{re.escape(path)}:{case.line}(:\d+)?$", location), location


def test_warnings_are_errors_under_w(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    replace(TEXT, "  - actor: stadtrat", "  - actor: stadrat")(root)
    app = SphinxTestApp("html", srcdir=root, builddir=tmp_path / "_build", freshenv=True, warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 1


def test_a_subtype_can_be_silenced(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    replace(TEXT, "  - actor: stadtrat", "  - actor: stadrat")(root)
    warnings = build(
        root, tmp_path, confoverrides={"suppress_warnings": ["annotated_reader.unknown-id"]}
    ).warning.getvalue()
    assert "unknown-id" not in warnings


def test_invalid_config_value_is_a_typed_warning(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    warnings = build(root, tmp_path, confoverrides={"annotated_reader_seed_dirs": 42}).warning.getvalue()
    assert "annotated_reader_seed_dirs must be a list of strings; using the default" in strip_colors(warnings)
    assert "[annotated_reader.config]" in warnings


def test_undecodable_text_file_is_reported_with_its_location_and_read_on(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    path = root / TEXT
    path.write_bytes(path.read_bytes().replace(b"title: Atlantis", b"title: \xc3Atlantis"))
    app = build(root, tmp_path)
    warnings = strip_colors(app.warning.getvalue())
    offset = path.read_bytes().index(b"\xc3A")
    assert f"{path}:3:8: WARNING: not valid UTF-8 at byte {offset} (bytes c3)" in warnings
    assert "[annotated_reader.encoding]" in warnings
    # Read on, the bad byte shown as U+FFFD (Sphinx 9 prints a traceback for an error that
    # stops the build, so the build does not stop; -W still fails it).
    assert "\ufffdAtlantis" in (app.outdir / "texts" / "atlantis.html").read_text("utf-8")


def test_a_broken_text_file_still_builds_a_page(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    (root / TEXT).write_text("seed: [not, a, path]\n", "utf-8")
    app = build(root, tmp_path)
    assert f"{root / TEXT}:1:7: WARNING: 'seed' must be text, not a list" in strip_colors(
        app.warning.getvalue()
    )
    assert (app.outdir / "texts" / "atlantis.html").is_file()


def test_a_text_that_cannot_be_read_comes_first_and_its_forms_are_folded_under_it(tmp_path):
    root = copy_root("basic", tmp_path)
    (root / "seeds" / "zweiter.txt").write_text("date 2021-06\nDie Stadt Poseidonia feiert.\n", "utf-8")
    with (root / ACTORS).open("a", encoding="utf-8") as registry:
        registry.write(
            "  - id: poseidonia\n    type: place\n    name: Poseidonia\n"
            "    description: Eine Stadt.\n    forms: [Poseidonia]\n"
        )
    (root / "texts" / "zweiter.text.yaml").write_text(
        "seed: ../seeds/zweiter.txt\ntitle: [Die Feier\n", "utf-8"
    )
    app = SphinxTestApp("html", srcdir=root, builddir=tmp_path / "_build", freshenv=True)
    try:
        app.build()
        lines = [line for line in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in line]
    finally:
        app.cleanup()
    ours = [line for line in lines if "annotated_reader." in line]
    assert "[annotated_reader.yaml]" in ours[0] and "zweiter.text.yaml:3" in ours[0]
    assert (
        "1 registry form is unused while this text cannot be read (it may occur there): 'Poseidonia'"
        in ours[1]
    )
    assert "zweiter.text.yaml:3" in ours[1]
    assert not any("does not occur in any text" in line for line in ours)


def test_the_hint_for_an_unused_form_reads_no_seed_again(tmp_path: Path, monkeypatch):
    # The seeds read while parsing phrase the hint; reading them again would be a second pass.
    import annotated_reader.sphinxext.registries as registries_module

    def read_again(*args):
        raise AssertionError("a seed read a second time")

    monkeypatch.setattr(registries_module, "read_text_seed", read_again)
    root = copy_root("basic", tmp_path)
    replace(ACTORS, "    forms: [Lemurien]", "    forms: [Lemurien, Lemuriens]")(root)
    warnings = strip_colors(build(root, tmp_path).warning.getvalue())
    unused = [line for line in warnings.splitlines() if "form 'Lemuriens'" in line]
    assert len(unused) == 1 and "atlantis.txt:" in unused[0]
