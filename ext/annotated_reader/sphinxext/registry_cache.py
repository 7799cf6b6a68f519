"""The loaded registries kept between builds, as long as their files are unchanged.

Every build that reads a document loads, validates and indexes every registry file
(YAML, JSON Schema, the form index): after editing one note, that was a fifth of the
rebuild.  The result, with the problems found, is kept in the doctree directory beside
Sphinx's pickled environment, under a key made of the files (path, resolved path, size,
modification time, inode, mode: a file replaced, touched or turned into a link changes
it), the settings that loading reads, and the extension's version.  With the same key the
registries are unpickled instead of loaded; the problems are reported again, as a fresh
load would.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ..version import __version__

CACHE_FILE = "annotated-reader-registries.pickle"
FORMAT = 3
"""Bump when what loading produces changes shape."""

Loaded = TypeVar("Loaded")


def files_key(paths: Iterable[Path], settings: object) -> str:
    """A key that changes whenever one of the files or ``settings`` (by ``repr``) does."""
    parts: list[object] = [FORMAT, __version__, repr(settings)]
    for path in paths:
        try:
            stat = os.lstat(path)
        except OSError:
            parts.append((str(path), None))
            continue
        parts.append(
            (str(path), os.path.realpath(path), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_mode)
        )
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def load_cached(directory: str | os.PathLike[str], key: str, load: Callable[[], Loaded]) -> Loaded:
    """What ``load()`` returns, from ``directory`` if it was kept there under ``key``."""
    path = Path(directory) / CACHE_FILE
    with contextlib.suppress(Exception):  # a missing, old or damaged cache: load afresh
        with path.open("rb") as cache:
            kept_key, loaded = pickle.load(cache)  # our own file, like Sphinx's environment.pickle
        if kept_key == key:
            return loaded  # type: ignore[no-any-return]
    loaded = load()
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as cache:
            pickle.dump((key, loaded), cache, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)
    return loaded
