"""Names, links and the written page (issue 15): what reaches the output directory.

The cases of :mod:`.cases` show that each hostile name or link gives a located message;
these tests look at what was written: no file of a refused name, nothing under a link,
no file at the site root or in a hidden folder from a contributor's text, and a page whose
template let something through withheld whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from annotated_reader.core import names
from annotated_reader.sphinxext.pagecheck import ScriptPolicy, template_scripts

from .cases import (
    BASE_CONF,
    BASE_SEED,
    HANDLER_IN_A_PAGE_NAME,
    HEAD_INJECTION,
    PAGE,
    SCRIPT_IN_A_NAME,
    TEMPLATES_CONF,
    TEXT,
    UNESCAPING_TEMPLATE,
    text_file,
)
from .harness import Symlink, materialise, run_sphinx
from .test_corpus import ANSI


def build(files, tmp_path):
    return run_sphinx(materialise(files, tmp_path), tmp_path / "_build")


def written(outdir: Path) -> list[str]:
    return sorted(path.relative_to(outdir).as_posix() for path in outdir.rglob("*"))


def everything(outdir: Path) -> str:
    return "\n".join(
        path.read_bytes().decode("utf-8", errors="replace") for path in outdir.rglob("*") if path.is_file()
    )


def test_a_refused_name_writes_nothing_and_reaches_no_page(tmp_path):
    result = build(
        {HEAD_INJECTION: text_file(), SCRIPT_IN_A_NAME: text_file(), HANDLER_IN_A_PAGE_NAME: "# X\n"},
        tmp_path,
    )
    assert result.error is None
    files = written(result.outdir)
    assert not [name for name in files if any(char in name for char in '"<> ')]
    output = everything(result.outdir)
    for needle in ("evil.example", "alert(81)", "onmouseover"):
        assert needle not in output
    # the text with a safe name is still there, with its export linked from its head
    assert '<link rel="alternate" type="application/ld+json" href="t.annotations.jsonld" />' in result.page(
        "texts/t.html"
    )


def test_a_text_writes_nothing_at_the_site_root_or_in_a_hidden_folder(tmp_path):
    files = {
        "robots.text.yaml": text_file().replace("../seeds/", "seeds/"),
        ".well-known/security.text.yaml": text_file().replace("../seeds/", "../seeds/"),
    }
    result = build(files, tmp_path)
    outputs = written(result.outdir)
    assert not [name for name in outputs if name.startswith(("robots", ".well-known"))]
    assert "texts/t.txt" in outputs


def test_the_export_refuses_a_root_text_even_when_the_rules_are_off(tmp_path):
    files = {
        "conf.py": BASE_CONF + "annotated_reader_safe_pages = False\n",
        "robots.text.yaml": text_file().replace("../seeds/", "seeds/"),
    }
    result = build(files, tmp_path)
    assert "its notes are not exported" in ANSI.sub("", result.warnings)
    assert not (result.outdir / "robots.txt").exists()
    assert not (result.outdir / "robots.annotations.jsonld").exists()
    assert (result.outdir / "robots.html").exists()  # the page itself: the rules are off


def test_nothing_under_a_link_is_published(tmp_path):
    secret = "GEHEIM-" + "x" * 20
    files = {
        "conf.py": BASE_CONF + "html_static_path = ['_static']\nhtml_extra_path = ['extra']\n",
        "_static/ok.css": "p { color: black; }\n",
        "_static/leak.txt": Symlink("../../outside/secret.txt"),
        "_static/folder": Symlink("../../outside"),
        "extra/ok.txt": "ok\n",
        "extra/leak.txt": Symlink("../../outside/secret.txt"),
        "../outside/secret.txt": secret,
        "../elsewhere/t.txt": BASE_SEED.replace("Risse bekommen", secret),
        "../seeds": Symlink("elsewhere"),
        TEXT: text_file().replace("../seeds/t.txt", "../../seeds/t.txt"),
    }
    result = build(files, tmp_path)
    warnings = ANSI.sub("", result.warnings).replace(f"{result.srcdir}/", "")
    for link in ("_static/leak.txt", "_static/folder", "extra/leak.txt"):
        assert f"{link}:1: WARNING: read through the symbolic link" in warnings, warnings
    assert "texts/t.text.yaml:1:7: WARNING: the seed '" in warnings
    outputs = written(result.outdir)
    assert "_static/ok.css" in outputs and "ok.txt" in outputs
    assert not [name for name in outputs if "leak" in name or name.startswith("_static/folder")]
    assert secret not in everything(result.outdir)


def test_a_static_folder_that_is_a_link_is_not_published(tmp_path):
    files = {
        "conf.py": BASE_CONF + "html_static_path = ['_static']\n",
        "../outside/x.css": "p {}\n",
        "_static": Symlink("../outside"),
    }
    result = build(files, tmp_path)
    assert "_static:1: WARNING: read through the symbolic link" in ANSI.sub("", result.warnings).replace(
        f"{result.srcdir}/", ""
    )
    assert not (result.outdir / "_static" / "x.css").exists()


def test_a_page_whose_template_lets_a_handler_through_is_withheld_whole(tmp_path):
    files = {
        "conf.py": TEMPLATES_CONF,
        "_templates/page.html": UNESCAPING_TEMPLATE,
        PAGE: "# Seite &quot; onmouseover=&quot;alert(1)\n\nText.\n",
    }
    result = build(files, tmp_path)
    page = result.page("seite.html")
    assert '<html lang="de">' in page
    assert "<title>Seite zurückgehalten</title>" in page
    assert "Diese Seite wurde zurückgehalten: siehe die Warnungen des Builds." in page
    assert "onmouseover" not in page and "Text." not in page
    # the other pages went through the same template, and are written as usual
    assert '<meta name="description" content="Glossar">' in result.page("glossar.html")
    # a page that failed is not remembered as checked: the same page is withheld again
    again = run_sphinx(result.srcdir, tmp_path / "_build")
    assert "<title>Seite zurückgehalten</title>" in again.page("seite.html")
    assert "onmouseover" not in again.page("seite.html")
    assert "page 'seite' would contain" in again.warnings


# --- the rules themselves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "safe"),
    [
        ("texts/kasachstan-distanziert-sich-von-russland.text.yaml", True),
        ("_benchmark/ergebnisse.md", True),
        ("register/personen.md", True),
        ("a/b/c/seite.md", True),
        ("a/b/c/d/seite.md", False),
        ("Seite.md", False),
        ("seite neu.md", False),
        ("-seite.md", False),
        (".hidden/seite.md", False),
        ("größe.md", False),
        ("javascript:alert(1).md", False),
        ("x" * 101 + ".md", False),
    ],
)
def test_which_page_names_are_safe(relative, safe):
    assert (names.name_problem(relative, Path(relative), what="page") is None) is safe


@pytest.mark.parametrize(
    ("relative", "safe"),
    [
        ("texts/t.text.yaml", True),
        ("texte/2022/t.text.yaml", True),
        ("t.text.yaml", False),
        ("_static/t.text.yaml", False),
        (".well-known/security.text.yaml", False),
    ],
)
def test_which_text_file_names_are_safe(relative, safe):
    assert (names.source_name_problem(Path("/p") / relative, Path("/p")) is None) is safe


def test_a_suggested_name_is_safe():
    assert (
        names.safe_name("Größe der Wirtschaftsunion (2022).text.yaml")
        == "groesse-der-wirtschaftsunion-2022.text.yaml"
    )
    assert names.part_problem(names.safe_name('..\x00"<>')) == ""


def test_a_glob_pattern_for_a_name_matches_only_that_name():
    from sphinx.util.matching import compile_matchers

    (match,) = compile_matchers([names.glob_literal("a[b]*?.md")])
    assert match("a[b]*?.md")
    assert not match("ab.md") and not match("a[b]xy.md")


# --- which scripts of a written page are the site's own ---------------------------------------


def test_the_script_policy_of_the_page_check(tmp_path):
    (tmp_path / "base.html").write_text(
        '<script>\n  document.body.dataset.theme = localStorage.getItem("theme") || "auto";\n</script>\n'
        "<script>var x = {{ value|tojson }};</script>\n"
        "<script src=\"{{ pathto('_static/x.js', 1) }}\"></script>\n",
        "utf-8",
    )
    policy = ScriptPolicy("texts", template_scripts([tmp_path]), {"window.extension = 1;"})
    assert policy(None, 'document.body.dataset.theme = localStorage.getItem("theme") || "auto";')
    assert policy(None, "var x = 42;")  # a value the template inserts
    assert policy(None, "window.extension = 1;")  # an extension's inline script
    assert not policy(None, "alert(1)")
    assert not policy(None, "document.body")  # a part of a template's script is not that script
    assert policy("../_static/x.js?v=1", "")
    assert policy("../searchindex.js", "")
    assert not policy("../_sources/seite.md.txt", "")
    assert not policy("../_images/x.js", "")
    assert not policy("../../_static/x.js", "")  # outside the site
    assert not policy("//cdn.example.org/x.js", "")
    assert not policy("https://cdn.example.org/x.js", "")
