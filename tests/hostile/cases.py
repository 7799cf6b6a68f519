"""The hostile and broken inputs: each case is a few files over ``base/`` and what must happen.

A case either fails cleanly — each :class:`Expect` names the place (``file:line``) and a
fragment of the message, which must appear in the output of the ``check`` command and/or
among the build's warnings — or builds, and each :class:`Literal` names a page on which a
text must appear character for character.  Every case, whatever it expects, must also end
without a traceback, a hang, or a script, event handler or unsafe link in any built page
(see ``test_corpus.py``).

The inputs that cannot be written as text in a file of this repository (invalid bytes,
10 MB, symbolic links, BOM) are made here by code; everything else is spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .harness import BASE, Content, Symlink

BOTH = ("check", "sphinx")
SPHINX = ("sphinx",)


@dataclass(frozen=True)
class Expect:
    """A message that must be reported at ``where`` (a ``file:line`` prefix)."""

    where: str
    says: str
    by: tuple[str, ...] = BOTH


@dataclass(frozen=True)
class Literal:
    """Text that must appear, exactly, in the visible text of a built page (with ``html``:
    in its HTML, for ids the page promises)."""

    page: str
    text: str
    html: bool = False


@dataclass(frozen=True)
class Case:
    """One hostile or broken input."""

    id: str
    files: dict[str, Content]
    expect: tuple[Expect, ...] = ()
    literal: tuple[Literal, ...] = ()

    @property
    def clean(self) -> bool:
        """A case without expected problems must check and build without any."""
        return not self.expect

    def by(self, tool: str) -> list[Expect]:
        return [expect for expect in self.expect if tool in expect.by]


# --- building blocks ----------------------------------------------------------------------------

SEED = "seeds/t.txt"
TEXT = "texts/t.text.yaml"
ACTORS = "annotations/a.actors.yaml"
GLOSSARY = "annotations/g.glossary.yaml"
PAGE = "seite.md"

SPECIALS = "<b>&amp; {x} `c` *e* _u_ [^1] $m$ \\ % # ~ ^ {{ 7*7 }} \\input{/etc/hostname} </p>"
"""Every character that means something in HTML, MyST, Jinja or LaTeX, on one line."""

SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def text_file(extra: str = "", *, notes: str | None = None, head: str = "") -> str:
    """The base text file with ``head`` fields, ``extra`` top-level YAML, and ``notes``."""
    note_block = (
        notes
        if notes is not None
        else """notes:
  - id: rede
    quote: {exact: sprach in Astana}
    title: Die Rede
    date: 2022-09-01
    body: Die Rede fand im September statt.
"""
    )
    return f"seed: ../seeds/t.txt\nlanguage: de\n{head}{extra}{note_block}"


def one_actor(fields: str) -> str:
    """An actor registry whose first actor (Tokajew) has ``fields`` instead of its usual ones."""
    return f"""actors:
  - id: tokajew
    type: person
{fields}
  - id: kasachstan
    type: state
    name: Kasachstan
    description: Staat in Zentralasien.
    forms: [Kasachstan]
  - id: russland
    type: state
    name: Russland
    description: Staat in Osteuropa und Nordasien.
    forms: [Russland]
  - id: astana
    type: place
    name: Astana
    description: Hauptstadt Kasachstans.
    forms: [Astana]
"""


TOKAJEW = """    name: Kassym-Schomart Tokajew
    sort_name: Tokajew, Kassym-Schomart
    description: Präsident Kasachstans.
    forms: [Präsident Tokajew, Tokajew]"""


def glossary(fields: str) -> str:
    """A glossary with one term (EAWU) made of ``fields``."""
    return f"terms:\n  - id: eawu\n{fields}\n"


EAWU = """    headword: Eurasische Wirtschaftsunion
    abbreviation: EAWU
    definition: Ein Binnenmarkt mehrerer Staaten.
    forms: [Eurasische Wirtschaftsunion]"""


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page(body: str, front: str = "") -> str:
    """A contributor's own page."""
    return (f"---\n{front}---\n" if front else "") + f"# Eine Seite\n\n{body}\n"


def invalid_utf8(path: str, text: str, marker: str, by: tuple[str, ...] = BOTH) -> tuple[bytes, Expect]:
    """``text`` as UTF-8 with ``marker`` replaced by a lone continuation byte and a Latin-1 ``ä``,
    and the problem expected: line, column and byte offset of the first bad byte."""
    before, after = text.split(marker)
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    byte = len(before.encode())
    expect = Expect(f"{path}:{line}:{column}", f"not valid UTF-8 at byte {byte} (bytes 80)", by)
    return before.encode() + b"\x80 und \xe4" + after.encode(), expect


def invalid_utf8_case(name: str, path: str, text: str, marker: str, **kwargs: object) -> Case:
    """A case whose file ``path`` holds ``text`` with bad bytes where ``marker`` was."""
    by = SPHINX if path.endswith(".md") else BOTH
    content, expect = invalid_utf8(path, text, marker, by)
    return Case(name, {path: content}, (expect,), **kwargs)  # type: ignore[arg-type]


BASE_CONF = (BASE / "conf.py").read_text("utf-8")

BASE_SEED = (
    "date 2022-09\n"
    "Wie Kasachstan auf Abstand geht\n\n"
    "Präsident Tokajew sprach in Astana über die Eurasische Wirtschaftsunion.\n\n"
    "Kasachstan und Russland\n\n"
    "Die Beziehung zu Russland hat Risse bekommen, sagte Tokajew.\n"
)


# --- the cases ------------------------------------------------------------------------------------

