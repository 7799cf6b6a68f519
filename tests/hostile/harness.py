"""Run one hostile case: a copy of ``base/`` with some files replaced, checked and built.

Each case is checked twice, the way a contributor's pull request would be: with the
command line (``python -m annotated_reader check``, in a subprocess with a timeout) and
with a Sphinx build (a ``SphinxTestApp`` in a temporary directory).  Both results keep
everything a test needs to assert on: exit code, output, warnings, and the built pages.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.testing.util import SphinxTestApp

BASE = Path(__file__).resolve().parent / "base"
CHECK_TIMEOUT = 120
"""Seconds; a hang is a failure, not a slow pass (the slowest case takes a few seconds)."""


@dataclass(frozen=True)
class Symlink:
    """A symbolic link to ``target`` (absolute, or relative to the link's directory)."""

    target: str


Content = str | bytes | Symlink | None
"""A file's new content; ``None`` deletes the file."""


def materialise(files: dict[str, Content], destination: Path) -> Path:
    """A copy of the base project with ``files`` written over it."""
    srcdir = destination / "src"
    shutil.copytree(BASE, srcdir)
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        if content is None:
            continue
        if isinstance(content, Symlink):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return srcdir


@dataclass
class CheckResult:
    """What ``python -m annotated_reader check`` did."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_check(srcdir: Path) -> CheckResult:
    """The command line check of ``srcdir``, run from inside it (paths print relative)."""
    result = subprocess.run(
        [sys.executable, "-m", "annotated_reader", "check", "."],
        cwd=srcdir,
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    return CheckResult(result.returncode, result.stdout, result.stderr)


@dataclass
class BuildResult:
    """What a Sphinx build did: its warnings, and the error that stopped it, if any."""

    srcdir: Path
    outdir: Path
    warnings: str
    status: str
    error: BaseException | None = None
    pages: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether ``sphinx-build -W`` would fail: a warning, or an error."""
        return bool(self.warnings.strip()) or self.error is not None

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text("utf-8")


def run_sphinx(srcdir: Path, builddir: Path, buildername: str = "html") -> BuildResult:
    """Build ``srcdir``; a ``SphinxError`` is a clean failure, any other exception is not."""
    warning, status = io.StringIO(), io.StringIO()
    app = SphinxTestApp(
        buildername, srcdir=srcdir, builddir=builddir, freshenv=True, status=status, warning=warning
    )
    error: BaseException | None = None
    try:
        app.build()
    except SphinxError as raised:
        error = raised
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    result = BuildResult(srcdir, outdir, warning.getvalue(), status.getvalue(), error)
    if outdir.is_dir():
        for page in sorted(outdir.rglob("*.html")):
            result.pages[page.relative_to(outdir).as_posix()] = page.read_text("utf-8")
    return result
