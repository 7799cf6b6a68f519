"""Which mentions are links: once per text, in the running text, no sea of links, a budget."""

from __future__ import annotations

from annotated_reader.core.annotations import Ref
from annotated_reader.core.links import Candidate, choose_links

A, B, C, D = (Ref("actor", name) for name in "abcd")
T = Ref("term", "t")


def test_an_entry_links_at_its_first_mention_in_the_running_text_only():
    candidates = [
        Candidate(A, None),  # a heading: never a link
        Candidate(A, "p1"),
        Candidate(B, "p1"),
        Candidate(A, "p2"),
        Candidate(B, "p2"),
    ]
    assert choose_links(candidates, words=1000) == [False, True, True, False, False]


def test_a_mention_right_after_a_link_waits_for_the_next_mention():
    candidates = [
        Candidate(A, "p1"),
        Candidate(T, "p1", follows_mention=True),  # "Russlands Angriffskrieg"
        Candidate(B, "p1"),
        Candidate(T, "p2"),
        Candidate(C, "p2"),
        Candidate(D, "p2", follows_mention=True),  # right after C: never linked elsewhere
    ]
    assert choose_links(candidates, words=1000) == [True, False, True, True, True, False]


def test_right_after_a_plain_mention_is_no_sea_of_links():
    candidates = [Candidate(A, "p1"), Candidate(A, "p1"), Candidate(B, "p1", follows_mention=True)]
    assert choose_links(candidates, words=1000) == [True, False, True]


def test_over_the_budget_the_most_named_entries_lose_their_link_first():
    candidates = [
        Candidate(A, "p1"),
        Candidate(B, "p1"),
        Candidate(C, "p1"),
        Candidate(A, "p2"),
        Candidate(A, "p3"),
        Candidate(B, "p3"),
    ]
    # 50 words allow 2 links (0.059 a word): A (3 paragraphs) goes first.
    assert choose_links(candidates, words=50) == [False, True, True, False, False, False]
    # 20 words allow one: B (2 paragraphs) goes too; C, named once, keeps its link.
    assert choose_links(candidates, words=20) == [False, False, True, False, False, False]
    # Entries named in one paragraph keep their link even over the budget.
    assert choose_links(candidates, words=1) == [False, False, True, False, False, False]


def test_losing_a_link_frees_the_mention_after_it():
    candidates = [
        Candidate(A, "p1"),
        Candidate(T, "p1", follows_mention=True),
        Candidate(A, "p2"),
        Candidate(A, "p3"),
    ]
    assert choose_links(candidates, words=10) == [False, True, False, False]