CASES: list[Case] = [
    # YAML that plain PyYAML would read wrongly, or not at all
    Case(
        "yaml-syntax-error",
        {ACTORS: one_actor("    name: [Tokajew\n    description: x\n    forms: [Tokajew]")},
        (Expect(ACTORS + ":5", "YAML syntax error"),),
    ),
    Case(
        "yaml-duplicate-key",
        {ACTORS: one_actor(TOKAJEW + "\n    name: Tokajew")},
        (Expect(ACTORS + ":8:5", "duplicate key 'name' (first at line 4)"),),
    ),
    Case(
        "yaml-1.1-booleans-and-numbers-stay-text",
        {
            GLOSSARY: glossary(
                EAWU.replace("abbreviation: EAWU", "abbreviation: no") + "\n    sources:\n"
                "      - {title: 1.10, publisher: on, url: 'https://example.org/a'}"
            )
        },
        literal=(
            Literal("glossar.html", "Eurasische Wirtschaftsunion (no)"),
            Literal("glossar.html", "on: „1.10“"),
        ),
    ),
    Case(
        "yaml-alias-bomb",
        {
            GLOSSARY: "terms:\n  - id: eawu\n    headword: &a [lol, lol, lol, lol, lol]\n"
            "    abbreviation: &b [*a, *a, *a, *a, *a]\n    definition: &c [*b, *b, *b, *b, *b]\n"
        },
        (Expect(GLOSSARY + ":3:15", "anchor '&a' is not allowed"),),
    ),
    Case(
        "yaml-deep-nesting-flow",
        {GLOSSARY: "terms:\n  - " + "[" * 5000 + "\n"},
        (Expect(GLOSSARY + ":2", "nesting depth"),),
    ),
    Case(
        "yaml-deep-nesting-block",
        {GLOSSARY: "terms:\n" + "".join("  " * depth + "- \n" for depth in range(40)) + "  " * 40 + "- x\n"},
        (Expect(GLOSSARY + ":", "nesting deeper than 20 levels"),),
    ),
    Case(
        "yaml-python-tag",
        {
            GLOSSARY: glossary(
                EAWU.replace("abbreviation: EAWU", "abbreviation: !!python/object/apply:os.system [id]")
            )
        },
        (Expect(GLOSSARY + ":4:19", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),),
    ),
    Case(
        "yaml-two-documents",
        {GLOSSARY: glossary(EAWU) + "---\nterms: []\n"},
        (Expect(GLOSSARY + ":7", "found a second '---'"),),
    ),
    Case(
        "yaml-impossible-date",
        {
            TEXT: text_file(
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n    title: Die Rede\n"
                "    date: 2022-02-30\n    body: Text.\n"
            )
        },
        (Expect(TEXT + ":7:11", "'2022-02-30' is not a real calendar date"),),
    ),
    Case(
        "yaml-period-ends-before-it-starts",
        {
            TEXT: text_file(
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n    title: Die Rede\n"
                "    date: 2022-09-30/2022-09-01\n    body: Text.\n"
            )
        },
        (Expect(TEXT + ":7:11", "the period ends (2022-09-01) before it starts (2022-09-30)"),),
    ),
    Case(
        "yaml-key-is-a-list",
        {GLOSSARY: "terms:\n  - ? [a, b]\n    : x\n"},
        (Expect(GLOSSARY + ":2", "a key must be a plain name"),),
    ),
    # files that are empty, too large, or not text
    Case("empty-registry", {GLOSSARY: ""}, (Expect(GLOSSARY + ":1:1", "file is empty"),)),
    Case(
        "comment-only-text-file", {TEXT: "# nur ein Kommentar\n\n"}, (Expect(TEXT + ":1:1", "file is empty"),)
    ),
    Case("empty-seed", {SEED: "\n  \n"}, (Expect(SEED + ":1:1", "the seed has no text"),)),
    Case(
        "ten-megabyte-registry",
        {GLOSSARY: glossary(EAWU) + "# " + "x" * 10_000_000 + "\n"},
        (Expect(GLOSSARY, "file is 10.0 MB, more than the limit of 2.1 MB"),),
    ),
    invalid_utf8_case("invalid-utf8-registry", GLOSSARY, glossary(EAWU), "mehrerer"),
    invalid_utf8_case("invalid-utf8-seed", SEED, BASE_SEED, "Risse"),
    invalid_utf8_case(
        "invalid-utf8-text-file",
        TEXT,
        text_file(head="teaser: Risse\n"),
        "Risse",
        literal=(Literal("index.html", "\ufffd und \ufffd"),),
    ),
    invalid_utf8_case(
        "invalid-utf8-page",
        PAGE,
        page("Hier: Risse."),
        "Risse",
        literal=(Literal("seite.html", "Hier: \ufffd und \ufffd."),),
    ),
    Case(
        "control-characters-in-registry",
        {ACTORS: one_actor(TOKAJEW.replace("Präsident Kasachstans.", "Präsident\x1b[31m Kasachstans\x00."))},
        (
            Expect(ACTORS + ":6:27", "control character U+001B cannot be shown"),
            Expect(ACTORS + ":6:44", "control character U+0000 cannot be shown"),
        ),
    ),
    Case(
        "control-characters-as-yaml-escapes",
        {TEXT: text_file(head='teaser: "Ein \\e[31m Test\\a"\n')},
        (Expect(TEXT + ":3:9", "control character U+001B (written as an escape)"),),
    ),
    Case(
        "nul-byte-in-seed-path",
        {TEXT: text_file().replace("seed: ../seeds/t.txt", 'seed: "../seeds/t\\0.txt"')},
        (
            Expect(TEXT + ":1:7", "control character U+0000 (written as an escape)"),
            Expect(
                TEXT + ":1:7",
                "the seed file '../seeds/t␀.txt' does not exist (did you mean \"../seeds/t.txt\"?)",
            ),
        ),
    ),
    # U+2028 and U+2029 are line breaks to YAML (and to some editors): lines count from them.
    Case(
        "line-separators-from-a-word-processor",
        {
            GLOSSARY: glossary(
                EAWU.replace("Ein Binnenmarkt mehrerer Staaten.", '"Ein\u2028Binnenmarkt mehrerer Staaten."')
            )
            + "    defintion: x\n",
            SEED: BASE_SEED.replace("Risse bekommen", "Risse\u2029bekommen"),
        },
        (Expect(GLOSSARY + ":8:5", "unknown field 'defintion'"),),
        literal=(
            Literal("texts/t.html", "Risse\u2029bekommen"),
            Literal("glossar.html", "Ein\u2028Binnenmarkt mehrerer"),
        ),
    ),
    Case(
        "noncharacter-in-yaml",
        {TEXT: text_file(head="teaser: Ein ää \uffff Test.\n")},
        (Expect(TEXT + ":3:16", "character U+FFFF is not allowed in YAML"),),
    ),
    # the schema: fields and ids
    Case(
        "unknown-field-with-suggestion",
        {GLOSSARY: glossary(EAWU + "\n    defintion: x")},
        (Expect(GLOSSARY + ":7:5", "unknown field 'defintion' (did you mean 'definition'?)"),),
    ),
    Case(
        "missing-required-field",
        {GLOSSARY: glossary(EAWU.replace("    definition: Ein Binnenmarkt mehrerer Staaten.\n", ""))},
        (Expect(GLOSSARY + ":2:5", "missing field 'definition' in 'terms'"),),
    ),
    Case(
        "forms-not-a-list",
        {
            GLOSSARY: glossary(
                EAWU.replace("forms: [Eurasische Wirtschaftsunion]", "forms: Eurasische Wirtschaftsunion")
            )
        },
        (Expect(GLOSSARY + ":6:12", "'forms' must be a list"),),
    ),
    Case(
        "id-with-path-and-html",
        {GLOSSARY: glossary(EAWU).replace("id: eawu", "id: ../<b>EAWU")},
        (Expect(GLOSSARY + ":2:9", "'id' must be lowercase ASCII letters"),),
    ),
    Case(
        "duplicate-entry-id",
        {GLOSSARY: glossary(EAWU) + "  - id: eawu\n" + EAWU.replace("EAWU", "EWU") + "\n"},
        (Expect(GLOSSARY + ":7:9", "term 'eawu' is defined twice (first at"),),
    ),
    Case(
        "duplicate-headword",
        {
            GLOSSARY: glossary(EAWU)
            + "  - id: wu\n    headword: Eurasische Wirtschaftsunion\n    definition: Zwei.\n"
            "    forms: [Abstand]\n"
        },
        (Expect(GLOSSARY + ":8:15", "term 'eawu' has the same headword 'Eurasische Wirtschaftsunion'"),),
    ),
    Case(
        "impossible-date-in-the-seed",
        {SEED: BASE_SEED.replace("date 2022-09", "date 2022-13-45")},
        (Expect(SEED + ":1:6", "'2022-13-45' is not a real calendar date"),),
    ),
    Case(
        "duplicate-note-id",
        {
            TEXT: text_file(
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n    body: Eins.\n"
                "  - id: rede\n    quote: {exact: Risse bekommen}\n    body: Zwei.\n"
            )
        },
        (Expect(TEXT + ":7:9", "note 'rede' is defined twice (first at line 4)"),),
    ),
    Case(
        "unknown-actor-id",
        {TEXT: text_file("forms:\n  - actor: tokajev\n    forms: [Präsident]\n")},
        (Expect(TEXT + ":4:12", "no actor has the id 'tokajev' (did you mean 'tokajew'?)"),),
    ),
    Case(
        "unknown-actor-type",
        {ACTORS: one_actor(TOKAJEW).replace("type: person", "type: persn")},
        (Expect(ACTORS + ":3:11", "did you mean 'person'?"),),
    ),
    Case(
        "unknown-actor-on-a-page",
        {PAGE: page("```{ar:person} tokajev\n```")},
        (Expect(PAGE + ":3", "no actor of type 'person' has the id 'tokajev'", SPHINX),),
    ),
    # forms
    Case(
        "form-listed-for-two-entries",
        {
            GLOSSARY: glossary(
                EAWU.replace("[Eurasische Wirtschaftsunion]", "[Eurasische Wirtschaftsunion, Astana]")
            )
        },
        (
            Expect(
                ACTORS + ":22:13",
                "form 'Astana' is listed for actor 'astana' and for term 'eawu' (at g.glossary.yaml:6)",
            ),
        ),
    ),
    Case(
        "form-unused",
        {
            GLOSSARY: glossary(
                EAWU.replace("[Eurasische Wirtschaftsunion]", "[Eurasische Wirtschaftsunion, EAWU]")
            )
        },
        (Expect(GLOSSARY + ":6:42", "form 'EAWU' (term 'eawu') does not occur"),),
    ),
    Case(
        "form-that-is-a-space",
        {
            GLOSSARY: glossary(
                EAWU.replace("[Eurasische Wirtschaftsunion]", "[Eurasische Wirtschaftsunion, ' ']")
            )
        },
        (Expect(GLOSSARY + ":6:42", "'forms' must be text on one line"),),
    ),
    Case(
        "form-that-is-punctuation",
        {
            GLOSSARY: glossary(
                EAWU.replace("[Eurasische Wirtschaftsunion]", "[Eurasische Wirtschaftsunion, ',']")
            )
        },
        (Expect(GLOSSARY + ":6:42", "'forms' must be text on one line with a letter or digit"),),
    ),
    Case(
        "ten-thousand-forms",
        {
            GLOSSARY: glossary(
                EAWU.replace(
                    "[Eurasische Wirtschaftsunion]",
                    "[Eurasische Wirtschaftsunion, " + ", ".join(f"f{n}" for n in range(10_000)) + "]",
                )
            )
        },
        (Expect(GLOSSARY + ":6:12", "'forms' lists more than 1000 items"),),
    ),
    Case(
        "forms-crossing-each-other",
        {TEXT: text_file("forms:\n  - actor: astana\n    forms: [über die Eurasische]\n")},
        (
            Expect(
                TEXT + ":5:13",
                "'über die Eurasische' (actor 'astana') at t.txt:4 crosses the longer 'Eurasische Wirtschaftsunion'",
            ),
        ),
    ),
    Case(
        "form-nested-in-a-longer-form",
        {
            GLOSSARY: glossary(EAWU)
            + "  - id: kr\n    headword: K und R\n    definition: Beide.\n    forms: [Kasachstan und Russland]\n"
        },
        literal=(Literal("texts/t.html", "Kasachstan und Russland"),),
    ),
    # quotes of notes
    Case(
        "quote-spans-a-paragraph-break",
        {
            TEXT: text_file(
                notes='notes:\n  - id: rede\n    quote: {exact: "Wirtschaftsunion.\\n\\nKasachstan"}\n'
                "    body: Text.\n"
            )
        },
        (Expect(TEXT + ":5:20", "the quote of note 'rede' spans a paragraph break"),),
    ),
    Case(
        "quote-not-in-the-text",
        {
            TEXT: text_file(
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in  Astana}\n    body: Text.\n"
            )
        },
        (
            Expect(
                TEXT + ":5:20",
                "the quote of note 'rede' is not in the text (the text differs only in spaces or quotation "
                'marks, at t.txt:4:19: exact: "sprach in Astana"',
            ),
        ),
    ),
    Case(
        "quote-occurs-twice",
        {TEXT: text_file(notes="notes:\n  - id: rede\n    quote: {exact: Tokajew}\n    body: Text.\n")},
        (Expect(TEXT + ":5:20", "the quote of note 'rede' occurs 2 times (t.txt lines 4, 8)"),),
    ),
    Case(
        "quote-with-wrong-prefix",
        {
            TEXT: text_file(
                notes="notes:\n  - id: rede\n    quote: {exact: Tokajew, prefix: 'Kanzler '}\n    body: Text.\n"
            )
        },
        (
            Expect(
                TEXT + ":5:20",
                "occurs (t.txt lines 4, 8), but not with this prefix (at t.txt:4:11 the text has prefix: "
                '"Präsident ")',
            ),
        ),
    ),
    Case(
        "heading-override-not-in-the-seed",
        {TEXT: text_file(head="headings: [Wie Kasachstan auf Abstand geht, Kasachstan und Rusland]\n")},
        (Expect(TEXT + ":3:45", "no paragraph of the seed has exactly this text"),),
    ),
    # seeds and other files outside the project
    Case(
        "seed-path-escapes-the-project",
        {TEXT: text_file().replace("../seeds/t.txt", "../../../../../../../../etc/hostname")},
        (Expect(TEXT + ":1:7", "lies outside the project"),),
    ),
    Case(
        "seed-absolute-path",
        {TEXT: text_file().replace("../seeds/t.txt", "/etc/hostname")},
        (Expect(TEXT + ":1:7", "the seed '/etc/hostname' lies outside the project"),),
    ),
    Case(
        "symlinked-seed",
        {SEED: Symlink("/etc/hostname")},
        (Expect(TEXT + ":1:7", "lies outside the project"),),
    ),
    Case(
        "symlinked-registry",
        {ACTORS: Symlink("/etc/os-release")},
        (Expect(ACTORS, "read through the symbolic link"),),
    ),
    Case(
        "symlinked-text-file",
        {"texts/u.text.yaml": Symlink("t.text.yaml")},
        (Expect("texts/u.text.yaml", "read through the symbolic link"),),
    ),
    Case(
        "symlinked-page",
        {"passwort.md": Symlink("/etc/passwd")},
        (Expect("passwort.md", "read through the symbolic link", SPHINX),),
    ),
    Case(
        "symlinked-page-to-dev-zero",
        {"null.md": Symlink("/dev/zero")},
        (Expect("null.md", "read through the symbolic link", SPHINX),),
    ),
    Case(
        "symlinked-directory-to-the-root",
        {"extern": Symlink("/")},
        (Expect("extern", "read through the symbolic link", SPHINX),),
    ),
    # every kind of text reaches the page literally
    Case(
        "specials-in-the-seed",
        {SEED: BASE_SEED.replace("Risse bekommen", "Risse bekommen: " + SPECIALS)},
        literal=(Literal("texts/t.html", "Risse bekommen: " + SPECIALS),),
    ),
    Case(
        "script-in-the-seed",
        {SEED: BASE_SEED.replace("Risse bekommen", SCRIPT)},
        literal=(Literal("texts/t.html", SCRIPT),),
    ),
    Case(
        "specials-in-headings-of-the-seed",
        {SEED: BASE_SEED.replace("Kasachstan und Russland", "# <b> {x} & ~ ^ \\input{x} Russland")},
        literal=(Literal("texts/t.html", "# <b> {x} & ~ ^ \\input{x} Russland"),),
    ),
    Case(
        "specials-in-plain-fields",
        {
            ACTORS: one_actor(
                f"    name: {yaml_quoted('Tokajew ' + SPECIALS)}\n    sort_name: {yaml_quoted('Tokajew; ' + SCRIPT)}\n"
                "    description: Präsident.\n    forms: [Tokajew]\n    sources:\n"
                f"      - {{title: {yaml_quoted('T ' + SPECIALS)}, publisher: {yaml_quoted('P ' + SCRIPT)}, "
                f"author: {yaml_quoted('A ' + SPECIALS)}, url: 'https://example.org/a?b=1&c=2'}}"
            ).replace("forms: [Präsident Tokajew, Tokajew]", "forms: [Tokajew]"),
            GLOSSARY: glossary(
                f"    headword: {yaml_quoted('H ' + SPECIALS)}\n    abbreviation: {yaml_quoted(SCRIPT)}\n"
                "    definition: Ein Binnenmarkt.\n    forms: [Eurasische Wirtschaftsunion]"
            ),
            TEXT: text_file(
                head=f"title: {yaml_quoted('Titel ' + SPECIALS)}\nteaser: {yaml_quoted('Teaser ' + SCRIPT)}\n",
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n"
                f"    title: {yaml_quoted('Anmerkung ' + SPECIALS)}\n    date: 2022-09-01\n    body: Text.\n",
            ),
        },
        literal=(
            # The register names a person by the sort name ("Surname, Given names").
            Literal("register.html", "Tokajew; " + SCRIPT),
            Literal("register.html", "T " + SPECIALS),
            Literal("register.html", "A " + SPECIALS + ", P " + SCRIPT),
            Literal("ar-person.html", "Tokajew; " + SCRIPT),
            Literal("glossar.html", "H " + SPECIALS),
            Literal("glossar.html", SCRIPT),
            Literal("texts/t.html", "Titel " + SPECIALS),
            Literal("texts/t.html", "Tokajew " + SPECIALS),
            Literal("index.html", "Titel " + SPECIALS),
            Literal("index.html", "Teaser " + SCRIPT),
            Literal("zeitleiste.html", "Anmerkung " + SPECIALS),
        ),
    ),
    Case(
        "specials-in-forms-and-quotes",
        {
            SEED: BASE_SEED.replace("Risse bekommen", "Risse <b>&amp; {x}</b> bekommen"),
            TEXT: text_file(
                "forms:\n  - actor: russland\n    forms: ['<b>&amp; {x}</b>']\n",
                notes="notes:\n  - id: rede\n    quote: {exact: 'Risse <b>&amp;'}\n    body: Text.\n",
            ),
        },
        literal=(
            Literal("texts/t.html", "Risse <b>&amp; {x}</b>"),
            Literal("texts/t.html", "</b>[1] bekommen"),
        ),
    ),
    Case(
        "html-and-myst-in-markup-fields",
        {
            GLOSSARY: glossary(EAWU.replace("Ein Binnenmarkt mehrerer Staaten.", yaml_quoted(SCRIPT))),
            TEXT: text_file(
                head=f"summary: {yaml_quoted('Vorher ' + SCRIPT)}\nprovenance: '{{raw}}`html` und {{{{ 7*7 }}}}'\n",
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n"
                '    body: "```{include} /etc/hostname\\n```"\n',
            ),
        },
        (
            Expect(GLOSSARY + ":5:17", "raw HTML is not supported; it is shown literally"),
            Expect(TEXT + ":3:10", "raw HTML is not supported; it is shown literally"),
            Expect(TEXT + ":4:13", "a MyST role is not supported; it is shown literally"),
            Expect(TEXT + ":8:11", "a code block or directive is not supported; it is shown literally"),
        ),
        literal=(
            Literal("glossar.html", SCRIPT),
            Literal("texts/t.html", "Vorher " + SCRIPT),
            Literal("texts/t.html", "{raw}`html` und {{ 7*7 }}"),
            Literal("texts/t.html", "```{include} /etc/hostname"),
        ),
    ),
    Case(
        "specials-in-markup-fields-without-markup",
        {
            ACTORS: one_actor(
                TOKAJEW.replace("Präsident Kasachstans.", yaml_quoted("a < b & c {x} 100 % #1 ~2 ^3 $5 a\\b"))
            )
        },
        literal=(Literal("register.html", "a < b & c {x} 100 % #1 ~2 ^3 $5 a\\b"),),
    ),
    Case(
        "markup-that-is-slow-to-parse",
        {
            GLOSSARY: glossary(EAWU)
            + "".join(
                f"  - id: t{n}\n    headword: T{n}\n    definition: {yaml_quoted(pattern * 2500)}\n    forms: [T{n}]\n"
                for n, pattern in enumerate(["[^", "![", "[a", "*[", "[*"])
            )
        },
        tuple(
            Expect(GLOSSARY + f":{9 + 4 * n}:17", "more than 200 '[' are more than markup needs")
            for n in range(5)
        ),
        literal=(Literal("glossar.html", "[^" * 2500), Literal("glossar.html", "*[" * 2500)),
    ),
    Case(
        "javascript-links-in-markup-fields",
        {
            ACTORS: one_actor(TOKAJEW.replace("Präsident Kasachstans.", "'[klick](javascript:alert(1))'")),
            GLOSSARY: glossary(
                EAWU.replace("Ein Binnenmarkt mehrerer Staaten.", "'[x](JaVaScRiPt:alert(1))'")
            ),
            TEXT: text_file(
                head="summary: '[x](data:text/html;base64,PHNjcmlwdD4=)'\nprovenance: '<javascript:alert(1)>'\n",
                notes="notes:\n  - id: rede\n    quote: {exact: sprach in Astana}\n    body: '[x](vbscript:msgbox)'\n",
            ),
        },
        (
            Expect(ACTORS + ":6:18", "link target 'javascript:alert(1)' is not allowed"),
            Expect(GLOSSARY + ":5:17", "link target 'JaVaScRiPt:alert(1)' is not allowed"),
            Expect(TEXT + ":3:10", "link target 'data:text/html;base64,PHNjcmlwdD4=' is not allowed"),
            Expect(TEXT + ":4:13", "link target 'javascript:alert(1)' is not allowed"),
            Expect(TEXT + ":8:11", "link target 'vbscript:msgbox' is not allowed"),
        ),
        literal=(Literal("register.html", "[klick](javascript:alert(1))"),),
    ),
    Case(
        "javascript-url-in-a-source",
        {
            GLOSSARY: glossary(
                EAWU + "\n    sources:\n      - {title: T, publisher: P, url: 'javascript:alert(1)'}"
            )
        },
        (Expect(GLOSSARY + ":8:39", "'url' must be a web address starting with https://"),),
    ),
    Case(
        "ids-that-look-like-generated-ids",
        {
            SEED: BASE_SEED.replace("Kasachstan und Russland", "P2").replace(
                "Wie Kasachstan", "Note Rede Wie Kasachstan"
            ),
            TEXT: text_file(head="title: Note Rede\n"),
        },
        literal=(
            Literal("texts/t.html", '<p class="ar-para" id="p2">', html=True),
            Literal("texts/t.html", '<aside class="footnote brackets ar-note" id="note-rede"', html=True),
            Literal("texts/t.html", "¶\xa02Die Beziehung zu Russland hat Risse bekommen, sagte Tokajew."),
        ),
    ),
    # contributors' own pages
    Case(
        "page-raw-html",
        {PAGE: page("<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> mehr.")},
        literal=(
            Literal("seite.html", "<script>alert(1)</script>"),
            Literal("seite.html", "<img src=x onerror=alert(2)>"),
        ),
    ),
    Case(
        "page-front-matter-switches-html-and-substitutions-on",
        {
            PAGE: page(
                "<b onclick=alert(1)>fett</b> {{ 6 * 7 }}",
                "myst:\n  disable_syntax: []\n  enable_extensions: [substitution]\n  substitutions: {x: y}\n",
            )
        },
        (Expect(PAGE + ":1", "the front matter switches on 'html_block' syntax", SPHINX),),
        literal=(Literal("seite.html", "<b onclick=alert(1)>fett</b> {{ 6 * 7 }}"),),
    ),
    Case(
        "conf-enables-substitutions",
        {
            "conf.py": (
                "extensions = ['myst_parser', 'annotated_reader']\nlanguage = 'de'\nsmartquotes = False\n"
                "exclude_patterns = ['_build']\nmyst_enable_extensions = ['substitution']\n"
            ),
            PAGE: page("{{ 7 * 7 }} {{ self }}"),
        },
        (Expect("conf.py:5", "myst_enable_extensions contains 'substitution'", SPHINX),),
        literal=(Literal("seite.html", "{{ 7 * 7 }} {{ self }}"),),
    ),
    Case(
        "conf-loads-a-remote-script",
        {"conf.py": BASE_CONF + "html_js_files = ['https://cdn.example.org/x.js']\n"},
        (Expect("glossar.md:1", "would load a script from 'https://cdn.example.org/x.js'", SPHINX),),
    ),
    Case(
        "page-raw-directive",
        {PAGE: page("```{raw} html\n<script>alert(1)</script>\n```")},
        (Expect(PAGE + ":3", "the 'raw' directive is not allowed", SPHINX),),
        literal=(Literal("seite.html", "<script>alert(1)</script>"),),
    ),
    Case(
        "page-include-outside",
        {PAGE: page("```{include} ../../../../../../../../etc/hostname\n```")},
        (Expect(PAGE + ":3", "the 'include' directive is not allowed", SPHINX),),
    ),
    Case(
        "page-literalinclude",
        {PAGE: page("```{literalinclude} conf.py\n```")},
        (
            Expect(
                PAGE + ":3",
                "'literalinclude' of 'conf.py' is not allowed: it lies outside annotated_reader_include_dirs",
                SPHINX,
            ),
        ),
    ),
    Case(
        "page-eval-rst",
        {
            PAGE: page(
                "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n\n"
                ".. include:: /etc/hostname\n\n`klick <javascript:alert(2)>`_\n\n"
                ".. role:: rawhtml(raw)\n   :format: html\n\n:rawhtml:`<b onclick=x>`\n```"
            )
        },
        (
            Expect(PAGE + ":4", "the 'raw' directive is not allowed", SPHINX),
            Expect(PAGE + ":8", "the 'include' directive is not allowed", SPHINX),
            Expect(PAGE + ":10", "link target 'javascript:alert(2)' is not allowed", SPHINX),
            Expect(PAGE + ":15", "the 'rawhtml' role is not allowed", SPHINX),
        ),
    ),
    Case(
        "page-csv-table-file-and-url",
        {
            PAGE: page(
                "```{csv-table}\n:file: /etc/passwd\n```\n\n```{csv-table}\n:url: https://example.org/a.csv\n```"
            )
        },
        (
            Expect(PAGE + ":3", "the ':file:' option of 'csv-table' is not allowed", SPHINX),
            Expect(PAGE + ":7", "the ':url:' option of 'csv-table' is not allowed", SPHINX),
        ),
    ),
    Case(
        "page-image-and-download-outside",
        {
            PAGE: page(
                "![bild](../../../../../../../etc/hostname)\n\n{download}`x <../../../../../../../etc/passwd>`"
            )
        },
        (
            Expect(PAGE + ":3", "lies outside the project", SPHINX),
            Expect(
                PAGE + ":5", "the file '../../../../../../../etc/passwd' lies outside the project", SPHINX
            ),
        ),
    ),
    Case(
        "page-links-to-host-files",
        {PAGE: page("[x](../../../../../../../../etc/passwd) und [y](/../../../../../../etc/hostname)")},
        (
            Expect(
                PAGE + ":3", "the file '../../../../../../../../etc/passwd' lies outside the project", SPHINX
            ),
            Expect(
                PAGE + ":3", "the file '/../../../../../../etc/hostname' lies outside the project", SPHINX
            ),
        ),
        literal=(Literal("seite.html", "x und y"),),
    ),
    Case(
        "page-image-through-a-symlink",
        {"bild.png": Symlink("/etc/hostname"), PAGE: page("![bild](bild.png)")},
        (Expect(PAGE + ":3", "the image 'bild.png' lies outside the project", SPHINX),),
    ),
    Case(
        "page-remote-and-data-images",
        {PAGE: page("![a](https://example.org/a.png)\n\n```{image} data:image/svg+xml;base64,PHN2Zy8+\n```")},
        (
            Expect(PAGE + ":3", "the image 'https://example.org/a.png' is not a file of the project", SPHINX),
            Expect(PAGE + ":5", "the image 'data:image/svg+xml;base64,PHN2Zy8+' is not a file", SPHINX),
        ),
    ),
    Case(
        "page-unsafe-links",
        {
            PAGE: page(
                "[a](javascript:alert(1)) <javascript:alert(2)> [c](data:text/html,x)\n\n"
                "::::{card} Karte\n:link: javascript:alert(3)\n\nText\n::::\n\n"
                "```{button-link} javascript:alert(4)\nKnopf\n```"
            )
        },
        (
            Expect(PAGE + ":5", "link target 'javascript:alert(3)' is not allowed", SPHINX),
            Expect(PAGE + ":11", "link target 'javascript:alert(4)' is not allowed", SPHINX),
        ),
    ),
    Case(
        "page-toctree-with-a-javascript-entry",
        {PAGE: page("```{toctree}\nKlick <javascript://%0aalert(1)>\n```")},
        (Expect(PAGE + ":3", "toctree entry 'javascript://%0aalert(1)' is not allowed", SPHINX),),
    ),
    Case(
        "page-math-reads-files-into-the-pdf",
        {PAGE: page("{math}`\\input{/etc/hostname}`\n\n```{math}\n\\input{/etc/passwd}\n```")},
        (
            Expect(PAGE + ":3", "math is not allowed", SPHINX),
            Expect(PAGE + ":5", "math is not allowed", SPHINX),
        ),
        literal=(Literal("seite.html", "\\input{/etc/hostname}"),),
    ),
    Case(
        "page-meta-refresh",
        {PAGE: page("Text", 'myst:\n  html_meta:\n    "http-equiv=refresh": "0; url=javascript:alert(1)"\n')},
        (Expect(PAGE + ":1", "<meta http-equiv='refresh'> is not allowed", SPHINX),),
    ),
    Case(
        "page-tabularcolumns",
        {PAGE: page("```{tabularcolumns} |p{\\input{/etc/hostname}}|\n```")},
        (Expect(PAGE + ":3", "the 'tabularcolumns' directive is not allowed", SPHINX),),
    ),
]


