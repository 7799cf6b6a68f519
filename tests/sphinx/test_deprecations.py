"""Sphinx's deprecations are errors in our code (the ``filterwarnings`` of ``pyproject.toml``).

Sphinx attributes a deprecation to the module that used the deprecated name (its
caller's caller), so the filter for ``annotated_reader.*`` catches our uses and not
Sphinx's own.  These tests use a deprecated name from a function that claims to live in
our package, as our code would, and from one that does not.
"""

from __future__ import annotations

import warnings

import pytest
from sphinx.deprecation import RemovedInSphinx11Warning
from sphinx.transforms import SphinxTransform


def _use_app_of_a_transform(module: str) -> None:
    """Read the deprecated ``SphinxTransform.app`` from code in ``module``."""

    class Transform(SphinxTransform):
        @property
        def env(self) -> object:
            return type("Env", (), {"_app": None})()

    transform = Transform.__new__(Transform)
    source = "def use(transform):\n    return transform.app\n"
    namespace: dict[str, object] = {"__name__": module}
    exec(compile(source, f"<{module}>", "exec"), namespace)  # noqa: S102 - a module of that name
    namespace["use"](transform)  # type: ignore[operator]


def test_a_sphinx_11_deprecation_in_our_code_fails() -> None:
    with pytest.raises(RemovedInSphinx11Warning, match="app"):
        _use_app_of_a_transform("annotated_reader.sphinxext.example")


def test_the_same_deprecation_elsewhere_only_warns() -> None:
    with warnings.catch_warnings(record=True) as caught:  # the filters in force, recorded
        _use_app_of_a_transform("some_other_extension")
    assert [warning.category for warning in caught] == [RemovedInSphinx11Warning]
