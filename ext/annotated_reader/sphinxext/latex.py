r"""LaTeX: registers with a page number for every mention, and the package with the macros.

A printed register lists pages, which only TeX knows.  So at every mention the LaTeX
document gets an index entry in the register of the entry's type (``\index[ar-person]``
from imakeidx), and at the description of the entry (glossary, actor register) an entry
set in bold.  latexmk runs xindy on each register (Sphinx's ``latexmkrc`` runs it on every
index file the log names; the extension adds the registers' xindy module and, for German,
DIN 5007-1), and the registers are printed at the end of the document, one section each.

The index entries that Sphinx would make for glossary terms and actors become the bold
register entries, so Sphinx's general index has nothing left to say about them; a project
can drop it (``latex_elements["printindex"] = ""``).

The package ``sphinxannotatedreader.sty`` holds the macros (paragraph numbers in the
margin, the title page, chapters without forced page breaks); a generated
``sphinxannotatedreader.cfg`` declares this project's registers and translated names.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as tex_escape

from ..core.annotations import Entry, Ref
from .config import reader_config
from .corpus import corpus
from .locale import _
from .paragraphs import paragraph_number

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator

LATEX_DIR = Path(__file__).resolve().parent.parent / "latex"
PACKAGE = "sphinxannotatedreader"
SETUP_FILE = f"{PACKAGE}.cfg"
TERM_REGISTER = "ar-term"
REGISTERS_INTRO = (
    "The registers list every page on which a text mentions an entry; "
    "the page with the entry's description is set in bold."
)
LATEXMKRC_MARK = "# sphinx-annotated-reader:"


class register_mark(nodes.Inline, nodes.Element):  # noqa: N801 - docutils naming
    """An entry in a printed register: ``register`` (``ar-person``), ``key``, ``label``, ``main``.

    ``main`` marks the place where the entry is described; its page is set in bold.
    """


class registers(nodes.General, nodes.Element):  # noqa: N801
    """The chapter of printed registers; ``names`` lists the registers in print order."""


def register_name(entry: Entry) -> str:
    """The register an entry belongs to, as an index name (``ar-person``, ``ar-term``)."""
    return TERM_REGISTER if entry.ref.kind == "term" else f"ar-{entry.type}"


def register_names(config: Config) -> list[str]:
    """All registers in print order: one per actor type, as configured, then the terms."""
    return [f"ar-{type_id}" for type_id in reader_config(config).actor_types] + [TERM_REGISTER]


def register_titles(config: Config) -> dict[str, str]:
    """The printed title of each register, translated (``Personen``, ``Begriffe`` …)."""
    titles = {
        f"ar-{type_id}": _(labels["register"])
        for type_id, labels in reader_config(config).actor_types.items()
    }
    titles[TERM_REGISTER] = _("Terms")
    return {name: str(title) for name, title in titles.items()}


def entry_label(entry: Entry) -> str:
    """How an entry is listed: by its sort name (``Putin, Wladimir``), with its abbreviation."""
    return f"{entry.sort_key} ({entry.abbreviation})" if entry.abbreviation else entry.sort_key


def _mark(entry: Entry, *, main: bool) -> register_mark:
    return register_mark(
        register=register_name(entry), key=entry.sort_key, label=entry_label(entry), main=main
    )


def _entry_of(target: str, entries: dict[Ref, Entry]) -> Entry | None:
    """The entry behind ``actor-putin`` or ``term-eawu`` (mention targets and entry ids)."""
    kind, _sep, id_ = target.partition("-")
    if kind not in ("actor", "term"):
        return None
    return entries.get(Ref(kind, id_))  # type: ignore[arg-type]


def _in_title(node: nodes.Element) -> nodes.title | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        if isinstance(parent, nodes.title):
            return parent
        parent = parent.parent
    return None


def _place_after_title(title: nodes.title, marks: list[register_mark]) -> None:
    r"""Index entries of a heading go into the paragraph after it, not into ``\section{}``.

    In the heading they would travel into the table of contents and the PDF bookmarks;
    between heading and paragraph they would allow a page break after the heading.
    """
    section = title.parent
    following = section[section.index(title) + 1 :] if section is not None else []
    paragraph = next(iter(following), None)
    if isinstance(paragraph, nodes.paragraph):
        start = 1 if paragraph.children and isinstance(paragraph[0], paragraph_number) else 0
        for offset, mark in enumerate(marks):
            paragraph.insert(start + offset, mark)
    elif section is not None:
        for offset, mark in enumerate(marks):
            section.insert(section.index(title) + 1 + offset, mark)


class RegisterMarks(SphinxPostTransform):
    """Put an index entry at every mention and description; add the registers at the end.

    Runs before cross-references are resolved (priority 10), while a mention is still a
    ``pending_xref`` that names its entry (``ar_entry``).
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        entries = corpus(self.env).registry.entries
        used: set[str] = set()
        by_title: dict[int, tuple[nodes.title, list[register_mark]]] = {}
        for xref in list(self.document.findall(addnodes.pending_xref)):
            entry = _entry_of(xref.get("ar_entry", ""), entries)
            if entry is None or xref.parent is None:
                continue
            mark = _mark(entry, main=False)
            used.add(mark["register"])
            title = _in_title(xref)
            if title is not None:
                by_title.setdefault(id(title), (title, []))[1].append(mark)
                # A heading stays plain: no link in the heading, the running head, the contents.
                xref.replace_self(xref.children)
            else:
                xref.parent.insert(xref.parent.index(xref) + 1, mark)
        for title, marks in by_title.values():
            _place_after_title(title, marks)
        for index in list(self.document.findall(addnodes.index)):
            described: list[Entry] = []
            kept: list[Any] = []
            for item in index["entries"]:
                entry = _entry_of(item[2], entries)
                if entry is None:
                    kept.append(item)
                else:
                    described.append(entry)
            if not described:
                continue
            marks = [_mark(entry, main=True) for entry in described]
            used.update(mark["register"] for mark in marks)
            index["entries"] = kept
            assert index.parent is not None
            position = index.parent.index(index) + 1
            for offset, mark in enumerate(marks):
                index.parent.insert(position + offset, mark)
            if not kept:
                index.parent.remove(index)
        if used:
            names = [name for name in register_names(self.config) if name in used]
            self.document += registers(names=names)


