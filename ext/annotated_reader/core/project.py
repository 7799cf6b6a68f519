"""A whole project checked without Sphinx: what ``python -m annotated_reader check`` does.

It finds the files the way the Sphinx extension does with its default configuration
(registries under ``annotations/``, texts as ``*.text.yaml`` anywhere in the source
directory, seeds under ``seeds/`` or ``../seeds/``), and runs every check of a build.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import DEFAULT_ACTOR_TYPES, Registry, Source, TextSpec, load_registry, load_text_spec
from .names import link_problem, name_problem, project_roots, walk_sources
from .problems import Location, Problem, ProblemKind, sort_problems
from .render import (
    AnnotatedText,
    RegistryIndex,
    annotate,
    registry_problems,
    seed_path_problem,
    unused_registry_forms,
)
from .seed import read_seed
from .sources import SourcePolicy, source_problems, unsourced_problems

DEFAULT_REGISTRIES = ("annotations/*.glossary.yaml", "annotations/*.actors.yaml")
DEFAULT_SEED_DIRS = ("seeds", "../seeds")
TEXT_PATTERN = "**/*.text.yaml"
PAGE_SUFFIXES = (".md", ".rst", ".text.yaml")
"""What ``check`` takes for pages (Sphinx's and MyST's suffixes, and text files), for the name check."""
IGNORED_DIRS = ("_build", ".nox", ".git", "node_modules")


@dataclass
class Project:
    """The registries and texts of a source directory, checked."""

    srcdir: Path
    registry: Registry
    texts: list[AnnotatedText] = field(default_factory=list)
    specs: list[TextSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def registry_sources(registry: Registry) -> list[Source]:
    """Every source of every entry, in the order of the registry files."""
    return [source for entry in registry.entries.values() for source in entry.sources]


def text_sources(spec: TextSpec) -> list[Source]:
    """Every source of a text's notes."""
    return [source for note in spec.notes for source in note.sources]


def find_texts(srcdir: Path) -> list[Path]:
    """Every text file under ``srcdir``, outside build and tool directories."""
    return sorted(
        path for path in srcdir.glob(TEXT_PATTERN) if not any(part in IGNORED_DIRS for part in path.parts)
    )


symlink_problem = link_problem
"""A problem if a path is reached through a symbolic link (see :func:`.names.link_problem`)."""


def _ignored(relative: str) -> bool:
    return any(part in IGNORED_DIRS for part in relative.split("/"))


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


def load_project(
    srcdir: Path,
    registries: Sequence[str] = DEFAULT_REGISTRIES,
    seed_dirs: Sequence[str] = DEFAULT_SEED_DIRS,
    actor_types: Sequence[str] = DEFAULT_ACTOR_TYPES,
    policy: SourcePolicy | None = None,
) -> Project:
    """Load and check everything, as a build would (``policy``: the edition's source policy)."""
    policy = policy or SourcePolicy()
    refused, refused_problems = walk_sources(srcdir, PAGE_SUFFIXES, _ignored)
    paths: dict[Path, None] = {}
    linked: list[Problem] = []
    for pattern in registries:
        for path in sorted(srcdir.glob(pattern)):
            relative = path.relative_to(srcdir).as_posix()
            problem = symlink_problem(path, srcdir) or name_problem(relative, path, what="registry file")
            if problem is None:
                paths.setdefault(path, None)
            elif problem not in linked:
                linked.append(problem)
    registry = load_registry(paths, actor_types)
    index = RegistryIndex(registry)
    project = Project(
        srcdir, registry, problems=[*refused_problems, *linked, *registry_problems(registry), *index.problems]
    )
    project.problems.extend(source_problems(registry_sources(registry), policy))
    project.problems.extend(unsourced_problems(registry.entries.values(), policy=policy))
    roots = project_roots(srcdir, seed_dirs)
    used: set[str] = set()
    skipped = set(refused)
    unreadable: list[Problem] = []
    """The first problem of each text that could not be read."""
    for path in find_texts(srcdir):
        if path.relative_to(srcdir).as_posix() in skipped:
            continue  # reported by walk_sources: a link, or a name outside the safe set
        linked_text = symlink_problem(path, srcdir)
        if linked_text is not None:
            project.problems.append(linked_text)
            unreadable.append(linked_text)
            continue
        spec, problems = load_text_spec(path)
        project.problems.extend(problems)
        if spec is None:
            unreadable.append(
                sort_problems(problems)[0]
                if problems
                else Problem(ProblemKind.FILE, Location(path), "unreadable")
            )
            continue
        project.specs.append(spec)
        project.problems.extend(source_problems(text_sources(spec), policy))
        project.problems.extend(unsourced_problems(notes=spec.notes, policy=policy))
        outside = seed_path_problem(spec, roots, srcdir)
        if outside is not None:
            project.problems.append(outside)
            unreadable.append(outside)
            continue
        seed, seed_problems = read_seed(spec.seed, spec.headings)
        located = located_seed_problems(spec, seed_problems)
        project.problems.extend(located)
        if seed is None:
            unreadable.append(
                sort_problems(located)[0]
                if located
                else Problem(ProblemKind.FILE, spec.seed_location, "unreadable seed")
            )
            continue
        text = annotate(spec, seed, index)
        project.problems.extend(text.problems)
        project.texts.append(text)
        used |= text.registry_forms_used
    if project.texts:  # with no text read, nothing can be said of the forms
        seeds = [text.seed for text in project.texts]
        project.problems.extend(unused_registry_forms(index, used, seeds, unreadable))
    return project
