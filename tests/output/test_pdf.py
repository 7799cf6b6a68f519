"""The PDF edition: text, footnotes, paragraph numbers, registers, pages, reproducibility.

Everything expected is computed from the annotation data (the core loads the texts and
registries without Sphinx) or read from TeX's own records (the .aux file), never written
down here.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotated_reader.core.annotations import Entry
from annotated_reader.core.collation import german_sort_key
from annotated_reader.core.project import Project
from annotated_reader.core.render import AnnotatedText
from annotated_reader.core.seed import Block
from annotated_reader.sphinxext.latex import entry_label
from bs4 import BeautifulSoup
from pypdf import PdfReader

from .conftest import PDF_NAME, SOURCE_DATE_EPOCH, PdfBuild, build_pdf
from .pdftext import BODY_HEIGHT, FOOT_BAND, HEAD_BAND, NOTE_HEIGHT, Word, find, lines, page_count

pytestmark = pytest.mark.latex

REGISTERS = {"person": "Personen", "organisation": "Organisationen", "state": "Staaten", "place": "Orte"}
"""Register titles in the German edition (the extension's catalog), by actor type."""
TERMS_TITLE = "Begriffe"


def normalized(text: str, start: int) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as single spaces, and the body offset of each character."""
    lead = len(text) - len(text.lstrip())
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text.strip()):
        is_space = char.isspace()
        if is_space and chars and chars[-1] == " ":
            continue
        chars.append(" " if is_space else char)
        offsets.append(start + lead + index)
    return "".join(chars), offsets


@dataclass
class PlacedBlock:
    """A block of the seed found in the PDF: each character's place in the running text."""

    block: Block
    text: str
    offsets: list[int]
    positions: list[int]

    def position_of(self, offset: int) -> int:
        """Stream position of the character at body ``offset`` (or the nearest before it)."""
        index = max(i for i, at in enumerate(self.offsets) if at <= offset)
        return self.positions[index]


@pytest.fixture(scope="module")
def page_label(pdf_build: PdfBuild) -> dict[int, int]:
    """The printed number (arabic) of each page of the file that has one."""
    labels = PdfReader(pdf_build.pdf).page_labels
    return {index: int(label) for index, label in enumerate(labels, start=1) if label.isdigit()}


@pytest.fixture(scope="module")
def placed(pdf_build: PdfBuild, project: Project) -> dict[str, list[PlacedBlock]]:
    """Every block of every text, found in order in the PDF's running text."""
    result: dict[str, list[PlacedBlock]] = {}
    start = 0
    for text in project.texts:
        blocks = []
        for block in text.seed.blocks:
            wanted, offsets = normalized(block.text, block.start)
            positions = find(wanted, pdf_build.stream.text, start)
            assert positions is not None, (
                f"{text.spec.path.name}: block {block.index} (seed line {block.line}) is missing from the PDF "
                f"or garbled, or out of order:\n{wanted[:200]}"
            )
            blocks.append(PlacedBlock(block, wanted, offsets, positions))
            start = positions[-1] + 1
        result[str(text.spec.path)] = blocks
    return result


def test_pdf_name_and_metadata(pdf_build):
    assert pdf_build.pdf.name == PDF_NAME
    info = subprocess.run(["pdfinfo", str(pdf_build.pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Kasachstan und Russland 2022 – annotierte Ausgabe$", info, re.MULTILINE)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.MULTILINE)


def test_title_page(pdf_build):
    title_page = pdf_build.page_text(1)
    assert "Kasachstan und Russland 2022" in title_page
    assert "annotierte Ausgabe" in title_page
    assert "14. November 2023" in title_page  # SOURCE_DATE_EPOCH, in German


def test_latex_log_has_no_errors_or_missing_characters(pdf_build):
    log = pdf_build.log
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert errors == []
    assert "Missing character" not in log
    assert "No hyphenation patterns" not in log  # German hyphenation is loaded (polyglossia)
    assert "There were undefined references" not in log
    assert "Label(s) may have changed" not in log


def test_every_paragraph_of_the_seed_in_order(placed, project):
    """Nothing lost, nothing garbled: the fixture found every block, character for character."""
    for text in project.texts:
        found = placed[str(text.spec.path)]
        assert [p.block.index for p in found] == [block.index for block in text.seed.blocks]
        # what "character for character" covered here
        assert set("äöüß„“–") <= set("".join(p.text for p in found))


def test_paragraph_numbers_in_the_margin(pdf_build, placed):
    """Paragraph N has the number N in the left margin, level with its first line."""
    margin = [
        word
        for word in pdf_build.words
        if NOTE_HEIGHT <= word.height < BODY_HEIGHT and word.in_text_area and word.text.isdigit()
    ]
    for blocks in placed.values():
        for found in blocks:
            if found.block.number is None:
                continue
            first_line = pdf_build.stream.line_at(found.positions[0])
            left = first_line[0]
            numbers = [
                word.text
                for word in margin
                if word.page == left.page and word.x1 < left.x0 and abs(word.y1 - left.y1) < 3.0
            ]
            assert numbers == [str(found.block.number)], (found.block.number, left)


def _footnotes_in_pdf(words: list[Word], pages: set[int]) -> dict[int, str]:
    """Footnote number → the footnote's text, read from the small print of ``pages``.

    A footnote opens with its number, a superscript right before footnote-size text; the
    other superscripts are the marks in the running text.
    """
    text_left = min(w.x0 for w in words if w.height >= BODY_HEIGHT and w.in_text_area)
    small = [
        w
        for w in words
        if w.page in pages and w.in_text_area and w.height < BODY_HEIGHT and w.x0 >= text_left
    ]
    notes: dict[int, list[str]] = {}
    current = None
    for word, following in itertools.pairwise([*small, None]):
        if word.height < NOTE_HEIGHT:
            opens = (
                word.text.isdigit()
                and following is not None
                and following.height >= NOTE_HEIGHT
                and following.page == word.page
                and 0 <= following.x0 - word.x1 < 3.0
                and following.y0 < word.y1
            )
            if opens:
                current = int(word.text)
                notes[current] = []
        elif current is not None:
            notes[current].append(word.text)
    return {number: " ".join(text) for number, text in notes.items()}


def test_footnotes_have_the_numbers_of_the_html(pdf_build, placed, project, html_dir):
    for text in project.texts:
        blocks = placed[str(text.spec.path)]
        first = pdf_build.stream.page_at(blocks[0].positions[0])
        last = pdf_build.stream.page_at(blocks[-1].positions[-1])
        in_pdf = _footnotes_in_pdf(pdf_build.words, set(range(first, last + 2)))
        docname = text.spec.path.name.removesuffix(".text.yaml")
        soup = BeautifulSoup((html_dir / "texts" / f"{docname}.html").read_text("utf-8"), "html.parser")
        in_html = {
            int(aside.select_one(".label").get_text(strip=True).strip("[]")): aside.find("p").get_text()
            for aside in soup.select("aside.footnote")
        }
        assert sorted(in_html) == [note.number for note in text.notes]
        assert sorted(in_pdf) == sorted(in_html)
        for number, body in in_html.items():
            opening = " ".join(body.split()[:6])
            assert in_pdf[number].startswith(opening), (number, in_pdf[number][:120], opening)


def _mention_pages(
    text: AnnotatedText, blocks: list[PlacedBlock], pdf_build: PdfBuild, page_label: dict[int, int]
) -> dict[str, set[int]]:
    """Entry → pages of its mentions, from where the mentioned words stand in the PDF.

    The register entry of a mention stands right after it; for a mention in a heading, at
    the start of the paragraph below the heading.
    """
    by_index = {found.block.index: found for found in blocks}
    pages: dict[str, set[int]] = defaultdict(set)
    for mention in text.mentions:
        found = by_index[mention.block]
        if found.block.heading and mention.block + 1 in by_index and found.block is not text.title_block:
            position = by_index[mention.block + 1].positions[0]
        else:
            position = found.position_of(mention.end - 1)
        pages[f"{mention.ref.kind}-{mention.ref.id}"].add(page_label[pdf_build.stream.page_at(position)])
    return pages


def _aux_pages(latex_dir: Path) -> dict[str, int]:
    """Label → page, from TeX's .aux file (where each description was set)."""
    aux = (latex_dir / PDF_NAME).with_suffix(".aux").read_text("utf-8")
    return {
        label: int(page)
        for label, page in re.findall(r"\\newlabel\{\\detokenize \{([^}]*)\}\}\{\{[^}]*\}\{(\d+)\}", aux)
        + re.findall(r"\\newlabel\{([^}]*)\}\{\{[^}]*\}\{(\d+)\}", aux)
    }


def _register_of(entry: Entry) -> str:
    return TERMS_TITLE if entry.ref.kind == "term" else REGISTERS[entry.type]


def _expand(pages: str) -> set[int]:
    result: set[int] = set()
    for part in pages.split(", "):
        first, _sep, last = part.partition("–")
        result.update(range(int(first), int(last or first) + 1))
    return result


def _register_text(pdf_build: PdfBuild) -> dict[str, str]:
    """The text of each printed register, by title (lines joined by line breaks)."""
    body = [w for w in pdf_build.words if w.in_text_area]
    start = max(i for i, w in enumerate(body) if w.text == "Register" and w.height > 15)
    words = body[start:]
    titles = [
        i for i, w in enumerate(words) if w.text in (*REGISTERS.values(), TERMS_TITLE) and w.height > 12
    ]
    return {
        words[i].text: "\n".join(" ".join(w.text for w in line) for line in lines(words[i + 1 : end]))
        for i, end in zip(titles, [*titles[1:], len(words)], strict=True)
    }


def _as_printed(label: str) -> str:
    """A pattern for ``label`` as set in a narrow column: any space may be a line break,
    a word may be hyphenated at a line end."""
    parts = []
    for char in label:
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append("-\n?")
        else:
            parts.append(re.escape(char) + "(?:-\n)?")
    return "".join(parts)


def test_registers_list_every_mention_with_its_page(pdf_build, placed, project, page_label):
    """Each entry lists the printed page of every mention, and of its description (in bold)."""
    mentions: dict[str, set[int]] = defaultdict(set)
    for text in project.texts:
        for key, pages in _mention_pages(text, placed[str(text.spec.path)], pdf_build, page_label).items():
            mentions[key] |= pages
    described = _aux_pages(pdf_build.latex_dir)
    registers = _register_text(pdf_build)
    assert set(registers) == {*REGISTERS.values(), TERMS_TITLE}
    for entry in project.registry.entries.values():
        key = f"{entry.ref.kind}-{entry.ref.id}"
        description = next(page for label, page in described.items() if label.endswith(f":{key}"))
        register = registers[_register_of(entry)]
        label = entry_label(entry)
        pages = r"((?:\d+(?:–\d+)?)(?:,\s+\d+(?:–\d+)?)*)"
        match = re.search(_as_printed(label) + r",\s+" + pages, register)
        assert match is not None, f"{label} is not in the register {_register_of(entry)}"
        assert _expand(" ".join(match.group(1).split())) == mentions[key] | {description}, label


def test_registers_are_sorted_din_5007(pdf_build, project):
    """xindy sorts as German readers expect (Ä with A, ß as ss), like the HTML registers."""
    for name in [*(f"ar-{t}" for t in REGISTERS), "ar-term"]:
        ind = (pdf_build.latex_dir / f"{name}.ind").read_text("utf-8")
        listed = re.findall(r"\\item (.*?), (?:\\hyperpage|\\spxpagem)", ind)
        type_ = name.removeprefix("ar-")
        entries = [
            e
            for e in project.registry.entries.values()
            if (e.ref.kind == "term" if type_ == "term" else (e.ref.kind == "actor" and e.type == type_))
        ]
        expected = [entry_label(e) for e in sorted(entries, key=lambda e: german_sort_key(e.sort_key))]
        assert [item.replace(r"\sphinxhyphen{}", "-") for item in listed] == expected, name


def test_no_near_empty_pages(pdf_build, placed):
    """From the first text on, every page but the last is at least half full."""
    first = min(pdf_build.stream.page_at(blocks[0].positions[0]) for blocks in placed.values())
    last = page_count(pdf_build.pdf)
    for page in range(first, last):
        text_words = [w for w in pdf_build.words if w.page == page and w.in_text_area]
        assert text_words, f"page {page} is empty"
        top = min(w.y0 for w in text_words)
        bottom = max(w.y1 for w in text_words)
        assert bottom - top > 0.5 * (FOOT_BAND - HEAD_BAND), f"page {page} is less than half full"


def test_same_source_date_gives_the_same_pdf(pdf_build, tmp_path):
    again = build_pdf(tmp_path / "again")
    assert again.read_bytes() == pdf_build.pdf.read_bytes(), f"SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}"
