"""Synthetic editions of 1 to 1000 texts, derived from the article of the edition.

Text 0 is the article itself, with its own text file.  Every other text is the article
varied deterministically (seeded by its number):

* the sections after the lead come in another order, and the paragraphs of each section
  too;
* five of the seven persons, the newspaper and the university of the article are replaced
  by synthetic ones, everywhere (seed, notes, forms, summary);
* its date differs.

So each text has the article's length, mentions (about 120) and notes (23), and the shared
registry grows with the corpus the way a real one would: the article's 54 entries, plus
synthetic persons (about two per text), newspapers and universities.  The states, places,
organisations and terms of the article stay shared, so the register of *Russland* lists
mentions from every text, as it would in a real edition on the subject.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from annotated_reader.core.seed import read_seed

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
ARTICLE = DOCS / "texts" / "kasachstan-distanziert-sich-von-russland.text.yaml"
ACTORS = DOCS / "annotations" / "akteure.actors.yaml"
GLOSSARY = DOCS / "annotations" / "glossar.glossary.yaml"
STATIC_PAGES = ("lesen.md", "ueber-diese-ausgabe.md")
EDITION_INFO = "```{ar:edition-info}\n```"
"""The imprint's directive in ``ueber-diese-ausgabe.md`` (the plain edition writes it out)."""
_LOCAL_LINK = re.compile(r"\[([^\]]+)\]\(([\w./-]+\.md)(?:#[\w-]*)?\)")
"""A Markdown link to a page of the project (``[Quellenverzeichnis](quellen.md)``)."""
REGISTER_PAGES = {
    "personen": ("Personen", "person"),
    "organisationen": ("Organisationen", "organisation"),
    "staaten": ("Staaten", "state"),
    "orte": ("Orte", "place"),
}

ENTRIES_PER_FILE = 400
PERSONS_REPLACED = 5
"""Persons of the article replaced in each variant (of seven)."""

_FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Clara",
    "Dana",
    "Emil",
    "Frida",
    "Georg",
    "Hanna",
    "Ilja",
    "Jana",
    "Karl",
    "Lena",
    "Marek",
    "Nina",
    "Oskar",
    "Paula",
    "Rasmus",
    "Sina",
    "Timo",
    "Ulla",
    "Vera",
    "Werner",
    "Yara",
    "Zoran",
    "Agnes",
    "Boris",
    "Dora",
    "Erik",
    "Greta",
    "Hugo",
    "Irma",
    "Jonas",
]
_ONSETS = [
    "B",
    "D",
    "F",
    "G",
    "H",
    "K",
    "L",
    "M",
    "N",
    "P",
    "R",
    "S",
    "T",
    "V",
    "W",
    "Z",
    "Br",
    "Dr",
    "Gr",
    "Kr",
    "Pr",
    "Tr",
    "St",
    "Sch",
]
_VOWELS = ["a", "e", "i", "o", "u"]
_CODAS = ["dow", "rin", "mek", "low", "nik", "rat", "ven", "dal", "kow", "lin"]


@dataclass
class Synthetic:
    """An actor that replaces one of the article in some variants."""

    id: str
    type: str
    name: str
    sort_name: str
    template: dict[str, Any]
    """The raw registry item of an actor it replaces (for description and sources)."""
    forms: set[str] = field(default_factory=set)


@dataclass
class Edition:
    """A generated edition: its source directory and its text files."""

    srcdir: Path
    texts: list[Path]
    entries: int
    """Registry entries (terms and actors)."""


def surname(number: int) -> str:
    """A made-up surname, different for every number (``Bakodow`` …)."""
    syllables = []
    value = number
    for _ in range(2):
        value, onset = divmod(value, len(_ONSETS))
        value, vowel = divmod(value, len(_VOWELS))
        syllables.append(_ONSETS[onset].lower() + _VOWELS[vowel])
    value, coda = divmod(value, len(_CODAS))
    word = "".join(syllables) + _CODAS[coda] + ("" if value == 0 else "ow" * value)
    return word.capitalize()


