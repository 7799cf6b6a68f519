"""The CI check that no symbolic link is tracked, run exactly as ``.ci/run`` runs it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ..conftest import PROJECT

CHECK = PROJECT / ".ci" / "check-symlinks"


def _git(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_ci_runs_the_check():
    assert ".ci/check-symlinks" in (PROJECT / ".ci" / "run").read_text("utf-8")


def test_this_repository_tracks_no_symbolic_link():
    if shutil.which("git") is None or _git("rev-parse", "--git-dir", cwd=PROJECT).returncode != 0:
        pytest.skip("not a git checkout")
    result = subprocess.run([CHECK], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_a_tracked_symbolic_link_fails_the_check(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    _git("init", "-q", cwd=tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seite.md").write_text("# Seite\n", "utf-8")
    (tmp_path / "docs" / "passwort.md").symlink_to("/etc/passwd")
    _git("add", "docs", cwd=tmp_path)
    result = subprocess.run([CHECK], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "symbolic links are tracked" in result.stdout
    assert result.stdout.splitlines()[-1] == "docs/passwort.md"
