"""The one pipeline from files to an annotated text, for every caller.

:func:`load_registries` finds, loads and checks the registry files once per build;
:func:`build_text` takes one text file through its stages: load the text file, check its
sources, check and read its seed, locate mentions and notes (:func:`.annotate.annotate`).
The command line (:mod:`.project`), the Sphinx parser and the Sphinx corpus loader call
these two and add only what their setting needs (walking a directory, noting Sphinx
dependencies, logging).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import AnnotatedText, RegistryIndex, annotate
from .annotations import (
    DEFAULT_ACTOR_TYPES,
    Registry,
    Source,
    TextSpec,
    load_registry,
    load_text_spec,
    registry_problems,
)
from .names import link_problem, name_problem, project_roots, seed_path_problem
from .problems import Location, Problem, ProblemKind, sort_problems
from .seed import Seed, read_seed
from .sources import SourcePolicy, source_problems, unsourced_problems


@dataclass
class Registries:
    """The registries of a project, loaded, indexed and checked."""

    registry: Registry
    index: RegistryIndex
    roots: list[Path]
    """The directories seeds may be read from (see :func:`.names.project_roots`)."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def dependencies(self) -> list[Path]:
        """The registry files read: every text depends on them."""
        return list(self.registry.files)


@dataclass
class TextResult:
    """One text through the pipeline: the annotated text, or why there is none."""

    text: AnnotatedText | None
    problems: list[Problem] = field(default_factory=list)
    dependencies: list[Path] = field(default_factory=list)
    """Every file read besides the text file itself: the registry files and the seed."""
    spec: TextSpec | None = None
    """The text file as loaded, if it could be."""
    failure: Problem | None = None
    """When there is no text: the first problem that stopped it (for the check of unused forms)."""

    @property
    def seed(self) -> Seed | None:
        """The seed read, if the text was annotated (its body phrases corpus-wide hints)."""
        return self.text.seed if self.text is not None else None


def registry_sources(registry: Registry) -> list[Source]:
    """Every source of every entry, in the order of the registry files."""
    return [source for entry in registry.entries.values() for source in entry.sources]


def text_sources(spec: TextSpec) -> list[Source]:
    """Every source of a text's notes."""
    return [source for note in spec.notes for source in note.sources]


def located_seed_problems(spec: TextSpec, problems: Sequence[Problem]) -> list[Problem]:
    """Problems of reading a seed, each with a line.

    Those without one (file not found, …) are put at the text file's ``seed`` field, which
    is where they are fixed.
    """
    return [
        problem
        if problem.location.line
        else Problem(
            problem.kind,
            spec.seed_location,
            f"seed '{os.path.normpath(problem.location.path)}': {problem.message}",
            problem.suggestion,
        )
        for problem in problems
    ]


def registry_paths(srcdir: Path, patterns: Sequence[str]) -> list[Path]:
    """The files the registry patterns (globs relative to ``srcdir``) match, in a stable order."""
    paths: dict[Path, None] = {}
    for pattern in patterns:
        for path in sorted(srcdir.glob(pattern)):
            paths.setdefault(path, None)
    return list(paths)


def load_registries(
    srcdir: Path,
    patterns: Sequence[str],
    seed_dirs: Sequence[str],
    actor_types: Iterable[str] = DEFAULT_ACTOR_TYPES,
    policy: SourcePolicy | None = None,
) -> Registries:
    """Find (``patterns``, globs relative to ``srcdir``), load and check the registry files.

    A file reached through a symbolic link or with an unsafe name is not read.
    """
    policy = policy or SourcePolicy()
    paths: dict[Path, None] = {}
    refused: list[Problem] = []
    for path in registry_paths(srcdir, patterns):
        relative = path.relative_to(srcdir).as_posix()
        problem = link_problem(path, srcdir) or name_problem(relative, path, what="registry file")
        if problem is None:
            paths.setdefault(path, None)
        elif problem not in refused:
            refused.append(problem)
    registry = load_registry(paths, actor_types)
    index = RegistryIndex(registry)
    problems = [*refused, *registry_problems(registry), *index.problems]
    problems.extend(source_problems(registry_sources(registry), policy))
    problems.extend(unsourced_problems(registry.entries.values(), policy=policy))
    return Registries(registry, index, project_roots(srcdir, seed_dirs), problems)


def build_text(
    path: Path,
    registries: Registries,
    srcdir: Path,
    policy: SourcePolicy | None = None,
    source: str | None = None,
) -> TextResult:
    """Load, check and locate one text file (``source``: its content, if already read)."""
    policy = policy or SourcePolicy()
    result = TextResult(None, dependencies=registries.dependencies)
    spec, problems = load_text_spec(path, source)
    result.problems, result.spec = problems, spec
    if spec is None:
        result.failure = (
            sort_problems(problems)[0]
            if problems
            else Problem(ProblemKind.FILE, Location(path), "unreadable")
        )
        return result
    problems.extend(source_problems(text_sources(spec), policy))
    problems.extend(unsourced_problems(notes=spec.notes, policy=policy))
    outside = seed_path_problem(spec, registries.roots, srcdir)
    if outside is not None:
        problems.append(outside)
        result.failure = outside
        return result
    result.dependencies.append(spec.seed)
    seed, seed_problems = read_seed(spec.seed, spec.headings)
    located = located_seed_problems(spec, seed_problems)
    problems.extend(located)
    if seed is None:
        result.failure = (
            sort_problems(located)[0]
            if located
            else Problem(ProblemKind.FILE, spec.seed_location, "unreadable seed")
        )
        return result
    result.text = annotate(spec, seed, registries.index)
    problems.extend(result.text.problems)
    return result


def read_text_seed(path: Path, registries: Registries, srcdir: Path) -> Seed | None:
    """The seed of a text file, if it may and can be read; no checks reported.

    For a caller that needs the seed of a text it did not build (see :class:`TextResult`).
    """
    spec, _problems = load_text_spec(path)
    if spec is None or seed_path_problem(spec, registries.roots, srcdir) is not None:
        return None
    return read_seed(spec.seed, spec.headings)[0]
