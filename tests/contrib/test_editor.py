"""Editor support: every annotation file names its JSON Schema, and the names resolve.

Editors with a YAML language server (VS Code's YAML extension among them) read the first
line ``# yaml-language-server: $schema=<path>`` and complete and check fields from that
schema; ``.vscode/settings.json`` maps the file endings to the schemas for files without
the line.  ``tools/editor_check.py`` runs the language server itself (it needs Node.js).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from annotated_reader.core.schema import FileKind

from ..conftest import DOCS, PROJECT, ROOTS
from .test_examples import EXAMPLES_DIR

SCHEMAS = PROJECT / "ext" / "annotated_reader" / "schemas"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def annotation_files() -> list[Path]:
    found = []
    for root in (DOCS, ROOTS, EXAMPLES_DIR):
        for path in sorted(root.rglob("*.yaml")):
            if FileKind.of(path.name) is not None and "_build" not in path.parts:
                found.append(path)
    return found


@pytest.mark.parametrize("path", annotation_files(), ids=lambda path: str(path.relative_to(PROJECT)))
def test_annotation_file_points_at_its_schema(path):
    kind = FileKind.of(path.name)
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    match = MODELINE.match(first_line)
    assert match, f"{path}: the first line should be '# yaml-language-server: $schema=…'"
    schema = (path.parent / match.group(1)).resolve()
    assert schema == (SCHEMAS / kind.schema_name).resolve(), (
        f"{path}: {match.group(1)} is not {kind.schema_name}"
    )


def test_vscode_settings_map_each_kind_to_its_schema():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = {glob: (PROJECT / schema).resolve() for schema, glob in settings["yaml.schemas"].items()}
    assert mapping == {f"*{kind.suffix}": (SCHEMAS / kind.schema_name).resolve() for kind in FileKind}
    extensions = json.loads((PROJECT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("kind", list(FileKind), ids=lambda kind: kind.value)
def test_schema_refs_resolve_relative_to_the_file(kind):
    # Editors resolve "$ref": "common.schema.json#…" against the schema file's own location.
    schema = json.loads((SCHEMAS / kind.schema_name).read_text("utf-8"))
    refs = re.findall(r'"\$ref": "([^"#]+)#', json.dumps(schema))
    assert all((SCHEMAS / ref).is_file() for ref in refs), refs


def test_pre_commit_hooks_use_the_pinned_ruff_and_the_runtime_dependencies():
    import tomllib

    import yaml

    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))
    project = pyproject["project"]
    ruff_pin = next(dep for dep in pyproject["dependency-groups"]["lint"] if dep.startswith("ruff=="))
    assert hooks["ruff-check"]["additional_dependencies"] == [ruff_pin]
    assert hooks["ruff-format"]["additional_dependencies"] == [ruff_pin]
    check = hooks["annotation-check"]
    assert sorted(check["additional_dependencies"], key=str.lower) == sorted(
        project["dependencies"], key=str.lower
    )
    assert check["entry"] == "python tools/annotation_check.py docs"


def test_annotation_check_tool_runs_from_the_checkout():
    import subprocess
    import sys

    ok = subprocess.run(
        [sys.executable, str(PROJECT / "tools" / "annotation_check.py"), str(EXAMPLES_DIR / "base")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 problem(s)" in ok.stderr
