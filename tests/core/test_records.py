"""Records of the registries pickle as their fields (``core/records.py``): equal after a round trip, and fast."""

from __future__ import annotations

import pickle
import pickletools
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from annotated_reader.core.annotations import Entry, Form, Ref, Source
from annotated_reader.core.problems import Location
from annotated_reader.core.records import PickledByFields


def _entry() -> Entry:
    where = Location(Path("annotations/a.actors.yaml"), 3, 5)
    return Entry(
        Ref("actor", "putin"),
        "person",
        "Wladimir Putin",
        "Putin, Wladimir",
        "Präsident Russlands.",
        (Form("Putin", where), Form("Putins", Location(where.path, 4, 7))),
        (Source("Titel", "Verlag", "https://example.org", date="2022-09-21", location=where),),
        where,
        text_location=Location(where.path, 6, 9),
    )


def test_a_registry_entry_is_equal_after_a_round_trip_and_pickled_by_fields():
    entry = _entry()
    assert pickle.loads(pickle.dumps(entry)) == entry
    assert pickle.loads(pickle.dumps(entry.sources[0])).location == entry.sources[0].location
    # pickled as a call of the class, not through dataclasses' slow __setstate__
    assert Entry.__reduce__(entry)[0] is Entry
    opcodes = {opcode.name for opcode, _argument, _position in pickletools.genops(pickle.dumps(entry))}
    assert "BUILD" not in opcodes  # no state set after creation (dataclasses' _dataclass_setstate)


def test_a_record_with_a_field_outside_init_is_refused():
    @dataclass(frozen=True, slots=True)
    class Derived(PickledByFields):
        value: int
        double: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="not an __init__ argument"):
        pickle.dumps(Derived(1))
