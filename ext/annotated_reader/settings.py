"""The extension's settings, declared once: a dataclass whose fields carry type, default and help.

Each field ``name`` is the Sphinx configuration value ``annotated_reader_<name>``
(:mod:`.sphinxext.config` registers them), and ``python -m annotated_reader check`` reads the
same values from the project's ``conf.py`` (:func:`read_conf`), so that the check and the build
apply the same rules.  This module imports nothing from Sphinx.
"""

from __future__ import annotations

import dataclasses as dc
import os
import runpy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .core.sources import DEFAULT_REFUSED_HOSTS, SourcePolicy
from .edition import edition_problems

PREFIX = "annotated_reader_"

Validator = Callable[[Any], str]
"""Returns an error message, or an empty string if the value is valid."""


def _list_of_str(value: Any) -> str:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return "must be a list of strings"
    return ""


def _bool(value: Any) -> str:
    return "" if isinstance(value, bool) else "must be True or False"


def _count(value: Any) -> str:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return "" if ok else "must be a whole number, 0 or more"


def _downloads(value: Any) -> str:
    formats = ("pdf", "epub")
    if not isinstance(value, (list, tuple)) or not all(v in formats for v in value):
        return "must be a list of 'pdf' and 'epub'"
    return ""


def _actor_types(value: Any) -> str:
    if not isinstance(value, dict) or not value:
        return "must be a non-empty dict of type id -> {'label': ..., 'register': ...}"
    for key, labels in value.items():
        if not isinstance(key, str) or not key.isascii() or not key.isalpha() or not key.islower():
            return f"type id {key!r} must be lowercase ASCII letters"
        if not isinstance(labels, dict) or set(labels) != {"label", "register"}:
            return f"type {key!r} needs exactly the keys 'label' and 'register'"
        if not all(isinstance(v, str) and v for v in labels.values()):
            return f"the labels of type {key!r} must be non-empty strings"
    return ""


TEXT_ORDERS = ("date", "title")
"""The orders of texts by name (``annotated_reader_text_order``); else a list of text ids."""


def _text_order(value: Any) -> str:
    if value in TEXT_ORDERS:
        return ""
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value):
        return ""
    return "must be 'date', 'title' or a list of text ids (the text files' names without .text.yaml)"


def _edition(value: Any) -> str:
    # Only the shape: what is wrong inside is reported key by key, located in conf.py
    # (edition.edition_problems), and the rest of the edition is still used.
    return "" if isinstance(value, dict) else "must be a dict (see the guide: 'Die Ausgabe an einer Stelle')"


def _field(
    default: Any,
    help_text: str,
    validator: Validator,
    doc_type: str,
    rebuild: str = "env",
    types: tuple[type, ...] = (),
) -> Any:
    factory = (lambda: type(default)(default)) if isinstance(default, (list, dict)) else None
    metadata = {
        "help": help_text,
        "validator": validator,
        "doc_type": doc_type,
        "rebuild": rebuild,
        "types": types or (type(default),),
    }
    if factory is not None:
        return dc.field(default_factory=factory, metadata=metadata)
    return dc.field(default=default, metadata=metadata)


