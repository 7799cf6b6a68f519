r"""Names and places of files: which names may reach an output, and which files may be read.

A file's name is input like its content.  A page's name becomes its URL, the ``href`` of
every link to it, a path in the output directory and a label in the PDF's TeX; a text's
name also names the files exported beside its page.  A name that is not checked can break
out of an attribute (``x" onmouseover="…``), write TeX (``a}\input{…}``), or put a file at
the root of the site (``robots.text.yaml`` would write ``robots.txt``).  So every name
that reaches an output is checked against one safe set before anything is read or written:

* each part of the path (folder or file) is made of lowercase ASCII letters, digits,
  ``-``, ``_`` and ``.``, starts with a letter, a digit or ``_`` (never with ``.``: no
  hidden files or folders such as ``.well-known``), and has at most
  :data:`MAX_PART_LENGTH` characters;
* a path has at most :data:`MAX_FOLDERS` folders;
* a text file (``*.text.yaml``) lies in a folder whose name does not start with ``_``
  (``texts/`` in this edition), so that neither its page nor the files exported beside it
  land at the root of the site or among Sphinx's own folders (``_static``, ``_images``…).

Files are read only where they lie: :func:`link_problem` and :func:`place_problem` refuse
a path that passes through a symbolic link, or that leaves the directories it may come
from, before the file is opened.  The checks work on the names alone (no file system
access beyond ``lstat``), so a name too long for the file system is a message, not an
``OSError``.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from . import suggest
from .annotations import TextSpec
from .problems import Location, Problem, ProblemKind
from .textio import visible_controls

MAX_PART_LENGTH = 100
"""Longest folder or file name, in characters: file systems allow 255 bytes, and the
build adds suffixes (``.annotations.jsonld``, ``_sources/….txt``) to a page's name."""

MAX_FOLDERS = 3
"""Most folders in the path of a page, text, seed or registry file (below its root)."""

TEXT_SUFFIX = ".text.yaml"

_SAFE_PART = re.compile(r"[a-z0-9_][a-z0-9_.\-]*")
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)
_UNSAFE_RUN = re.compile(r"[^a-z0-9_.\-]+")

SAFE_SET = "lowercase letters a-z, digits, '-', '_' and '.', not starting with '.' or '-'"
"""The safe set, as the messages say it."""


def shown(name: str, limit: int = 80) -> str:
    """A name as a message shows it: control characters visible, at most ``limit`` characters."""
    visible = visible_controls(name)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def shown_path(path: Path) -> Path:
    """``path`` with control characters made visible, for a :class:`.Location` that is printed."""
    text = str(path)
    visible = visible_controls(text)
    return path if visible == text else Path(visible)


def safe_name(name: str) -> str:
    """A suggestion: ``name`` lowercased, umlauts transliterated, other characters as ``-``."""
    lowered = unicodedata.normalize("NFC", name).translate(_TRANSLITERATION).lower()
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"-*\.-*", ".", _UNSAFE_RUN.sub("-", ascii_only)).strip("-.")
    return cleaned[:MAX_PART_LENGTH] or "name"


def part_problem(part: str) -> str:
    """Why one folder or file name is not in the safe set; ``""`` if it is."""
    if not part:
        return "an empty name"
    if len(part) > MAX_PART_LENGTH:
        return f"a name of {len(part)} characters (at most {MAX_PART_LENGTH})"
    if part.startswith("."):
        return "a hidden name (it starts with '.')"
    if _SAFE_PART.fullmatch(part):
        return ""
    bad = sorted({char for char in part if not re.fullmatch(r"[a-z0-9_.\-]", char)})
    if not bad:
        return f"'{shown(part)}' starts with '{part[0]}'"
    listed = " ".join(
        repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}" for char in bad[:8]
    )
    return f"the character(s) {listed}"


