"""The edition itself: the article built from docs/, checked against its seed and annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotated_reader.core.project import load_project
from annotated_reader.settings import read_conf
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from ..conftest import ARTICLE_SEED, DOCS

TEXT_PAGE = "texts/kasachstan-distanziert-sich-von-russland"


@pytest.fixture(scope="module")
def project():
    # Under the edition's own settings (its conf.py), as `check` and the build read them.
    settings, errors = read_conf(DOCS)
    assert errors == []
    return load_project(DOCS, settings.registries, settings.seed_dirs, policy=settings.source_policy)


@pytest.fixture(scope="module")
def article(project):
    (text,) = [t for t in project.texts if t.seed.path.resolve() == ARTICLE_SEED.resolve()]
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = SphinxTestApp("html", srcdir=DOCS, builddir=tmp_path_factory.mktemp("site"), freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def main(site, name: str) -> BeautifulSoup:
    html = (Path(site.outdir) / f"{name}.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").select_one("[role=main]")


def reader_text(element) -> str:
    """What a reader reads of a paragraph or heading: markup we add removed."""
    element = BeautifulSoup(str(element), "html.parser")
    for added in element.select(".ar-pnum, a.footnote-reference, a.headerlink"):
        added.decompose()
    return element.get_text()


def test_the_annotations_have_no_problems(project):
    assert [str(problem) for problem in project.problems] == []


def test_the_site_builds_without_warnings(site):
    assert strip_colors(site.warning.getvalue()) == ""


def test_every_paragraph_of_the_seed_reaches_the_reader(site, article):
    page = main(site, TEXT_PAGE)
    blocks = page.select("p.ar-para, section > h2")
    expected = [block.text for block in article.seed.blocks]
    assert [reader_text(block) for block in blocks] == expected


def test_every_mention_names_its_entry_and_the_first_is_a_link(site, article):
    page = main(site, TEXT_PAGE)
    mentions = page.select(".ar-mention")
    named = [(m.get_text(), m["data-ar-entry"]) for m in mentions]
    expected = [(article.seed.body[m.start : m.end], f"{m.ref.kind}-{m.ref.id}") for m in article.mentions]
    assert named == expected
    assert len(named) > 100
    # A link only in the running text, once per entry, to the entry.
    links = page.select("a:has(> .ar-mention)")
    entries = [a["href"].split("#")[1] for a in links]
    assert len(entries) == len(set(entries))
    assert all(a.find_parent("p", class_="ar-para") for a in links)
    assert not page.select("h1 a:has(> .ar-mention), h2 a:has(> .ar-mention)")
    for link in links:
        assert link["href"].split("#")[1] == link.span["data-ar-entry"]


def test_the_text_is_calm_by_default(site, article):
    """At most 0.06 visible links per word of the text (Wikipedia links a term once)."""
    page = main(site, TEXT_PAGE)
    words = sum(len(block.text.split()) for block in article.seed.blocks if not block.heading)
    links = page.select("p.ar-para a:has(> .ar-mention)")
    assert len(links) / words <= 0.06
    assert len(links) >= 40  # still the edition's links, not none


def test_mentions_snapshot(article, data_regression):
    """The editorial record of what is linked where; review its diff like code."""
    rows = []
    for mention in article.mentions:
        block = article.seed.blocks[mention.block]
        place = f"¶ {block.number}" if block.number else f"heading {block.text!r}"
        rows.append(
            f"{place}: {article.seed.body[mention.start : mention.end]} -> {mention.ref.kind} {mention.ref.id}"
        )
    data_regression.check(rows)


def test_notes_are_footnotes_numbered_in_text_order(site, article):
    page = main(site, TEXT_PAGE)
    marks = page.select("a.footnote-reference")
    assert [mark.get_text(strip=True).strip("[]") for mark in marks] == [
        str(n + 1) for n in range(len(article.notes))
    ]
    assert [mark["href"] for mark in marks] == [f"#note-{placed.note.id}" for placed in article.notes]
    assert len(article.notes) >= 12


def test_the_edition_requires_dated_sources_on_everything():
    # So `check` and the build enforce it for every text and entry, present and future, and a
    # contributor learns it from `check`, not from a failing test.
    policy = read_conf(DOCS)[0].source_policy
    assert policy.require_sources and policy.require_dates


def test_every_actor_type_and_the_glossary_are_used(project):
    types = {entry.type for entry in project.registry.entries.values()}
    assert {"term", "person", "organisation", "state", "place"} <= types
    assert len(project.registry.of_kind("term")) >= 15


def test_title_metadata_and_paragraph_ids(site, article):
    page = main(site, TEXT_PAGE)
    assert page.select_one("h1").get_text().rstrip("¶#") == article.title
    assert page.select_one(".ar-text-info .ar-ti-date").get_text() == "September 2022"
    numbers = [p["id"] for p in page.select("p.ar-para")]
    assert numbers == [f"p{n}" for n in range(1, len(article.seed.paragraphs) + 1)]


def test_every_note_shows_its_title_date_and_sources(site, article):
    page = main(site, TEXT_PAGE)
    for placed in article.notes:
        note = placed.note
        footnote = page.select_one(f"#note-{note.id}")
        head = footnote.select_one("p.ar-note-head")
        if note.title:
            assert head.select_one(".ar-note-title").get_text() == note.title
        if note.date:
            assert head.select_one(".ar-note-date").get_text().strip()
        links = footnote.select(".ar-note-sources li a.ar-source")
        assert [link["href"] for link in links] == [source.url for source in note.sources], note.id
        assert [link.get_text() for link in links] == [source.title for source in note.sources]


def test_a_blank_line_in_a_note_starts_a_new_paragraph(site, article):
    page = main(site, TEXT_PAGE)
    for placed in article.notes:
        paragraphs = [
            p
            for p in page.select_one(f"#note-{placed.note.id}").find_all("p", recursive=False)
            if not p.get("class")
        ]
        assert len(paragraphs) == placed.note.body.count("\n\n") + 1, placed.note.id


def test_the_articles_web_annotations_meet_the_models_musts(site):
    import json

    from ..contrib.test_export import check_model, check_terms

    (path,) = sorted(Path(site.outdir).rglob("*.annotations.jsonld"))
    collection = json.loads(path.read_text("utf-8"))
    assert len(check_model(collection)) == collection["total"] > 0
    check_terms(collection)
