"""The page protocol: every name it makes, it parses back (and nothing else as one of them)."""

from annotated_reader.core.annotations import Ref
from annotated_reader.core.protocol import (
    card_id,
    entry_id,
    mention_class,
    note_label,
    paragraph_anchor,
    paragraph_anchor_number,
    parse_entry_id,
    parse_mention_class,
    parse_note_label,
)
from hypothesis import given
from hypothesis import strategies as st

IDS = st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
"""Registry ids as the schema allows them (``common.schema.json``)."""
REFS = st.builds(Ref, st.sampled_from(["term", "actor"]), IDS)


@given(REFS)
def test_mention_class_round_trip(ref: Ref) -> None:
    assert parse_mention_class(mention_class(ref)) == ref


@given(REFS)
def test_entry_id_round_trip(ref: Ref) -> None:
    assert parse_entry_id(entry_id(ref)) == ref
    assert card_id(ref) == f"ar-card-{entry_id(ref)}"


@given(st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"))
def test_note_label_round_trip(note_id: str) -> None:
    label = note_label(note_id)
    assert not label.isdigit()  # MyST would number an all-digit label by hand
    assert parse_note_label(label) == note_id


@given(st.integers(min_value=1, max_value=10**6))
def test_paragraph_anchor_round_trip(number: int) -> None:
    assert paragraph_anchor_number(paragraph_anchor(number)) == str(number)


def test_other_names_are_not_read_as_protocol_names() -> None:
    assert parse_mention_class("ar-m") is None
    assert parse_mention_class("ar-m--place--atlantis") is None
    assert parse_mention_class("ar-mention") is None
    assert parse_entry_id("person-putin") is None
    assert parse_entry_id("term-") is None
    assert parse_note_label("id3") is None


def test_the_names_are_those_the_pages_and_the_script_use() -> None:
    ref = Ref("actor", "wladimir-putin")
    assert mention_class(ref) == "ar-m--actor--wladimir-putin"
    assert entry_id(ref) == "actor-wladimir-putin"
    assert note_label("rede") == "note-rede"
    assert paragraph_anchor(3) == "p3"