def name_problem(
    relative: PurePosixPath | str,
    path: Path,
    *,
    what: str = "file",
    text: bool = False,
    max_folders: int = MAX_FOLDERS,
) -> Problem | None:
    """A problem if ``relative`` (the name below its root, ``/``-separated) is not safe.

    ``path`` is where the file is, for the message's location; ``what`` names it in the
    message (``page``, ``text file`` …); ``text`` adds the rule for text files.
    """
    parts = str(relative).split("/")  # as written: "a//b" or "./a" is not a safe name either
    location = Location(shown_path(path))
    for index, part in enumerate(parts):
        reason = part_problem(part)
        if reason:
            last = index == len(parts) - 1
            whose = f"the name of this {what}" if last else f"the folder '{shown(part)}' of this {what}"
            return Problem(
                ProblemKind.FILE_NAME,
                location,
                f"{whose} has {reason}; names that reach links, pages and the PDF may only use {SAFE_SET}",
                f"rename {'it' if last else 'the folder'} to '{safe_name(part)}'",
            )
    folders = len(parts) - 1
    if folders > max_folders:
        return Problem(
            ProblemKind.FILE_NAME,
            location,
            f"this {what} lies {folders} folders deep (at most {max_folders})",
            "move it up",
        )
    if text and (folders == 0 or parts[0].startswith("_")):
        where = "at the top of the source directory" if folders == 0 else f"in the folder '{parts[0]}'"
        return Problem(
            ProblemKind.FILE_NAME,
            location,
            f"a text file {where} would put its page and exported files beside the site's own "
            "files (robots.txt, _static …)",
            "put text files into a folder of their own, such as texts/",
        )
    return None


def source_name_problem(path: Path, srcdir: Path, what: str = "page") -> Problem | None:
    """:func:`name_problem` for a file of the source directory (a text file if it is one)."""
    relative = PurePosixPath(os.path.relpath(path, srcdir).replace(os.sep, "/"))
    is_text = path.name.endswith(TEXT_SUFFIX)
    return name_problem(relative, path, what="text file" if is_text else what, text=is_text)


# --- where files may be read from ------------------------------------------------------------


def _below(path: Path, base: Path) -> list[Path]:
    """``path`` and its parents down to (not including) the deepest folder it shares with ``base``."""
    start = Path(os.path.commonpath([path, base]))
    chain = []
    probe = path
    while probe not in (start, probe.parent):
        chain.append(probe)
        probe = probe.parent
    return chain


