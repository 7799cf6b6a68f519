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


INCLUDE = "```{literalinclude} %s\n```\n"


def test_literalinclude_reads_only_the_configured_directories(tmp_path):
    conf = (BASE / "conf.py").read_text("utf-8") + "annotated_reader_include_dirs = ['beispiele']\n"
    files = {
        "conf.py": conf,
        "beispiele/zeilen.yaml": "gezeigt: ja\n",
        "geheim.txt": "nicht zeigen\n",
        PAGE: page(INCLUDE % "beispiele/zeilen.yaml" + INCLUDE % "geheim.txt" + INCLUDE % "/etc/hostname"),
    }
    srcdir = materialise(files, tmp_path)
    (srcdir / "beispiele" / "link.txt").symlink_to(srcdir / "geheim.txt")
    (srcdir / PAGE).write_text(
        (srcdir / PAGE).read_text("utf-8") + INCLUDE % "beispiele/link.txt", encoding="utf-8"
    )
    result = run_sphinx(srcdir, tmp_path / "_build")
    html = result.pages["seite.html"]
    assert "gezeigt" in html
    assert "nicht zeigen" not in html
    for target in ("geheim.txt", "/etc/hostname", "beispiele/link.txt"):
        assert (
            f"'literalinclude' of '{target}' is not allowed: it lies outside annotated_reader_include_dirs (beispiele)"
            in result.warnings
        )


def test_literalinclude_is_refused_without_configured_directories(tmp_path):
    srcdir = materialise({PAGE: page(INCLUDE % "conf.py")}, tmp_path)
    result = run_sphinx(srcdir, tmp_path / "_build")
    assert "annotated_reader_include_dirs (none configured)" in result.warnings
    assert "extensions = " not in result.pages["seite.html"]
