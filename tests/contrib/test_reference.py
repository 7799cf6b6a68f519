"""The generated reference pages, compared with what they are generated from.

The field reference is checked against the JSON Schemas themselves (walked here without
the code that generates the page), the warning reference against ``ProblemKind`` and the
examples, the configuration reference against ``ReaderConfig``; and the German catalog
must translate every string of all three.
"""

from __future__ import annotations

import dataclasses as dc
import gettext
import json
import os
import re
from typing import Any

import pytest
from annotated_reader.core.examples import run_example
from annotated_reader.core.problems import ProblemKind
from annotated_reader.core.reference import iter_strings
from annotated_reader.core.schema import FileKind
from annotated_reader.sphinxext.config import PREFIX, ReaderConfig
from annotated_reader.sphinxext.reference_pages import config_docs, one_line, problem_docs
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ..conftest import PROJECT
from .test_examples import EXAMPLES, EXAMPLES_DIR

SCHEMAS = PROJECT / "ext" / "annotated_reader" / "schemas"
LOCALE = PROJECT / "ext" / "annotated_reader" / "locale" / "de" / "LC_MESSAGES"


def build(tmp_path_factory, language: str) -> BeautifulSoup:
    srcdir = tmp_path_factory.mktemp(f"reference-{language}")
    examples = os.path.relpath(EXAMPLES_DIR, srcdir)
    (srcdir / "conf.py").write_text(
        f"extensions = ['annotated_reader']\nlanguage = {language!r}\nsmartquotes = False\n"
        "exclude_patterns = ['_build']\n",
        "utf-8",
    )
    body = "".join(
        f"## {kind.value}\n\n```{{ar:schema-reference}} {kind.value}\n```\n\n" for kind in FileKind
    )
    (srcdir / "index.md").write_text(
        f"# Reference\n\n{body}## Problems\n\n```{{ar:problem-reference}}\n:examples: {examples}\n```\n\n"
        "## Configuration\n\n```{ar:config-reference}\n```\n",
        "utf-8",
    )
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build")
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return build(tmp_path_factory, "en")


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build(tmp_path_factory, "de")


# --- the schemas, walked here on their own ----------------------------------------------


def load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text("utf-8"))


def resolve(schema_name: str, ref: str) -> tuple[str, str, dict[str, Any]]:
    document, _, pointer = ref.partition("#")
    name = document or schema_name
    node = load(name)
    key = ""
    for part in pointer.strip("/").split("/"):
        node, key = node[part], part
    return name, key, node


def objects(kind: FileKind) -> list[tuple[str, dict[str, Any], str]]:
    """(key, object schema, schema file) for the file and every object nested in it."""
    found = [(kind.value, load(kind.schema_name), kind.schema_name)]
    seen = {kind.value}
    index = 0
    while index < len(found):
        _key, schema, name = found[index]
        for prop in schema.get("properties", {}).values():
            target = prop
            if "$ref" in target:
                name2, key2, target = resolve(name, target["$ref"])
            else:
                name2, key2 = name, ""
            if target.get("type") == "array" and "$ref" in target.get("items", {}):
                name2, key2, target = resolve(name2, target["items"]["$ref"])
            if "properties" in target and key2 not in seen:
                seen.add(key2)
                found.append((key2, target, name2))
        index += 1
    return found


def plain(markdown: str) -> str:
    """Text without markup and without any whitespace (HTML adds and drops some)."""
    return re.sub(r"\s+", "", markdown.replace("`", ""))


def text_of(element: Any) -> str:
    return re.sub(r"\s+", "", element.get_text())


