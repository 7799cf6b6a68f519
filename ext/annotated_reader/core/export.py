"""The notes of a text as a W3C Web Annotation collection (JSON-LD).

Other annotation tools can read an edition's context notes in the standard model
(https://www.w3.org/TR/annotation-model/): one ``AnnotationCollection`` per text, with one
``AnnotationPage`` holding an ``Annotation`` per note.  Each annotation targets the text
through two selectors that identify the same passage:

* a ``TextQuoteSelector``: the quoted passage (``exact``) with up to
  :data:`CONTEXT_LENGTH` characters before (``prefix``) and after (``suffix``);
* a ``TextPositionSelector``: ``start`` and ``end`` offsets, counted in Unicode code
  points from the start of the text.

"The text" is the seed's body as :mod:`.seed` defines it: the file decoded as UTF-8,
without a byte order mark, with line ends as LF, in Unicode NFC, and without the metadata
line (``date …``).  The build publishes exactly that text beside the page (its
``source``), so that positions can be checked by anyone; for texts within the Basic
Multilingual Plane, code points and the UTF-16 units of JavaScript count the same.

:func:`export_notes` takes what a collection needs from an annotated text (plain data,
kept by the Sphinx layer across builds); :func:`annotation_collection` builds the JSON-LD
with the addresses the builder knows; :func:`reanchor` reads one back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from . import locate
from .annotate import AnnotatedText
from .protocol import note_label

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation model (a name, not fetched at build time)."""

CONTEXT_LENGTH = 32
"""Characters of ``prefix`` and ``suffix`` exported with each quote."""

MEDIA_TYPE = "application/ld+json"
PROFILE = "http://www.w3.org/ns/anno.jsonld"


def default_base(project: str) -> str:
    """The base address of an edition that states none: ``https://<project>.invalid/``.

    The Web Annotation model requires absolute IRIs for ids and sources.  An edition states
    its canonical address in ``html_baseurl``; without it, the ``.invalid`` top-level domain
    (RFC 2606), which never resolves, gives IRIs that are valid and plainly placeholders.
    """
    slug = re.sub(
        r"[^a-z0-9]+",
        "-",
        unicodedata.normalize("NFKD", project.replace("ß", "ss")).encode("ascii", "ignore").decode().lower(),
    )
    return f"https://{slug.strip('-') or 'edition'}.invalid/"


@dataclass(frozen=True, slots=True)
class ExportedNote:
    """What the export needs of one placed note."""

    id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    body: str
    """The note as (safe) MyST, i.e. Markdown with a few extensions."""
    sources: tuple[str, ...]
    """Web addresses of the note's sources."""


@dataclass(frozen=True, slots=True)
class ExportedText:
    """What the export needs of one text: its body and its notes (plain, picklable data)."""

    title: str
    language: str
    text: str
    notes: tuple[ExportedNote, ...]

    def to_dict(self) -> dict[str, Any]:
        """As plain dicts and lists."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExportedText:
        """From :meth:`to_dict`."""
        notes = tuple(ExportedNote(**{**note, "sources": tuple(note["sources"])}) for note in data["notes"])
        return cls(data["title"], data["language"], data["text"], notes)


def export_notes(text: AnnotatedText) -> ExportedText:
    """The notes of ``text``, in reading order, with their selectors."""
    body = text.seed.body
    notes = []
    for placed in text.notes:
        start, end = placed.start, placed.end
        notes.append(
            ExportedNote(
                id=placed.note.id,
                exact=body[start:end],
                prefix=body[max(0, start - CONTEXT_LENGTH) : start],
                suffix=body[end : end + CONTEXT_LENGTH],
                start=start,
                end=end,
                body=placed.body,
                sources=tuple(source.url for source in placed.note.sources),
            )
        )
    return ExportedText(text.title, text.spec.language, body, tuple(notes))


def annotation_collection(
    exported: ExportedText,
    *,
    collection: str,
    source: str,
    page: str,
    generator: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The collection as JSON-LD data.

    ``collection`` is the address of the JSON-LD file itself, ``source`` that of the plain
    text the positions count in, ``page`` that of the HTML page (the ``scope`` in which a
    reader sees the passage).  The model requires absolute IRIs (see :func:`default_base`).
    """
    items = [_annotation(note, exported, collection, source, page) for note in exported.notes]
    first_page = f"{collection}#page-1"
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": exported.title,
        "total": len(items),
    }
    if generator:
        data["generator"] = {"type": "Software", **generator}
    if items:
        data["first"] = {
            "id": first_page,
            "type": "AnnotationPage",
            # The collection described, not only named: the W3C's test suite reads the
            # page's total from it (model 5.2 allows either).
            "partOf": {
                "id": collection,
                "type": "AnnotationCollection",
                "label": exported.title,
                "total": len(items),
            },
            "startIndex": 0,
            "items": items,
        }
    return data


def _annotation(
    note: ExportedNote, exported: ExportedText, collection: str, source: str, page: str
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "value": note.body, "format": "text/markdown"}
    if exported.language:
        body["language"] = exported.language
    bodies: list[dict[str, Any]] = [body]
    bodies.extend({"id": url, "type": "Text", "format": "text/html"} for url in note.sources)
    return {
        "id": f"{collection}#{note_label(note.id)}",
        "type": "Annotation",
        "motivation": "commenting",
        "body": bodies if len(bodies) > 1 else body,
        "target": {
            "type": "SpecificResource",
            "source": source,
            "scope": f"{page}#{note_label(note.id)}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": note.exact,
                    "prefix": note.prefix,
                    "suffix": note.suffix,
                },
                {"type": "TextPositionSelector", "start": note.start, "end": note.end},
            ],
        },
    }


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an exported annotation's selectors point in a text."""

    id: str
    by_position: tuple[int, int]
    by_quote: tuple[tuple[int, int], ...]
    """Every span where the TextQuoteSelector (with prefix and suffix) matches."""

    @property
    def agrees(self) -> bool:
        """Whether the quote matches exactly once, where the position says."""
        return self.by_quote == (self.by_position,)


def reanchor(collection: Mapping[str, Any], text: str) -> list[Anchor]:
    """Anchor every annotation of a collection in ``text``, by each of its selectors."""
    anchors = []
    page = collection.get("first") or {}
    for item in page.get("items", []) if isinstance(page, Mapping) else []:
        selectors: Sequence[Mapping[str, Any]] = item["target"]["selector"]
        by_type = {selector["type"]: selector for selector in selectors}
        position = by_type["TextPositionSelector"]
        quote = by_type["TextQuoteSelector"]
        found = locate.find_quote(text, quote["exact"], quote.get("prefix", ""), quote.get("suffix", ""))
        anchors.append(Anchor(item["id"], (position["start"], position["end"]), found.spans))
    return anchors
