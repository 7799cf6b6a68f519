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

from .annotations import DEFAULT_ACTOR_TYPES, Registry, TextSpec, load_registry, load_text_spec
from .names import link_problem, name_problem, project_roots, walk_sources
from .problems import Problem
from .render import (
    AnnotatedText,
    RegistryIndex,
    annotate,
    registry_problems,
    seed_path_problem,
    unused_registry_forms,
)
from .seed import read_seed

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
) -> Project:
    """Load and check everything, as a build would."""
    refused, source_problems = walk_sources(srcdir, PAGE_SUFFIXES, _ignored)
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
        srcdir, registry, problems=[*source_problems, *linked, *registry_problems(registry), *index.problems]
    )
    roots = project_roots(srcdir, seed_dirs)
    used: set[str] = set()
    skipped = set(refused)
    for path in find_texts(srcdir):
        if path.relative_to(srcdir).as_posix() in skipped:
            continue  # reported by walk_sources: a link, or a name outside the safe set
        linked_text = symlink_problem(path, srcdir)
        if linked_text is not None:
            project.problems.append(linked_text)
            continue
        spec, problems = load_text_spec(path)
        project.problems.extend(problems)
        if spec is None:
            continue
        project.specs.append(spec)
        outside = seed_path_problem(spec, roots, srcdir)
        if outside is not None:
            project.problems.append(outside)
            continue
        seed, seed_problems = read_seed(spec.seed, spec.headings)
        project.problems.extend(located_seed_problems(spec, seed_problems))
        if seed is None:
            continue
        text = annotate(spec, seed, index)
        project.problems.extend(text.problems)
        project.texts.append(text)
        used |= text.registry_forms_used
    if project.texts:
        project.problems.extend(unused_registry_forms(index, used, [text.seed for text in project.texts]))
    return project
