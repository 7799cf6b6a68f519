"""Reproduce: an incremental HTML build drops the index entries of pages it does not write.

Plain Sphinx, no extension: two pages with an ``index`` directive each; a full build,
then an edit to one page and an incremental build.  The search index should still hold
both pages' index entries (as a fresh build of the edited project does).

Run: ``python repro_indexbuilder_load.py`` (exit status 1 while the bug is present).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def index_entries(outdir: Path) -> dict[str, object]:
    text = (outdir / "searchindex.js").read_text("utf-8")
    data = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    return data["indexentries"]


def build(src: Path, out: Path, *, fresh: bool) -> dict[str, object]:
    fresh_env = ["-E"] if fresh else []
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", *fresh_env, src, out], check=True)
    return index_entries(out)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src")
        src.mkdir()
        (src / "conf.py").write_text("", "utf-8")
        (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   one\n   two\n", "utf-8")
        (src / "one.rst").write_text("One\n===\n\n.. index:: apple\n\nApples.\n", "utf-8")
        (src / "two.rst").write_text("Two\n===\n\n.. index:: pear\n\nPears.\n", "utf-8")
        full = build(src, Path(tmp, "out"), fresh=True)
        (src / "one.rst").write_text("One\n===\n\n.. index:: apple\n\nApples, edited.\n", "utf-8")
        incremental = build(src, Path(tmp, "out"), fresh=False)
        fresh = build(src, Path(tmp, "fresh"), fresh=True)
    print("full build:       ", sorted(full))
    print("incremental build:", sorted(incremental))
    print("fresh build:      ", sorted(fresh))
    return 0 if incremental == fresh else 1


if __name__ == "__main__":
    sys.exit(main())
