"""The PDF of every edition: a book with every character of its texts, notes, registers, sources.

Everything expected is computed from the edition's files (the core loads the texts and
registries without Sphinx; titles and settings come from its ``conf.py`` and pages) or read
from TeX's own records (the ``.aux`` file), never written down here for one edition.
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotated_reader.core.annotate import AnnotatedText
from annotated_reader.core.annotations import Entry
from annotated_reader.core.collation import german_sort_key
from annotated_reader.core.pipeline import registry_sources, text_sources
from annotated_reader.core.project import Project
from annotated_reader.core.seed import Block
from annotated_reader.sphinxext.latex import entry_label, printed_form, unbreakable_words
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import Destination

from .conftest import SOURCE_DATE_EPOCH, Edition, PdfBuild, build_pdf
from .pdftext import Word, find, lines, page_count

pytestmark = pytest.mark.latex

REGISTERS = {"person": "Personen", "organisation": "Organisationen", "state": "Staaten", "place": "Orte"}
"""Register titles in a German edition (the extension's catalog), by actor type."""
TERMS_TITLE = "Begriffe"
REGISTERS_TITLE = "Register"
PAPER = {"a4paper": (595.28, 841.89), "a5paper": (419.53, 595.28), "letterpaper": (612.0, 792.0)}
"""Page sizes in PDF points."""


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


@dataclass(frozen=True)
class Chapter:
    """A chapter of the book, from its bookmark: its title, first page and the page after it."""

    title: str
    first: int
    end: int
    sections: tuple[str, ...]


def _docname(text: AnnotatedText) -> str:
    return text.spec.path.name.removesuffix(".text.yaml")


def _page_title(edition: Edition, docname: str) -> str:
    """The first heading of a page of the edition (its title in the book)."""
    page = edition.srcdir / f"{docname}.md"
    return next(line[2:].strip() for line in page.read_text("utf-8").splitlines() if line.startswith("# "))


@pytest.fixture(scope="module")
def chapters(pdf_build: PdfBuild) -> list[Chapter]:
    """The book's chapters, from the PDF's bookmarks (the top level of its outline)."""
    reader = PdfReader(pdf_build.pdf)
    found: list[tuple[str, int, list[str]]] = []
    for item in reader.outline:
        if isinstance(item, Destination):
            found.append((str(item.title), reader.get_destination_page_number(item) + 1, []))
        elif found:
            found[-1][2].extend(str(child.title) for child in item if isinstance(child, Destination))
    pages = page_count(pdf_build.pdf)
    ends = [first for _title, first, _sections in found[1:]] + [pages + 1]
    return [
        Chapter(title, first, end, tuple(sections))
        for (title, first, sections), end in zip(found, ends, strict=True)
    ]


@pytest.fixture(scope="module")
def page_label(pdf_build: PdfBuild) -> dict[int, int]:
    """The printed number (arabic) of each page of the file that has one."""
    labels = PdfReader(pdf_build.pdf).page_labels
    return {index: int(label) for index, label in enumerate(labels, start=1) if label.isdigit()}


@pytest.fixture(scope="module")
def placed(pdf_build: PdfBuild, project: Project) -> dict[str, list[PlacedBlock]]:
    """Every block of every text, found in order in the PDF's running text."""
    result: dict[str, list[PlacedBlock]] = {}
    for text in project.texts:
        blocks = []
        start = 0
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


def _pdfinfo(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdfinfo", *options, str(pdf)], capture_output=True, text=True, check=True).stdout


def _info(pdf: Path, key: str) -> str:
    match = re.search(rf"^{key}:\s+(.*)$", _pdfinfo(pdf), re.MULTILINE)
    assert match is not None, key
    return match.group(1).strip()


def test_pdf_name_metadata_and_paper(pdf_build):
    conf = pdf_build.edition.conf
    assert pdf_build.pdf.name == pdf_build.edition.pdf_name
    assert _info(pdf_build.pdf, "Title") == f"{conf['project']} – annotierte Ausgabe"
    assert _info(pdf_build.pdf, "Author") == conf["author"]
    assert _info(pdf_build.pdf, "Tagged") == "yes"
    root = PdfReader(pdf_build.pdf).trailer["/Root"]
    assert root["/Lang"] == "de-DE"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # a viewer shows the title
    width, height = PAPER[conf["latex_elements"]["papersize"]]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _pdfinfo(pdf_build.pdf), re.MULTILINE)
    assert size is not None
    assert (float(size.group(1)), float(size.group(2))) == pytest.approx((width, height), abs=0.1)


def test_bookmarks_for_every_text_chapter_and_register(chapters, project, pdf_build):
    titles = [chapter.title for chapter in chapters]
    expected = [
        *(text.title for text in project.texts),
        *(_page_title(pdf_build.edition, docname) for docname in pdf_build.edition.appendices),
        REGISTERS_TITLE,
    ]
    assert sorted(titles) == sorted(expected)
    registers = next(chapter for chapter in chapters if chapter.title == REGISTERS_TITLE)
    types = {entry.type for entry in project.registry.entries.values() if entry.ref.kind == "actor"}
    assert set(registers.sections) == {REGISTERS[type_] for type_ in types} | {TERMS_TITLE}


def test_title_page_and_imprint(pdf_build):
    conf = pdf_build.edition.conf
    title_page = pdf_build.page_text(1)
    assert conf["project"] in title_page
    assert "Annotierte Ausgabe" in title_page
    assert conf["author"] in title_page
    assert f"Stand: {conf['today']}" in pdf_build.page_text(2)
    labels = PdfReader(pdf_build.pdf).page_labels
    assert labels[:3] == ["i", "ii", "iii"]  # title, imprint, contents


def test_latex_log_has_no_errors_no_missing_characters_no_overfull_lines(pdf_build):
    log = pdf_build.log
    assert [line for line in log.splitlines() if line.startswith("!")] == []
    assert "Missing character" not in log
    assert "No hyphenation patterns" not in log  # German hyphenation is loaded (polyglossia)
    assert "There were undefined references" not in log
    assert "Label(s) may have changed" not in log
    assert re.findall(r"^Overfull \\hbox.*", log, re.MULTILINE) == []


def test_every_paragraph_of_the_seed_in_order(placed, project):
    """Nothing lost, nothing garbled: the fixture found every block, character for character."""
    for text in project.texts:
        found = placed[str(text.spec.path)]
        assert [p.block.index for p in found] == [block.index for block in text.seed.blocks]


def test_the_authors_apostrophes_stay_the_editors_become_typographic(pdf_build, project):
    """A typewriter apostrophe in the PDF is one the seed has; the editors' are set as ’ (or ‚ ‘)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_build.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    in_seeds = sum(block.text.count("'") for t in project.texts for block in t.seed.blocks)
    assert text.count("'") == in_seeds
    editorial = [note.body for t in project.texts for note in t.notes if "'" in note.body]
    for body in editorial:
        word = re.search(r"\w+'(?=\s)", body)
        if word is not None:
            assert word.group().replace("'", "’") in text


def test_paragraph_numbers_in_the_margin(pdf_build, placed):
    """Paragraph N has the number N in the left margin, level with its first line."""
    layout = pdf_build.layout
    margin = [word for word in pdf_build.words if layout.is_note(word) and word.x1 < layout.left]
    for blocks in placed.values():
        for found in blocks:
            if found.block.number is None:
                continue
            left = pdf_build.stream.line_at(found.positions[0])[0]
            numbers = [
                word.text for word in margin if word.page == left.page and abs(word.y1 - left.y1) < 3.0
            ]
            assert numbers == [str(found.block.number)], (found.block.number, left)


def test_body_lines_have_the_length_of_a_book(pdf_build, placed):
    """The median line of the texts' paragraphs (last lines left out) has 55-80 characters."""
    stream = pdf_build.stream
    lengths = []
    for blocks in placed.values():
        for found in blocks:
            if found.block.heading:
                continue
            numbers = sorted({stream.line_number(position) for position in found.positions})
            lengths.extend(len(" ".join(word.text for word in stream.lines[n])) for n in numbers[:-1])
    assert len(lengths) >= 10
    median = statistics.median(lengths)
    print(f"{pdf_build.edition.name}: median body line {median} characters ({len(lengths)} lines)")
    assert 55 <= median <= 80


def _notes_on(words: list[Word], pdf_build: PdfBuild, pages: set[int]) -> dict[int, str]:
    """Note number → the note's text, read from the notes of ``pages``.

    A note opens with its number at the left edge of the text block, at the notes' size,
    and its text starts right of it (the number hangs); the paragraph numbers stand in
    the margin, left of the block.
    """
    layout = pdf_build.layout
    small = [w for w in words if w.page in pages and layout.is_note(w) and w.x0 >= layout.left - 1]
    notes: dict[int, list[str]] = {}
    current = None
    for line in lines(small):
        first, rest = line[0], line[1:]
        opens = first.text.isdigit() and abs(first.x0 - layout.left) < 1.0 and rest
        if opens and rest[0].x0 - first.x1 > 2:
            current = int(first.text)
            notes[current] = [w.text for w in rest]
        elif current is not None:
            notes[current].extend(w.text for w in line)
    return {number: " ".join(text) for number, text in notes.items()}


def _chapter_of(chapters: list[Chapter], title: str) -> Chapter:
    return next(chapter for chapter in chapters if chapter.title == title)


def test_footnotes_have_the_numbers_of_the_html(pdf_build, project, html_dir, chapters):
    for text in project.texts:
        chapter = _chapter_of(chapters, text.title)
        in_pdf = _notes_on(pdf_build.words, pdf_build, set(range(chapter.first, chapter.end)))
        soup = BeautifulSoup(
            (html_dir / "texts" / f"{_docname(text)}.html").read_text("utf-8"), "html.parser"
        )
        in_html = {
            int(aside.select_one(".label").get_text(strip=True).strip("[]")): aside.find("p").get_text()
            for aside in soup.select("aside.footnote")
        }
        assert sorted(in_html) == [note.number for note in text.notes]
        assert sorted(in_pdf) == sorted(in_html)
        for number, note in zip(sorted(in_html), sorted(text.notes, key=lambda n: n.number), strict=True):
            opening = " ".join(note.note.title.split()[:4]) if note.note.title else ""
            assert in_pdf[number].startswith(opening), (number, in_pdf[number][:120], opening)


def test_every_chapter_opens_a_page_with_its_title(pdf_build, chapters):
    """Texts, appendix chapters and the registers each start a page, the title first on it."""
    layout = pdf_build.layout
    for chapter in chapters:
        body = lines([w for w in pdf_build.words if w.page == chapter.first and layout.is_body(w)])
        opening = " ".join(" ".join(word.text for word in line) for line in body[:2])
        assert opening.startswith(chapter.title), (chapter.title, chapter.first, opening[:80])


def test_notes_end_with_their_text(pdf_build, chapters, project):
    """No note of a text runs on into the next chapter.

    On the first page of the chapter after a text, the notes' small print is either absent
    (an appendix chapter) or opens with the next text's note 1 at the left edge: not with
    the rest of a note that began before.
    """
    texts = {text.title for text in project.texts}
    layout = pdf_build.layout
    for chapter, following in itertools.pairwise(chapters):
        if chapter.title not in texts:
            continue
        small = lines(
            [
                w
                for w in pdf_build.words
                if w.page == following.first and layout.is_note(w) and w.x0 >= layout.left - 1
            ]
        )
        if following.title not in texts:
            assert small == [], (following.title, [w.text for line in small for w in line][:20])
        elif small:
            first = small[0][0]
            assert first.text == "1" and abs(first.x0 - layout.left) < 1, (following.title, first)


def test_running_heads_name_the_chapter(pdf_build, chapters, page_label):
    """Every page after a chapter's first has the chapter's title and the page number at its head."""
    layout = pdf_build.layout
    for chapter in chapters:
        for page in range(chapter.first + 1, chapter.end):
            head = [w.text for w in pdf_build.words if w.page == page and layout.in_head(w)]
            assert head, f"page {page} has no running head"
            assert head[-1] == str(page_label[page])
            title = " ".join(head[:-1]).removesuffix("...").removesuffix("…").strip()
            assert title and chapter.title.startswith(title), (page, head, chapter.title)


def test_no_name_or_acronym_is_broken_at_a_hyphen(pdf_build, project):
    """Where a line ends in a hyphen TeX added, the word is neither a name nor an acronym."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_build.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    protected = {word.casefold() for word in unbreakable_words(project.registry)}
    broken = []
    for line, following in itertools.pairwise(text.splitlines()):
        fragment = re.search(r"(\w+)-$", line)
        rest = re.match(r"\s*(\w+)", following)
        if fragment is None or rest is None:
            continue
        joined = fragment.group(1) + rest.group(1)
        is_acronym = sum(char.isupper() for char in joined) >= 2 and joined.isupper()
        if joined.casefold() in protected or is_acronym:
            broken.append(f"{fragment.group(1)}-|{rest.group(1)}")
    assert broken == []
    assert protected  # the registries name someone


def test_print_has_no_colour(pdf_build):
    """Black text, grey paragraph numbers: no coloured text, no coloured or boxed links."""
    reader = PdfReader(pdf_build.pdf)
    colours = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) (rg|RG)\b")
    for number, page in enumerate(reader.pages, start=1):
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        for red, green, blue, _op in colours.findall(data):
            assert red == green == blue, f"page {number}: colour {red} {green} {blue}"
        assert not re.search(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ (k|K)\b", data), f"page {number}: CMYK colour"
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link":
                assert [float(v) for v in link.get("/Border", [0, 0, 0])][:3] == [0, 0, 0], number


def _address_pattern(printed: str) -> re.Pattern[str]:
    """``printed`` as it may stand in the PDF's text: broken after a slash or dot, before a separator."""
    parts = []
    for char in printed:
        if char in "-_+=&":
            parts.append(r"\s*" + re.escape(char))
        elif char in "/.":
            parts.append(re.escape(char) + r"\s*")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


def _block_text(pdf_build: PdfBuild) -> str:
    """The text of the text blocks only (no running heads, no page numbers, no margin)."""
    layout = pdf_build.layout
    crop = [
        *("-x", str(int(layout.left) - 1), "-y", str(int(layout.top) - 3)),
        *("-W", str(int(layout.right - layout.left) + 3), "-H", str(int(layout.bottom - layout.top) + 6)),
    ]
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *crop, str(pdf_build.pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_sources_printed_with_their_addresses(pdf_build, project):
    """Every source's address is printed once as host and path, broken only after / or . (or before -)."""
    text = _block_text(pdf_build)
    sources = registry_sources(project.registry) + [s for spec in project.specs for s in text_sources(spec)]
    assert sources
    assert "http://" not in text
    assert "https://" not in text
    for source in sources:
        assert _address_pattern(printed_form(source.url)).search(text), printed_form(source.url)
        assert " ".join(source.publisher.split()[:2]) in " ".join(text.split())


def test_the_pdf_is_tagged(pdf_build, chapters, project):
    """Headings, paragraphs and notes are tagged: H1 for each chapter, a Note for each note."""
    structure = [line.split()[0] for line in _pdfinfo(pdf_build.pdf, "-struct").splitlines() if line.strip()]
    assert structure[0] == "Document"
    assert structure.count("H1") >= len(chapters)
    assert structure.count("Note") >= sum(len(text.notes) for text in project.texts)
    assert structure.count("P") > 10
    log = pdf_build.log
    assert "there is no mc to end" not in log  # marked content balanced on every page
    assert "nested marked content" not in log
    extraction = subprocess.run(
        ["pdftotext", str(pdf_build.pdf), "-"], capture_output=True, text=True, check=True
    )
    assert "Mismatched" not in extraction.stderr


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


def _aux_pages(aux: str) -> dict[str, int]:
    """Label → page, from TeX's .aux file (where each description was set)."""
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


def _register_text(pdf_build: PdfBuild, chapter: Chapter) -> dict[str, str]:
    """The text of each printed register, by title (lines joined by line breaks)."""
    words = [
        w for w in pdf_build.words if chapter.first <= w.page < chapter.end and pdf_build.layout.in_block(w)
    ]
    by_line = lines(words)
    titles = [i for i, line in enumerate(by_line) if len(line) == 1 and line[0].text in chapter.sections]
    return {
        by_line[i][0].text: "\n".join(" ".join(w.text for w in line) for line in by_line[i + 1 : end])
        for i, end in zip(titles, [*titles[1:], len(by_line)], strict=True)
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


def test_registers_list_every_mention_with_its_page(pdf_build, placed, project, page_label, chapters):
    """Each entry lists the printed page of every mention, and of its description (in bold)."""
    mentions: dict[str, set[int]] = defaultdict(set)
    for text in project.texts:
        for key, pages in _mention_pages(text, placed[str(text.spec.path)], pdf_build, page_label).items():
            mentions[key] |= pages
    described = _aux_pages(pdf_build.aux)
    registers = _register_text(pdf_build, _chapter_of(chapters, REGISTERS_TITLE))
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
    for ind in sorted(pdf_build.latex_dir.glob("ar-*.ind")):
        type_ = ind.stem.removeprefix("ar-")
        listed = re.findall(r"\\item (.*?), (?:\\hyperpage|\\spxpagem)", ind.read_text("utf-8"))
        entries = [
            e
            for e in project.registry.entries.values()
            if (e.ref.kind == "term" if type_ == "term" else (e.ref.kind == "actor" and e.type == type_))
        ]
        expected = [entry_label(e) for e in sorted(entries, key=lambda e: german_sort_key(e.sort_key))]
        assert [item.replace(r"\sphinxhyphen{}", "-") for item in listed] == expected, ind.name


def test_pages_of_a_text_are_filled(pdf_build, chapters, project, placed):
    """Within a text, every page but the chapter's last is filled to the bottom (flush bottom).

    Only a page before a heading may end short: a heading is not left at a page's foot.
    """
    layout = pdf_build.layout
    texts = {text.title for text in project.texts}
    stream = pdf_build.stream
    heading_pages = {
        stream.page_at(found.positions[0])
        for blocks in placed.values()
        for found in blocks
        if found.block.heading
        and stream.line_at(found.positions[0])
        == next(line for line in stream.lines if line[0].page == stream.page_at(found.positions[0]))
    }
    for chapter in chapters:
        if chapter.title not in texts:
            continue
        for page in range(chapter.first, chapter.end - 1):
            bottom = max(w.y1 for w in pdf_build.words if w.page == page and layout.in_block(w))
            short = bottom < layout.bottom - 0.1 * (layout.bottom - layout.top)
            assert not short or page + 1 in heading_pages, f"page {page} is short"


def test_same_source_date_gives_the_same_pdf(pdf_build, tmp_path):
    again = build_pdf(pdf_build.edition, tmp_path / "again")
    assert again.read_bytes() == pdf_build.pdf.read_bytes(), f"SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}"
