"""The benchmark's generated editions are valid and as dense as the article (no Sphinx build)."""

from __future__ import annotations

import re

from annotated_reader.core.project import load_project

from bench import corpus, plain
from bench.run import edit_plain


def test_generated_edition_is_valid_and_as_dense_as_the_article(tmp_path):
    edition = corpus.generate(4, tmp_path / "annotated")
    project = load_project(edition.srcdir, seed_dirs=("seeds",))
    assert project.problems == []
    article, *variants = sorted(project.texts, key=lambda text: text.spec.path.name)
    assert len(variants) == 3
    for text in variants:
        assert text.title != article.title
        assert len(text.notes) == len(article.notes)
        assert abs(len(text.mentions) - len(article.mentions)) <= 5
        assert text.seed.body != article.seed.body
    # Made-up persons replace five of the article's in each variant, and join the registry.
    assert edition.entries == len(project.registry.entries) > 54


def test_generation_is_deterministic(tmp_path):
    first = corpus.generate(3, tmp_path / "one")
    second = corpus.generate(3, tmp_path / "two")
    for a, b in zip(first.texts, second.texts, strict=True):
        assert a.read_text("utf-8") == b.read_text("utf-8")


def test_plain_edition_links_every_mention(tmp_path):
    corpus.generate(2, tmp_path / "annotated")
    plain.render(tmp_path / "annotated", tmp_path / "plain")
    project = load_project(tmp_path / "annotated", seed_dirs=("seeds",))
    for text in project.texts:
        name = text.spec.path.name.removesuffix(".text.yaml")
        page = (tmp_path / "plain" / "texts" / f"{name}.md").read_text("utf-8")
        body = page.split("::::{container}")[0]  # the cards come last
        assert len(re.findall(r"\{(?:ref|term)\}`", body)) == len(text.mentions)
        assert "ar-m" not in page
    assert "{ar:" not in (tmp_path / "plain" / "glossar.md").read_text("utf-8")
    page = tmp_path / "plain" / "texts" / "t0001.md"
    before = page.read_text("utf-8")
    edit_plain(page)
    assert len(page.read_text("utf-8")) > len(before)
