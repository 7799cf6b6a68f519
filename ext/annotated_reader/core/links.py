"""Which mentions of a text are shown as links: a calm text, the way an encyclopedia links.

Every mention names its entry, but a page that underlines each of them (about 120 in an
article of 850 words) reads like a list of links.  The reader's page therefore shows an
entry as a link once, at its first mention in the running text, following the rules
encyclopedias follow (Wikipedia's *Manual of Style/Linking*):

* **Only the running text links.**  Mentions in headings stay plain: the author's headings
  look like headings.
* **Once per text**, at the first mention in a paragraph.
* **No sea of links**: a mention that follows a link with nothing but spaces between
  ("Russlands Angriffskrieg") would read as one link with it; it waits for the entry's
  next mention, and stays plain if there is none.
* **A budget**: at most :data:`MAX_LINKS_PER_WORD` links per word of the running text.
  Where the first mentions exceed it, the entries named in the most paragraphs (what
  the text is about, which the reader meets everywhere) lose their link first; an entry
  named in one paragraph only keeps it.

Mentions that are not links still name their entry: the page shows its card on hover,
the reader can highlight every mention by type, and the registers list them all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .annotations import Ref

MAX_LINKS_PER_WORD = 0.059
"""Below the 0.06 visible links per word the edition promises, with room for a count of
words that differs by a few (hyphenated words, dashes)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One mention, in the order of the text."""

    ref: Ref
    paragraph: str | None
    """The paragraph it stands in; ``None`` in a heading or title."""
    follows_mention: bool = False
    """Nothing but spaces (and note marks) between it and the mention before it."""


def choose_links(
    candidates: Sequence[Candidate], words: int, max_per_word: float = MAX_LINKS_PER_WORD
) -> list[bool]:
    """For each candidate, whether it is shown as a link (see the module's rules)."""
    budget = math.floor(max_per_word * words)
    paragraphs: dict[Ref, set[str]] = {}
    mentions: Counter[Ref] = Counter()
    for candidate in candidates:
        if candidate.paragraph is not None:
            paragraphs.setdefault(candidate.ref, set()).add(candidate.paragraph)
            mentions[candidate.ref] += 1
    # Stable: among entries named equally often, the one mentioned first keeps its link.
    recurring = [ref for ref in paragraphs if len(paragraphs[ref]) > 1]
    most_named = sorted(recurring, key=lambda ref: (-len(paragraphs[ref]), -mentions[ref]))

    # Entries lose their links one by one, most named first, until the budget holds.  Each
    # try reads all mentions, so past EXACT_TRIES (far more than a real text needs) the
    # number of entries to unlink is found by doubling and halving instead: a hostile text
    # of thousands of entries would otherwise take time quadratic in its mentions.
    def fits(count: int) -> tuple[bool, list[bool]]:
        chosen = _first_links(candidates, set(most_named[:count]))
        return sum(chosen) <= budget or count >= len(most_named), chosen

    for count in range(min(EXACT_TRIES, len(most_named) + 1)):
        done, chosen = fits(count)
        if done:
            return chosen
    low, high = EXACT_TRIES - 1, EXACT_TRIES
    while not fits(high)[0]:
        low, high = high, min(2 * high, len(most_named))
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle)[0] else (middle, high)
    return fits(high)[1]


EXACT_TRIES = 64
"""Entries unlinked one at a time before the search for their number doubles and halves."""


def _first_links(candidates: Sequence[Candidate], unlinked: set[Ref]) -> list[bool]:
    linked: set[Ref] = set()
    chosen: list[bool] = []
    for candidate in candidates:
        after_link = bool(chosen) and chosen[-1] and candidate.follows_mention
        link = (
            candidate.paragraph is not None
            and candidate.ref not in linked
            and candidate.ref not in unlinked
            and not after_link
        )
        if link:
            linked.add(candidate.ref)
        chosen.append(link)
    return chosen
