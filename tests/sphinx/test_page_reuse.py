"""Rebuilds write the index pages as they were only while nothing they show has changed.

``sphinxext/page_reuse.py`` skips rendering and checking the general index and the register
indices (``ar-person.html`` …) when their entries and frame are the same as in the last
build; ``sphinxext/registry_cache.py`` keeps the loaded registries.  Each rebuild here is
compared with a build from scratch of the same sources: the pages must be the same bytes.  The
JSON-LD export rides on the text's doctree (``sphinxext/export.py``): a page written again
without reading its text still gets it.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from annotated_reader.core.annotations import entry_markup
from annotated_reader.sphinxext import page_reuse, pagecheck
from annotated_reader.sphinxext.registry_cache import CACHE_FILE, files_key, load_cached
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root

INDEX_PAGES = ("genindex", "ar-person", "ar-place", "ar-term")


@pytest.fixture
def project(tmp_path, monkeypatch):
    srcdir = copy_root("corpus", tmp_path)
    reused: list[str] = []
    written = page_reuse.PageReuse._written

    def spy(self, app, pagename, key):
        text = written(self, app, pagename, key)
        if text:
            reused.append(pagename)
        return text

    monkeypatch.setattr(page_reuse.PageReuse, "_written", spy)

    def build(builddir: Path | None = None) -> Path:
        reused.clear()
        app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir or tmp_path / "_build")
        try:
            app.build()
        finally:
            app.cleanup()
        return Path(app.outdir)

    return srcdir, build, reused, tmp_path


def pages(outdir: Path) -> dict[str, bytes]:
    found = {name: (outdir / f"{name}.html").read_bytes() for name in INDEX_PAGES}
    assert all(found.values())
    return found


def test_unchanged_index_pages_are_written_as_they_were(project):
    _srcdir, build, reused, _tmp = project
    outdir = build()
    first = pages(outdir)
    assert reused == []
    build()
    assert set(INDEX_PAGES) <= set(reused)
    assert pages(outdir) == first


def test_a_changed_or_damaged_index_page_is_rendered_again(project):
    srcdir, build, reused, tmp_path = project
    outdir = build()
    first = pages(outdir)
    (outdir / "ar-person.html").write_text("damaged", "utf-8")
    build()
    assert "ar-person" not in reused
    assert pages(outdir) == first

    seed = srcdir / "seeds" / "b.txt"
    seed.write_text(seed.read_text("utf-8") + "\nAnna Berg kommt wieder.\n", "utf-8")
    build()
    assert "ar-person" not in reused  # a new mention: the register index shows it
    rebuilt = pages(outdir)
    assert rebuilt["ar-person"] != first["ar-person"]
    assert rebuilt == pages(build(tmp_path / "fresh"))


def test_the_registries_are_loaded_again_when_a_file_changes(tmp_path):
    registry = tmp_path / "a.actors.yaml"
    registry.write_text("actors: []\n", "utf-8")
    key = files_key([registry], ("settings",))
    assert files_key([registry], ("settings",)) == key
    assert files_key([registry], ("other settings",)) != key
    loads: list[int] = []

    def load() -> int:
        loads.append(1)
        return len(loads)

    assert load_cached(tmp_path, key, load) == 1
    assert load_cached(tmp_path, key, load) == 1  # kept: not loaded again
    registry.write_text("actors: [] \n", "utf-8")
    changed = files_key([registry], ("settings",))
    assert changed != key
    assert load_cached(tmp_path, changed, load) == 2
    (tmp_path / CACHE_FILE).write_bytes(b"not a pickle")
    assert load_cached(tmp_path, changed, load) == 3
    shutil.rmtree(tmp_path)
    assert load_cached(tmp_path, changed, load) == 4  # the directory gone: loaded afresh


def test_a_text_page_written_without_being_read_keeps_its_export(project):
    _srcdir, build, _reused, _tmp = project
    outdir = build()
    page, export = outdir / "texts" / "a.html", outdir / "texts" / "a.annotations.jsonld"
    written = export.read_bytes()
    page.unlink()  # Sphinx writes the page again from its doctree, without reading the text
    export.unlink()
    build()
    assert page.exists()
    assert export.read_bytes() == written


def test_a_register_is_rendered_again_when_a_text_it_lists_is_renamed(project):
    """The register's key is made from the texts' digests and titles, not from its content."""
    srcdir, build, reused, tmp_path = project
    outdir = build()
    first = pages(outdir)
    seed = srcdir / "seeds" / "c.txt"
    source = seed.read_text("utf-8")
    assert "Ein Jahr in Atlantis" in source
    seed.write_text(source.replace("Ein Jahr in Atlantis", "Zwei Jahre in Atlantis"), "utf-8")
    build()
    assert "ar-person" not in reused
    rebuilt = pages(outdir)
    assert b"Zwei Jahre in Atlantis" in rebuilt["ar-person"]
    assert rebuilt["ar-person"] != first["ar-person"]
    assert rebuilt == pages(build(tmp_path / "fresh"))


# --- pages that passed the whole check -------------------------------------------------------


def test_a_page_written_again_as_it_passed_is_not_parsed_again(project, monkeypatch):
    """The page check parses a page whole only if it differs from the page that passed last time."""
    srcdir, build, _reused, tmp_path = project
    parsed: list[str] = []
    parse = pagecheck.parse_and_scan

    def spy(page, policy):
        parsed.append(page)
        return parse(page, policy)

    monkeypatch.setattr(pagecheck, "parse_and_scan", spy)
    outdir = build()
    first = len(parsed)
    assert first >= 5  # every page, parsed whole
    parsed.clear()

    seed = srcdir / "seeds" / "a.txt"
    seed.write_text(seed.read_text("utf-8") + "\nEin neuer Satz.\n", "utf-8")
    build()
    text_page = (outdir / "texts" / "a.html").read_text("utf-8")
    search_page = (outdir / "search.html").read_text("utf-8")
    assert "Ein neuer Satz." in text_page
    assert text_page in parsed  # changed: parsed again
    assert search_page not in parsed  # written again, the same: not parsed
    assert len(parsed) < first
    # and the pages are those of a build from scratch
    fresh = build(tmp_path / "fresh")
    assert (fresh / "texts" / "a.html").read_bytes() == text_page.encode("utf-8")


def test_a_pages_verdict_is_kept_only_for_the_same_page_and_allowances(tmp_path):
    app = SimpleNamespace(doctreedir=str(tmp_path))
    reuse = page_reuse.PageReuse()
    policy = pagecheck.ScriptPolicy("", [("allowed();",)], set())
    digest = pagecheck._passed_digest("<p>page</p>", policy)
    assert digest != pagecheck._passed_digest("<p>page!</p>", policy)
    assert digest != pagecheck._passed_digest("<p>page</p>", pagecheck.ScriptPolicy("", [], set()))
    assert digest != pagecheck._passed_digest(
        "<p>page</p>", pagecheck.ScriptPolicy("sub", [("allowed();",)], set())
    )

    assert not reuse.passed_before(app, "p", digest)
    reuse.note_passed("p", digest)
    reuse.save(app, None)
    assert reuse.passed_before(app, "p", digest)
    assert not reuse.passed_before(app, "other", digest)
    reuse.save(app, None)  # a build that did not write "p" keeps its verdict
    assert reuse.passed_before(app, "p", digest)
    reuse.note_passed("p", "")  # the page failed the check in this build
    reuse.save(app, None)
    assert not reuse.passed_before(app, "p", digest)
    reuse.note_passed("p", digest)
    reuse.save(app, RuntimeError("failed build"))  # nothing kept from a failed build
    assert not reuse.passed_before(app, "p", digest)


def test_the_cached_registries_carry_every_entrys_markup(project):
    """A rebuild takes each entry's sanitized markup from the cache instead of making it again."""
    _srcdir, build, _reused, tmp_path = project
    build()
    cache = next((tmp_path / "_build").rglob(CACHE_FILE))
    _key, (registries, _problems) = pickle.loads(cache.read_bytes())
    entries = registries.registry.entries
    assert entries
    assert set(registries._markup) == set(entries)
    assert all(registries._markup[ref] == entry_markup(entry)[0] for ref, entry in entries.items())
