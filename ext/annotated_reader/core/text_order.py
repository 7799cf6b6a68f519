"""One order of the texts, for every output: list of texts, navigation, EPUB and PDF.

``annotated_reader_text_order`` is ``"date"`` (oldest first, undated texts last, then by
file name), ``"title"`` (German collation, then by file name) or a list of text ids (the
text files' names without ``.text.yaml``): the texts named come first, in that order, the
others follow by date.  Pure: the Sphinx layer (``sphinxext/text_order.py``) applies it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .collation import german_sort_key


class TextKey(NamedTuple):
    """What a text is ordered by."""

    title: str
    date: str
    """ISO date or partial date (``2022-09``); empty if the text has none."""


def text_id(docname: str) -> str:
    """A text's id: its document's name without the folder (``texts/a`` -> ``a``)."""
    return posixpath.basename(docname)


def _by_date(texts: Mapping[str, TextKey]) -> list[str]:
    # ISO dates sort as strings; a partial date (2022-09) before the days of its month.
    return sorted(texts, key=lambda docname: (not texts[docname].date, texts[docname].date, docname))


def order_texts(texts: Mapping[str, TextKey], order: str | Sequence[str]) -> tuple[list[str], list[str]]:
    """The texts' document names in ``order``, and the ids of ``order`` that name no text."""
    if order == "title":
        return sorted(texts, key=lambda docname: (german_sort_key(texts[docname].title), docname)), []
    by_date = _by_date(texts)
    if isinstance(order, str):
        return by_date, []
    by_id: dict[str, str] = {}
    for docname in by_date:
        by_id.setdefault(text_id(docname), docname)
        by_id.setdefault(docname, docname)
    chosen: dict[str, None] = {}
    unknown: list[str] = []
    for name in order:
        found = by_id.get(name.removesuffix(".text.yaml"))
        if found is None:
            unknown.append(name)
        else:
            chosen.setdefault(found, None)
    chosen.update(dict.fromkeys(by_date))
    return list(chosen), unknown
