"""Sorting as German readers expect it (DIN 5007, variant 1: Ä sorts with A, ß as ss)."""

from __future__ import annotations

import unicodedata


def german_sort_key(text: str) -> tuple[str, str]:
    """Key that sorts ``Ämter`` with ``Amt`` and ``Straße`` as ``Strasse``.

    Ties (``Muller`` and ``Müller``) are broken by the text itself, so the order is total.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "SS"))
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold(), text


def index_letter(text: str) -> str:
    """The letter a register groups ``text`` under (``Ö`` under ``O``; digits under ``#``)."""
    key = german_sort_key(text.lstrip())[0]
    if not key:
        return "#"
    first = key[0].upper()
    return first if first.isalpha() else "#"
