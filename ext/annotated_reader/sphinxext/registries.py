"""The registries of a build: found, loaded and checked once, before documents are read.

The loaded :class:`BuildRegistries` lives on the domain for the length of one build (it is derived
from files, not from documents, so it is not pickled with the environment).  Parallel
readers are forked after it is loaded and share it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.annotate import RegistryIndex
from ..core.annotations import Entry, Ref, Registry, entry_markup
from ..core.diagnostics import unused_registry_forms
from ..core.names import project_roots
from ..core.pipeline import Registries, load_registries, read_text_seed, registry_paths
from ..core.problems import Problem
from ..core.seed import Seed
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
class BuildRegistries:
    """The registries of the project, with their forms indexed (see :func:`.core.pipeline.load_registries`)."""

    loaded: Registries
    seeds: dict[str, Seed] = field(default_factory=dict)
    """The seed of each text read by this process in this build, by docname (for hints)."""
    _markup: dict[Ref, str] = field(default_factory=dict)

    @property
    def registry(self) -> Registry:
        """The registry entries."""
        return self.loaded.registry

    @property
    def index(self) -> RegistryIndex:
        """The registry's forms, indexed."""
        return self.loaded.index

    @property
    def roots(self) -> list[Path]:
        """The directories seeds may be read from."""
        return self.loaded.roots

    def markup(self, entry: Entry) -> str:
        """An entry's definition or description as safe MyST."""
        if entry.ref not in self._markup:
            self._markup[entry.ref] = entry_markup(entry)[0]
        return self._markup[entry.ref]


def load_build_registries(env: BuildEnvironment) -> tuple[BuildRegistries, list[Problem]]:
    """Load and check the registries (never one reached through a symbolic link)."""
    config = reader_config(env.config)
    loaded = load_registries(
        Path(env.srcdir), config.registries, config.seed_dirs, config.actor_types, config.source_policy
    )
    registries = BuildRegistries(loaded)
    # Made now, so that the cached registries carry it: a rebuild's cards and registers then
    # take each entry's markup as it is, instead of sanitizing it again in every build.
    for entry in loaded.registry.entries.values():
        registries.markup(entry)
    return registries, loaded.problems


def build_registries(env: BuildEnvironment) -> BuildRegistries:
    """The registries of the current build (loaded on first use, or from the cache)."""
    domain = reader_domain(env)
    if domain.registries is None:
        # Kept between builds while the registry files and settings are unchanged (the
        # roots are looked up afresh: they depend on directories, not on those files).
        config = reader_config(env.config)
        srcdir = Path(env.srcdir)
        key = files_key(registry_paths(srcdir, config.registries), (str(srcdir), config))
        domain.registries, problems = load_cached(env.doctreedir, key, lambda: load_build_registries(env))
        domain.registries.loaded.roots = project_roots(srcdir, config.seed_dirs)
        report(problems)
    return domain.registries


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
    domain.registries = None
    build_registries(env)
    if any(str(env.doc2path(docname)).endswith(TEXT_SUFFIX) for docname in docnames):
        domain.texts_changed = True


def _check_unused_forms(app: Sphinx, env: BuildEnvironment) -> None:
    domain = reader_domain(env)
    if not domain.texts_changed or not domain.texts:
        return
    used = set().union(*domain.forms_used.values())
    index = build_registries(env).index
    if all(form in used for form in index.all_forms):
        return
    unreadable = [domain.unreadable[docname] for docname in sorted(domain.unreadable)]
    report(unused_registry_forms(index, used, _seeds(env, sorted(domain.texts)), unreadable))


def _seeds(env: BuildEnvironment, docnames: list[str]) -> list[Seed]:
    """The seeds of the texts, to say where a near form occurs.

    Those read by this process in this build are kept; only the others (texts not read again
    in an incremental build, or read by a parallel reader) are read here.
    """
    loaded = build_registries(env)
    seeds = []
    for docname in docnames:
        seed = loaded.seeds.get(docname) or read_text_seed(
            Path(env.doc2path(docname)), loaded.loaded, Path(env.srcdir)
        )
        if seed is not None:
            seeds.append(seed)
    return seeds


def _listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Only the pages whose listings changed: editing a note's body rewrites no register.
    domain = reader_domain(env)
    return domain.stale_listings() if domain.texts_changed else []


def setup_registries(app: Sphinx) -> None:
    """Load the registries before reading; check them after."""
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-check-consistency", _check_unused_forms)
    app.connect("env-get-updated", _listings_to_rewrite)
