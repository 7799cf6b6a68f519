"""The output scan of the tests: every page of a built site, checked with the core's scanner.

A script is the site's own when it is a file of the built site (a relative ``src`` that
stays inside the output directory and exists there) or an inline script whose text is
written in one of the installed themes' templates (furo and Sphinx's basic theme have
one-line scripts of their own).  Anything else is a finding, as are event handler
attributes and URLs with another scheme than http, https or mailto.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

from annotated_reader.core.htmlscan import scan_html, url_scheme

THEME_PACKAGES = ("sphinx", "furo", "alabaster")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@cache
def theme_templates() -> str:
    """The text of every HTML template of the installed themes, whitespace squeezed."""
    texts = []
    for package in THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        for template in sorted(Path(spec.origin).parent.rglob("*.html")):
            texts.append(_squeeze(template.read_text("utf-8", errors="replace")))
    return "\n".join(texts)


def scan_site(outdir: Path) -> list[str]:
    """``page:line: message`` for every finding in every HTML page under ``outdir``."""
    root = outdir.resolve()
    findings = []
    for page in sorted(outdir.rglob("*.html")):

        def own_script(src: str | None, text: str, page: Path = page) -> bool:
            if src is None:
                return bool(text.strip()) and _squeeze(text) in theme_templates()
            if url_scheme(src) or src.startswith("//"):
                return False
            target = Path(os.path.normpath(page.parent / src.split("?")[0]))
            return target.is_relative_to(root) and target.is_file()

        relative = page.relative_to(outdir).as_posix()
        for finding in scan_html(page.read_text("utf-8"), own_script):
            findings.append(f"{relative}:{finding.line}: {finding.message}")
    return findings
