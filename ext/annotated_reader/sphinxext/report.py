"""Problems of the core as typed, located Sphinx warnings.

Every warning is ``annotated_reader.<subtype>`` (the subtypes are
:class:`~annotated_reader.core.problems.ProblemKind`, plus ``config``), located at
``file:line:col`` of the annotation file or seed, so that it can be silenced with
``suppress_warnings`` and an editor can jump to it.  Under ``-W`` each one fails the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from sphinx.util import logging

from ..core.problems import Problem, sort_problems

WARNING_TYPE = "annotated_reader"

logger = logging.getLogger("annotated_reader")


def report(problems: Iterable[Problem]) -> None:
    """Log each problem as a warning of type ``annotated_reader``."""
    for problem in sort_problems(problems):
        logger.warning(
            problem.text,
            type=WARNING_TYPE,
            subtype=problem.kind.value,
            location=_location(problem),
        )


def _location(problem: Problem) -> str:
    # A location without a colon would be read by Sphinx as a document name.
    where = problem.location
    text = f"{os.path.normpath(where.path)}:{where.line or 1}"
    return f"{text}:{where.column}" if where.column else text
