"""The page protocol: every name it makes, it parses back (and nothing else as one of them)."""

import pytest
from annotated_reader.core.annotations import Ref
from annotated_reader.core.protocol import (
    block_key,
    card_id,
    entry_id,
    mention_key,
    note_label,
    paragraph_anchor,
    parse_block_key,
    parse_entry_id,
    parse_mention_key,
)
from hypothesis import given
from hypothesis import strategies as st

IDS = st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
"""Registry ids as the schema allows them (``common.schema.json``)."""
REFS = st.builds(Ref, st.sampled_from(["term", "actor"]), IDS)
POSITIONS = st.integers(min_value=0, max_value=10**7)


@given(POSITIONS)
def test_mention_key_round_trip(index: int) -> None:
    assert parse_mention_key(mention_key(index)) == index
    assert parse_block_key(mention_key(index)) is None  # the two keys are never confused


@given(POSITIONS)
def test_block_key_round_trip(index: int) -> None:
    assert parse_block_key(block_key(index)) == index
    assert parse_mention_key(block_key(index)) is None


@given(st.text(max_size=12))
def test_a_key_is_read_only_as_written(name: str) -> None:
    """Whatever class parses as a key is the one the key function makes for its position."""
    index = parse_mention_key(name)
    assert index is None or mention_key(index) == name
    index = parse_block_key("ar-b-" + name)
    assert index is None or block_key(index) == "ar-b-" + name


@given(REFS)
def test_entry_id_round_trip(ref: Ref) -> None:
    assert parse_entry_id(entry_id(ref)) == ref
    assert card_id(ref) == f"ar-card-{entry_id(ref)}"


@given(st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"))
def test_note_label_is_never_a_number(note_id: str) -> None:
    label = note_label(note_id)
    assert not label.isdigit()  # MyST would number an all-digit label by hand
    assert label.endswith(note_id)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_paragraph_anchors_differ_by_number(one: int, other: int) -> None:
    assert (paragraph_anchor(one) == paragraph_anchor(other)) == (one == other)


def test_other_names_are_not_read_as_protocol_names() -> None:
    for name in (
        "ar-m",
        "ar-m-",
        "ar-m--actor--putin",
        "ar-mention",
        "ar-m-07",
        "ar-m-+3",
        "ar-m-٣",
        "ar-b-1",
    ):
        assert parse_mention_key(name) is None, name
    for name in ("ar-b", "ar-b-", "ar-b-x", "ar-b-01", "ar-para", "ar-m-1"):
        assert parse_block_key(name) is None, name
    assert parse_entry_id("person-putin") is None
    assert parse_entry_id("term-") is None


def test_a_key_names_no_negative_position() -> None:
    with pytest.raises(ValueError, match="not negative"):
        mention_key(-1)


def test_the_names_are_those_the_pages_and_the_script_use() -> None:
    ref = Ref("actor", "wladimir-putin")
    assert mention_key(17) == "ar-m-17"
    assert block_key(5) == "ar-b-5"
    assert entry_id(ref) == "actor-wladimir-putin"
    assert note_label("rede") == "note-rede"
    assert paragraph_anchor(3) == "p3"
