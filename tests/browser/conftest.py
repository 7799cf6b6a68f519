"""The real site in a real browser: one build per session, served on 127.0.0.1.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright's Python package (its
own browser download does not work here and is never called).  axe-core and the Nu HTML
checker come from the npm registry, pinned in ``package.json``/``package-lock.json`` and
installed with ``npm ci --ignore-scripts`` (nox's tests session and ``.ci/run`` do that).
Locally a missing piece skips these tests; in CI it fails them (see ``require``).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import DOCS, IN_CI, PROJECT, require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NODE_MODULES = PROJECT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = PROJECT / "test-artifacts"
ARTICLE = "texts/kasachstan-distanziert-sich-von-russland.html"


def require_files(*paths: Path) -> None:
    """Like ``require`` for files that ``npm ci`` installs: skip locally, fail in CI."""
    missing = [str(path.relative_to(PROJECT)) for path in paths if not path.exists()]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (run: npm ci --ignore-scripts)"
    if IN_CI:
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)


def require_playwright() -> None:
    require("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("needs the playwright package (pip install -e .[test])")
        pytest.skip("needs the playwright package (pip install -e .[test])")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation, built once per session like ``nox -s docs`` (fresh, -nW)."""
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-nW", "--keep-going", "-q"]
    command += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out / "html"


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served by a local http.server on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_playwright()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """A factory of pages in fresh contexts (``width``, and any context option)."""
    contexts = []

    def make(width: int = 1400, height: int = 900, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` at the repository root (ignored by git), for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