# --- round two (issue 15): names, links, the written page, silent losses ----------------------

HEAD_INJECTION = (
    'texts/k"><link rel=stylesheet href="https:\\\\evil.example\\x.css"><img src=x alt=".text.yaml'
)
"""F1: a text file's name that closes the head's ``<link href>`` and loads a remote stylesheet."""
SCRIPT_IN_A_NAME = 'texts/x"><img src=x onerror=alert(81) x=".text.yaml'
HANDLER_IN_A_PAGE_NAME = 'x" onmouseover="alert(1)" y.md'
TEX_IN_A_NAME = "texts/a}\\input{^^2fetc^^2fhostname}\\relax{.text.yaml"
NAME_SAYS = "names that reach links, pages and the PDF may only use"
LONG_SEED_NAME = "a" * 260 + ".txt"
"""Too long for the file system (255 bytes), short enough for the seed field (300 characters)."""
TEMPLATES_CONF = BASE_CONF + "templates_path = ['_templates']\n"
UNESCAPING_TEMPLATE = (
    '{% extends "!page.html" %}{% block extrahead %}{{ super() }}'
    '<meta name="description" content="{{ title|striptags }}">{% endblock %}'
)
"""A theme template with a common slip: ``striptags`` turns ``&quot;`` back into ``"``."""