class ActorNamesAsText(SphinxPostTransform):
    r"""An actor's name heads its register entry in bold text, not in bold code.

    Sphinx sets the name of any described object as code (``\sphinxbfcode``), with
    unbreakable spaces; a person's name is not code.
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for desc in list(self.document.findall(addnodes.desc)):
            if desc.get("domain") != "ar":
                continue
            for name in list(desc.findall(addnodes.desc_name)):
                name.replace_self(nodes.strong(name.astext(), name.astext()))


class BreakableAddresses(SphinxPostTransform):
    r"""Web addresses printed after a link's text can break at line ends.

    With ``latex_show_urls = "inline"`` Sphinx adds the address as plain text, which TeX
    cannot break; here it becomes a ``\sphinxnolinkurl`` (a reference with ``nolinkurl``),
    which breaks like any address.
    """

    default_priority = 401  # right after Sphinx's ShowUrlsTransform (400)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if self.config.latex_show_urls != "inline":
            return
        for reference in list(self.document.findall(nodes.reference)):
            parent, uri = reference.parent, reference.get("refuri", "")
            if parent is None or not uri:
                continue
            position = parent.index(reference) + 1
            following = parent[position] if position < len(parent) else None
            shown = uri.removeprefix("mailto:")
            if isinstance(following, nodes.Text) and str(following) == f" ({shown})":
                address = nodes.reference("", shown, refuri=uri, nolinkurl=True)
                parent.replace(following, [nodes.Text(" ("), address, nodes.Text(")")])


_INDEX_QUOTED = str.maketrans({'"': '""', "@": '"@', "!": '"!', "|": '"|'})


def index_key(text: str) -> str:
    r"""The sort key of an index entry: plain text, no TeX commands, xindy's characters quoted.

    An entry is the same entry only if its key is the same text; a TeX command in it would
    be written differently when ``\index`` stands in a macro argument (a glossary term).
    """
    plain = "".join(" " if char in "\\{}%#&~^_$" else char for char in text)
    return " ".join(plain.split()).translate(_INDEX_QUOTED)


def _index_label(translator: LaTeXTranslator, text: str) -> str:
    """The printed part of an index entry: LaTeX-escaped, xindy's characters quoted."""
    value = translator.encode(text)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}").replace(r"\}", r"\sphinxrightcurlybrace{}")
    value = value.replace('"', '""').replace("@", '"@').replace("!", '"!')
    return value.replace("|", r"\textbar{}")


def visit_register_mark(self: LaTeXTranslator, node: register_mark) -> None:
    encap = "|spxpagem" if node["main"] else ""
    key, label = index_key(node["key"]), _index_label(self, node["label"])
    self.body.append(rf"\index[{node['register']}]{{{key}@{label}{encap}}}")
    raise nodes.SkipNode


