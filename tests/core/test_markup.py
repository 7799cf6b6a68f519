import pytest
from annotated_reader.core.markup import escape, sanitize
from annotated_reader.core.textio import visible_controls
from hypothesis import given, settings
from hypothesis import strategies as st

from ..conftest import examples
from .myst_text import blocks

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp; &lt; &#x41;",
    "{raw}`<b>x</b>`",
    "```{include} ../../etc/passwd\n```",
    "[^1] und [^1]: fußnote",
    "$x^2$ und $$y$$",
    "\\ \\\\ \\*",
    "# keine Überschrift",
    "> kein Zitat",
    "- keine Liste",
    "1. keine Liste",
    "2014) auch nicht",
    "(label)=",
    "% kein Kommentar",
    "+++ kein Bruch",
    "---",
    "===",
    "    eingerückt",
    "\tTab",
    "Zeile mit zwei Leerzeichen am Ende  \nund weiter",
    "*kursiv* **fett** _x_ `code`",
    "[link](javascript:alert(1)) <https://example.org>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "{#id .class} und [span]{.x}",
    "~~~\nfence\n~~~",
    "100 % ~ ^ # _ @ ! |",
    "\u00a0geschütztes Leerzeichen\u00a0",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_literally(text):
    for paragraph in text.split("\n\n"):
        assert blocks(escape(paragraph)) == [paragraph]


paragraph_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r"),
    min_size=1,
).filter(
    lambda s: (
        "\n\n" not in s and s.strip(" \t\n") and not any(line.strip(" \t") == "" for line in s.split("\n"))
    )
)


@settings(max_examples=examples(400), deadline=None)
@given(paragraph_text)
def test_any_paragraph_reads_back_literally(text):
    assert blocks(escape(text)) == [visible_controls(text)]


def test_allowed_markup_survives():
    safe, findings = sanitize(
        "Ein *kursives* und **fettes** Wort, `Code`, [Link](https://example.org/a?b=1&c=2)."
    )
    assert findings == []
    assert safe == "Ein *kursives* und **fettes** Wort, `Code`, [Link](<https://example.org/a?b=1&c=2>)."


def test_paragraphs_survive():
    safe, findings = sanitize("Erster Absatz.\n\nZweiter Absatz\nmit Umbruch.")
    assert findings == []
    assert blocks(safe) == ["Erster Absatz.", "Zweiter Absatz\nmit Umbruch."]


@pytest.mark.parametrize(
    ("markup", "finding"),
    [
        ("Text <b>fett</b> mehr", "raw HTML"),
        ("<script>alert(1)</script>", "raw HTML"),
        ("Ein {raw}`html` Role", "a MyST role"),
        ("```{include} /etc/passwd\n```", "a code block or directive"),
        ("![Bild](https://example.org/x.png)", "an image"),
        ("Fußnote[^1]\n\n[^1]: Text", "a footnote"),
        ("[klick](javascript:alert(1))", "link target 'javascript:alert(1)' is not allowed"),
        ("[klick](data:text/html;base64,PHNjcmlwdD4=)", "is not allowed"),
        ("[klick](../../etc/passwd)", "is not allowed"),
        ("[ref]\n\n[ref]: https://example.org", "link reference definitions"),
        ("# Überschrift", "a heading"),
        ("- Liste", "a list"),
    ],
)
def test_disallowed_markup_is_shown_literally(markup, finding):
    safe, findings = sanitize(markup)
    assert findings and finding in findings[0].message
    shown = "\n\n".join(blocks(safe))
    for line in markup.split("\n"):
        if line.strip():
            assert line.strip() in shown  # every character is still there, as text
    assert "<script" not in safe.replace("\\<script", "")
