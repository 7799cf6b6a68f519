"""Frozen dataclasses that unpickle quickly.

The registries of a build are kept pickled between builds (``sphinxext/registry_cache.py``):
some 5,000 locations, forms, sources and entries at 100 registry files.  A frozen dataclass
with slots is unpickled by ``dataclasses._dataclass_setstate``, which looks up the class's
fields again for every object; that was half the time of loading the cache.  A
:class:`PickledByFields` record is pickled as its class and its fields' values instead, and
unpickled by calling the class with them.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class PickledByFields:
    """Mixin for a frozen dataclass whose fields are all ``__init__`` arguments, in order."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        names = _field_names(type(self))
        return type(self), tuple(getattr(self, name) for name in names)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        if not all(field.init for field in fields):
            raise TypeError(f"{cls.__name__} has a field that is not an __init__ argument")
        names = _FIELD_NAMES[cls] = tuple(field.name for field in fields)
    return names