def visit_registers(self: LaTeXTranslator, node: registers) -> None:
    self.body.append("\n\n\\begin{sphinxARregisters}\n")
    self.body.extend(f"\\sphinxARprintregister{{{name}}}\n" for name in node["names"])
    self.body.append("\\end{sphinxARregisters}\n")
    raise nodes.SkipNode


def setup_tex(app: Sphinx) -> str:
    """The generated part of the package: this project's registers and translated names."""
    config = app.config

    def tex(text: str) -> str:
        return tex_escape(text, config.latex_engine)

    lines = ["% Generated by sphinx-annotated-reader; do not edit.", r"\makeatletter"]
    for name, title in register_titles(config).items():
        lines.append(rf"\sphinxARdeclareregister{{{name}}}{{{tex(title)}}}")
    lines += [
        rf"\renewcommand*\sphinxARregistersname{{{tex(_('Registers'))}}}",
        rf"\renewcommand*\sphinxARregistersintro{{{tex(_(REGISTERS_INTRO))}}}",
        rf"\renewcommand*\sphinxARsubtitle{{{tex(_('annotated edition'))}}}",
        rf"\renewcommand*\sphinxARcopyright{{\textcopyright{{}} {tex(config.copyright)}}}",
        r"\AtBeginDocument{\hypersetup{pdftitle={\@title{} – \sphinxARsubtitle}"
        + (rf",pdflang={{{tex(config.language)}}}" if config.language else "")
        + "}}",
        r"\makeatother",
    ]
    return "\n".join(lines) + "\n"


def xindy_options(config: Config) -> str:
    """The xindy options of Sphinx's Makefile, with German sorted by DIN 5007-1.

    Sphinx asks xindy for ``german-din5007``, which is DIN 5007-2 (Ä as Ae, the rule for
    lists of names); registers sort Ä with A and ß as ss (DIN 5007-1, what xindy calls
    ``german-duden``), as the HTML registers do (:mod:`..core.collation`).
    """
    language = (config.language or "en")[:2]
    from sphinx.builders.latex import XINDY_LANG_OPTIONS  # only LaTeX builds need it

    options = XINDY_LANG_OPTIONS.get(language, "-L general -C utf8 ").split()
    options = ["german-duden" if option == "german-din5007" else option for option in options]
    return " ".join([*options, "-M", "sphinx.xdy", "-M", f"{PACKAGE}.xdy"])


def latexmkrc_addition(config: Config) -> str:
    """Lines for Sphinx's ``latexmkrc``: xindy's options for every index file.

    They replace ``$XINDYOPTS``, which Sphinx's Makefile exports and a plain ``latexmk``
    run (as on Read the Docs) lacks.
    """
    return (
        f"{LATEXMKRC_MARK} xindy with German DIN 5007-1 and the registers' rules\n"
        f"$makeindex = 'internal xindy {xindy_options(config)} %O -o %D %S';\n"
    )


def _write_support_files(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for suffix in (".sty", ".xdy"):
        shutil.copyfile(LATEX_DIR / f"{PACKAGE}{suffix}", outdir / f"{PACKAGE}{suffix}")
    setup = outdir / SETUP_FILE
    text = setup_tex(app)
    if not setup.is_file() or setup.read_text("utf-8") != text:
        setup.write_text(text, encoding="utf-8")  # unchanged files keep latexmk from rerunning


def _extend_latexmkrc(app: Sphinx, exception: BaseException | None) -> None:
    # Sphinx writes latexmkrc anew in every build, before this event.
    if exception is not None or app.builder.format != "latex" or not app.config.latex_use_xindy:
        return
    latexmkrc = Path(app.outdir) / "latexmkrc"
    if not latexmkrc.is_file():
        return
    text = latexmkrc.read_text("utf-8")
    if LATEXMKRC_MARK not in text:
        latexmkrc.write_text(text.rstrip("\n") + "\n" + latexmkrc_addition(app.config), encoding="utf-8")


def setup_latex(app: Sphinx) -> None:
    """Load the package, write its files next to the .tex file, and mark the registers."""
    app.add_latex_package(PACKAGE)
    app.add_node(register_mark, latex=(visit_register_mark, None))
    app.add_node(registers, latex=(visit_registers, None))
    app.add_post_transform(RegisterMarks)
    app.add_post_transform(BreakableAddresses)
    app.add_post_transform(ActorNamesAsText)
    app.connect("builder-inited", _write_support_files)
    app.connect("build-finished", _extend_latexmkrc)
