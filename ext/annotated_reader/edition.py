"""The edition, described once: its title, editors, rights and the names of its files.

A project describes its edition in ``conf.py`` as one dict, ``annotated_reader_edition``, and
takes Sphinx's edition-wide values from it::

    annotated_reader_edition = {"title": "…", "editors": ["…"], "year": 2026, …}
    globals().update(sphinx_settings(annotated_reader_edition))

so that ``project``, ``author``, ``copyright``, ``html_title``, ``latex_documents`` and the
``epub_*`` names cannot contradict each other, and a second text needs no change there.
Each text's own author and rights are in its text file (``author``, ``rights``), not here.
The ``{ar:edition-info}`` imprint shows both.  This module imports nothing from Sphinx:
``conf.py`` imports it before Sphinx has loaded the extension.
"""

from __future__ import annotations

import dataclasses as dc
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .core.problems import Location, Problem, ProblemKind

__all__ = ["EDITION_KEYS", "Edition", "edition_problems", "sphinx_settings"]

EDITION_KEYS: dict[str, str] = {
    "title": "The edition's title (project, the PDF's title page, the EPUB's title). Required.",
    "subtitle": "A line under the title (title page, after the title in each page's <title>).",
    "editors": "The editors (a list of names, or one name): the author of the PDF and the EPUB.",
    "publisher": "Who publishes the edition (default: the editors).",
    "year": "The year of the annotations, for the copyright line.",
    "rights": "What the copyright covers, or the annotations' licence ('Annotationen', 'Annotationen: CC BY 4.0'); "
    "in brackets after year and publisher in the copyright line. The texts' rights are in their text files.",
    "description": "Two or three sentences about the edition (the EPUB's description, the imprint).",
    "language": "The language of the edition (a tag such as 'de'; default 'de').",
    "basename": "The name of the PDF and EPUB files, without suffix (default: from the title).",
    "book": "The document that is the PDF's root (default 'book').",
}
"""Every key of ``annotated_reader_edition`` and what it is for (documented in the guide)."""

_TEXT_KEYS = ("title", "subtitle", "publisher", "rights", "description", "language", "basename", "book")
_BASENAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dc.dataclass(frozen=True)
class Edition:
    """The edition as a project describes it (see :data:`EDITION_KEYS`)."""

    title: str = ""
    subtitle: str = ""
    editors: tuple[str, ...] = ()
    publisher: str = ""
    year: str = ""
    rights: str = ""
    description: str = ""
    language: str = "de"
    basename: str = ""
    book: str = "book"

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Edition:
        """The edition a dict describes; what is of the wrong type is left at its default.

        Never raises: ``conf.py`` calls it, and an error there would stop Sphinx with a
        traceback. :func:`edition_problems` says what is wrong.
        """
        chosen: dict[str, Any] = {}
        for key in _TEXT_KEYS:
            value = values.get(key)
            if isinstance(value, str) and value.strip():
                chosen[key] = value.strip()
        editors = values.get("editors")
        if isinstance(editors, str):
            editors = [editors]
        if isinstance(editors, (list, tuple)):
            chosen["editors"] = tuple(
                name.strip() for name in editors if isinstance(name, str) and name.strip()
            )
        year = values.get("year")
        if isinstance(year, (int, str)) and not isinstance(year, bool) and str(year).strip():
            chosen["year"] = str(year).strip()
        return cls(**chosen)

    @property
    def author(self) -> str:
        """The editors as one line ("A, B und C" in German, "A, B and C" otherwise)."""
        if len(self.editors) < 2:
            return "".join(self.editors)
        last = " und " if self.language.startswith("de") else " and "
        return ", ".join(self.editors[:-1]) + last + self.editors[-1]

    @property
    def full_title(self) -> str:
        """Title and subtitle, as a page's or an e-book's title."""
        return f"{self.title} – {self.subtitle}" if self.subtitle else self.title

    @property
    def file_basename(self) -> str:
        """The name of the PDF and the EPUB: ``basename``, else the title made a file name."""
        return self.basename or slug(self.title) or "edition"

    @property
    def copyright(self) -> str:
        """The copyright line of the annotations: year, publisher, rights."""
        holder = ", ".join(part for part in (self.year, self.publisher or self.author) if part)
        return f"{holder} ({self.rights})" if holder and self.rights else holder or self.rights


