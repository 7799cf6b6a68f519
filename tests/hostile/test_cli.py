"""The check command on a directory that is not there fails instead of passing."""

from __future__ import annotations

import subprocess
import sys


def test_check_of_a_missing_directory_fails(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "annotated_reader", "check", str(tmp_path / "doc")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'doc'}: not a directory (give the Sphinx source directory)\n"
    assert "Traceback" not in result.stderr