CASES += [
    Case(
        "text-file-name-into-the-head",
        {HEAD_INJECTION: text_file()},
        (Expect(HEAD_INJECTION, "the name of this text file has the character(s) U+0020 '\"'"),),
    ),
    Case(
        "text-file-name-with-a-script",
        {SCRIPT_IN_A_NAME: text_file()},
        (Expect(SCRIPT_IN_A_NAME, NAME_SAYS),),
    ),
    Case(
        "page-file-name-with-a-handler",
        {HANDLER_IN_A_PAGE_NAME: "# X\n\nText.\n"},
        (Expect(HANDLER_IN_A_PAGE_NAME, "the name of this page has the character(s)"),),
    ),
    Case(
        "text-file-name-with-tex",
        {TEX_IN_A_NAME: text_file()},
        (Expect(TEX_IN_A_NAME, "the character(s) '\\\\' '^' '{' '}'"),),
    ),
    Case(
        "text-file-at-the-site-root",
        {"robots.text.yaml": text_file().replace("../seeds/", "seeds/")},
        (Expect("robots.text.yaml", "a text file at the top of the source directory"),),
    ),
    Case(
        "text-file-in-a-hidden-folder",
        {".well-known/security.text.yaml": text_file()},
        (
            Expect(
                ".well-known/security.text.yaml",
                "the folder '.well-known' of this text file has a hidden name",
            ),
        ),
    ),
    Case(
        "text-file-among-sphinx-folders",
        {"_images/t.text.yaml": text_file()},
        (Expect("_images/t.text.yaml", "a text file in the folder '_images'"),),
    ),
    Case(
        "page-four-folders-deep",
        {"a/b/c/d/seite.md": "# Tief\n\nText.\n"},
        (Expect("a/b/c/d/seite.md", "this page lies 4 folders deep (at most 3)"),),
    ),
    Case(
        "page-name-of-200-characters",
        {"s" * 200 + ".md": "# Lang\n\nText.\n"},
        (Expect("s" * 200 + ".md", "a name of 203 characters (at most 100)"),),
    ),
    Case(
        "registry-file-name",
        {"annotations/Neue Begriffe.glossary.yaml": glossary(EAWU.replace("id: eawu", "id: neu"))},
        (Expect("annotations/Neue Begriffe.glossary.yaml", "the name of this registry file has"),),
    ),
    Case(
        "seed-file-name",
        {"seeds/T t.txt": BASE_SEED, TEXT: text_file().replace("../seeds/t.txt", '"../seeds/T t.txt"')},
        (Expect(TEXT + ":1:7", "seed 'T t.txt': the name of this seed has the character(s) U+0020 'T'"),),
    ),
    Case(
        "seed-file-name-too-long-for-the-file-system",
        {TEXT: text_file().replace("../seeds/t.txt", "../seeds/" + LONG_SEED_NAME)},
        (Expect(TEXT + ":1:7", "a name of 264 characters (at most 100)"),),
    ),
    Case(
        "seed-folder-is-a-link-out-of-the-project",
        {
            "../elsewhere/t.txt": BASE_SEED,
            "../seeds": Symlink("elsewhere"),
            TEXT: text_file().replace("../seeds/t.txt", "../../seeds/t.txt"),
        },
        (Expect(TEXT + ":1:7", "lies outside the project: is read through the symbolic link '../seeds'"),),
    ),
    Case(
        "seed-is-a-link-inside-the-project",
        {"seeds/u.txt": BASE_SEED, SEED: Symlink("u.txt")},
        (Expect(TEXT + ":1:7", "the seed '"),),
    ),
    Case(
        "image-through-a-link-inside-the-project",
        {"echt.png": b"\x89PNG\r\n\x1a\n", "bild.png": Symlink("echt.png"), PAGE: page("![bild](bild.png)")},
        (Expect(PAGE + ":3", "the image 'bild.png' is read through the symbolic link 'bild.png'", SPHINX),),
    ),
    Case(
        "image-with-an-unsafe-name",
        {"Bild eins.png": b"\x89PNG\r\n\x1a\n", PAGE: page("![bild](<Bild eins.png>)")},
        (Expect(PAGE + ":3", "the name of this image has the character(s)", SPHINX),),
    ),
    Case(
        "remote-image-with-a-target",
        {PAGE: page("```{image} https://example.org/a.png\n:target: https://example.org\n```")},
        (Expect(PAGE + ":3", "the image 'https://example.org/a.png' is not a file of the project", SPHINX),),
    ),
    Case(
        "page-event-handler-attribute",
        {PAGE: page('Ein [Wort]{onclick="alert(1)" .x} und ein [zweites]{style="color:red"}.')},
        (
            Expect(PAGE + ":3", "the attribute(s) 'onclick' are not supported and are dropped", SPHINX),
            Expect(PAGE + ":3", "the attribute(s) 'style' are not supported and are dropped", SPHINX),
        ),
        literal=(Literal("seite.html", "Ein Wort und ein zweites."),),
    ),
    Case(
        "page-eval-rst-named-target-with-javascript",
        {PAGE: page("```{eval-rst}\nEin s_ Link.\n\n.. _s: javascript:alert(1)\n```")},
        (Expect(PAGE + ":6", "link target 'javascript:alert(1)' of 's' is not allowed", SPHINX),),
    ),
    Case(
        "page-meta-content-security-policy",
        {
            PAGE: page(
                "Text", 'myst:\n  html_meta:\n    "http-equiv=Content-Security-Policy": "default-src *"\n'
            )
        },
        (Expect(PAGE + ":1", "a page may not set its own security policy", SPHINX),),
    ),
    Case(
        "template-writes-a-page-title-unescaped",
        {
            "conf.py": TEMPLATES_CONF,
            "_templates/page.html": UNESCAPING_TEMPLATE,
            PAGE: "# Seite &quot; onmouseover=&quot;alert(1)\n\nText.\n",
        },
        (
            Expect(
                PAGE + ":1", "would contain event handler attribute onmouseover='alert(1)' on <meta>", SPHINX
            ),
        ),
    ),
]

CASES += [
    Case(
        "include-folder-is-a-link",
        {
            "conf.py": BASE_CONF + "annotated_reader_include_dirs = ['beispiele']\n",
            "beispiele": Symlink("/etc"),
            PAGE: page("```{literalinclude} beispiele/hostname\n```"),
        },
        (Expect(PAGE + ":3", "'literalinclude' of 'beispiele/hostname' is not allowed", SPHINX),),
    ),
]

CASES += [
    Case(
        "seed-path-with-a-300-character-file-name",
        {TEXT: text_file().replace("../seeds/t.txt", "../seeds/" + "a" * 300 + ".txt")},
        (Expect(TEXT + ":1:7", "'seed' has 313 characters, more than 300; it is not used"),),
    ),
]
