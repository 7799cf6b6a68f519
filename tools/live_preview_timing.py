"""Time the live preview: from saving an annotation file to the change in the browser.

Starts the same server as ``nox -s serve`` (``python -m annotated_reader serve`` with the
session's options; ``--cold``: plain sphinx-autobuild) on a copy of the edition, waits for the first build, then repeatedly edits a note in the
text file (and, once per round, an entry of the glossary) and measures how long until

* the served page contains the change (polling over HTTP every 20 ms), and
* an open Chromium page (Playwright, ``--browser``) shows it: sphinx-autobuild's script
  reloads the page when the rebuild is done.

It also reports which documents each rebuild re-read.  Run from the repository::

    python tools/live_preview_timing.py --rounds 5 --browser

Speed is measured here, never in the test suite.  Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_PAGE = "texts/kasachstan-distanziert-sich-von-russland"
TEXT_FILE = f"{TEXT_PAGE}.text.yaml"
NOTE_ANCHOR = "Russland begann am frühen Morgen des 24. Februar 2022"
GLOSSARY_FILE = "annotations/glossar.glossary.yaml"
GLOSSARY_ANCHOR = "Krieg, den ein Staat gegen einen anderen beginnt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # the server is on 127.0.0.1
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if marker in fetch(url):
            return time.monotonic()
        time.sleep(0.02)
    return None


def edit(path: Path, anchor: str, marker: str) -> float:
    text = path.read_text("utf-8")
    text = re.sub(r" ?\[edit-\d+\]", "", text)
    assert anchor in text, anchor
    path.write_text(text.replace(anchor, f"{anchor} [{marker}]", 1), "utf-8")
    return time.monotonic()


def builds_done(log: Path) -> int:
    """How many builds the server has finished (each ends with "Serving on …")."""
    return log.read_text("utf-8", errors="replace").count("Serving on")


def wait_until_idle(log: Path, done_before: int, timeout: float = 120) -> None:
    """Wait for the rebuild started by an edit to finish, so that edits do not overlap."""
    end = time.monotonic() + timeout
    while builds_done(log) <= done_before and time.monotonic() < end:
        time.sleep(0.05)
    time.sleep(0.3)


def reads_since(log: Path, offset: int) -> tuple[list[str], int]:
    text = log.read_text("utf-8", errors="replace")
    found = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", text[offset:])
    return sorted(set(found)), len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also measure in Chromium (Playwright)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--cold", action="store_true", help="plain sphinx-autobuild (a new Python per rebuild), to compare"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="live-preview-"))
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "tests" / "contrib" / "examples", work / "tests" / "contrib" / "examples")
    port = free_port()
    log = work / "server.log"
    server_module = ["sphinx_autobuild"] if args.cold else ["annotated_reader", "serve"]
    command = [
        sys.executable, "-m", *server_module, "--host", "127.0.0.1", "--port", str(port),
        "--watch", str(work / "seeds"), "--ignore", "*/_build/*",
        str(work / "docs"), str(work / "docs" / "_build" / "serve"),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=work)
    browser = page = playwright = None
    results: dict[str, list[float]] = {"note, HTTP": [], "note, browser": [], "glossary, HTTP": []}
    reads: dict[str, list[list[str]]] = {"note": [], "glossary": []}
    try:
        if wait_for(f"{base}/{TEXT_PAGE}.html", "</html>", 300) is None:
            print("the first build did not finish", file=sys.stderr)
            return 1
        wait_until_idle(log, 0)
        offset = len(log.read_text("utf-8", errors="replace"))
        if args.browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{base}/{TEXT_PAGE}.html")
        for number in range(args.rounds):
            marker = f"edit-{number}"
            done_before = builds_done(log)
            started = edit(work / "docs" / TEXT_FILE, NOTE_ANCHOR, marker)
            if page is not None:
                page.wait_for_function(f"document.body.innerText.includes('[{marker}]')", timeout=60_000)
                results["note, browser"].append(time.monotonic() - started)
            done = wait_for(f"{base}/{TEXT_PAGE}.html", f"[{marker}]", 60)
            if done is None:
                print(f"round {number}: the change never appeared", file=sys.stderr)
                return 1
            results["note, HTTP"].append(done - started)
            wait_until_idle(log, done_before)
            found, offset = reads_since(log, offset)
            reads["note"].append(found)

            marker = f"edit-{100 + number}"
            done_before = builds_done(log)
            started = edit(work / "docs" / GLOSSARY_FILE, GLOSSARY_ANCHOR, marker)
            done = wait_for(f"{base}/glossar.html", f"[{marker}]", 60)
            if done is None:
                print(f"round {number}: the glossary change never appeared", file=sys.stderr)
                return 1
            results["glossary, HTTP"].append(done - started)
            wait_until_idle(log, done_before)
            found, offset = reads_since(log, offset)
            reads["glossary"].append(found)
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    for name, times in results.items():
        if times:
            print(
                f"{name:16} n={len(times)}  median {statistics.median(times):.2f} s  "
                f"min {min(times):.2f} s  max {max(times):.2f} s"
            )
    for name, lists in reads.items():
        print(f"re-read after a {name} edit: {sorted({doc for found in lists for doc in found})}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
