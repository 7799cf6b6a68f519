"""The source policy: refused hosts, dates, and the sources grouped by address."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from annotated_reader.core.annotations import Source
from annotated_reader.core.problems import Location, ProblemKind
from annotated_reader.core.sources import (
    SourcePolicy,
    group_sources,
    host,
    refused_host,
    source_problems,
    unsourced_problems,
)

TODAY = datetime.date(2026, 12, 2)
HERE = Location(Path("a.glossary.yaml"), 12, 9)


def source(url: str = "https://example.org/a", **fields: str) -> Source:
    return Source(
        title=fields.pop("title", "T"), publisher="P", url=url, location=HERE, url_location=HERE, **fields
    )


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://www.wikiwand.com/de/Kasachstan", "wikiwand.com"),
        ("https://online.flipbuilder.com/x/y", "flipbuilder.com"),
        ("https://MENAFN.com:443/1107680885/x", "menafn.com"),
        ("https://notmenafn.com/a", None),  # a name that ends like a refused host is not it
        ("https://menafn.com.example.org/a", None),
        ("https://www.tagesschau.de/a", None),
    ],
)
def test_a_refused_host_refuses_its_subdomains_and_nothing_else(url, refused):
    assert refused_host(url, SourcePolicy().refused_hosts) == refused


def test_host_is_lowercase_without_www_and_port():
    assert host("https://WWW.Example.org:8443/a?b") == "example.org"


def test_a_source_from_a_refused_host_is_reported_at_its_address():
    (problem,) = source_problems([source("https://www.wikizero.com/de/X")], SourcePolicy(), TODAY)
    assert problem.kind is ProblemKind.SOURCE_REFUSED
    assert problem.location == HERE
    assert "wikizero.com" in problem.message
    assert problem.suggestion


def test_the_list_of_refused_hosts_is_the_editions():
    policy = SourcePolicy(refused_hosts=("example.org",))
    assert [p.kind for p in source_problems([source()], policy, TODAY)] == [ProblemKind.SOURCE_REFUSED]
    assert source_problems([source("https://www.wikiwand.com/x")], policy, TODAY) == []


def test_dates_are_required_only_where_the_edition_requires_them():
    undated = source()
    assert source_problems([undated], SourcePolicy(), TODAY) == []
    problems = source_problems([undated], SourcePolicy(require_dates=True), TODAY)
    assert [p.kind for p in problems] == [ProblemKind.SOURCE_INCOMPLETE] * 2
    assert "no date" in problems[0].message and "undatiert" in problems[0].suggestion
    assert "accessed" in problems[1].message


def test_undatiert_and_a_checked_day_satisfy_the_policy():
    dated = [source(date="undatiert", accessed="2026-12-01"), source(date="2022-09", accessed="2026-12-01")]
    assert source_problems(dated, SourcePolicy(require_dates=True), TODAY) == []


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"date": "2022-02-30"}, "not a real calendar date"),
        ({"accessed": "2026-13-01"}, "not a real calendar day"),
        ({"accessed": "2026-12"}, "not a real calendar day"),
        ({"accessed": "2027-01-01"}, "in the future"),
        ({"date": "2026-11-30", "accessed": "2026-11-01"}, "after it was checked"),
    ],
)
def test_wrong_dates_are_reported_under_any_policy(fields, says):
    (problem,) = source_problems([source(**fields)], SourcePolicy(), TODAY)
    assert problem.kind is ProblemKind.SOURCE_INCOMPLETE
    assert says in problem.message


def test_sources_are_grouped_by_address_with_the_fullest_record():
    first = source("https://example.org/a")
    other = source("https://example.org/b")
    fuller = source("https://example.org/a", date="2022-09-26", accessed="2026-12-01")
    groups = group_sources([first, other, fuller])
    assert [group.source.url for group in groups] == ["https://example.org/a", "https://example.org/b"]
    assert groups[0].source is fuller
    assert groups[0].variants == (first, fuller)


def test_entries_and_notes_without_sources_only_where_the_edition_requires_them():
    from annotated_reader.core.project import load_project

    from ..contrib.test_examples import EXAMPLES_DIR

    project = load_project(EXAMPLES_DIR / "base")
    entries = list(project.registry.entries.values())
    notes = [note for spec in project.specs for note in spec.notes]
    assert unsourced_problems(entries, notes, SourcePolicy()) == []
    problems = unsourced_problems(entries, notes, SourcePolicy(require_sources=True))
    unsourced = {p.message for p in problems}
    assert "actor 'stadtrat-atlantis' has no source" in unsourced
    assert "note 'historischer-tag' has no source" in unsourced
    assert "term 'zollunion' has no source" not in unsourced
    assert all(p.kind is ProblemKind.SOURCE_INCOMPLETE and p.location.line for p in problems)
