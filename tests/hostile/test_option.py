"""``annotated_reader_safe_pages``: on by default, typed, and it is what closes the holes."""

from __future__ import annotations

from .cases import PAGE, page
from .harness import BASE, materialise, run_sphinx

RAW = page("```{raw} html\n<script>alert(1)</script>\n```")


def build(tmp_path, setting: str):
    conf = (BASE / "conf.py").read_text("utf-8") + setting
    srcdir = materialise({"conf.py": conf, PAGE: RAW}, tmp_path)
    return run_sphinx(srcdir, tmp_path / "_build")


def test_off_lets_raw_html_through(tmp_path):
    result = build(tmp_path, "annotated_reader_safe_pages = False\n")
    assert result.warnings == ""
    assert "<script>alert(1)</script>" in result.pages["seite.html"]


def test_an_invalid_value_keeps_the_rules_on(tmp_path):
    result = build(tmp_path, "annotated_reader_safe_pages = 'no'\n")
    assert "annotated_reader_safe_pages must be True or False; using the default True" in result.warnings
    assert "the 'raw' directive is not allowed" in result.warnings
    assert "<script>alert(1)</script>" not in result.pages["seite.html"]
