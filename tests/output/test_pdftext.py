"""Reading the PDF back (``pdftext``) without LaTeX: words joined as the text has them."""

from __future__ import annotations

from .pdftext import Layout, Stream, Word

LAYOUT = Layout(left=70, right=360, top=50, bottom=520, body=10.95, note=9.0)


def word(x0: float, y: float, text: str, size: float = 10.95) -> Word:
    return Word(1, x0, y - size, x0 + 6 * len(text), y, text)


def test_a_mark_in_the_gap_glues_the_words_of_its_line():
    before = word(70, 100, "Montag")
    mark = Word(1, before.x1, 92, before.x1 + 4, 97, "4")  # a superscript right after the word
    after = word(mark.x1, 100, ".")
    stream = Stream([before, mark, after], LAYOUT)
    assert stream.text == "Montag."


def test_a_mark_of_another_line_does_not_glue_words():
    """'(1) Die': the gap lines up with a note mark two lines down, which is no reason to join."""
    number = word(70, 100, "(1)")
    die = word(number.x1 + 3, 100, "Die")
    other_line = Word(1, number.x1, 120, number.x1 + 3, 125, "1")
    stream = Stream([number, die, other_line], LAYOUT)
    assert stream.text == "(1) Die"


def test_words_outside_the_text_block_and_small_print_are_not_running_text():
    head = word(70, 40, "Kopfzeile")
    note = word(70, 500, "Anmerkung", size=9.0)
    body = word(70, 100, "Text")
    stream = Stream([head, body, note], LAYOUT)
    assert stream.text == "Text"
    assert LAYOUT.in_head(head)
    assert LAYOUT.is_note(note)
