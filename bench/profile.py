"""``python -m bench profile [N] [--plain]``: a cold build of N texts under pyinstrument.

Writes ``bench-results/profile-<N>-<edition>.html`` (and ``.txt``), to see where the time
of a build goes.  Needs pyinstrument (``pip install pyinstrument``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import corpus, plain

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench profile")
    parser.add_argument("texts", type=int, nargs="?", default=100)
    parser.add_argument("--plain", action="store_true", help="profile the edition without the extension")
    parser.add_argument("--out", default=str(PROJECT / "bench-results"))
    args = parser.parse_args(argv)
    edition = "plain" if args.plain else "annotated"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="annotated-reader-profile-") as temporary:
        base = Path(temporary)
        corpus.generate(args.texts, base / "annotated")
        if args.plain:
            plain.render(base / "annotated", base / "plain")
        stem = out / f"profile-{args.texts}-{edition}"
        session = f"{stem}.pyisession"
        command = [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", session, "-m", "sphinx"]
        command += ["-q", "-b", "html", "-d", str(base / "doctrees"), str(base / edition), str(base / "html")]
        subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
        for renderer, suffix in (("html", ".html"), ("text", ".txt")):
            command = [sys.executable, "-m", "pyinstrument", "--load", session, "-r", renderer]
            subprocess.run([*command, "-o", f"{stem}{suffix}"], check=True)
        print(f"{stem}.html")
    return 0
