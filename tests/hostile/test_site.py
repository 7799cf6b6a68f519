"""The real site: built twice from two copies, it is warning-free, the same byte for byte,
and no page carries a script that is not the site's own, an event handler or an unsafe link.

The two builds run from different directories with different hash seeds (so that neither
a path nor the order of a set can leak into the output) and the same SOURCE_DATE_EPOCH.
Nothing is normalised before comparing.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import PROJECT
from .scan import scan_site

SOURCE_DATE_EPOCH = "1664236800"  # 2022-09-27, the day of the article


def _build(root: Path, hash_seed: str) -> subprocess.Popen[str]:
    shutil.copytree(PROJECT / "docs", root / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(PROJECT / "seeds", root / "seeds")
    # The contributors' guide includes its examples from the tests (annotated_reader_include_dirs).
    shutil.copytree(PROJECT / "tests" / "contrib" / "examples", root / "tests" / "contrib" / "examples")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-b", "html"]
    command += ["-d", str(root / "doctrees"), str(root / "docs"), str(root / "html")]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> list[Path]:
    roots = [tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")]
    builds = [_build(root, seed) for root, seed in zip(roots, ("1", "2"), strict=True)]
    for build in builds:
        output, _ = build.communicate(timeout=900)
        assert build.returncode == 0, output
        assert "Traceback" not in output
    return [root / "html" for root in roots]


def _differences(comparison: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    found = [prefix + name for name in comparison.left_only + comparison.right_only + comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    found += [prefix + name for name in mismatch + errors]
    for name, sub in comparison.subdirs.items():
        found += _differences(sub, f"{prefix}{name}/")
    return found


def test_two_builds_are_identical(sites):
    first, second = sites
    assert sorted(page.relative_to(first) for page in first.rglob("*.html"))
    assert _differences(filecmp.dircmp(first, second)) == []


def test_no_page_has_foreign_script_handlers_or_unsafe_links(sites):
    assert scan_site(sites[0]) == []


def test_the_security_page_is_in_the_navigation(sites):
    assert 'href="sicherheit.html"' in (sites[0] / "index.html").read_text("utf-8")


def test_the_scan_would_see_an_injected_script(sites, tmp_path):
    copy = shutil.copytree(sites[0], tmp_path / "html")
    page = copy / "lesen.html"
    html = page.read_text("utf-8")
    page.write_text(
        html.replace(
            "</body>", '<script>alert(1)</script><script src="https://cdn.example.org/x.js"></script></body>'
        ),
        "utf-8",
    )
    found = scan_site(copy)
    assert len(found) == 2
    assert all(finding.startswith("lesen.html:") for finding in found)
