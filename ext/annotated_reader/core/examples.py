"""Worked examples of problems: a small valid edition, and changes that break it.

The same examples are test inputs (each must give exactly its expected messages, and its
fix must give none) and the examples of the contributors' guide (which shows the broken
lines, the message as computed when the guide is built, and the fix).  An examples
directory looks like this::

    base/                    a valid edition: annotations/, texts/, seeds/
    <name>/example.yaml      kind, title and fix (annotation markup, in the site's language)
    <name>/broken/<path>     files that replace (or add to) those of base/
    <name>/fixed/<path>      the same files, fixed
    <name>/expected.txt      what ``check`` prints for broken/, one problem per line

An example with ``build: sphinx`` in its ``example.yaml`` shows a problem only a Sphinx
build can find (in a contributor's own page, say): its ``expected.txt`` holds the warnings
as Sphinx prints them, and the tests build it with Sphinx (this module cannot).

Paths in the messages are relative to the edition, as ``check`` prints them when run in
its directory.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .problems import Location, Problem, ProblemKind, sort_problems
from .project import load_project
from .textio import read_text_file
from .yaml_strict import load_yaml

BASE = "base"
Variant = Literal["broken", "fixed"]


@dataclass(frozen=True, slots=True)
class Example:
    """One example: a kind of problem, the files that cause it, and their fix."""

    name: str
    path: Path
    kind: ProblemKind
    title: str
    fix: str
    """How to fix it, as annotation markup."""
    files: tuple[str, ...]
    """Paths (relative to the edition) of the files that broken/ and fixed/ replace."""
    needs_sphinx: bool = False
    """Whether only a Sphinx build finds the problem (``build: sphinx``)."""

    def file(self, variant: Variant, relative: str) -> Path:
        """One file of the broken or fixed variant."""
        return self.path / variant / relative

    @property
    def expected(self) -> list[str]:
        """The lines ``check`` must print for the broken variant."""
        path = self.path / "expected.txt"
        return path.read_text("utf-8").splitlines() if path.is_file() else []


@dataclass(slots=True)
class Examples:
    """The examples of a directory, with the problems of the directory itself."""

    root: Path
    examples: list[Example] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: ProblemKind) -> list[Example]:
        """The examples of one kind, by name."""
        return [example for example in self.examples if example.kind is kind]


def load_examples(root: Path) -> Examples:
    """Every example under ``root`` (directories with an ``example.yaml``), by name."""
    found = Examples(root)
    if not (root / BASE).is_dir():
        found.problems.append(Problem(ProblemKind.FILE, Location(root), f"no '{BASE}' edition here"))
    for meta in sorted(root.glob("*/example.yaml")):
        example = _example(meta, found.problems)
        if example is not None:
            found.examples.append(example)
    return found


def _example(meta: Path, problems: list[Problem]) -> Example | None:
    source, read_problems = read_text_file(meta)
    problems.extend(read_problems)
    if source is None:
        return None
    document, yaml_problems = load_yaml(source.text, meta)
    problems.extend(yaml_problems)
    data = document.data if document is not None else None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("kind", "title", "fix")):
        problems.append(Problem(ProblemKind.SCHEMA, Location(meta, 1, 1), "needs kind, title and fix"))
        return None
    try:
        kind = ProblemKind(data["kind"])
    except ValueError:
        problems.append(Problem(ProblemKind.SCHEMA, Location(meta, 1, 1), f"unknown kind '{data['kind']}'"))
        return None
    build = data.get("build", "check")
    if build not in ("check", "sphinx"):
        problems.append(Problem(ProblemKind.SCHEMA, Location(meta, 1, 1), "'build' must be check or sphinx"))
        return None
    directory = meta.parent
    files = sorted(
        path.relative_to(directory / "broken").as_posix()
        for path in (directory / "broken").rglob("*")
        if path.is_file()
    )
    return Example(
        directory.name, directory, kind, data["title"], data["fix"], tuple(files), build == "sphinx"
    )


def materialise(examples: Examples, example: Example, variant: Variant, destination: Path) -> Path:
    """The base edition with the example's files of ``variant``, written to ``destination``."""
    edition = destination.resolve() / "edition"
    shutil.copytree(examples.root / BASE, edition)
    for relative in example.files:
        source = example.file(variant, relative)
        if source.is_file():
            target = edition / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return edition


def run_example(examples: Examples, example: Example, variant: Variant = "broken") -> list[Problem]:
    """The problems of the base edition with the example's files, paths relative to it.

    Empty for an example that only a Sphinx build can show (see :attr:`Example.needs_sphinx`).
    """
    if example.needs_sphinx:
        return []
    with tempfile.TemporaryDirectory(prefix="annotated-reader-example-") as directory:
        edition = materialise(examples, example, variant, Path(directory))
        project = load_project(edition)
        return [_relative(problem, edition) for problem in sort_problems(project.problems)]


def run_base(examples: Examples) -> list[Problem]:
    """The problems of the base edition itself (there should be none)."""
    project = load_project(examples.root / BASE)
    return [_relative(problem, examples.root / BASE) for problem in sort_problems(project.problems)]


def _relative(problem: Problem, root: Path) -> Problem:
    def inside(location: Location) -> Location:
        try:
            return replace(location, path=location.path.relative_to(root))
        except ValueError:
            return location

    prefix = f"{root}/"
    return replace(
        problem,
        location=inside(problem.location),
        message=problem.message.replace(prefix, ""),
        suggestion=problem.suggestion.replace(prefix, ""),
        related=tuple(inside(location) for location in problem.related),
    )
