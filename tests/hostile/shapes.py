"""Hostile inputs that grow: each shape makes the files of a project of size ``n``.

The shapes are the inputs that took time quadratic in their size before (issue 15, F6),
and others of the same kind: a long run of what a scanner or parser looks for, many
things where one is expected, a long value where a short one is.  :mod:`.test_linear`
builds each at two sizes and compares the time; every shape also goes through the command
line check at a size like the one that was reported.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .cases import (
    ACTORS,
    BASE_SEED,
    EAWU,
    GLOSSARY,
    PAGE,
    SEED,
    TEXT,
    TOKAJEW,
    glossary,
    one_actor,
    text_file,
)
from .harness import Content

Files = dict[str, Content]

WORDS = [
    "Präsident",
    "Tokajew",
    "sprach",
    "in",
    "Astana",
    "über",
    "die",
    "Eurasische",
    "Wirtschaftsunion",
    "und",
    "sagte",
    "dass",
    "Kasachstan",
    "seine",
    "Beziehung",
    "zu",
    "Russland",
    "neu",
    "ordne",
    "während",
    "die",
    "Regierung",
    "in",
    "Moskau",
    "schwieg",
]


def prose(length: int, seed: int = 1) -> str:
    """German-looking words, ``length`` characters, in paragraphs of about 600 characters."""
    chooser = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < length:
        word = chooser.choice(WORDS)
        words.append(word)
        size += len(word) + 1
        if chooser.random() < 0.01:
            words[-1] += ".\n\n"
    return " ".join(words)[:length].rstrip() + "."


def seeded(body: str) -> Files:
    return {SEED: BASE_SEED + "\n" + body + "\n"}


@dataclass(frozen=True)
class Shape:
    """A hostile input of size ``n``; ``check`` and ``build`` are the sizes the tests time."""

    id: str
    files: Callable[[int], Files]
    check: int
    """Size at which the command line check is timed (and four times that)."""
    build: int | None = None
    """Size at which a Sphinx build is timed (and four times that), if the build has work of its own."""
    reported: int | None = None
    """The size of the report (issue 15), checked to end within seconds."""


def _handler_run(n: int) -> Files:
    return seeded("Vorher " + "'on" * n + " nachher.")


def _quote_not_found(n: int) -> Files:
    body = prose(n)
    quote = prose(2000, seed=7).replace("\n", " ").replace(" ", "  ")[:2000]
    notes = f"notes:\n  - id: weit\n    quote: {{exact: {_yaml(quote)}}}\n    body: Text.\n"
    return {**seeded(body), TEXT: text_file(notes=notes)}


def _many_quotes_not_found(n: int) -> Files:
    notes = "notes:\n" + "".join(
        f"  - id: n{i}\n    quote: {{exact: {_yaml(prose(300, seed=i).replace(chr(10), ' ') + 'x')}}}\n"
        "    body: Text.\n"
        for i in range(1000)
    )
    return {**seeded(prose(n)), TEXT: text_file(notes=notes)}


def _nested_forms(n: int) -> Files:
    forms = ", ".join(_yaml(" ".join(["x"] * count)) for count in range(1, 101))
    return {
        **seeded("x " * n),
        TEXT: text_file(f"forms:\n  - actor: astana\n    forms: [{forms}]\n"),
    }


def _long_heading_override(n: int) -> Files:
    paragraph = prose(n).replace("\n", " ")
    return {
        **seeded(paragraph),
        TEXT: text_file(head=f"headings: [Wie Kasachstan auf Abstand geht, {_yaml(paragraph + ' x')}]\n"),
    }


def _long_heading_on_a_page(n: int) -> Files:
    return {PAGE: "# " + prose(n).replace("\n", " ") + " Tokajew\n\nText.\n"}


def _mentions_in_one_paragraph(n: int) -> Files:
    return seeded("Tokajew " * n + "sagte nichts.")


def _long_definition(n: int) -> Files:
    return {
        GLOSSARY: glossary(
            EAWU.replace("Ein Binnenmarkt mehrerer Staaten.", _yaml("*a* [b](https://x.org) " * (n // 24)))
        )
    }


def _control_characters(n: int) -> Files:
    return seeded("Text\x07" * (n // 5))


def _many_entries(n: int) -> Files:
    entries = "".join(
        f"  - id: t{i}\n    headword: Wort {i}\n    definition: Ein Wort.\n    forms: [Wort {i}]\n"
        for i in range(n)
    )
    return {GLOSSARY: glossary(EAWU) + entries}


def _many_unknown_ids(n: int) -> Files:
    forms = "".join(f"  - actor: unbekannt-{i}\n    forms: [Tokajew]\n" for i in range(min(n, 1000)))
    entries = "".join(
        f"  - id: person-{i}\n    type: person\n    name: Person {i}\n    description: Eine Person.\n"
        f"    forms: [Person {i}]\n"
        for i in range(n)
    )
    return {TEXT: text_file("forms:\n" + forms), ACTORS: one_actor(TOKAJEW) + entries}


def _ambiguous_quote(n: int) -> Files:
    notes = "notes:\n  - id: a\n    quote: {exact: Tokajew}\n    body: Text.\n"
    return {**seeded("Tokajew sagte. " * (n // 15)), TEXT: text_file(notes=notes)}


def _specials_in_the_seed(n: int) -> Files:
    specials = "<b>&amp; {x} `c` *e* _u_ [^1] $m$ \\ % # ~ ^ {{ 7*7 }} [a](javascript:x) <!-- "
    return seeded((specials * (n // len(specials) + 1))[:n])


def _many_paragraphs(n: int) -> Files:
    return seeded("\n\n".join(f"Absatz {i} über Tokajew." for i in range(n // 25)))


def _long_unquoted_attributes(n: int) -> Files:
    return seeded("x href=a'href=b" * (n // 15))


def _many_entries_mentioned_twice(n: int) -> Files:
    entries = "".join(
        f"  - id: person-{i}\n    type: person\n    name: Person {i}\n    description: Eine Person.\n"
        f"    forms: [Person{i}]\n"
        for i in range(n)
    )
    names = " ".join(f"Person{i}" for i in range(n))
    return {ACTORS: one_actor(TOKAJEW) + entries, **seeded(f"{names}.\n\n{names}.")}


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


SHAPES = [
    Shape("handler-run-in-a-seed", _handler_run, check=40_000, build=20_000, reported=40_000),
    Shape("quote-not-in-a-long-seed", _quote_not_found, check=50_000, reported=100_000),
    Shape("thousand-quotes-not-found", _many_quotes_not_found, check=50_000),
    Shape("hundred-nested-forms", _nested_forms, check=30_000, build=3_000, reported=60_000),
    Shape("long-heading-override", _long_heading_override, check=20_000, reported=20_000),
    Shape("long-heading-on-a-page", _long_heading_on_a_page, check=20_000, build=20_000),
    Shape(
        "mentions-in-one-paragraph", _mentions_in_one_paragraph, check=10_000, build=2_500, reported=40_000
    ),
    Shape("definition-over-its-limit", _long_definition, check=400_000, reported=1_500_000),
    Shape("control-characters", _control_characters, check=100_000),
    Shape("many-registry-entries", _many_entries, check=2_000),
    Shape("many-unknown-ids", _many_unknown_ids, check=1_000),
    Shape("many-entries-mentioned-twice", _many_entries_mentioned_twice, check=1_000, build=250),
    Shape("quote-everywhere", _ambiguous_quote, check=100_000),
    Shape("specials-in-the-seed", _specials_in_the_seed, check=100_000, build=20_000),
    Shape("many-paragraphs", _many_paragraphs, check=100_000, build=20_000),
    Shape("attributes-without-quotes", _long_unquoted_attributes, check=50_000, build=20_000),
]
