"""The one pipeline: what a text depends on, and why a text is missing."""

from pathlib import Path

from annotated_reader.core.pipeline import build_text, load_registries
from annotated_reader.core.project import DEFAULT_REGISTRIES, DEFAULT_SEED_DIRS

from ..conftest import copy_root

TEXT = Path("texts/atlantis.text.yaml")


def test_a_text_depends_on_every_registry_file_and_its_seed(tmp_path: Path) -> None:
    root = copy_root("basic", tmp_path)
    registries = load_registries(root, DEFAULT_REGISTRIES, DEFAULT_SEED_DIRS)
    result = build_text(root / TEXT, registries, root)
    assert result.text is not None and result.failure is None
    assert result.seed is result.text.seed
    *registry_files, seed = result.dependencies
    assert sorted(registry_files) == sorted((root / "annotations").glob("*.yaml"))
    assert seed.samefile(root / "seeds" / "atlantis.txt")


def test_a_missing_seed_is_the_failure_and_no_dependency(tmp_path: Path) -> None:
    root = copy_root("basic", tmp_path)
    (root / "seeds" / "atlantis.txt").unlink()
    registries = load_registries(root, DEFAULT_REGISTRIES, DEFAULT_SEED_DIRS)
    result = build_text(root / TEXT, registries, root)
    assert result.text is None and result.seed is None
    assert result.failure is not None and "does not exist" in result.failure.message
    assert result.failure in result.problems
    assert result.dependencies == registries.dependencies
