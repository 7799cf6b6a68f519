"""Mention spans name their mention by position: the parser takes entry and place from the core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from annotated_reader.core.annotate import AnnotatedText
from annotated_reader.core.project import load_project
from annotated_reader.core.protocol import entry_id, mention_key
from annotated_reader.sphinxext import parser
from bs4 import BeautifulSoup

from ..conftest import build_html


def test_a_mention_without_a_span_leaves_the_others_with_their_entries(
    tmp_path: Path, rootdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pairing spans with mentions in list order would shift every mention after the lost one."""
    root = rootdir / "test-basic"
    (text,) = load_project(root).texts
    lost = 1
    render = parser.render_myst

    def render_without_one_span(annotated: AnnotatedText) -> str:
        span = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\{\." + re.escape(mention_key(lost)) + r"\}")
        myst, found = span.subn(r"\1", render(annotated))
        assert found == 1
        return myst

    monkeypatch.setattr(parser, "render_myst", render_without_one_span)
    out, warnings = build_html(root, tmp_path / "build")
    assert warnings == ""
    page = BeautifulSoup((out / "texts" / "atlantis.html").read_text("utf-8"), "html.parser")
    shown = [
        (span["data-ar-entry"], span.get_text()) for span in page.select("span.ar-mention[data-ar-entry]")
    ]
    expected = [
        (entry_id(mention.ref), text.seed.body[mention.start : mention.end])
        for index, mention in enumerate(text.mentions)
        if index != lost
    ]
    assert len(expected) >= 5 and text.mentions[lost].ref != text.mentions[lost + 1].ref
    assert shown == expected
    assert not page.select('[class*="ar-m-"], [class*="ar-b-"]')  # no key reaches the page
