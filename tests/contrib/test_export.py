"""The W3C Web Annotation export: the model's required fields, its terms, and read-back.

Each collection is checked against the Web Annotation Data Model (required properties of
collection, page, annotation, body, target and both selectors), every property and type
name against the model's JSON-LD context, and every annotation is re-anchored in the
published text by each of its selectors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from annotated_reader.core.export import (
    CONTEXT,
    ExportedText,
    annotation_collection,
    default_base,
    export_notes,
    reanchor,
)
from annotated_reader.core.project import load_project
from annotated_reader.core.seed import read_seed
from bs4 import BeautifulSoup

from .test_examples import EXAMPLES_DIR

ANNO_CONTEXT = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text("utf-8"))["@context"]
KEYWORDS = {"@context"}


ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
"""An absolute IRI (RFC 3987): a scheme, a colon, and no character an IRI may not hold."""


def iri(value: Any) -> bool:
    return isinstance(value, str) and ABSOLUTE_IRI.match(value) is not None


def check_model(collection: dict[str, Any]) -> list[dict[str, Any]]:
    """Assert what the Web Annotation model says MUST hold; return the annotations.

    Written from the model (https://www.w3.org/TR/annotation-model/, sections 3 and 5): the
    context, types and required properties, and absolute IRIs wherever the model asks for an
    IRI (ids of collections, pages, annotations and external bodies, ``partOf``, the source
    and scope of a specific resource).  The W3C's own test suite checks the same "must"
    assertions with its JSON Schemas (github.com/w3c/web-annotation-tests).
    """
    assert collection["@context"] == CONTEXT
    assert collection["type"] == "AnnotationCollection"
    assert iri(collection["id"]), collection["id"]
    assert isinstance(collection["label"], str) and collection["label"]
    items: list[dict[str, Any]] = []
    if collection["total"]:
        page = collection["first"]
        assert page["type"] == "AnnotationPage"
        assert iri(page["id"]) and page["partOf"]["id"] == collection["id"] and page["startIndex"] == 0
        assert page["partOf"]["total"] == collection["total"]
        items = page["items"]
    assert len(items) == collection["total"]
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    for item in items:
        assert item["type"] == "Annotation"
        assert iri(item["id"]) and item["id"].startswith(collection["id"] + "#")
        assert "body" in item or "bodyValue" in item
        bodies = item["body"] if isinstance(item["body"], list) else [item["body"]]
        textual = [body for body in bodies if body["type"] == "TextualBody"]
        assert len(textual) == 1 and textual[0]["value"].strip()
        assert all(iri(body["id"]) for body in bodies if body["type"] == "Text")
        target = item["target"]
        assert target["type"] == "SpecificResource"
        assert iri(target["source"]) and iri(target["scope"]), target
        types = [selector["type"] for selector in target["selector"]]
        assert sorted(types) == ["TextPositionSelector", "TextQuoteSelector"]
        for selector in target["selector"]:
            if selector["type"] == "TextQuoteSelector":
                assert isinstance(selector["exact"], str) and selector["exact"]
            else:
                assert isinstance(selector["start"], int) and isinstance(selector["end"], int)
                assert 0 <= selector["start"] < selector["end"]
    return items


def check_terms(value: Any) -> None:
    """Every property and type name is a term of the model's context (nothing would be dropped)."""
    if isinstance(value, list):
        for item in value:
            check_terms(item)
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        assert key in ANNO_CONTEXT or key in KEYWORDS, f"'{key}' is not a term of the annotation context"
        if key in ("type", "motivation", "purpose"):
            assert item in ANNO_CONTEXT, f"'{item}' is not a term of the annotation context"
        check_terms(item)


@pytest.fixture(scope="module")
def base_text():
    project = load_project(EXAMPLES_DIR / "base")
    (text,) = project.texts
    return text


def test_collection_of_the_example_edition(base_text):
    exported = export_notes(base_text)
    base = "https://example.org/texts/"
    collection = annotation_collection(
        exported,
        collection=base + "beispiel.annotations.jsonld",
        source=base + "beispiel.txt",
        page=base + "beispiel.html",
    )
    items = check_model(collection)
    check_terms(collection)
    assert [item["id"] for item in items] == [
        f"{base}beispiel.annotations.jsonld#note-{placed.note.id}" for placed in base_text.notes
    ]
    sources = items[0]["body"][1:]
    assert [body["id"] for body in sources] == [source.url for source in base_text.notes[0].note.sources]


def test_selectors_reanchor_in_the_seed_text(base_text):
    exported = export_notes(base_text)
    collection = json.loads(json.dumps(annotation_collection(exported, collection="c", source="s", page="p")))
    seed, problems = read_seed(base_text.seed.path)  # read again, independently of the export
    assert problems == []
    anchors = reanchor(collection, seed.body)
    assert len(anchors) == len(base_text.notes) > 0
    for anchor, placed in zip(anchors, base_text.notes, strict=True):
        assert anchor.agrees, anchor
        assert seed.body[slice(*anchor.by_position)] == placed.note.quote.exact


def test_exported_text_survives_a_round_trip_through_plain_data(base_text):
    exported = export_notes(base_text)
    assert ExportedText.from_dict(json.loads(json.dumps(exported.to_dict()))) == exported


def test_html_build_writes_the_collection_beside_the_page(make_app, tmp_path, rootdir):
    app = make_app("html", srcdir=rootdir / "test-basic", builddir=tmp_path / "_build", freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir) / "texts"
    collection = json.loads((out / "atlantis.annotations.jsonld").read_text("utf-8"))
    items = check_model(collection)
    check_terms(collection)
    # Absolute IRIs even without html_baseurl: under the placeholder address of the project.
    base = "https://project-name-not-set.invalid/texts/"
    assert collection["id"] == base + "atlantis.annotations.jsonld"
    assert {item["target"]["source"] for item in items} == {base + "atlantis.txt"}
    published = (out / "atlantis.txt").read_text("utf-8")
    seed, _ = read_seed(rootdir / "test-basic" / "seeds" / "atlantis.txt")
    assert published == seed.body
    anchors = reanchor(collection, published)
    assert anchors and all(anchor.agrees for anchor in anchors)
    page = BeautifulSoup((out / "atlantis.html").read_text("utf-8"), "html.parser")
    link = page.select_one('head link[rel="alternate"][type="application/ld+json"]')
    assert link["href"] == "atlantis.annotations.jsonld"
    for item in items:
        fragment = item["target"]["scope"].split("#", 1)[1]
        assert page.find(id=fragment) is not None, f"{item['target']['scope']} points at no element"


def test_html_baseurl_makes_addresses_absolute(make_app, tmp_path, rootdir):
    app = make_app(
        "html",
        srcdir=rootdir / "test-basic",
        builddir=tmp_path / "_build",
        freshenv=True,
        confoverrides={"html_baseurl": "https://example.org/edition/"},
    )
    app.build()
    collection = json.loads((Path(app.outdir) / "texts" / "atlantis.annotations.jsonld").read_text("utf-8"))
    assert collection["id"] == "https://example.org/edition/texts/atlantis.annotations.jsonld"
    (item,) = collection["first"]["items"]
    assert item["target"]["source"] == "https://example.org/edition/texts/atlantis.txt"
    assert item["target"]["scope"] == "https://example.org/edition/texts/atlantis.html#note-rede"


def test_default_base_is_an_iri_that_never_resolves():
    assert default_base("Kasachstan und Russland 2022") == "https://kasachstan-und-russland-2022.invalid/"
    assert default_base("Über Straßen") == "https://uber-strassen.invalid/"
    assert default_base("") == "https://edition.invalid/"
    assert iri(default_base("x") + "texts/a.annotations.jsonld")


@pytest.mark.parametrize("root", ["test-basic", "test-corpus"])
def test_every_collection_of_every_root_meets_the_models_musts(make_app, tmp_path, rootdir, root):
    app = make_app("html", srcdir=rootdir / root, builddir=tmp_path / "_build", freshenv=True)
    app.build()
    collections = sorted(Path(app.outdir).rglob("*.annotations.jsonld"))
    assert collections
    for path in collections:
        collection = json.loads(path.read_text("utf-8"))
        check_model(collection)
        check_terms(collection)
