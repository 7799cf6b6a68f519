"""Reference pages generated from the code that defines them.

* ``{ar:schema-reference} glossary`` (or ``actors``, ``text``): every field of one kind of
  annotation file, from its JSON Schema (see :mod:`..core.reference`);
* ``{ar:problem-reference}`` with ``:examples: <dir>``: every warning subtype, from the
  docstrings of :class:`~..core.problems.ProblemKind`, each with its worked examples, run
  when the page is read (see :mod:`..core.examples`);
* ``{ar:config-reference}``: every configuration value, from
  :class:`~.config.ReaderConfig`.

The schemas, docstrings and help texts are English; their German text comes from the
reference catalog (``annotated_reader_reference.po``), beside the catalog of the reader's
labels.  A translation is looked up by the English text (whitespace normalised), so a
changed description shows in English until the catalog follows; a test lists what is
missing.
"""

from __future__ import annotations

import dataclasses as dc
import difflib
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from ..core.problems import Location, Problem, ProblemKind
from ..core.schema import FileKind
from ..core.textio import visible_controls
from .config import PREFIX, ReaderConfig
from .locale import LOCALE_DIR
from .report import WARNING_TYPE, report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from ..core.examples import Example, Examples
    from ..core.reference import FieldDoc, ObjectDoc

REFERENCE_CATALOG = "annotated_reader_reference"
_t = get_translation(REFERENCE_CATALOG)

EXCERPT_CONTEXT = 3
"""Lines shown before and after the line a problem is reported at."""

MESSAGE_WIDTH = 84
"""Width at which messages are wrapped on the page."""


def translate(text: str) -> str:
    """The translation of a reference string, looked up with its whitespace normalised."""
    return str(_t(one_line(text))) if text else ""


def one_line(text: str) -> str:
    """A docstring or description as one line: the form of its msgid in the catalog."""
    return " ".join(text.split())


def wrap(message: str) -> str:
    """A message as ``check`` prints it, wrapped to fit the page (continuation indented)."""
    return "\n".join(textwrap.wrap(message, MESSAGE_WIDTH, subsequent_indent="    ", break_on_hyphens=False))


def problem_docs() -> dict[ProblemKind, str]:
    """The docstring of each kind of problem (as Sphinx's autodoc reads attribute docs)."""
    analyzer = ModuleAnalyzer.for_module(ProblemKind.__module__)
    docs = analyzer.find_attr_docs()
    return {kind: one_line(" ".join(docs.get(("ProblemKind", kind.name), []))) for kind in ProblemKind}


def config_docs() -> list[tuple[str, str, object, str]]:
    """Name, type, default and help text of each configuration value."""
    rows = []
    for field in dc.fields(ReaderConfig):
        default = field.default_factory() if field.default_factory is not dc.MISSING else field.default
        rows.append((PREFIX + field.name, field.metadata["doc_type"], default, field.metadata["help"]))
    return rows


class _ReferenceDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        result = self.generate()
        source, line = self.get_source_info()
        for node in result:
            for child in node.findall(nodes.Element):
                if child.line is None:
                    child.source, child.line = source, line
        return result

    def generate(self) -> list[nodes.Node]:
        raise NotImplementedError

    def label(self, node: nodes.Element, name: str) -> nodes.Element:
        """Make ``node`` an explicit target, so that ``{ref}`name``` links to it."""
        node["ids"].append(name)
        node["names"].append(name)
        self.state.document.note_explicit_target(node)
        return node

    def markup(self, text: str) -> list[nodes.Node]:
        """Translated reference text, parsed in the page's own markup (MyST or rST)."""
        return self.parse_text_to_nodes(translate(text))

    def definition_list(self) -> nodes.definition_list:
        return nodes.definition_list(classes=["ar-reference"])


