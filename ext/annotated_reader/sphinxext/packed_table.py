"""A per-document table of the environment whose values stay pickled until they are read.

Sphinx loads the whole environment at the start of every build and writes it back after
reading.  The mentions, notes, remarks and citations of every text were most of it (at 100
texts two thirds of 1.5 MB, some 60,000 small tuples), and a rebuild after one edit reads
none of them: the pages that list them are written again only when a digest of what they
show changed (:meth:`.domain.ReaderDomain.listing_fingerprints`, :mod:`.page_reuse`).

So each value is kept as the bytes of its own pickle: loading and saving the environment
copies one string per text instead of building and walking its records, and a value is
unpickled only when something reads it (then kept).  Values must not be changed in place
after they are stored (store a new value instead): the bytes would not follow.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, MutableMapping
from typing import Generic, TypeVar

Value = TypeVar("Value")


class PackedTable(MutableMapping[str, Value], Generic[Value]):
    """Docname -> value, each value pickled on its own and unpickled when first read."""

    __slots__ = ("_packed", "_values")

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}
        self._values: dict[str, Value] = {}

    def __getitem__(self, docname: str) -> Value:
        try:
            return self._values[docname]
        except KeyError:
            value: Value = pickle.loads(self._packed[docname])
            self._values[docname] = value
            return value

    def __setitem__(self, docname: str, value: Value) -> None:
        self._packed[docname] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._values[docname] = value

    def __delitem__(self, docname: str) -> None:
        del self._packed[docname]
        self._values.pop(docname, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, docname: object) -> bool:
        return docname in self._packed

    def take(self, other: PackedTable[Value], docname: str) -> None:
        """Store ``other``'s value of ``docname`` as it is (a parallel reader's, without unpickling it)."""
        self._packed[docname] = other._packed[docname]
        self._values.pop(docname, None)
        if docname in other._values:
            self._values[docname] = other._values[docname]

    def __getstate__(self) -> dict[str, bytes]:
        return self._packed

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._packed = state
        self._values = {}

    def __repr__(self) -> str:
        return f"PackedTable({sorted(self._packed)!r})"