@pytest.mark.parametrize("kind", list(FileKind), ids=lambda kind: kind.value)
def test_field_reference_lists_every_field_of_the_schema(english, kind):
    for key, schema, _name in objects(kind):
        object_id = (
            f"schema-{kind.value}" if key == kind.value else f"schema-{kind.value}-{key.replace('_', '-')}"
        )
        assert english.find(id=object_id) is not None, object_id
        required = set(schema.get("required", ()))
        listed = english.select(f'[id^="{object_id}-"]')
        names = [term.select_one("code").get_text() for term in listed if term.name == "dt"]
        direct = [
            name for name in names if f"{object_id}-{name.replace('_', '-')}" in {t["id"] for t in listed}
        ]
        assert set(direct) >= set(schema["properties"]), (object_id, direct)
        for name, prop in schema["properties"].items():
            term = english.find(id=f"{object_id}-{name.replace('_', '-')}")
            meta = term.select_one(".ar-field-meta").get_text()
            assert ("required" in meta and "required with" not in meta) == (name in required), (
                object_id,
                name,
            )
            description = prop.get("description") or (
                resolve(_name, prop["$ref"])[2].get("description", "") if "$ref" in prop else ""
            )
            definition = term.find_next_sibling("dd")
            assert plain(description) in text_of(definition), (object_id, name)


def test_field_reference_in_german(german):
    term = german.find(id="schema-glossary-term-headword")
    assert "(Textzeile; Pflicht)" in term.get_text()
    definition = term.find_next_sibling("dd").get_text(" ")
    assert "Der Begriff, wie er über seinem Glossareintrag steht" in definition
    assert "Regeln:" in definition


# --- warnings ------------------------------------------------------------------------------


def test_problem_reference_has_every_kind_with_its_docstring_and_examples(english):
    docs = problem_docs()
    for kind in ProblemKind:
        section = english.find(id=f"problem-{kind.value}")
        assert section is not None, kind
        assert section.find("h3" if section.find("h3") else "h2").get_text().strip().startswith(kind.value)
        assert plain(docs[kind]) in text_of(section)
        assert f"annotated_reader.{kind.value}" in section.get_text()
        for example in EXAMPLES.of_kind(kind):
            rubric = section.find(id=f"example-{example.name}")
            assert rubric is not None, example.name
            shown = rubric.find_next("div", class_="ar-message").get_text()
            expected = (
                example.expected
                if example.needs_sphinx
                else [str(problem) for problem in run_example(EXAMPLES, example)]
            )
            assert re.sub(r"\s+", " ", shown).strip() == " ".join(expected), example.name


def test_every_kind_has_a_docstring():
    assert all(problem_docs()[kind] for kind in ProblemKind)


# --- configuration -----------------------------------------------------------------------


def test_config_reference_lists_every_value(english):
    for field in dc.fields(ReaderConfig):
        term = english.find(id=f"confval-{(PREFIX + field.name).replace('_', '-')}")
        assert term is not None, field.name
        assert field.metadata["doc_type"] in term.get_text()
        assert plain(field.metadata["help"]) in text_of(term.find_next_sibling("dd"))


# --- the German catalog ------------------------------------------------------------------


def reference_strings() -> set[str]:
    strings = {one_line(s) for kind in FileKind for s in iter_strings(kind) if s}
    strings |= set(problem_docs().values())
    strings |= {one_line(help_text) for *_rest, help_text in config_docs()}
    return strings


def test_catalog_translates_every_reference_string():
    with (LOCALE / "annotated_reader_reference.po").open("rb") as po:
        catalog = read_po(po)
    translated = {message.id for message in catalog if message.id and message.string and not message.fuzzy}
    missing = sorted(reference_strings() - translated)
    assert not missing, "add to annotated_reader_reference.po:\n" + "\n".join(
        f'msgid "{text}"\nmsgstr ""\n' for text in missing
    )


def test_compiled_catalog_matches_the_po_file():
    with (LOCALE / "annotated_reader_reference.po").open("rb") as po:
        catalog = read_po(po)
    with (LOCALE / "annotated_reader_reference.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        message.id for message in catalog if message.id and compiled.gettext(message.id) != message.string
    ]
    assert not stale, "run nox -s i18n"