def _normal(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:  # a name too long, a folder we may not read: not followed either way
        return False


def first_link(path: Path, base: Path) -> Path | None:
    """The first symbolic link on the way from ``base`` (or the folder both share) to ``path``."""
    for probe in reversed(_below(_normal(path), _normal(base))):
        if _is_link(probe):
            return probe
    return None


def link_problem(path: Path, base: Path) -> Problem | None:
    """A problem if ``path`` is reached through a symbolic link below ``base``.

    A link in the repository could make the build read any file of the machine it runs on
    (and publish it); CI refuses tracked links, and the build refuses to follow them.
    """
    link = first_link(path, base)
    if link is None:
        return None
    return Problem(
        ProblemKind.SAFETY,
        Location(shown_path(path)),
        f"read through the symbolic link '{shown(str(link), 200)}'",
        "a published site must not follow links out of the repository; copy the file instead",
    )


def project_roots(srcdir: Path, directories: Iterable[str]) -> list[Path]:
    """The directories (relative to ``srcdir``) files may come from, as real paths.

    Only ``srcdir`` itself is resolved; the directories below or beside it are joined to it
    as written, so that a ``seeds`` folder that is a symbolic link to somewhere else is not
    taken for a folder of the project (:func:`place_problem` refuses it).
    """
    real = Path(os.path.realpath(srcdir))
    return [Path(os.path.normpath(real / directory)) for directory in directories]


def place_problem(
    path: Path, roots: Sequence[Path], srcdir: Path, location: Location, what: str
) -> Problem | None:
    """A problem if ``path`` lies outside all ``roots`` or is reached through a symbolic link.

    ``path`` is taken as written (relative to the current directory, ``..`` resolved as
    text): it must lie inside one of the roots (from :func:`project_roots`), and neither the
    root (below the folder it shares with ``srcdir``) nor any folder or file on the way to
    ``path`` may be a symbolic link.
    """
    real_srcdir = Path(os.path.realpath(srcdir))
    lexical = _normal(real_srcdir / os.path.relpath(_normal(path), _normal(srcdir)))
    written = shown(str(path), 200)
    root = next((root for root in roots if lexical.is_relative_to(root)), None)
    if root is None:
        return Problem(
            ProblemKind.FILE,
            location,
            f"the {what} '{written}' lies outside the project",
            f"{what}s must be inside the project's {what} directory",
        )
    link = first_link(root, real_srcdir) or first_link(lexical, root)
    if link is None:
        return None
    try:
        target = Path(os.path.realpath(link))
    except OSError:
        target = link
    outside = not any(target.is_relative_to(other) for other in roots)
    return Problem(
        ProblemKind.FILE,
        location,
        (f"the {what} '{written}' lies outside the project: " if outside else f"the {what} '{written}' ")
        + f"is read through the symbolic link '{shown(os.path.relpath(link, real_srcdir), 200)}'",
        "a published site must not follow links; copy the file into the project instead",
    )


def walk_sources(
    srcdir: Path,
    suffixes: Sequence[str],
    excluded: Callable[[str], bool] = lambda relative: False,
    included: Callable[[str], bool] = lambda relative: True,
) -> tuple[list[str], list[Problem]]:
    """Source files and folders of ``srcdir`` that must not be read, and why.

    Returns the paths (relative, ``/``-separated) to exclude and one problem for each:
    symbolic links (files with a source suffix, and folders; none is followed) and source
    files whose name is not safe.  ``excluded`` (files and folders) and ``included``
    (files) say, for a relative path, what the project reads anyway.
    """
    refused: list[str] = []
    problems: list[Problem] = []
    for root, dirs, files in os.walk(srcdir):
        here = Path(root)
        relative = PurePosixPath(os.path.relpath(here, srcdir).replace(os.sep, "/"))
        dirs[:] = sorted(name for name in dirs if not excluded((relative / name).as_posix()))
        for name in list(dirs):
            if _is_link(here / name):
                dirs.remove(name)
                refused.append((relative / name).as_posix())
                problem = link_problem(here / name, srcdir)
                if problem is not None:
                    problems.append(problem)
        for name in sorted(files):
            path_name = (relative / name).as_posix()
            if not name.endswith(tuple(suffixes)) or excluded(path_name) or not included(path_name):
                continue
            path = here / name
            problem = link_problem(path, srcdir) if _is_link(path) else source_name_problem(path, srcdir)
            if problem is not None:
                refused.append(path_name)
                problems.append(problem)
    return refused, problems


def glob_literal(path: str) -> str:
    """``path`` as a glob pattern that matches only itself (``[``, ``*``, ``?`` escaped)."""
    return re.sub(r"([\[*?])", r"[\1]", path)


def seed_path_problem(spec: TextSpec, roots: Iterable[Path], srcdir: Path) -> Problem | None:
    """A problem if the seed may not be read.

    It may not if it leaves the allowed roots, is reached through a symbolic link, does not
    exist, or has a name outside the safe set (see :mod:`.names`).  ``roots`` come from :func:`.project_roots`; nothing is opened before the checks.
    """
    roots = list(roots)
    try:
        exists = spec.seed.exists()
    except OSError:  # a name too long for the file system: the name check says so
        exists = True
    if not exists:
        return missing_seed_problem(spec, roots)
    problem = place_problem(spec.seed, roots, srcdir, spec.seed_location, "seed")
    if problem is not None:
        return problem
    real = Path(os.path.realpath(srcdir)) / os.path.relpath(spec.seed, srcdir)
    root = next(root for root in roots if Path(os.path.normpath(real)).is_relative_to(root))
    relative = Path(os.path.normpath(real)).relative_to(root).as_posix()
    named = name_problem(relative, spec.seed, what="seed")
    if named is not None:
        return Problem(
            named.kind,
            spec.seed_location,
            f"seed '{shown(relative)}': {named.message}",
            named.suggestion,
        )
    return None


MAX_SEED_CANDIDATES = 1000
"""Files of the seed directories looked at for "did you mean" when a seed is missing."""


def missing_seed_problem(spec: TextSpec, roots: Sequence[Path]) -> Problem:
    found: list[Path] = []
    for root in roots:
        if root.is_dir() and first_link(root, Path(os.path.realpath(spec.path.parent))) is None:
            for path in root.rglob("*"):
                if len(found) >= MAX_SEED_CANDIDATES:
                    break
                if not path.is_symlink() and path.is_file():
                    found.append(path)
    candidates = {path: os.path.relpath(path, spec.path.parent) for path in sorted(found)}
    wanted = shown(os.path.relpath(spec.seed, spec.path.parent), 200)
    close = difflib.get_close_matches(wanted, list(candidates.values()), n=1, cutoff=0.5)
    if close:
        hint = f"did you mean {suggest.yaml_string(close[0])}?"
    elif candidates:
        hint = "seeds: " + ", ".join(sorted(candidates.values())[:5])
    else:
        hint = "put the seed into the seed directory and give its path relative to this file"
    return Problem(ProblemKind.FILE, spec.seed_location, f"the seed file '{wanted}' does not exist", hint)
