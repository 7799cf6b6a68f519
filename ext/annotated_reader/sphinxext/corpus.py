"""The registries of a build: found, loaded and checked once, before documents are read.

The loaded :class:`Corpus` lives on the domain for the length of one build (it is derived
from files, not from documents, so it is not pickled with the environment).  Parallel
readers are forked after it is loaded and share it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.annotations import Entry, Ref, Registry, load_registry, load_text_spec
from ..core.names import link_problem, name_problem, project_roots
from ..core.problems import Problem
from ..core.project import registry_sources
from ..core.render import (
    RegistryIndex,
    entry_markup,
    registry_problems,
    seed_path_problem,
    unused_registry_forms,
)
from ..core.seed import Seed, read_seed
from ..core.sources import source_problems, unsourced_problems
from ..core.textio import REPLACING_UTF8, decode
from .config import reader_config
from .domain import reader_domain
from .registry_cache import files_key, load_cached
from .report import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TEXT_SUFFIX = ".text.yaml"


@dataclass
class Corpus:
    """The registries of the project, with their forms indexed."""

    registry: Registry
    index: RegistryIndex
    roots: list[Path]
    _markup: dict[Ref, str] = field(default_factory=dict)

    def markup(self, entry: Entry) -> str:
        """An entry's definition or description as safe MyST."""
        if entry.ref not in self._markup:
            self._markup[entry.ref] = entry_markup(entry)[0]
        return self._markup[entry.ref]


def registry_paths(env: BuildEnvironment) -> list[Path]:
    """The registry files of the project, in a stable order."""
    srcdir = Path(env.srcdir)
    found: dict[Path, None] = {}
    for pattern in reader_config(env.config).registries:
        for path in sorted(srcdir.glob(pattern)):
            found.setdefault(path, None)
    return list(found)


def load_corpus(env: BuildEnvironment) -> tuple[Corpus, list[Problem]]:
    """Load and check the registries (never one reached through a symbolic link)."""
    config = reader_config(env.config)
    srcdir = Path(env.srcdir)
    paths, linked = [], []
    for path in registry_paths(env):
        relative = path.relative_to(srcdir).as_posix()
        problem = link_problem(path, srcdir) or name_problem(relative, path, what="registry file")
        if problem is None:
            paths.append(path)
        else:
            linked.append(problem)
    registry = load_registry(paths, config.actor_types)
    roots = project_roots(srcdir, config.seed_dirs)
    index = RegistryIndex(registry)
    problems = [*linked, *registry_problems(registry), *index.problems]
    problems.extend(source_problems(registry_sources(registry), config.source_policy))
    problems.extend(unsourced_problems(registry.entries.values(), policy=config.source_policy))
    return Corpus(registry, index, roots), problems


def corpus(env: BuildEnvironment) -> Corpus:
    """The corpus of the current build (loaded on first use)."""
    domain = reader_domain(env)
    if domain.corpus is None:
        # Kept between builds while the registry files and settings are unchanged (the
        # roots are looked up afresh: they depend on directories, not on those files).
        key = files_key(registry_paths(env), (str(env.srcdir), reader_config(env.config)))
        domain.corpus, problems = load_cached(env.doctreedir, key, lambda: load_corpus(env))
        domain.corpus.roots = project_roots(Path(env.srcdir), reader_config(env.config).seed_dirs)
        report(problems)
    return domain.corpus


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain = reader_domain(env)
    if not docnames:
        return
    problems = []
    for docname in docnames:
        path = env.doc2path(docname)
        try:
            _, found = decode(Path(path).read_bytes(), Path(path))
        except OSError:
            continue
        problems.extend(found)
    if problems:
        report(problems)
        # Sphinx would stop with a UnicodeDecodeError (and Sphinx 9 prints any error that
        # stops a build with a traceback): read on, the bytes shown as U+FFFD, as the core does.
        if codecs.lookup(env.config.source_encoding).name in ("utf-8", "utf-8-sig"):
            env.settings["input_encoding"] = REPLACING_UTF8
    domain.corpus = None
    corpus(env)
    if any(str(env.doc2path(docname)).endswith(TEXT_SUFFIX) for docname in docnames):
        domain.texts_changed = True


def _check_unused_forms(app: Sphinx, env: BuildEnvironment) -> None:
    domain = reader_domain(env)
    if not domain.texts_changed or not domain.texts:
        return
    used = set().union(*domain.forms_used.values())
    index = corpus(env).index
    if all(form in used for form in index.all_forms):
        return
    unreadable = [domain.unreadable[docname] for docname in sorted(domain.unreadable)]
    report(unused_registry_forms(index, used, _seeds(env, sorted(domain.texts)), unreadable))


def _seeds(env: BuildEnvironment, docnames: list[str]) -> list[Seed]:
    """The seeds of the texts, read again only to say where a near form occurs."""
    seeds = []
    for docname in docnames:
        spec, _problems = load_text_spec(Path(env.doc2path(docname)))
        if spec is not None and seed_path_problem(spec, corpus(env).roots, Path(env.srcdir)) is None:
            seed, _problems = read_seed(spec.seed, spec.headings)
            if seed is not None:
                seeds.append(seed)
    return seeds


def _listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Only the pages whose listings changed: editing a note's body rewrites no register.
    domain = reader_domain(env)
    return domain.stale_listings() if domain.texts_changed else []


def setup_corpus(app: Sphinx) -> None:
    """Load the registries before reading; check them after."""
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-check-consistency", _check_unused_forms)
    app.connect("env-get-updated", _listings_to_rewrite)
