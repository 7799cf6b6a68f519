"""Every hostile case through the command line check and a Sphinx build.

For each case of :mod:`.cases`:

* the check (``python -m annotated_reader check``) exits 1 and names each expected
  ``file:line`` with its message, or exits 0 for a case that expects no problem;
* the build reports each expected problem as a warning at the same place (so
  ``sphinx-build -W`` fails), or builds without a warning;
* neither prints a traceback, and the check ends within its timeout;
* each expected text appears, character for character, on its page;
* no built page has a script that is not the site's own, an event handler, or an unsafe
  URL (:func:`.scan.scan_site`).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from .cases import CASES, Case
from .harness import CHECK_TIMEOUT, materialise, run_check, run_sphinx
from .scan import scan_site

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def visible_text(html: str) -> str:
    """The text a reader sees in a page's main content."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("[role=main]") or soup.body or soup
    return main.get_text()


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.fixture(params=CASES, ids=lambda case: case.id)
def case(request) -> Case:
    return request.param


def test_check_command(case: Case, tmp_path):
    srcdir = materialise(case.files, tmp_path)
    result = run_check(srcdir)
    assert "Traceback" not in result.output
    expected = case.by("check")
    if not expected:
        if case.clean:
            assert result.returncode == 0, result.output
        return
    assert result.returncode == 1, result.output
    lines = result.stdout.splitlines()
    for expect in expected:
        assert any(line.startswith(expect.where) and expect.says in line for line in lines), (
            f"{expect.where}: {expect.says!r} not in:\n{result.stdout}"
        )


def test_sphinx_build(case: Case, tmp_path):
    srcdir = materialise(case.files, tmp_path)
    result = run_sphinx(srcdir, tmp_path / "_build")
    warnings = ANSI.sub("", result.warnings).replace(f"{srcdir}/", "")
    assert "Traceback" not in warnings
    assert result.error is None, result.error
    expected = case.by("sphinx")
    if case.clean:
        assert warnings == ""
    else:
        assert expected, "a case with problems names at least one for the build"
        lines = warnings.splitlines()
        for expect in expected:
            assert any(line.startswith(expect.where) and expect.says in line for line in lines), (
                f"{expect.where}: {expect.says!r} not in:\n{warnings}"
            )
    for literal in case.literal:
        html = result.pages[literal.page]
        shown = html if literal.html else visible_text(html)
        assert literal.text in shown, f"{literal.page}: {literal.text!r}"
    assert scan_site(result.outdir) == []


COMMAND_LINE_CASES = [
    "invalid-utf8-text-file",
    "symlinked-page",
    "nul-byte-in-seed-path",
    "page-raw-directive",
    "page-unsafe-links",
]


@pytest.mark.parametrize("name", COMMAND_LINE_CASES)
def test_sphinx_build_command_fails_cleanly(name, tmp_path):
    """``sphinx-build -W`` itself: a failing exit code, the message, and no traceback."""
    (case,) = [case for case in CASES if case.id == name]
    srcdir = materialise(case.files, tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT,
        check=False,
    )
    output = ANSI.sub("", result.stdout + result.stderr).replace(f"{srcdir}/", "")
    assert result.returncode != 0
    assert "Traceback" not in output
    for expect in case.by("sphinx"):
        assert any(line.startswith(expect.where) and expect.says in line for line in output.splitlines()), (
            output
        )