class SchemaReferenceDirective(_ReferenceDirective):
    """``{ar:schema-reference} glossary``: the fields of one kind of annotation file."""

    required_arguments = 1

    def generate(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        try:
            kind = FileKind(name)
        except ValueError:
            choices = ", ".join(kind.value for kind in FileKind)
            raise self.error(f"unknown kind of file '{name}' (choose from {choices})") from None
        result: list[nodes.Node] = []
        from ..core.reference import describe  # the reference pages only: not every build

        for number, doc in enumerate(describe(kind)):
            if number:
                result.append(
                    self.label(nodes.rubric(text=translate(doc.title)), self.object_id(kind, doc.key))
                )
            else:
                result.append(self.label(nodes.target(), self.object_id(kind, doc.key)))
            if doc.description:
                result.extend(self.markup(doc.description))
            if doc.one_of:
                paragraph = nodes.paragraph(classes=["ar-one-of"])
                paragraph += nodes.Text(_t("Exactly one of: "))
                for index, field_name in enumerate(doc.one_of):
                    paragraph += nodes.Text(", " if index else "")
                    paragraph += nodes.literal(text=field_name)
                result.append(paragraph)
            fields = self.definition_list()
            for field in doc.fields:
                fields += self.field_item(kind, doc, field)
            result.append(fields)
        return result

    def object_id(self, kind: FileKind, key: str) -> str:
        return f"schema-{kind.value}" if key == kind.value else f"schema-{kind.value}-{key.replace('_', '-')}"

    def field_item(self, kind: FileKind, doc: ObjectDoc, field: FieldDoc) -> nodes.definition_list_item:
        term = nodes.term("", "", nodes.literal(text=field.name))
        term["ids"].append(f"{self.object_id(kind, doc.key)}-{field.name.replace('_', '-')}")
        value_type = translate(field.type)
        meta = nodes.inline(classes=["ar-field-meta"])
        meta += nodes.Text(" (")
        if field.is_list:
            meta += nodes.Text(_t("list: "))
        if field.object:
            meta += nodes.reference("", value_type, refid=self.object_id(kind, field.object), internal=True)
        else:
            meta += nodes.Text(value_type)
        meta += nodes.Text("; ")
        if field.required:
            meta += nodes.strong(text=_t("required"))
        elif field.required_with:
            meta += nodes.Text(_t("required with %s") % field.required_with)
        else:
            meta += nodes.Text(_t("optional"))
        meta += nodes.Text(")")
        term += meta
        definition = nodes.definition()
        definition.extend(self.markup(field.description))
        if field.rules:
            texts = [
                translate(template) % value if value else translate(template)
                for template, value in field.rules
            ]
            rules = self.parse_text_to_nodes("; ".join(texts) + ".")
            if rules and isinstance(rules[0], nodes.paragraph):
                rules[0]["classes"].append("ar-field-rules")
                rules[0].insert(0, nodes.Text(" "))
                rules[0].insert(0, nodes.emphasis(text=_t("Rules:")))
            definition.extend(rules)
        return nodes.definition_list_item("", term, definition)


class ProblemReferenceDirective(_ReferenceDirective):
    """``{ar:problem-reference}``: every warning subtype, with its examples."""

    option_spec: ClassVar[OptionSpec] = {"examples": directives.unchanged_required}

    def generate(self) -> list[nodes.Node]:
        examples = self.load()
        docs = problem_docs()
        sections: list[nodes.Node] = []
        for kind in ProblemKind:
            section = nodes.section()
            section += nodes.title("", "", nodes.literal(text=kind.value))
            self.label(section, f"problem-{kind.value}")
            section.extend(self.markup(docs[kind]))
            subtype = nodes.paragraph(classes=["ar-subtype"])
            subtype += nodes.Text(_t("Warning type: "))
            subtype += nodes.literal(text=f"{WARNING_TYPE}.{kind.value}")
            section += subtype
            for example in examples.of_kind(kind) if examples is not None else []:
                section.extend(self.example(examples, example))  # type: ignore[arg-type]
            sections.append(section)
        return sections

    def load(self) -> Examples | None:
        if "examples" not in self.options:
            return None
        _relative, absolute = self.env.relfn2path(self.options["examples"], self.env.docname)
        root = Path(absolute)
        if not root.is_dir():
            source, line = self.get_source_info()
            report([Problem(ProblemKind.FILE, Location(Path(source), line), f"no examples directory {root}")])
            return None
        from ..core.examples import load_examples  # the warnings page only: not every build

        examples = load_examples(root)
        report(examples.problems)
        for path in sorted(root.rglob("*")):
            if path.is_file():
                self.env.note_dependency(path)
        return examples

    def example(self, examples: Examples, example: Example) -> list[nodes.Node]:
        result: list[nodes.Node] = [self.label(nodes.rubric(text=example.title), f"example-{example.name}")]
        if example.needs_sphinx:
            # A build inside the build is not possible: the warnings as the tests found them.
            messages = example.expected
            where = messages[0].split(": WARNING: ")[0].split(":") if messages else []
            if len(where) >= 2 and where[1].isdigit():
                shown = Problem(example.kind, Location(Path(where[0]), int(where[1])), "")
                result.extend(self.excerpt(examples, example, shown))
        else:
            from ..core.examples import run_example

            problems = run_example(examples, example)
            first = next((p for p in problems if p.kind is example.kind), problems[0] if problems else None)
            if first is not None:
                result.extend(self.excerpt(examples, example, first))
            messages = [str(problem) for problem in problems]
        result.append(self.caption(_t("Message:")))
        output = "\n".join(wrap(message) for message in messages) or _t("(no message)")
        result.append(nodes.literal_block(output, output, language="text", classes=["ar-message"]))
        result.append(self.caption(_t("How to fix it:")))
        result.extend(self.parse_text_to_nodes(example.fix))
        for relative in example.files:
            result.extend(self.versions(example, relative))
        return result

    def versions(self, example: Example, relative: str) -> list[nodes.Node]:
        """The broken and the fixed file side by side as tabs (and the change as a diff).

        Tabs are sphinx-design's, when the project loads it; without it, the diff alone.
        """
        diff = self.diff(example, relative)
        if not diff:
            return []
        diff_block = nodes.literal_block(diff, diff, language="diff")
        if "sphinx_design" not in self.config.extensions:
            return [diff_block]
        from sphinx_design.shared import create_component

        broken, fixed = self.lines(example, "broken", relative), self.lines(example, "fixed", relative)
        changed_broken: set[int] = set()
        changed_fixed: set[int] = set()
        matcher = difflib.SequenceMatcher(None, broken, fixed, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                changed_broken.update(range(i1, max(i2, i1 + 1)))
                changed_fixed.update(range(j1, max(j2, j1 + 1)))
        tabs = create_component("tab-set", classes=["sd-tab-set", "ar-versions"])
        panels = (
            (_t("Broken"), self.version_block(broken, changed_broken, relative)),
            (_t("Fixed"), self.version_block(fixed, changed_fixed, relative)),
            (_t("As a change (diff)"), diff_block),
        )
        for label, block in panels:
            item = create_component("tab-item", classes=["sd-tab-item"], selected=False)
            item += nodes.rubric(label, label, classes=["sd-tab-label"])
            item += create_component("tab-content", classes=["sd-tab-content"], children=[block])
            tabs += item
        return [self.caption(_t("In %s:") % relative), tabs]

    def lines(self, example: Example, variant: str, relative: str) -> list[str]:
        path = example.file(variant, relative)  # type: ignore[arg-type]
        text = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
        return visible_controls(text).splitlines()

    def version_block(self, lines: list[str], changed: set[int], relative: str) -> nodes.Element:
        """The changed lines of one version of a file, with context and line numbers."""
        if not lines:
            return nodes.paragraph(text=_t("(no file)"))
        shown = [index for index in changed if index < len(lines)] or [len(lines) - 1]
        first = max(0, min(shown) - EXCERPT_CONTEXT)
        last = min(len(lines), max(shown) + EXCERPT_CONTEXT + 1)
        code = "\n".join(lines[first:last])
        language = {".md": "markdown", ".py": "python", ".txt": "text"}.get(Path(relative).suffix, "yaml")
        block = nodes.literal_block(code, code, language=language, linenos=True)
        marked = sorted(index - first + 1 for index in changed if first <= index < last)
        block["highlight_args"] = {"linenostart": first + 1, "hl_lines": marked}
        return block

    def caption(self, text: str) -> nodes.paragraph:
        return nodes.paragraph("", "", nodes.strong(text=text), classes=["ar-example-label"])

    def excerpt(self, examples: Examples, example: Example, problem: Problem) -> list[nodes.Node]:
        relative = problem.location.path.as_posix()
        path = example.file("broken", relative)
        if not path.is_file():
            path = examples.root / "base" / relative
        if not path.is_file():
            return []
        lines = visible_controls(path.read_bytes().decode("utf-8", errors="replace")).splitlines()
        line = max(1, problem.location.line)
        first = max(1, line - EXCERPT_CONTEXT)
        if first == 1 < line and lines[0].startswith("# yaml-language-server:"):
            first = 2  # the schema line says nothing about the problem, and it is long
        last = min(len(lines), line + EXCERPT_CONTEXT)
        code = "\n".join(lines[first - 1 : last])
        language = {".md": "markdown", ".py": "python", ".txt": "text"}.get(path.suffix, "yaml")
        block = nodes.literal_block(code, code, language=language, linenos=True)
        block["highlight_args"] = {"linenostart": first, "hl_lines": [line - first + 1]}
        caption = self.caption(_t("In %s:") % relative)
        return [caption, block]

    def diff(self, example: Example, relative: str) -> str:
        def lines(variant: str) -> list[str]:
            path = example.file(variant, relative)  # type: ignore[arg-type]
            text = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
            return visible_controls(text).splitlines(keepends=True)

        diff = difflib.unified_diff(
            lines("broken"),
            lines("fixed"),
            fromfile=f"{relative} ({_t('broken')})",
            tofile=f"{relative} ({_t('fixed')})",
            n=1,
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in diff).rstrip("\n")


class ConfigReferenceDirective(_ReferenceDirective):
    """``{ar:config-reference}``: every configuration value of the extension."""

    def generate(self) -> list[nodes.Node]:
        values = self.definition_list()
        for name, doc_type, default, help_text in config_docs():
            term = nodes.term("", "", nodes.literal(text=name))
            self.label(term, f"confval-{name.replace('_', '-')}")
            definition = nodes.definition()
            definition.extend(self.markup(help_text))
            shown = repr(default)
            paragraph = nodes.paragraph(classes=["ar-default"])
            paragraph += nodes.emphasis(text=_t("Default:"))
            paragraph += nodes.Text(" ")
            paragraph += nodes.literal(text=shown)
            definition += paragraph
            term += nodes.inline("", f" ({doc_type})", classes=["ar-field-meta"])
            values += nodes.definition_list_item("", term, definition)
        return [values]


def setup_reference(app: Sphinx) -> None:
    """Register the reference catalog and the three directives."""
    app.add_message_catalog(REFERENCE_CATALOG, LOCALE_DIR)
    app.add_directive_to_domain("ar", "schema-reference", SchemaReferenceDirective)
    app.add_directive_to_domain("ar", "problem-reference", ProblemReferenceDirective)
    app.add_directive_to_domain("ar", "config-reference", ConfigReferenceDirective)
