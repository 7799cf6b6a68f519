"""A whole project checked without Sphinx: what ``python -m annotated_reader check`` does.

It finds the files the way the Sphinx extension does with its default configuration
(registries under ``annotations/``, texts as ``*.text.yaml`` anywhere in the source
directory, seeds under ``seeds/`` or ``../seeds/``), and runs every check of a build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import AnnotatedText
from .annotations import DEFAULT_ACTOR_TYPES, Registry, TextSpec
from .diagnostics import unused_registry_forms
from .names import link_problem, walk_sources
from .pipeline import build_text, load_registries
from .problems import Problem
from .sources import SourcePolicy

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
    loaded = load_registries(srcdir, registries, seed_dirs, actor_types, policy)
    project = Project(srcdir, loaded.registry, problems=[*refused_problems, *loaded.problems])
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
        result = build_text(path, loaded, srcdir, policy)
        project.problems.extend(result.problems)
        if result.spec is not None:
            project.specs.append(result.spec)
        if result.text is None:
            if result.failure is not None:
                unreadable.append(result.failure)
            continue
        project.texts.append(result.text)
        used |= result.text.registry_forms_used
    if project.texts:  # with no text read, nothing can be said of the forms
        seeds = [text.seed for text in project.texts]
        project.problems.extend(unused_registry_forms(loaded.index, used, seeds, unreadable))
    return project