def slug(text: str) -> str:
    """``text`` as a file name: lowercase ASCII letters, digits and ``-``."""
    text = text.replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelled)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def sphinx_settings(edition: Mapping[str, Any] | Edition) -> dict[str, Any]:
    """Sphinx's edition-wide configuration values, all from the one description.

    ``project``, ``author``, ``copyright``, ``language``, ``html_title``, ``latex_documents``
    and the EPUB's names (``epub_title``, ``epub_author``, ``epub_publisher``,
    ``epub_copyright``, ``epub_contributor``, ``epub_description``, ``epub_basename``,
    ``epub_identifier``, ``epub_uid``).  The description is never Sphinx's "unknown": without
    one, the EPUB is described by its title.
    """
    if not isinstance(edition, Edition):
        edition = Edition.from_mapping(edition if isinstance(edition, Mapping) else {})
    basename = edition.file_basename
    return {
        "project": edition.title,
        "author": edition.author,
        "copyright": edition.copyright,
        "language": edition.language,
        "html_title": edition.full_title,
        "latex_documents": [(edition.book, f"{basename}.tex", edition.title, edition.author, "manual")],
        "epub_basename": basename,
        "epub_title": edition.full_title,
        "epub_author": edition.author,
        "epub_publisher": edition.publisher or edition.author,
        "epub_copyright": edition.copyright,
        "epub_contributor": edition.author,
        "epub_description": edition.description or edition.full_title,
        # Sphinx writes epub_uid where toc.ncx needs the identifier: the two are the same.
        "epub_identifier": basename,
        "epub_uid": basename,
    }


def edition_problems(edition: Any, path: Path = Path("conf.py"), source: str = "") -> list[Problem]:
    """What is wrong with an edition's description, located in ``conf.py`` when we can.

    ``source`` is the text of ``conf.py``: a problem with a key is located at the line that
    names it (else at the first line that names ``annotated_reader_edition``).
    """

    def at(key: str = "") -> Location:
        return Location(path, _line_of(source, key))

    def problem(key: str, message: str, suggestion: str = "") -> Problem:
        return Problem(ProblemKind.SCHEMA, at(key), message, suggestion)

    if not isinstance(edition, Mapping):
        return [
            problem(
                "",
                f"annotated_reader_edition must be a dict, not {type(edition).__name__}",
                "write annotated_reader_edition = {'title': …, 'editors': […], …}",
            )
        ]
    problems = []
    for key in edition:
        if key not in EDITION_KEYS:
            known = ", ".join(EDITION_KEYS)
            problems.append(
                problem(str(key), f"annotated_reader_edition has no key {key!r}", f"the keys are {known}")
            )
    for key in _TEXT_KEYS:
        value = edition.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip() or "\n" in value.strip()):
            problems.append(problem(key, f"annotated_reader_edition[{key!r}] must be text on one line"))
    if not (isinstance(edition.get("title"), str) and edition["title"].strip()):
        problems.append(
            problem("title", "annotated_reader_edition has no 'title'", "add 'title': the edition's title")
        )
    editors = edition.get("editors")
    if editors is None:
        problems.append(
            problem(
                "", "annotated_reader_edition has no 'editors'", "add 'editors': a list of the editors' names"
            )
        )
    elif not (
        (isinstance(editors, str) and editors.strip())
        or (
            isinstance(editors, (list, tuple))
            and editors
            and all(isinstance(name, str) and name.strip() for name in editors)
        )
    ):
        problems.append(
            problem("editors", "annotated_reader_edition['editors'] must be a non-empty list of names")
        )
    year = edition.get("year")
    if year is not None and not (
        (isinstance(year, int) and not isinstance(year, bool) and 0 < year < 10000)
        or (isinstance(year, str) and re.fullmatch(r"\d{4}(–\d{4}|-\d{4})?", year.strip()))
    ):
        problems.append(
            problem("year", f"annotated_reader_edition['year'] is not a year: {year!r}", "write it as 2026")
        )
    basename = edition.get("basename")
    if isinstance(basename, str) and basename.strip() and not _BASENAME.fullmatch(basename.strip()):
        problems.append(
            problem(
                "basename",
                f"annotated_reader_edition['basename'] is not a safe file name: {basename!r}",
                "use lowercase letters, digits, '-', '_' and '.'",
            )
        )
    language = edition.get("language")
    if isinstance(language, str) and not re.fullmatch(r"[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*", language.strip()):
        problems.append(
            problem(
                "language",
                f"annotated_reader_edition['language'] is not a language tag: {language!r}",
                "e.g. 'de'",
            )
        )
    return problems


def _line_of(source: str, key: str) -> int:
    """The line of ``conf.py`` that names ``key`` in the edition (else the edition itself)."""
    lines = source.splitlines()
    start = next((n for n, line in enumerate(lines) if "annotated_reader_edition" in line), None)
    if start is None:
        return 0
    if key:
        pattern = re.compile(rf"""["']{re.escape(key)}["']\s*:""")
        for number in range(start, len(lines)):
            if pattern.search(lines[number]):
                return number + 1
    return start + 1
