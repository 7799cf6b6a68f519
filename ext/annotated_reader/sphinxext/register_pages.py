"""One message for a kind of entry that no page describes, instead of one per mention.

A project that mentions persons but has no page with ``{ar:register} person`` (or terms and
no ``{ar:glossary}``) would get Sphinx's "reference target not found" for every mention and
every card, without a word on the cause.  After reading, each kind of entry the texts
mention is looked up among the entries the pages describe; for each kind that no page
describes, one warning names the page to add, and the mentions of that kind are left as
plain text without a warning of their own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.problems import Location, Problem, ProblemKind
from .config import reader_config
from .domain import reader_domain
from .report import report

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PAGELESS = "annotated_reader_pageless"
"""Attribute of the environment: the (kind, type) pairs that no page describes in this build."""


def pageless(env: BuildEnvironment) -> frozenset[tuple[str, str]]:
    """The kinds of entry (``("actor", "person")``, ``("term", "term")``) no page describes."""
    return getattr(env, PAGELESS, frozenset())


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    domain = reader_domain(env)
    described = {(kind, type_) for kind, type_, _id in domain.objects}
    mentioned: Counter[tuple[str, str]] = Counter()
    first_text: dict[tuple[str, str], str] = {}
    texts: dict[tuple[str, str], set[str]] = {}
    # Counted per text when it was read: not every mention of the edition on every build.
    for docname in sorted(domain.mentioned_kinds):
        for key, count in domain.mentioned_kinds[docname].items():
            mentioned[key] += count
            first_text.setdefault(key, docname)
            texts.setdefault(key, set()).add(docname)
    missing = frozenset(key for key in mentioned if key not in described)
    setattr(env, PAGELESS, missing)
    types = reader_config(env.config).actor_types
    problems = []
    for kind, type_ in sorted(missing):
        if kind == "term":
            what, directive = "glossary terms", "```{ar:glossary}```"
        else:
            register = types.get(type_, {}).get("register", type_).lower()
            what, directive = f"{register} (actor type '{type_}')", f"```{{ar:register}} {type_}```"
        count, in_texts = mentioned[kind, type_], len(texts[kind, type_])
        problems.append(
            Problem(
                ProblemKind.REGISTER_PAGE,
                Location(Path(env.doc2path(first_text[kind, type_]))),
                f"{count} mention{'s' if count > 1 else ''} of {what} in {in_texts} text"
                f"{'s' if in_texts > 1 else ''} {'links' if count == 1 else 'link'} nowhere: no page describes them",
                f"add a page with {directive} and list it in a toctree",
            )
        )
    report(problems)


def _missing_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Leave a cross-reference to a kind no page describes as plain text (said once, above)."""
    missing = pageless(env)
    if not missing:
        return None
    domain, reftype = node.get("refdomain"), node.get("reftype")
    if (domain == "std" and reftype == "term" and ("term", "term") in missing) or (
        domain == "ar" and ("actor", reftype) in missing
    ):
        return contnode
    return None


def setup_register_pages(app: Sphinx) -> None:
    """Check, after reading, that every kind of entry mentioned has a page."""
    app.connect("env-check-consistency", _check)
    app.connect("missing-reference", _missing_reference)