@dc.dataclass(frozen=True)
class ReaderSettings:
    """The extension's settings (``annotated_reader_*`` in ``conf.py``)."""

    registries: list[str] = _field(
        ["annotations/*.glossary.yaml", "annotations/*.actors.yaml"],
        "Glob patterns, relative to the source directory, of the registry files: "
        "glossaries end in .glossary.yaml, actor registries in .actors.yaml.",
        _list_of_str,
        "list[str]",
    )
    seed_dirs: list[str] = _field(
        ["seeds", "../seeds"],
        "Directories, relative to the source directory, in which seed texts may lie. "
        "A text file whose seed lies elsewhere (also through a symbolic link) is refused.",
        _list_of_str,
        "list[str]",
    )
    actor_types: dict[str, dict[str, str]] = _field(
        {
            "person": {"label": "Person", "register": "Persons"},
            "organisation": {"label": "Organisation", "register": "Organisations"},
            "state": {"label": "State", "register": "States"},
            "place": {"label": "Place", "register": "Places"},
        },
        "Actor types: for each type id, the label of one actor and the name of its "
        "register (both translated through the extension's message catalog).",
        _actor_types,
        "dict[str, dict[str, str]]",
    )

    safe_pages: bool = _field(
        True,
        "Read every page under the safety rules for contributors' pull requests: no raw HTML "
        "or LaTeX, no templates, no file inclusion, no math, only http, https, mailto and "
        "relative links, no files reached through '..' or symbolic links (see the security "
        "page of the docs). Turn off only for a project whose every author is trusted.",
        _bool,
        "bool",
    )
    include_dirs: list[str] = _field(
        [],
        "Directories, relative to the source directory, from which literalinclude may read "
        "while safe_pages is on (for example examples shared with the tests). Files elsewhere, "
        "also through a symbolic link, cannot be included.",
        _list_of_str,
        "list[str]",
    )

    refused_source_hosts: list[str] = _field(
        list(DEFAULT_REFUSED_HOSTS),
        "Hosts whose pages are not cited as sources (content farms, copies of Wikipedia, "
        "aggregators of others' wires); a host also refuses its subdomains. A source from one "
        "is reported (source-refused).",
        _list_of_str,
        "list[str]",
    )
    require_source_dates: bool = _field(
        False,
        "Require every source to give its publication date (or 'undatiert' when it has none) and "
        "the day the editors last checked it ('accessed'); a source without is reported "
        "(source-incomplete).",
        _bool,
        "bool",
    )

    epub_pages: list[str] = _field(
        [],
        "The pages of the EPUB besides the start page, in reading order: glob patterns of "
        "document names (`glossar`, `register/*`). The texts are always in it, at the first "
        "pattern that matches one (`texts/*`), else after the start page. Every other page is "
        "left out, and links to it are printed as text. Empty: every page, as Sphinx makes it.",
        _list_of_str,
        "list[str]",
        rebuild="epub",
    )
    pdf_tagging: bool = _field(
        True,
        "Tag the PDF for screen readers (headings, paragraphs, notes, links, the language): "
        "the extension puts LaTeX's \\DocumentMetadata first in the .tex file. TeX Live 2022 "
        "tags in its test phase, and with XeLaTeX without real spaces between words (see the "
        "README, Outputs); turn off for an untagged PDF.",
        _bool,
        "bool",
        rebuild="",
    )
    require_sources: bool = _field(
        False,
        "Require every glossary term, actor and note to name at least one source; one without "
        "is reported (source-incomplete).",
        _bool,
        "bool",
    )
    sidebar_texts: int = _field(
        12,
        "How many texts the navigation of a page lists at most: all of them if there are no more, "
        "else those around the current text (the first ones on other pages), with a link to the list "
        "of all texts. Texts enter the table of contents through a hidden toctree, which the "
        "navigation leaves out, so that no page's navigation grows with the number of texts.",
        _count,
        "int",
        rebuild="html",
    )
    downloads: list[str] = _field(
        [],
        "Outputs published next to the site's start page, as 'pdf' (named by latex_documents) and "
        "'epub' (named by epub_basename): the templates get them as ar_downloads, and "
        "{ar:downloads} shows them as buttons. Empty: no downloads.",
        _downloads,
        "list[str]",
        rebuild="html",
    )

    edition: dict[str, Any] = _field(
        {},
        "The edition, described once: title, subtitle, editors, publisher, year, rights, "
        "description, language, basename (see the guide, 'Die Ausgabe an einer Stelle'). "
        "conf.py takes project, author, copyright, html_title, latex_documents and the epub_* "
        "names from it with globals().update(sphinx_settings(annotated_reader_edition)); "
        "{ar:edition-info} shows it as the imprint.",
        _edition,
        "dict[str, Any]",
    )
    text_order: str | list[str] = _field(
        "date",
        "One order of the texts for the list of texts, the navigation, Zurück/Weiter, the EPUB and "
        "the PDF's chapters: 'date' (oldest first, undated last, then by file name), 'title', or a "
        "list of text ids (the text files' names without .text.yaml); texts the list does not "
        "name follow in the order of 'date'.",
        _text_order,
        "str | list[str]",
        types=(str, list, tuple),
    )

    gc_threshold: int = _field(
        10_000,
        "During a build, the threshold of the garbage collector's youngest generation (Python's "
        "default is 700): docutils trees are many small objects, and collecting every 700 "
        "allocations cost a third of the build time of 100 texts. Restored when the build "
        "ends; 0 leaves the collector alone.",
        _count,
        "int",
        rebuild="",
    )
    freeze_at_exit: bool = _field(
        True,
        "Once a build has finished, let the interpreter exit without walking every object left "
        "in memory again: gc.freeze() runs when the process exits (an atexit hook, so a process "
        "that builds several times is left alone until then). Python's last collections at exit "
        "were about a sixth of a rebuild of 100 texts, with or without the extension. Objects "
        "still in reference cycles at exit are then not finalised, which Python does not "
        "promise either; turn off if another extension relies on it.",
        _bool,
        "bool",
        rebuild="",
    )

    @property
    def source_policy(self) -> SourcePolicy:
        """The source policy these settings ask for."""
        return SourcePolicy(tuple(self.refused_source_hosts), self.require_source_dates, self.require_sources)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> tuple[ReaderSettings, list[str]]:
        """Settings from ``annotated_reader_*`` values; an invalid one gets its default and a message."""
        chosen: dict[str, Any] = {}
        errors = []
        for field in dc.fields(cls):
            name = PREFIX + field.name
            if name not in values:
                continue
            error = field.metadata["validator"](values[name])
            if error:
                errors.append(f"{name} {error}; using the default {default_value(field)!r}")
            else:
                chosen[field.name] = values[name]
        return cls(**chosen), errors


def default_value(field: dc.Field[Any]) -> Any:
    """The default of a settings field (a fresh copy for lists and dicts)."""
    if field.default_factory is not dc.MISSING:
        return field.default_factory()
    return field.default


def read_conf(confdir: Path) -> tuple[ReaderSettings, list[str]]:
    """The settings of the project whose ``conf.py`` is in ``confdir``, as Sphinx would read them.

    ``conf.py`` is run the way Sphinx runs it (in its directory, with ``__file__`` set); a
    project without one has the defaults.  Problems running it come back as messages.
    """
    conf = (confdir / "conf.py").resolve()
    if not conf.is_file():
        return ReaderSettings(), []
    previous = Path.cwd()
    try:
        os.chdir(confdir)
        namespace = runpy.run_path(str(conf), run_name="conf")
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        return ReaderSettings(), [
            f"{conf}: could not be run ({type(error).__name__}: {error}); using the defaults"
        ]
    finally:
        os.chdir(previous)
    settings, errors = ReaderSettings.from_values(namespace)
    if settings.edition:  # the same messages as the build's, at their line of conf.py
        source = conf.read_text(encoding="utf-8", errors="replace")
        errors += [str(problem) for problem in edition_problems(settings.edition, conf, source)]
    return settings, errors
