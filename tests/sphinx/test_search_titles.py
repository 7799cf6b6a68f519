"""The search index names a heading with a note by its words, without the note's number."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def search_index(root: Path, **overrides: object) -> dict:
    app = SphinxTestApp("html", srcdir=root, builddir=root / "_build", confoverrides=overrides)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        text = (Path(app.outdir) / "searchindex.js").read_text("utf-8")
    finally:
        app.cleanup()
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_titles_and_title_words_carry_no_note_numbers(tmp_path):
    root = copy_root("edition", tmp_path)
    index = search_index(root)
    law = index["docnames"].index("texts/grundgesetz")
    # "I. Die Grundrechte" has a note (number 2): the title is its words only.
    assert index["alltitles"]["I. Die Grundrechte"] == [[law, "i-die-grundrechte"]]
    assert not [title for title in index["alltitles"] if re.search(r"[^\W\d]\d+$", title)]
    assert "grundrechte2" not in index["titleterms"]
    assert law in _docs(index["titleterms"]["grundrecht"])
    # An incremental build that writes the page again keeps the index clean.
    (root / "texts" / "grundgesetz.text.yaml").touch()
    again = search_index(root)
    assert "I. Die Grundrechte" in again["alltitles"] and "grundrechte2" not in again["titleterms"]


def _docs(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]
