import subprocess
import sys
from pathlib import Path

from annotated_reader.core.annotate import RegistryIndex, annotate
from annotated_reader.core.annotations import Entry, Form, Note, Quote, Ref, Registry, TextForm, TextSpec
from annotated_reader.core.problems import Location, ProblemKind
from annotated_reader.core.project import load_project
from annotated_reader.core.protocol import parse_block_key, parse_mention_key
from annotated_reader.core.render import render_myst
from annotated_reader.core.seed import parse_seed
from annotated_reader.core.textio import normalise, visible_controls
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from ..conftest import ROOTS, examples
from .myst_text import blocks, parse

HERE = Location(Path("a.yaml"), 1, 1)


def entry(kind, id_, *forms, type_="person"):
    return Entry(
        ref=Ref(kind, id_),
        type="term" if kind == "term" else type_,
        label=id_.title(),
        sort_key=id_,
        text="Beschreibung.",
        forms=tuple(Form(f, HERE) for f in forms),
        sources=(),
        location=HERE,
    )


def registry(*entries):
    return Registry(entries={e.ref: e for e in entries})


def note(id_, exact, prefix="", suffix=""):
    return Note(id_, Quote(exact, prefix, suffix, HERE), "Text der Anmerkung.", "", None, (), HERE, HERE)


def make(text, entries=(), notes=(), forms=(), title="Titel"):
    seed = parse_seed(normalise(text), Path("seed.txt"))
    spec = TextSpec(
        Path("t.text.yaml"), Path("seed.txt"), HERE, title=title, notes=tuple(notes), forms=tuple(forms)
    )
    return annotate(spec, seed, RegistryIndex(registry(*entries)))


def test_render_the_basic_root(file_regression):
    project = load_project(ROOTS / "test-basic")
    assert [str(p) for p in project.problems] == []
    (text,) = project.texts
    file_regression.check(render_myst(text), extension=".md", encoding="utf-8")


def test_mentions_and_notes_in_the_right_place():
    text = make(
        "Putin traf Tokajew. Putins Rede.",
        entries=[entry("actor", "putin", "Putin", "Putins"), entry("actor", "tokajew", "Tokajew")],
        notes=[note("treffen", "traf Tokajew")],
    )
    assert [(m.ref.id, m.start, m.end) for m in text.mentions] == [
        ("putin", 0, 5),
        ("tokajew", 11, 18),
        ("putin", 20, 26),
    ]
    (placed,) = text.notes
    assert placed.mark == 18 and placed.number == 1
    myst = render_myst(text)
    assert "[Tokajew]{.ar-m-1}[^note-treffen]." in myst  # the second mention, Tokajew's


def test_a_note_mark_never_splits_a_mention():
    text = make(
        "Wladimir Putin sprach.",
        entries=[entry("actor", "putin", "Wladimir Putin")],
        notes=[note("n", "Wladimir")],
    )
    assert text.notes[0].mark == len("Wladimir Putin")


def test_notes_are_numbered_in_text_order():
    text = make(
        "Erstens. Zweitens. Drittens.",
        notes=[note("c", "Drittens"), note("a", "Erstens"), note("b", "Zweitens")],
    )
    assert [(n.note.id, n.number) for n in text.notes] == [("a", 1), ("b", 2), ("c", 3)]


def test_quote_problems_say_where_and_how_to_fix():
    text = make(
        "Putin sprach.\n\nDann sprach Putin wieder.",
        notes=[note("amb", "Putin"), note("gone", "Putin schwieg"), note("split", "sprach.\n\nDann")],
    )
    problems = {p.kind: p for p in text.problems}
    ambiguous = problems[ProblemKind.QUOTE_AMBIGUOUS]
    assert "occurs 2 times (seed.txt lines 1, 3)" in ambiguous.message
    assert ambiguous.suggestion == (
        'for the one at seed.txt:1:1, add suffix: " sprach"; for the one at seed.txt:3:13, add prefix: "sprach "'
    )
    not_found = [p for p in text.problems if p.kind is ProblemKind.QUOTE_NOT_FOUND]
    assert any(
        "is not in the text" in p.message
        and p.suggestion.startswith('closest passage, at seed.txt:1:1: exact: "Putin sprach"')
        for p in not_found
    )
    assert any("spans a paragraph break" in p.message for p in not_found)
    assert text.notes == []


def test_unknown_ids_and_unused_forms():
    text = make(
        "Der Experte sprach.",
        entries=[entry("actor", "mangott", "Mangott")],
        forms=[
            TextForm(Ref("actor", "mangot"), Form("der Experte", HERE), HERE),
            TextForm(Ref("actor", "mangott"), Form("Der Exprte", HERE), HERE),
        ],
    )
    messages = {p.kind: p for p in text.problems}
    assert messages[ProblemKind.UNKNOWN_ID].suggestion == "did you mean 'mangott'?"
    unused = messages[ProblemKind.FORM_UNUSED]
    assert "'Der Exprte'" in unused.message
    assert unused.suggestion == 'did you mean "Der Experte"? it occurs at seed.txt:1:1'


def test_the_core_imports_no_sphinx():
    code = "import sys, annotated_reader.core.project, annotated_reader.__main__; print(any(m == 'sphinx' or m.startswith('sphinx.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- every character survives, whatever the text and the annotations -------------------

safe_char = st.characters(exclude_categories=("Cs",), exclude_characters="\r")
line = st.text(alphabet=safe_char, min_size=1, max_size=40).filter(lambda s: "\n" not in s and s.strip(" \t"))
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
document = st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


@st.composite
def annotated(draw):
    text = draw(document)
    seed = parse_seed(normalise(text), Path("seed.txt"))
    body = seed.body
    entries, notes = [], []
    for index in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, max(0, len(body) - 1)))
        end = draw(st.integers(start + 1, min(len(body), start + 12)))
        chunk = body[start:end]
        if chunk.strip() and "\n" not in chunk and chunk == chunk.strip():
            kind = draw(st.sampled_from(["term", "actor"]))
            entries.append(entry(kind, f"e{index}", chunk))
        if chunk.strip() and "\n\n" not in chunk:
            notes.append(note(f"n{index}", chunk))
    return text, entries, notes


@settings(max_examples=examples(300), deadline=None)
@given(annotated())
def test_rendered_page_reads_back_as_the_seed(case):
    text, entries, notes = case
    unique = {}
    for e in entries:
        if all(f.text not in unique for f in e.forms):
            unique.update({f.text: e for f in e.forms})
    result = make(text, entries=list({e.ref: e for e in unique.values()}.values()), notes=notes, title="T")
    myst = render_myst(result)
    expected = ["T"] + [visible_controls(block.text) for block in result.seed.blocks]
    assert blocks(myst) == expected
    # every mention is a span naming its position among the mentions, in text order, with its form
    tree = parse(myst)

    def keys(parse_key):
        return [
            (index, node.astext())
            for node in tree.findall(nodes.Element)
            for index in map(parse_key, node["classes"])
            if index is not None
        ]

    assert keys(parse_mention_key) == [
        (i, visible_controls(result.seed.body[m.start : m.end])) for i, m in enumerate(result.mentions)
    ]
    # every paragraph names its block
    assert [index for index, _text in keys(parse_block_key)] == [
        block.index for block in result.seed.blocks if not block.heading
    ]
