"""Micro-benchmark of form location (``core/locate.py``): one pass, whatever the forms.

The text is the article repeated (1 to 32 times, 7 to 215 thousand characters), with a
different made-up name in place of *Putin* in each copy, so the matches grow with it.
The forms are made-up surnames and the article's registry forms.  Each time is the best
of five (the minimum is the least disturbed by other work on the machine).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from annotated_reader.core.locate import FormIndex, find_forms
from annotated_reader.core.seed import read_seed

from .corpus import ARTICLE, _load, surname

LENGTHS = (1, 2, 4, 8, 16, 32)
"""Text lengths, in copies of the article."""
FORM_COUNTS = (100, 1_000, 10_000)
FORMS = 10_000


def _best(function: Callable[[], Any], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _text(copies: int, body: str) -> str:
    return "\n\n".join(body.replace("Putin", surname(copy)) for copy in range(copies))


def _forms(count: int) -> dict[str, str]:
    forms = {surname(number): f"person-{number}" for number in range(count)}
    for form in ("Russland", "Russlands", "Kasachstan", "Eurasischen Wirtschaftsunion", "EAWU"):
        forms[form] = form
    return forms


def scaling_tables() -> dict[str, Any]:
    """Time against text length (10,000 forms) and against the number of forms."""
    seed, _problems = read_seed((ARTICLE.parent / _load(ARTICLE)["seed"]).resolve())
    assert seed is not None
    body = seed.body
    index = FormIndex(_forms(FORMS))
    by_length = []
    for copies in LENGTHS:
        text = _text(copies, body)
        matches = len(find_forms(text, index)[0])
        seconds = _best(lambda text=text: find_forms(text, index))
        by_length.append(
            {
                "copies": copies,
                "characters": len(text),
                "matches": matches,
                "ms": seconds * 1000,
                "us_per_1000_chars": seconds * 1e6 / len(text) * 1000,
            }
        )
    text = _text(8, body)
    by_forms = []
    for count in FORM_COUNTS:
        forms = list(_forms(count))
        counted = FormIndex(dict.fromkeys(forms, ""))
        seconds = _best(lambda counted=counted: find_forms(text, counted))
        # For contrast, a loop over the forms that only looks for each one once.
        naive = _best(lambda forms=forms: [text.find(form) for form in forms], rounds=3)
        by_forms.append(
            {"forms": count, "characters": len(text), "ms": seconds * 1000, "naive_ms": naive * 1000}
        )
    per_char = [row["us_per_1000_chars"] for row in by_length]
    return {
        "by_length": by_length,
        "by_forms": by_forms,
        "per_char_spread": max(per_char) / min(per_char),
        "forms_ratio": by_forms[-1]["ms"] / by_forms[0]["ms"],
    }