def town(number: int) -> str:
    """A made-up town name (for newspapers and universities)."""
    return surname(number + 7919)[:-1] + "ach"


def _load(path: Path) -> Any:
    # BaseLoader: every scalar stays a string, as the extension's strict reader sees it.
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


class _Dumper(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the extension's reader refuses anchors and aliases


def dump(data: Any, path: Path) -> None:
    """Write YAML the extension's strict reader accepts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, "utf-8")


def _substituter(pairs: dict[str, str]) -> Callable[[str], str]:
    if not pairs:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(key) for key in sorted(pairs, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda match: pairs[match.group(0)], text)


def _walk(value: Any, change: Callable[[str], str], key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, change, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(item, change, key) for item in value]
    if isinstance(value, str) and key not in ("seed", "url", "id", "actor", "term", "date"):
        return change(value)
    return value


def _person_pairs(item: dict[str, Any], replacement: Synthetic) -> dict[str, str]:
    """How the forms of a person of the article read for its replacement."""
    stem = item["name"].split()[-1]
    new_surname = replacement.name.split()[-1]
    pairs = {stem: new_surname, item["name"]: replacement.name}
    for form in item.get("forms", []):
        if stem in form and form.index(stem) > 0:
            pairs[form[: form.index(stem) + len(stem)]] = replacement.name
    return pairs


def _date(number: int) -> str:
    year, month, day = 2015 + (number * 7) % 10, 1 + (number * 5) % 12, 1 + (number * 11) % 28
    return f"{year}-{month:02d}" if number % 3 == 0 else f"{year}-{month:02d}-{day:02d}"


def _variant_body(body_blocks: list[tuple[str, bool]], rng: random.Random) -> str:
    sections: list[list[str]] = [[]]
    headings: list[str | None] = [None]
    for text, heading in body_blocks:
        if heading:
            sections.append([])
            headings.append(text)
        else:
            sections[-1].append(text)
    order = list(range(1, len(sections)))
    rng.shuffle(order)
    out: list[str] = []
    for index in [0, *order]:
        paragraphs = sections[index][:]
        if index:
            rng.shuffle(paragraphs)
        heading = headings[index]
        out.extend([heading] if heading is not None else [])
        out.extend(paragraphs)
    return "\n\n".join(out)


def text_name(number: int) -> str:
    """Docname stem of text ``number``: ``t0007``."""
    return f"t{number:04d}"


def generate(count: int, srcdir: Path) -> Edition:
    """Write an edition of ``count`` texts into ``srcdir`` (made empty first)."""
    if srcdir.exists():
        shutil.rmtree(srcdir)
    (srcdir / "texts").mkdir(parents=True)
    (srcdir / "seeds").mkdir()
    article = _load(ARTICLE)
    actors = _load(ACTORS)
    items = {item["id"]: item for item in actors["actors"]}
    persons = [item for item in actors["actors"] if item["type"] == "person"]
    seed_path = (ARTICLE.parent / article["seed"]).resolve()
    seed, _problems = read_seed(seed_path)
    assert seed is not None
    body_blocks = [(block.text, block.heading) for block in seed.blocks]

    person_pool = [
        Synthetic(
            f"person-{k:05d}",
            "person",
            f"{_FIRST_NAMES[k % len(_FIRST_NAMES)]} {surname(k)}",
            f"{surname(k)}, {_FIRST_NAMES[k % len(_FIRST_NAMES)]}",
            {},
        )
        for k in range(2 * count + 8)
    ]
    paper_pool = [
        Synthetic(f"zeitung-{k:05d}", "organisation", f"{town(k)}er Tageblatt", "", items["handelsblatt"])
        for k in range(count // 2 + 4)
    ]
    university_pool = [
        Synthetic(
            f"universitaet-{k:05d}",
            "organisation",
            f"Universität {town(k + 50_000)}",
            "",
            items["universitaet-innsbruck"],
        )
        for k in range(count // 4 + 4)
    ]

    texts = []
    for number in range(count):
        name = text_name(number)
        text_path = srcdir / "texts" / f"{name}.text.yaml"
        if number == 0:
            shutil.copyfile(seed_path, srcdir / "seeds" / f"{name}.txt")
            data = dict(article)
            data["seed"] = f"../seeds/{name}.txt"
            dump(data, text_path)
            texts.append(text_path)
            continue
        rng = random.Random(f"annotated-reader-bench-{number}")
        pairs: dict[str, str] = {}
        ids: dict[str, str] = {}
        chosen = rng.sample(range(len(person_pool)), PERSONS_REPLACED)
        for original, pick in zip(rng.sample(persons, PERSONS_REPLACED), chosen, strict=True):
            replacement = person_pool[pick]
            replacement.template = replacement.template or original
            person_pairs = _person_pairs(original, replacement)
            pairs.update(person_pairs)
            ids[original["id"]] = replacement.id
            replacement.forms.update(
                _substituter(person_pairs)(form) for form in original.get("forms", []) if form != "Kremlchef"
            )
        paper = paper_pool[rng.randrange(len(paper_pool))]
        university = university_pool[rng.randrange(len(university_pool))]
        for original_id, replacement in (("handelsblatt", paper), ("universitaet-innsbruck", university)):
            original_name = items[original_id]["forms"][0]
            pairs[original_name] = replacement.name
            ids[original_id] = replacement.id
            replacement.forms.add(replacement.name)
        change = _substituter(pairs)

        date = _date(number)
        body = change(_variant_body(body_blocks, rng))
        (srcdir / "seeds" / f"{name}.txt").write_text(f"date {date}\n\n{body}\n", "utf-8")
        data = _walk(article, change)
        data["seed"] = f"../seeds/{name}.txt"
        data["title"] = f"{article['title']} (Nr. {number})"
        data["date"] = date
        for item in (*data.get("forms", []), *data.get("remarks", [])):
            if item.get("actor") in ids:
                item["actor"] = ids[item["actor"]]
        dump(data, text_path)
        texts.append(text_path)

    (srcdir / "annotations").mkdir()
    shutil.copyfile(ACTORS, srcdir / "annotations" / ACTORS.name)
    shutil.copyfile(GLOSSARY, srcdir / "annotations" / GLOSSARY.name)
    used = [entry for entry in (*person_pool, *paper_pool, *university_pool) if entry.forms]
    # Several files, as a real registry of this size would be (and each below the size limit).
    for start in range(0, len(used), ENTRIES_PER_FILE):
        chunk = used[start : start + ENTRIES_PER_FILE]
        name = f"synthetisch-{start // ENTRIES_PER_FILE + 1:03d}.actors.yaml"
        dump({"actors": [_synthetic_item(entry) for entry in chunk]}, srcdir / "annotations" / name)
    write_pages(srcdir, annotated=True)
    entries = len(actors["actors"]) + len(_load(GLOSSARY)["terms"]) + len(used)
    return Edition(srcdir, texts, entries)


def _synthetic_item(entry: Synthetic) -> dict[str, Any]:
    template = entry.template
    if entry.type == "person":
        change = _substituter(_person_pairs(template, entry))
    else:
        change = _substituter({template["forms"][0]: entry.name})
    item: dict[str, Any] = {"id": entry.id, "type": entry.type, "name": entry.name}
    if entry.sort_name:
        item["sort_name"] = entry.sort_name
    item["description"] = change(template["description"])
    item["forms"] = sorted(entry.forms)
    if template.get("sources"):
        item["sources"] = template["sources"]
    return item


def edit_annotation(path: Path) -> None:
    """An editor's change to a text file: one more sentence in its first note."""
    data = _load(path)
    data["notes"][0]["body"] += " Nachtrag der Redaktion."
    dump(data, path)


CONF = """\
import os

project = "Benchmark"
author = "Benchmark"
language = "de"
root_doc = "index"
extensions = {extensions!r}
exclude_patterns = ["_build"]
smartquotes = False
myst_enable_extensions = {myst!r}
myst_disable_syntax = ["html_block", "html_inline"]
html_theme = "furo"
html_title = "Benchmark"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
nitpicky = True
{extra}
if os.environ.get("BENCH_PHASES_FILE"):  # phase times for the benchmark runner
    extensions.append("bench.phases")
"""

REFERENCE_PAGES = """\
glossar
zeitleiste
register/personen
register/organisationen
register/staaten
register/orte
"""
"""The reference pages, in the table of contents of the start page and of the book."""

INDEX = """\
# Benchmark

Eine annotierte Ausgabe mit vielen Texten.

## Texte

{texts}

```{{toctree}}
:caption: Nachschlagen
:maxdepth: 1

{reference_pages}```

```{{toctree}}
:caption: Über die Ausgabe
:maxdepth: 1

lesen
ueber-diese-ausgabe
```
"""

BOOK = """\
---
orphan: true
---

# Benchmark

```{{toctree}}
:caption: Texte
:glob:

texts/*
```

```{{toctree}}
:caption: Anhang

{reference_pages}ueber-diese-ausgabe
```
"""


def write_pages(
    srcdir: Path,
    *,
    annotated: bool,
    texts: str = "```{ar:text-list}\n```",
    glossary: str = "```{ar:glossary}\n```",
    timeline: str = "```{ar:timeline}\n```",
    registers: Iterable[tuple[str, str]] = (),
    imprint: str = EDITION_INFO,
) -> None:
    """The pages around the texts, as in ``docs/``: start page, book, registers and so on."""
    if annotated:
        conf = CONF.format(
            extensions=["myst_parser", "annotated_reader"],
            myst=["colon_fence", "deflist", "attrs_inline"],
            extra='annotated_reader_seed_dirs = ["seeds"]\n',
        )
        registers = [
            (page, f"```{{ar:register}} {type_id}\n```") for page, (_, type_id) in REGISTER_PAGES.items()
        ]
    else:
        conf = CONF.format(
            extensions=["myst_parser"],
            myst=["colon_fence", "deflist", "attrs_inline", "attrs_block", "fieldlist"],
            extra="",
        )
    (srcdir / "conf.py").write_text(conf, "utf-8")
    (srcdir / "index.md").write_text(INDEX.format(texts=texts, reference_pages=REFERENCE_PAGES), "utf-8")
    (srcdir / "book.md").write_text(BOOK.format(reference_pages=REFERENCE_PAGES), "utf-8")
    (srcdir / "glossar.md").write_text(f"# Glossar\n\nBegriffe aller Texte.\n\n{glossary}\n", "utf-8")
    (srcdir / "zeitleiste.md").write_text(f"# Zeitleiste\n\nDatierte Anmerkungen.\n\n{timeline}\n", "utf-8")
    (srcdir / "register").mkdir(exist_ok=True)
    for page, content in registers:
        title = REGISTER_PAGES[page][0]
        (srcdir / "register" / f"{page}.md").write_text(f"# {title}\n\nAlle {title}.\n\n{content}\n", "utf-8")
    for page in STATIC_PAGES:
        # Links to pages of the edition the generated one does not have (its list of sources,
        # the editorial notes) become their text: a build without warnings.
        text = (DOCS / page).read_text("utf-8").replace(EDITION_INFO, imprint)
        (srcdir / page).write_text(
            _LOCAL_LINK.sub(lambda link: link[0] if (srcdir / link[2]).exists() else link[1], text), "utf-8"
        )
