"""Build the edition for publishing: the site, with the PDF and the EPUB next to its start page.

    python tools/publish.py OUT [--docs DOCS] [--build BUILD]      (nox -s publish)

HTML, PDF (XeLaTeX through latexmk, registers through xindy) and EPUB are built from
``docs/`` with ``-nW`` into one build directory (one set of doctrees for the three); the
site is copied to ``OUT`` and the PDF and the EPUB next to its ``index.html``, under the
names ``latex_documents`` and ``epub_basename`` in ``conf.py`` give them, which are the
names the site's download links use.  Before it finishes, every link of a page of ``OUT`` to
a ``.pdf`` or ``.epub`` is checked to reach a file of ``OUT``; epubcheck checks the EPUB
when it is installed.  ``OUT`` is then ready to be served as it is (any static host).
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
DOWNLOAD_LINK = re.compile(r'href="([^"#?]+\.(?:pdf|epub))"')


def sphinx(target: str, docs: Path, build: Path) -> None:
    """``sphinx-build -M <target> docs build -nW --keep-going`` (stops on any warning)."""
    command = [sys.executable, "-m", "sphinx", "-M", target, str(docs), str(build), "-nW", "--keep-going"]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def only(pattern: str, directory: Path) -> Path:
    """The one file matching ``pattern`` in ``directory``."""
    found = sorted(directory.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"expected one {pattern} in {directory}, found {[p.name for p in found]}")
    return found[0]


def broken_download_links(site: Path) -> list[str]:
    """Links of the site's pages to a PDF or an EPUB that is not in the site."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in DOWNLOAD_LINK.findall(page.read_text("utf-8")):
            if urlsplit(href).scheme:
                continue
            target = posixpath.normpath(
                posixpath.join(page.parent.relative_to(site).as_posix(), unquote(href))
            )
            if not (site / target).is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken


def publish(out: Path, docs: Path, build: Path) -> list[Path]:
    """Build all three outputs and put them together in ``out``; the files published."""
    shutil.rmtree(build, ignore_errors=True)
    for target in ("html", "latexpdf", "epub"):
        sphinx(target, docs, build)
    pdf = only("*.pdf", build / "latex")
    epub = only("*.epub", build / "epub")
    if shutil.which("java") and EPUBCHECK.is_file():
        subprocess.run(["java", "-jar", str(EPUBCHECK), "--failonwarnings", str(epub)], check=True)
    else:
        print(f"epubcheck not run: install Debian's epubcheck and default-jre-headless ({EPUBCHECK})")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(build / "html", out, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    sources = out / "_sources"  # empty with html_copy_source = False
    if sources.is_dir() and not any(sources.iterdir()):
        sources.rmdir()
    published = [Path(shutil.copy2(pdf, out / pdf.name)), Path(shutil.copy2(epub, out / epub.name))]
    broken = broken_download_links(out)
    if broken:
        raise SystemExit("download links that reach no file:\n  " + "\n  ".join(broken))
    return published


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to publish (replaced)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--build", type=Path, default=ROOT / "docs" / "_build" / "publish-build")
    options = parser.parse_args(argv)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        print("note: SOURCE_DATE_EPOCH is not set; the PDF and the EPUB carry today's date")
    for path in publish(options.out.resolve(), options.docs.resolve(), options.build.resolve()):
        print(f"published: {path}")
    print(f"Ready to publish: {options.out.resolve()} (open index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
