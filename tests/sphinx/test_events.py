"""The extension's events: other extensions hear of each text read and each mention linked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from annotated_reader.core.annotate import AnnotatedText
from annotated_reader.sphinxext.events import MENTION_LINKED, TEXT_READ
from annotated_reader.sphinxext.mentions import mention
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root


def test_a_listener_hears_each_text_read_and_each_mention_linked(tmp_path: Path):
    root = copy_root("basic", tmp_path)
    app = SphinxTestApp("html", srcdir=root, builddir=tmp_path / "_build", freshenv=True)
    texts: list[tuple[str, Any]] = []
    mentions: list[tuple[str, Any]] = []

    def mark(_app: Any, docname: str, node: Any) -> None:
        mentions.append((docname, node))
        node.children[0]["classes"].append("seen-by-listener")  # the span the page writes

    app.connect(TEXT_READ, lambda _app, docname, text: texts.append((docname, text)))
    app.connect(MENTION_LINKED, mark)
    try:
        app.build()
    finally:
        app.cleanup()
    assert [docname for docname, _text in texts] == ["texts/atlantis"]
    _docname, text = texts[0]
    assert isinstance(text, AnnotatedText)
    assert text.title
    assert mentions
    assert {docname for docname, _node in mentions} == {"texts/atlantis"}
    assert all(isinstance(node, mention) for _docname, node in mentions)
    entries = {node["ar_entry"] for _docname, node in mentions}
    assert entries == {f"{m.ref.kind}-{m.ref.id}" for m in text.mentions}
    page = (Path(app.outdir) / "texts" / "atlantis.html").read_text("utf-8")
    written = re.findall(r'<span class="([^"]*)" data-ar-entry="[^"]*">', page)
    assert len(written) == len(mentions)
    assert all("seen-by-listener" in classes for classes in written)  # the listener's change is written
