"""No traceback for any input: file names, paths and YAML structure, generated (hypothesis).

Every generated project goes through the same pipeline as ``python -m annotated_reader
check`` (:func:`load_project`, in this process so that many examples fit in a test run),
and a few through a Sphinx build: whatever the input, the result is a list of located
problems, never an exception, and no built page carries a script, handler or unsafe link.
``FUZZ_EXAMPLES=600 pytest tests/hostile/test_fuzz.py`` runs ten times as many examples.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from annotated_reader.core import names
from annotated_reader.core.project import load_project
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from .cases import ACTORS, GLOSSARY, TEXT, text_file
from .harness import materialise, run_sphinx
from .scan import scan_site

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters that mean something to a shell, HTML, TeX, URLs, Windows, or the file system.
NASTY = "\"'<>&;:%#?*[]{}()\\^~$`|!@=+,.- \t\u00a0\u200b\u2028\u202eÄöß\U0001f600\x1b\x07"
name_parts = st.text(alphabet=st.sampled_from(list(NASTY) + list("abcxyz019_")), min_size=1, max_size=30)
file_names = st.lists(name_parts, min_size=1, max_size=5).map("/".join)


def check(files: dict[str, str | bytes]) -> list[str]:
    """The problems of the base project with ``files``, as the check prints them."""
    root = Path(tempfile.mkdtemp(prefix="annotated-reader-fuzz-"))
    try:
        srcdir = materialise(files, root)
        return [str(problem) for problem in load_project(srcdir).problems]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def writable(relative: str) -> bool:
    """Whether the file system can hold this path under a project (no NUL, parts < 256 bytes)."""
    parts = relative.split("/")
    return (
        "\x00" not in relative
        and all(part not in ("", ".", "..") for part in parts)
        and all(len(part.encode()) < 200 for part in parts)
    )


@FUZZ
@given(st.text(max_size=300))
def test_any_name_is_judged_without_an_exception(relative):
    problem = names.name_problem(relative, Path("x"), what="page")
    parts = relative.split("/")
    safe = all(names.part_problem(part) == "" for part in parts) and len(parts) <= names.MAX_FOLDERS + 1
    assert (problem is None) == safe
    assert names.part_problem(names.safe_name(relative)) == ""


@FUZZ
@given(file_names, st.sampled_from([".text.yaml", ".md", ".glossary.yaml", ".txt"]))
def test_any_file_name_checks_without_an_exception(relative, suffix):
    path = relative + suffix
    assume(writable(path))
    content = text_file() if suffix == ".text.yaml" else "# Seite\n" if suffix == ".md" else "terms: []\n"
    if suffix == ".glossary.yaml":
        path = "annotations/" + path.replace("/", "-")
    problems = check({path: content})
    if names.source_name_problem(Path("/p") / path, Path("/p")) is not None and suffix in (
        ".text.yaml",
        ".md",
    ):
        assert any("[file-name]" in problem for problem in problems)


@FUZZ
@given(st.text(max_size=120))
def test_any_seed_path_checks_without_an_exception(seed):
    problems = check({TEXT: text_file().replace("seed: ../seeds/t.txt", f"seed: {_quoted(seed)}")})
    assert problems  # whatever the path says, it is not the seed of the base text


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "forms", "notes", "quote", "exact", "seed", "x", "terms"])
            | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@FUZZ
@given(yaml_values, st.sampled_from([TEXT, GLOSSARY, ACTORS]))
def test_any_yaml_structure_checks_without_an_exception(data, path):
    check({path: yaml.safe_dump(data, allow_unicode=True)})


@FUZZ
@given(
    st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"%@` #\n\t\\,?xa0é")), max_size=200),
    st.sampled_from([TEXT, GLOSSARY]),
)
def test_any_yaml_text_checks_without_an_exception(text, path):
    check({path: text})


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(file_names)
def test_any_page_name_builds_without_an_exception_or_injection(tmp_path_factory, relative):
    path = relative + ".md"
    assume(writable(path))
    root = tmp_path_factory.mktemp("fuzz")
    result = run_sphinx(materialise({path: "# Seite\n\nText.\n"}, root), root / "_build")
    assert result.error is None
    assert "Traceback" not in result.warnings
    assert scan_site(result.outdir) == []


def _quoted(text: str) -> str:
    return '"' + "".join(f"\\u{ord(char):04x}" if not char.isalnum() else char for char in text) + '"'
